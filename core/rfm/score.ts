import { CvError } from '../errors.ts';

/** The three RFM facts of one customer. */
export interface RfmInput {
  /** Time since the last purchase (smaller is better). */
  sinceLast: number;
  /** Purchase count (purchase days, or repeat purchases: the ranks are the same). */
  frequency: number;
  /** Money: total revenue or profit (the segment pipeline passes the chosen value). */
  monetary: number;
}

/** Scores 1..5 per dimension and the three-digit cell, e.g. "545". */
export interface RfmScore {
  r: number;
  f: number;
  m: number;
  cell: string;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quintile score 1..5 of each value among all values.
 *
 * Tie rule: a value's score comes from the number of values strictly worse
 * than it, `worse`: score = 1 + ⌊5 · worse / n⌋. Equal values therefore always
 * share a score (the lowest their block reaches), whatever the input order;
 * the best distinct value gets 5 only if at least 80 % of values are worse.
 *
 * @param higherIsBetter false for recency-like values (smaller is better).
 * @throws CvError('quintileScores', 'value') for a value that is not finite.
 * @example quintileScores([10, 20, 30, 40, 50]) // [1, 2, 3, 4, 5]
 */
export function quintileScores(values: readonly number[], higherIsBetter = true): number[] {
  const n = values.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new CvError('quintileScores', 'value', `value #${i + 1} is not a finite number`);
    sorted[i] = v;
  }
  sorted.sort();
  return values.map((v) => {
    const worse = higherIsBetter ? lowerBound(sorted, v) : n - upperBound(sorted, v);
    return 1 + Math.floor((5 * worse) / n);
  });
}

/**
 * RFM scores of a population: R from `sinceLast` (reversed: the most recent
 * customers score 5), F from `frequency`, M from `monetary`, each by
 * {@link quintileScores}, and the cell `${r}${f}${m}`.
 *
 * @throws CvError('quintileScores', 'value') for a non-finite input.
 * @example rfmScores([{ sinceLast: 1, frequency: 9, monetary: 900 }])[0].cell // "111" (one customer: nobody is worse)
 */
export function rfmScores(rows: readonly RfmInput[]): RfmScore[] {
  const r = quintileScores(rows.map((x) => x.sinceLast), false);
  const f = quintileScores(rows.map((x) => x.frequency));
  const m = quintileScores(rows.map((x) => x.monetary));
  return rows.map((_, i) => ({ r: r[i], f: f[i], m: m[i], cell: `${r[i]}${f[i]}${m[i]}` }));
}
