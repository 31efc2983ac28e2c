/**
 * The `model` argument of CV.PALIVE, CV.EXPPURCHASES and CV.PCLV: either the
 * BG/NBD parameters (the labelled spill of CV.BGNBD, or four numbers r, α, a,
 * b in a row or column), or the data to fit them from (three columns x, t_x,
 * T, one customer per row). A fit from data is cached by a hash of the
 * cells, so a column of =CV.PALIVE(…, $F$2:$H$2358) cells fits once.
 */
import { fitBgNbd, type BgNbdParams, type FitResult } from '../../core/index.ts';
import { hashCells, ResultCache } from './cache.ts';
import { cellsOf, isBlank, numberArg, readNumber, shapeOf, type Cell } from './cells.ts';
import { atRow, fail } from './excel-error.ts';
import { message } from './messages.ts';

/** Fits by input hash; shared by every function of the workbook (shared runtime). */
export const fitCache = new ResultCache<FitResult<BgNbdParams>>(8);

const LABELS: Record<string, keyof BgNbdParams> = { r: 'r', alpha: 'alpha', α: 'alpha', a: 'a', b: 'b' };

/**
 * The fit of BG/NBD to three aligned ranges x, t_x, T (rows with a blank or
 * text cell are skipped), from the cache when the same cells were fitted
 * before. Every kept row is checked here, so that an error names its
 * 1-based row in the ranges rather than its index among the kept rows.
 */
export function fitFromRanges(fn: string, x: Cell, t_x: Cell, T: Cell): Promise<FitResult<BgNbdParams>> {
  const key = `bgnbd:${hashCells(x, t_x, T)}`;
  return fitCache.get(key, () => {
    const [xs, ts, Ts] = [cellsOf(x), cellsOf(t_x), cellsOf(T)];
    if (xs.length !== ts.length || xs.length !== Ts.length) {
      return fail('invalidValue', message(fn, 'sameCells', { args: 'x, t_x, T', counts: `${xs.length}, ${ts.length}, ${Ts.length}` }));
    }
    const data = { x: [] as number[], t_x: [] as number[], T: [] as number[] };
    for (let i = 0; i < xs.length; i++) {
      const [a, b, c] = [readNumber(xs[i]), readNumber(ts[i]), readNumber(Ts[i])];
      if (a === undefined || b === undefined || c === undefined) continue;
      try {
        checkCustomer(fn, a, b, c);
      } catch (thrown) {
        throw atRow(thrown, fn, i + 1);
      }
      data.x.push(a);
      data.t_x.push(b);
      data.T.push(c);
    }
    if (data.x.length === 0) return fail('notAvailable', message(fn, 'noRows', { args: 'x, t_x, T' }));
    return fitBgNbd(data);
  });
}

/** The BG/NBD parameters a `model` argument stands for (fitting when it holds data). */
export async function modelParams(fn: string, model: Cell): Promise<BgNbdParams> {
  if (isBlank(model) || (Array.isArray(model) && cellsOf(model).every(isBlank))) {
    return fail('notAvailable', message(fn, 'modelRequired'));
  }
  const rows = (Array.isArray(model) ? model : [[model]]) as Cell[][];
  const [nRows, nCols] = shapeOf(rows);
  // Labelled parameters: a label column followed by a value column.
  if (nCols >= 2 && rows.some((r) => typeof r[0] === 'string' && LABELS[String(r[0]).trim().toLowerCase()] !== undefined)) {
    const p: Partial<BgNbdParams> = {};
    for (const r of rows) {
      const key = LABELS[String(r[0] ?? '').trim().toLowerCase()];
      const v = readNumber(r[1]);
      if (key && v !== undefined) p[key] = v;
    }
    if (p.r === undefined || p.alpha === undefined || p.a === undefined || p.b === undefined) {
      return fail('invalidValue', message(fn, 'modelLabels'));
    }
    return p as BgNbdParams;
  }
  if (nCols === 3 && nRows > 1) {
    const cols = [0, 1, 2].map((j) => rows.map((r) => [r[j] ?? null]));
    return (await fitFromRanges(fn, cols[0], cols[1], cols[2])).params;
  }
  const numbers = cellsOf(rows).map(readNumber);
  if (numbers.length === 4 && numbers.every((v) => v !== undefined)) {
    const [r, alpha, a, b] = numbers as number[];
    return { r, alpha, a, b };
  }
  return fail('invalidValue', message(fn, 'modelShape', { rows: nRows, cols: nCols }));
}

/**
 * Checks one customer's x, t_x, T as BG/NBD needs them (x a whole number
 * ≥ 0, T > 0, 0 ≤ t_x ≤ T), with reasons in the user's language.
 */
export function checkCustomer(fn: string, x: number, t_x: number, T: number): void {
  numberArg(fn, 'x', x, { min: 0, integer: true });
  numberArg(fn, 't_x', t_x, { min: 0 });
  if (!(T > 0)) fail('invalidValue', message(fn, 'tPositive', { got: T }));
  if (t_x > T) fail('invalidValue', message(fn, 'tLeT', { T, got: t_x }));
}

/** Reads one customer's x, t_x and T cells and checks them (see checkCustomer). */
export function customerArgs(fn: string, x: Cell, t_x: Cell, T: Cell): [number, number, number] {
  const v: [number, number, number] = [numberArg(fn, 'x', x), numberArg(fn, 't_x', t_x), numberArg(fn, 'T', T)];
  checkCustomer(fn, ...v);
  return v;
}
