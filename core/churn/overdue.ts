import { CvError } from '../errors.ts';
import { median } from '../score/median.ts';

/** The summary fields the overdue score reads (all in the same time unit). */
export interface OverdueInput {
  frequency: number;
  recency: number;
  sinceLast: number;
  T: number;
}

/**
 * The population's typical gap between purchases: the median of the repeat
 * customers' own mean gaps (recency / frequency). Without any repeat
 * customer, the median age T of everybody stands in (so a one-time buyer of
 * typical age is "one gap" overdue). NaN for an empty population.
 *
 * @example typicalGap([{ frequency: 2, recency: 10, sinceLast: 1, T: 11 }, { frequency: 0, recency: 0, sinceLast: 3, T: 3 }]) // 5
 */
export function typicalGap(rows: readonly OverdueInput[]): number {
  const gaps: number[] = [];
  for (const r of rows) if (r.frequency > 0) gaps.push(r.recency / r.frequency);
  if (gaps.length > 0) return median(gaps);
  return median(rows.map((r) => r.T));
}

/**
 * Heuristic churn risk 0..1 from how overdue a customer is against their own
 * purchase rhythm. Gap g = recency / frequency (the customer's mean time
 * between purchases), or `populationGap` for a one-time buyer. With the
 * overdue ratio o = sinceLast / g the risk is the log-logistic curve
 *
 *   risk = o^k / (1 + o^k),  k = `shape` (default 2)
 *
 * 0 right after a purchase, 0.5 exactly one gap after the last purchase,
 * 0.8 at two gaps, 0.9 at three; it never decreases as sinceLast grows.
 * A gap of 0 (no time has passed in the whole population) gives 0 when
 * sinceLast is 0 and 1 otherwise.
 *
 * @throws CvError('overdueRisk', 'value') for a non-finite input; 'num' for
 *   negative times or a shape ≤ 0.
 * @example overdueRisk({ frequency: 4, recency: 40, sinceLast: 10, T: 50 }, 7) // 0.5
 */
export function overdueRisk(c: OverdueInput, populationGap: number, shape = 2): number {
  const fn = 'overdueRisk';
  // Checked one by one rather than by looping over an array literal: this runs once per customer.
  if (
    !Number.isFinite(c.frequency) ||
    !Number.isFinite(c.recency) ||
    !Number.isFinite(c.sinceLast) ||
    !Number.isFinite(populationGap) ||
    !Number.isFinite(shape)
  ) {
    throw new CvError(fn, 'value', 'inputs must be finite numbers');
  }
  if (c.sinceLast < 0 || c.recency < 0 || populationGap < 0) throw new CvError(fn, 'num', 'times must not be negative');
  if (shape <= 0) throw new CvError(fn, 'num', `shape ${shape} must be positive`);
  const gap = c.frequency > 0 && c.recency > 0 ? c.recency / c.frequency : populationGap;
  if (gap === 0) return c.sinceLast > 0 ? 1 : 0;
  const ok = (c.sinceLast / gap) ** shape;
  return ok === Infinity ? 1 : ok / (1 + ok);
}

/**
 * Overdue risk of every customer, with the population gap from
 * {@link typicalGap} unless given.
 *
 * @example churnRiskScores([{ frequency: 1, recency: 5, sinceLast: 5, T: 10 }]) // [0.5]
 */
export function churnRiskScores(rows: readonly OverdueInput[], options: { typicalGap?: number; shape?: number } = {}): number[] {
  if (rows.length === 0) return [];
  const gap = options.typicalGap ?? typicalGap(rows);
  const risks = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) risks[i] = overdueRisk(rows[i], gap, options.shape);
  return risks;
}
