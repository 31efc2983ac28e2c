/**
 * The `model` argument of CV.PALIVE, CV.EXPPURCHASES and CV.PCLV: either the
 * BG/NBD parameters (the labelled spill of CV.BGNBD, or four numbers r, α, a,
 * b in a row or column), or the data to fit them from (three columns x, t_x,
 * T, one customer per row). A fit from data is cached by a hash of the
 * cells, so a column of =CV.PALIVE(…, $F$2:$H$2358) cells fits once.
 */
import { fitBgNbd, type BgNbdParams, type FitResult } from '../../core/index.ts';
import { hashCells, ResultCache } from './cache.ts';
import { cellsOf, isBlank, readNumber, shapeOf, type Cell } from './cells.ts';
import { fail } from './excel-error.ts';

/** Fits by input hash; shared by every function of the workbook (shared runtime). */
export const fitCache = new ResultCache<FitResult<BgNbdParams>>(8);

const LABELS: Record<string, keyof BgNbdParams> = { r: 'r', alpha: 'alpha', α: 'alpha', a: 'a', b: 'b' };

/**
 * The fit of BG/NBD to three aligned ranges x, t_x, T (rows with a blank or
 * text cell are skipped), from the cache when the same cells were fitted
 * before.
 */
export function fitFromRanges(fn: string, x: Cell, t_x: Cell, T: Cell): Promise<FitResult<BgNbdParams>> {
  const key = `bgnbd:${hashCells(x, t_x, T)}`;
  return fitCache.get(key, () => {
    const [xs, ts, Ts] = [cellsOf(x), cellsOf(t_x), cellsOf(T)];
    if (xs.length !== ts.length || xs.length !== Ts.length) {
      return fail('invalidValue', `${fn}: x, t_x and T must have the same number of cells (${xs.length}, ${ts.length}, ${Ts.length})`);
    }
    const data = { x: [] as number[], t_x: [] as number[], T: [] as number[] };
    for (let i = 0; i < xs.length; i++) {
      const [a, b, c] = [readNumber(xs[i]), readNumber(ts[i]), readNumber(Ts[i])];
      if (a === undefined || b === undefined || c === undefined) continue;
      data.x.push(a);
      data.t_x.push(b);
      data.T.push(c);
    }
    if (data.x.length === 0) return fail('notAvailable', `${fn}: no row has numbers in x, t_x and T`);
    return fitBgNbd(data);
  });
}

/** The BG/NBD parameters a `model` argument stands for (fitting when it holds data). */
export async function modelParams(fn: string, model: Cell): Promise<BgNbdParams> {
  if (isBlank(model) || (Array.isArray(model) && cellsOf(model).every(isBlank))) {
    return fail('notAvailable', `${fn}: model is required (the output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T)`);
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
      return fail('invalidValue', `${fn}: the model range must label r, alpha, a and b`);
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
  return fail('invalidValue', `${fn}: model must be the output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T (got ${nRows}×${nCols})`);
}
