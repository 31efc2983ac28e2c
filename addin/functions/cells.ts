/**
 * Cells in, cells out: how Excel hands values to a custom function and how
 * cvlens reads them. A range arrives as a 2-D array (rows of cells); an empty
 * cell arrives as `null` or `""`; an omitted optional argument as `null` or
 * `undefined`; a number typed as text ("12.5") is read as a number, any
 * other text in a number position is a #VALUE!. Ranges may be ragged (rows of
 * different lengths, as built by some array formulas): they are read row by row.
 */
import { atRow, fail } from './excel-error.ts';
import { message } from './messages.ts';

/** What one cell can hold once it reaches a function. */
export type Cell = unknown;
/** A range: rows of cells. */
export type Cells = Cell[][];

/** True for an empty cell or an omitted argument. */
export function isBlank(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * The number a cell holds, or undefined when it holds none. Numeric text is a
 * number ("1,234.5" too: the thousands comma is how Excel users type them).
 * @example readNumber(' 12.5 ') // 12.5
 */
export function readNumber(v: Cell): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const t = v.trim().replace(/,(?=\d{3}(\D|$))/g, '');
    if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
    return Number(t);
  }
  return undefined;
}

/** Options of a scalar number argument. */
export interface NumberArgOptions {
  /** Used when the argument is omitted or blank; without it a blank is #N/A. */
  default?: number;
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Require a whole number. */
  integer?: boolean;
}

/**
 * Reads a scalar number argument, named `name` in messages of function `fn`.
 * A 1×1 range is read as its cell. Throws #N/A when blank without a default,
 * #VALUE! for text and out of bounds (Excel would drop the reason of a #NUM!).
 * @example numberArg('CV.CLV', 'margin', '100') // 100
 */
export function numberArg(fn: string, name: string, v: Cell, options: NumberArgOptions = {}): number {
  const cell = single(fn, name, v);
  if (isBlank(cell)) {
    if (options.default !== undefined) return options.default;
    return fail('notAvailable', message(fn, 'required', { arg: name }));
  }
  const n = readNumber(cell);
  if (n === undefined) return fail('invalidValue', message(fn, 'notNumber', { arg: name, got: describe(cell) }));
  if (options.min !== undefined && n < options.min) return fail('invalidValue', message(fn, 'atLeast', { arg: name, min: options.min, got: n }));
  if (options.max !== undefined && n > options.max) return fail('invalidValue', message(fn, 'atMost', { arg: name, max: options.max, got: n }));
  if (options.integer && !Number.isInteger(n)) return fail('invalidValue', message(fn, 'whole', { arg: name, got: n }));
  return n;
}

/** Reads an optional text argument (trimmed); blank → undefined. */
export function textArg(v: Cell, fn: string, name: string): string | undefined {
  const cell = single(fn, name, v);
  if (isBlank(cell)) return undefined;
  return String(cell).trim();
}

/**
 * Reads an optional text argument that must be one of `choices`
 * (case-insensitive); blank → `fallback`; anything else is #VALUE!.
 * @example choiceArg('CV.CVTIER', 'method', 'Pareto', ['contribution', 'pareto'], 'contribution') // 'pareto'
 */
export function choiceArg<T extends string>(fn: string, name: string, v: Cell, choices: readonly T[], fallback: T): T {
  const text = textArg(v, fn, name);
  if (text === undefined) return fallback;
  const hit = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  return hit ?? fail('invalidValue', message(fn, 'oneOf', { arg: name, choices: choices.join(', '), got: text }));
}

/** All cells of a range (or a scalar) in reading order, rows first. */
export function cellsOf(range: Cell): Cell[] {
  if (!Array.isArray(range)) return [range];
  const out: Cell[] = [];
  for (const row of range) {
    if (Array.isArray(row)) for (const c of row) out.push(c);
    else out.push(row);
  }
  return out;
}

/**
 * The numbers of a range, skipping blanks and text as Excel's AVERAGE does.
 * @example numbersOf([[1, ''], ['x', '2']]) // [1, 2]
 */
export function numbersOf(range: Cell): number[] {
  const out: number[] = [];
  for (const c of cellsOf(range)) {
    const n = readNumber(c);
    if (n !== undefined) out.push(n);
  }
  return out;
}

/** True when the argument is a range of more than one cell. */
export function isMulti(v: Cell): boolean {
  return cellsOf(v).length > 1;
}

/** Rows × columns of a range (ragged: the longest row); a scalar is 1×1. */
export function shapeOf(range: Cell): [number, number] {
  if (!Array.isArray(range)) return [1, 1];
  let cols = 0;
  for (const row of range) cols = Math.max(cols, Array.isArray(row) ? row.length : 1);
  return [range.length, cols];
}

/**
 * Applies `f` to the n-th cells of several arguments at once, the way Excel
 * broadcasts a scalar against a range. The result has the shape of the first
 * multi-cell argument (cells paired in reading order); all multi-cell arguments must have the same number of cells (#VALUE!
 * otherwise). An error for one cell names its 1-based row in the ranges.
 * @example broadcast('F', { a: [[1], [2]], b: 10 }, (c) => Number(c.a) + Number(c.b)) // [[11], [12]]
 */
export function broadcast<K extends string>(
  fn: string,
  args: Record<K, Cell>,
  f: (cells: Record<K, Cell>, index: number) => Cell,
): Cell[][] {
  const names = Object.keys(args) as K[];
  const flat = {} as Record<K, Cell[]>;
  let count = 1;
  let shapeFrom: Cell | undefined;
  for (const name of names) {
    flat[name] = cellsOf(args[name]);
    const n = flat[name].length;
    if (n > 1) {
      if (count > 1 && n !== count) {
        const counts = names.map((k) => `${k} ${cellsOf(args[k]).length}`).join(', ');
        return fail('invalidValue', message(fn, 'sameCells', { args: names.join(', '), counts }));
      }
      if (shapeFrom === undefined) shapeFrom = args[name];
      count = n;
    }
  }
  const [rows, cols] = shapeFrom === undefined ? [1, 1] : shapeOf(shapeFrom);
  const rectangular = rows * cols === count;
  const values: Cell[] = [];
  for (let i = 0; i < count; i++) {
    const cells = {} as Record<K, Cell>;
    for (const name of names) cells[name] = flat[name].length > 1 ? flat[name][i] : flat[name][0];
    try {
      values.push(f(cells, i));
    } catch (thrown) {
      if (count === 1) throw thrown;
      throw atRow(thrown, fn, rectangular ? Math.floor(i / cols) + 1 : i + 1);
    }
  }
  // A ragged first range has no rectangle to fill: spill a column.
  if (!rectangular) return values.map((v) => [v]);
  const out: Cell[][] = [];
  for (let r = 0; r < rows; r++) out.push(values.slice(r * cols, (r + 1) * cols));
  return out;
}

/** The only cell of a 1×1 range, or the value itself; a larger range is #VALUE!. */
function single(fn: string, name: string, v: Cell): Cell {
  if (!Array.isArray(v)) return v;
  const cells = cellsOf(v);
  if (cells.length === 0) return null;
  if (cells.length > 1) return fail('invalidValue', message(fn, 'oneCell', { arg: name, n: cells.length }));
  return cells[0];
}

function describe(v: Cell): string {
  if (typeof v === 'string') return `"${v.length > 20 ? `${v.slice(0, 20)}…` : v}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
