import { CvError } from '../errors.ts';

/** How an indicator is brought to a common scale before weighting. */
export type Normalisation = 'minmax' | 'rank' | 'z';

/**
 * Rescales values so indicators in different units can be averaged:
 * - `minmax`: (x − min) / (max − min), in 0..1; all equal → all 0.5.
 * - `rank`: (mean rank − 1) / (n − 1), in 0..1, ties get their average rank;
 *   a single value → 0.5.
 * - `z`: (x − mean) / population standard deviation; all equal → all 0.
 * With `higherIsBetter` false the result is mirrored (1 − x for minmax and
 * rank, −x for z) so that a higher score is always better.
 *
 * @throws CvError('normalise', 'value') for a non-finite value.
 * @example normalise([0, 5, 10], 'minmax') // [0, 0.5, 1]
 */
export function normalise(values: readonly number[], method: Normalisation, higherIsBetter = true): number[] {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CvError('normalise', 'value', `value #${i + 1} is not a finite number`);
  });
  const n = values.length;
  if (n === 0) return [];
  let out: number[];
  if (method === 'minmax') {
    const min = Math.min(...values);
    const max = Math.max(...values);
    out = values.map((v) => (max > min ? (v - min) / (max - min) : 0.5));
  } else if (method === 'rank') {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    out = new Array<number>(n);
    for (let k = 0; k < n; ) {
      let j = k;
      while (j < n && values[order[j]] === values[order[k]]) j++;
      const meanRank = (k + j - 1) / 2; // 0-based average rank of the tie block
      for (let q = k; q < j; q++) out[order[q]] = n > 1 ? meanRank / (n - 1) : 0.5;
      k = j;
    }
  } else if (method === 'z') {
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    out = values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
  } else {
    throw new CvError('normalise', 'value', `unknown normalisation "${String(method)}"`);
  }
  if (higherIsBetter) return out;
  return method === 'z' ? out.map((v) => (v === 0 ? 0 : -v)) : out.map((v) => 1 - v);
}
