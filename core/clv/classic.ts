import { CvError } from '../errors.ts';

/** Inputs of the retention-based ("classic") CLV formula. */
export interface ClassicClvInput {
  /** Margin m the customer brings per period (money). */
  margin: number;
  /** Retention r: probability of staying one more period, 0..1. */
  retention: number;
  /** Discount rate d per period, > −1. */
  discount: number;
  /** Number of periods N (a whole number ≥ 0); omitted or Infinity: infinite horizon. */
  horizon?: number;
  /**
   * When the first margin arrives: 'next' (default) — at the end of period 1,
   * already subject to one retention and one discount; 'now' — at period 0,
   * undiscounted and certain.
   */
  firstMargin?: 'next' | 'now';
  /** Acquisition cost AC, subtracted once (default 0). */
  acquisitionCost?: number;
}

const FN = 'classicClv';

/**
 * Customer lifetime value with constant margin m, retention r and discount d
 * (Gupta & Lehmann 2003, "Customers as assets", J. Interactive Marketing
 * 17(1); Berger & Nasr 1998):
 *
 * - infinite horizon, first margin next period: m·r / (1 + d − r)
 * - infinite horizon, first margin now:         m·(1 + d) / (1 + d − r)
 * - N periods, first margin next period:        Σ_{t=1..N}   m·r^t / (1 + d)^t
 * - N periods, first margin now:                Σ_{t=0..N−1} m·r^t / (1 + d)^t
 *
 * The finite sums tend to the infinite forms as N → ∞; minus acquisitionCost.
 * With r = 0.8, d = 0.1, m = 100, N = 5, 'next' gives 212.4097 (=100·Σ_{t=1..5}(0.8/1.1)^t).
 *
 * @throws CvError(fn, 'value') when an input is NaN; 'num' when retention is
 *   outside [0, 1], discount ≤ −1, horizon is negative or not whole, or, for
 *   the infinite horizon, r ≥ 1 + d (the sum diverges).
 * @example classicClv({ margin: 1, retention: 0.8, discount: 0.1 }) // 2.6667
 */
export function classicClv(input: ClassicClvInput): number {
  const { margin: m, retention: r, discount: d } = input;
  const n = input.horizon ?? Infinity;
  const ac = input.acquisitionCost ?? 0;
  const now = (input.firstMargin ?? 'next') === 'now';
  for (const [k, v] of [['margin', m], ['retention', r], ['discount', d], ['horizon', n], ['acquisitionCost', ac]] as const) {
    if (Number.isNaN(v)) throw new CvError(FN, 'value', `${k} is not a number`);
  }
  if (!Number.isFinite(m) || !Number.isFinite(ac)) throw new CvError(FN, 'num', 'margin and acquisition cost must be finite');
  if (r < 0 || r > 1) throw new CvError(FN, 'num', `retention ${r} is outside [0, 1]`);
  if (d <= -1 || !Number.isFinite(d)) throw new CvError(FN, 'num', `discount ${d} must be finite and greater than −1`);
  if (n < 0) throw new CvError(FN, 'num', `horizon ${n} is negative`);
  if (n !== Infinity && !Number.isInteger(n)) throw new CvError(FN, 'num', `horizon ${n} is not a whole number of periods`);
  if (n === Infinity) {
    if (r >= 1 + d) throw new CvError(FN, 'num', `retention ${r} ≥ 1 + discount: the infinite sum diverges`);
    return (now ? (m * (1 + d)) / (1 + d - r) : (m * r) / (1 + d - r)) - ac;
  }
  const q = r / (1 + d);
  // Summed term by term: exact for q = 1 and stable for small N.
  let sum = 0;
  let term = now ? 1 : q;
  for (let t = 0; t < n; t++) {
    sum += term;
    term *= q;
  }
  return m * sum - ac;
}
