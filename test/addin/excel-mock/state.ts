/**
 * The workbook behind the mock: sheets of cells, applied formats, tables and
 * charts. Tests read it directly to see what landed on a sheet.
 */
import type { Rect } from './a1.ts';
import { parseWrittenString } from './written-string.ts';

export type CellValue = string | number | boolean;

/** A format applied to a rectangle; later ones win, as in Excel. */
export interface FormatOp {
  rect: Rect;
  fill?: string;
  bold?: boolean;
  /** Number format: one for the whole rectangle, or per cell. */
  numberFormat?: string | string[][];
}

export interface TableState {
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style?: string;
}

export interface ChartState {
  name: string;
  type: string;
  source: Rect;
  seriesBy: string;
  title?: string;
  position?: { start: string; end?: string };
}

export class SheetState {
  /** Rows of cells; a missing row or cell is empty. */
  readonly rows: (CellValue | undefined)[][] = [];
  readonly formats: FormatOp[] = [];
  readonly tables: TableState[] = [];
  readonly charts: ChartState[] = [];
  frozenRows = 0;
  /** Formulas Excel made of written strings, by "row,col". */
  readonly formulas = new Map<string, string>();
  /** Number formats Excel applied on its own (a written date string), by "row,col". */
  readonly autoFormats = new Map<string, string>();
  /** Cells holding an error value (#N/A, #DIV/0!…), by "row,col"; their value is the error's text, as Range.values gives it. */
  readonly errors = new Set<string>();
  constructor(public name: string) {}

  get(row: number, col: number): CellValue | '' {
    return this.rows[row]?.[col] ?? '';
  }

  set(row: number, col: number, v: CellValue | null | undefined): void {
    const r = (this.rows[row] ??= []);
    r[col] = v === null || v === undefined || v === '' ? undefined : v;
    this.formulas.delete(`${row},${col}`);
    this.autoFormats.delete(`${row},${col}`);
    this.errors.delete(`${row},${col}`);
  }

  /** Puts an error value in a cell (as a formula such as =NA() or =1/0 would). */
  setError(row: number, col: number, code: string): void {
    this.set(row, col, code);
    this.errors.add(`${row},${col}`);
  }

  /**
   * Range.valueTypes of a rectangle (Excel.RangeValueType): "Empty", "String",
   * "Double", "Boolean" or "Error"; an error cell's value reads as its text.
   */
  readTypes(rect: Rect): string[][] {
    return this.read(rect).map((row, i) =>
      row.map((v, j) => {
        if (this.errors.has(`${rect.row + i},${rect.col + j}`)) return 'Error';
        if (v === '') return 'Empty';
        return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
      }),
    );
  }

  /**
   * The current region around a cell (Range.getSurroundingRegion, Ctrl+*):
   * the smallest rectangle holding the cell that no non-blank cell touches
   * from outside, diagonals included.
   */
  surroundingRegion(row: number, col: number): Rect {
    const r = { top: row, left: col, bottom: row, right: col };
    const filled = (i: number, j: number) => i >= 0 && j >= 0 && this.get(i, j) !== '';
    const rowTouches = (i: number) => {
      for (let j = r.left - 1; j <= r.right + 1; j++) if (filled(i, j)) return true;
      return false;
    };
    const colTouches = (j: number) => {
      for (let i = r.top - 1; i <= r.bottom + 1; i++) if (filled(i, j)) return true;
      return false;
    };
    // Rows are grown one at a time (a row check costs its width), columns checked once per round.
    for (let grew = true; grew; ) {
      grew = false;
      const before = `${r.top},${r.left},${r.bottom},${r.right}`;
      while (rowTouches(r.bottom + 1)) r.bottom++;
      while (r.top > 0 && rowTouches(r.top - 1)) r.top--;
      if (colTouches(r.right + 1)) r.right++;
      if (r.left > 0 && colTouches(r.left - 1)) r.left--;
      grew = before !== `${r.top},${r.left},${r.bottom},${r.right}`;
    }
    return { row: r.top, col: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 };
  }

  /**
   * Stores a value written with Range.values as Excel would: a string is
   * parsed (formula, number, date, boolean) unless the cell is formatted as
   * Text (see written-string.ts).
   */
  write(row: number, col: number, v: CellValue): void {
    if (typeof v !== 'string' || this.numberFormatAt(row, col) === '@') {
      this.set(row, col, v);
      return;
    }
    const parsed = parseWrittenString(v);
    this.set(row, col, parsed.value);
    if (parsed.formula) this.formulas.set(`${row},${col}`, parsed.formula);
    if (parsed.numberFormat) this.autoFormats.set(`${row},${col}`, parsed.numberFormat);
  }

  /** The formula of a cell, if Excel made one. */
  formulaAt(row: number, col: number): string | undefined {
    return this.formulas.get(`${row},${col}`);
  }

  /** Values of a rectangle, empty cells as "" (what Range.values gives). */
  read(rect: Rect): CellValue[][] {
    const out: CellValue[][] = [];
    for (let i = 0; i < rect.rows; i++) {
      const src = this.rows[rect.row + i];
      const row = new Array<CellValue>(rect.cols);
      for (let j = 0; j < rect.cols; j++) row[j] = src?.[rect.col + j] ?? '';
      out.push(row);
    }
    return out;
  }

  /** The used rectangle (rows and columns with any value), or undefined for an empty sheet. */
  usedRect(): Rect | undefined {
    let maxRow = -1;
    let maxCol = -1;
    let minRow = Infinity;
    let minCol = Infinity;
    this.rows.forEach((r, i) => {
      if (!r) return;
      r.forEach((v, j) => {
        if (v === undefined) return;
        maxRow = Math.max(maxRow, i);
        minRow = Math.min(minRow, i);
        maxCol = Math.max(maxCol, j);
        minCol = Math.min(minCol, j);
      });
    });
    return maxRow < 0 ? undefined : { row: minRow, col: minCol, rows: maxRow - minRow + 1, cols: maxCol - minCol + 1 };
  }

  /** The last fill colour applied to a cell, if any. */
  fillAt(row: number, col: number): string | undefined {
    return this.lastFormat(row, col, (f) => f.fill);
  }

  boldAt(row: number, col: number): boolean {
    return this.lastFormat(row, col, (f) => f.bold) ?? false;
  }

  numberFormatAt(row: number, col: number): string {
    return (
      this.lastFormat(row, col, (f) =>
        f.numberFormat === undefined ? undefined : typeof f.numberFormat === 'string' ? f.numberFormat : f.numberFormat[row - f.rect.row]?.[col - f.rect.col] ?? f.numberFormat[0]?.[col - f.rect.col],
      ) ??
      this.autoFormats.get(`${row},${col}`) ??
      'General'
    );
  }

  private lastFormat<T>(row: number, col: number, pick: (f: FormatOp) => T | undefined): T | undefined {
    for (let i = this.formats.length - 1; i >= 0; i--) {
      const f = this.formats[i];
      const r = f.rect;
      if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) {
        const v = pick(f);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  active = 0;
  selection: { sheet: string; rect: Rect } | undefined;

  constructor() {
    this.sheets.push(new SheetState('Sheet1'));
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  allTables(): TableState[] {
    return this.sheets.flatMap((s) => s.tables);
  }
}
