import { CvError } from '../errors.ts';
import { orderStatistics } from '../score/order-statistics.ts';

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
  for (let i = 0; i < n; i++) sorted[i] = values[i];
  return quintileScoresOfSorted(values, sorted.sort(), higherIsBetter);
}

/**
 * Internal (not re-exported from core): {@link quintileScores} when the
 * caller already holds `ascending`, the same values sorted ascending (the
 * segment table sorts its values once for several uses). Validates `values`
 * exactly as quintileScores does.
 *
 * @throws CvError('quintileScores', 'value') for a value that is not finite.
 * @example quintileScoresOfSorted([30, 10, 20], Float64Array.of(10, 20, 30)) // [4, 1, 3]
 */
export function quintileScoresOfSorted(values: readonly number[], ascending: Float64Array, higherIsBetter = true): number[] {
  const codes = quintileCodes(values, ascending, higherIsBetter);
  const scores = new Array<number>(codes.length);
  for (let i = 0; i < codes.length; i++) scores[i] = codes[i];
  return scores;
}

/**
 * Internal (not re-exported from core): {@link quintileScoresOfSorted} on
 * any column of numbers, the scores a byte each. The segment table keeps a
 * million customers' three scores in 3 MB this way, where arrays of numbers
 * took 24 MB and a copy of each column to read it from.
 *
 * @throws CvError('quintileScores', 'value') for a value that is not finite.
 * @example quintileCodes(Float64Array.of(30, 10, 20), Float64Array.of(10, 20, 30)) // Uint8Array [4, 1, 3]
 */
export function quintileCodes(values: ArrayLike<number>, ascending: Float64Array, higherIsBetter = true): Uint8Array {
  const n = values.length;
  if (n === 0) return new Uint8Array(0);
  const r = cutRanks(n, higherIsBetter);
  return codesOfCuts(values, ascending[r[0]], ascending[r[1]], ascending[r[2]], ascending[r[3]], higherIsBetter);
}

/**
 * Internal (not re-exported from core): {@link quintileCodes} without the
 * sorted values, its four cut points selected (core/score/order-statistics.ts):
 * the segment table's R and F scores need nothing else of a sort.
 *
 * @throws CvError('quintileScores', 'value') for a value that is not finite.
 * @example quintileCodesBySelection(Float64Array.of(30, 10, 20)) // Uint8Array [4, 1, 3]
 */
export function quintileCodesBySelection(values: ArrayLike<number>, higherIsBetter = true): Uint8Array {
  const n = values.length;
  if (n === 0) return new Uint8Array(0);
  const cuts = orderStatistics(values, cutRanks(n, higherIsBetter));
  // A value that is not finite: quintileCodes names the first one.
  if (cuts === undefined) return quintileCodes(values, Float64Array.from(values).sort(), higherIsBetter);
  return codesOfCuts(values, cuts[0], cuts[1], cuts[2], cuts[3], higherIsBetter);
}

/** The ranks in ascending order of the four cut points between the quintiles of n values. */
function cutRanks(n: number, higherIsBetter: boolean): number[] {
  const ranks: number[] = [];
  for (let k = 1; k <= 4; k++) ranks.push(higherIsBetter ? Math.ceil((k * n) / 5) - 1 : n - Math.ceil((k * n) / 5));
  return ranks;
}

function codesOfCuts(values: ArrayLike<number>, c1: number, c2: number, c3: number, c4: number, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  // Scoring and the check share the loop; a value that is not finite stops it with the first such position.
  // v − v is 0 exactly for a finite number (NaN for ±Infinity and NaN): no builtin call per value while cold.
  if (higherIsBetter) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!(v - v === 0)) throw notFinite(i);
      scores[i] = 1 + +(c1 < v) + +(c2 < v) + +(c3 < v) + +(c4 < v);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!(v - v === 0)) throw notFinite(i);
      scores[i] = 1 + +(c1 > v) + +(c2 > v) + +(c3 > v) + +(c4 > v);
    }
  }
  return scores;
}

function notFinite(i: number): CvError {
  return new CvError('quintileScores', 'value', `value #${i + 1} is not a finite number`);
}

/** The 125 cells '111' … '555', built once so scoring does not build a string per customer. */
const CELLS: readonly string[] = Array.from({ length: 125 }, (_, k) => `${Math.floor(k / 25) + 1}${(Math.floor(k / 5) % 5) + 1}${(k % 5) + 1}`);

/**
 * Internal (not re-exported from core): the cell `${r}${f}${m}` of three
 * scores 1..5, from a table of the 125 cells (the same strings, without
 * building one per customer). Callers pass scores from quintileScores.
 *
 * @example rfmCell(5, 4, 5) // "545"
 */
export function rfmCell(r: number, f: number, m: number): string {
  return CELLS[(r - 1) * 25 + (f - 1) * 5 + (m - 1)];
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
  const n = rows.length;
  const sinceLast = new Array<number>(n);
  const frequency = new Array<number>(n);
  const monetary = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    sinceLast[i] = row.sinceLast;
    frequency[i] = row.frequency;
    monetary[i] = row.monetary;
  }
  const r = quintileScores(sinceLast, false);
  const f = quintileScores(frequency);
  const m = quintileScores(monetary);
  const out = new Array<RfmScore>(n);
  for (let i = 0; i < n; i++) out[i] = { r: r[i], f: f[i], m: m[i], cell: rfmCell(r[i], f[i], m[i]) };
  return out;
}
