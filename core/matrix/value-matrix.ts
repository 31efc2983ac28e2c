import { CvError } from '../errors.ts';
import type { MatrixCell } from '../types.ts';
import { median } from '../score/median.ts';

/**
 * Value-matrix cell (seed 001): current value × future value.
 *
 * |              | low future | high future |
 * |--------------|------------|-------------|
 * | high current | Platinum   | Gold        |
 * | low current  | Lead       | Iron        |
 *
 * "High" means strictly above the split; a value equal to the split is low.
 *
 * @example matrixCell(10, 1, 5, 5) // "Platinum"
 */
export function matrixCell(current: number, future: number, currentSplit: number, futureSplit: number): MatrixCell {
  const hc = current > currentSplit;
  const hf = future > futureSplit;
  return hc ? (hf ? 'Gold' : 'Platinum') : hf ? 'Iron' : 'Lead';
}

export interface ValueMatrixOptions {
  /** Split of current value; default the median of `current`. */
  currentSplit?: number;
  /** Split of future value; default the median of `future`. */
  futureSplit?: number;
}

/** Cells of a population and the splits used. */
export interface ValueMatrix {
  cells: MatrixCell[];
  currentSplit: number;
  futureSplit: number;
}

/**
 * Places every customer in the value matrix, "high" meaning above the
 * median of the population unless a split is given.
 *
 * @throws CvError('valueMatrix', 'value') when the lists differ in length or
 *   hold a non-finite number, or a given split is not finite.
 * @example valueMatrix([1, 2, 3, 4], [4, 3, 2, 1]).cells // ['Iron', 'Iron', 'Platinum', 'Platinum']
 */
export function valueMatrix(current: readonly number[], future: readonly number[], options: ValueMatrixOptions = {}): ValueMatrix {
  const fn = 'valueMatrix';
  if (current.length !== future.length) throw new CvError(fn, 'value', `${current.length} current values but ${future.length} future values`);
  for (const [k, v] of [['currentSplit', options.currentSplit], ['futureSplit', options.futureSplit]] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw new CvError(fn, 'value', `${k} is not a finite number`);
  }
  const currentSplit = options.currentSplit ?? (current.length > 0 ? median(current) : 0);
  const futureSplit = options.futureSplit ?? (future.length > 0 ? median(future) : 0);
  const cells = current.map((c, i) => matrixCell(c, future[i], currentSplit, futureSplit));
  return { cells, currentSplit, futureSplit };
}

/** The four cells as {@link valueMatrixCodes} numbers them: bit 1 high current, bit 0 high future. */
export const MATRIX_CELLS: readonly MatrixCell[] = ['Lead', 'Iron', 'Platinum', 'Gold'];

/** {@link ValueMatrix} as a column: each cell as its index into {@link MATRIX_CELLS}. */
export interface ValueMatrixCodes {
  codes: Uint8Array;
  currentSplit: number;
  futureSplit: number;
}

/**
 * Internal (not re-exported from core): {@link valueMatrix} on columns of
 * numbers, each cell a byte, where an array of cell names took eight bytes a
 * customer.
 *
 * @throws as valueMatrix.
 * @example MATRIX_CELLS[valueMatrixCodes(Float64Array.of(1, 2, 3, 4), Float64Array.of(4, 3, 2, 1)).codes[2]] // "Platinum"
 */
export function valueMatrixCodes(current: ArrayLike<number>, future: ArrayLike<number>, options: ValueMatrixOptions = {}): ValueMatrixCodes {
  const fn = 'valueMatrix';
  const n = current.length;
  if (n !== future.length) throw new CvError(fn, 'value', `${n} current values but ${future.length} future values`);
  if (options.currentSplit !== undefined && !Number.isFinite(options.currentSplit)) throw new CvError(fn, 'value', 'currentSplit is not a finite number');
  if (options.futureSplit !== undefined && !Number.isFinite(options.futureSplit)) throw new CvError(fn, 'value', 'futureSplit is not a finite number');
  const currentSplit = options.currentSplit ?? (n === 0 ? 0 : median(current));
  const futureSplit = options.futureSplit ?? (n === 0 ? 0 : median(future));
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = (+(current[i] > currentSplit) << 1) | +(future[i] > futureSplit);
  return { codes, currentSplit, futureSplit };
}
