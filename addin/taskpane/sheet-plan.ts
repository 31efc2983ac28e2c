/**
 * What to put on a new worksheet, as data: blocks of values at positions,
 * tables, fills, number formats, a chart. Built by pure code (testable
 * without Excel) and carried out by excel-io.ts.
 */
import { EXCEL_NUMBER_FORMATS, tierColors, type ReportTable } from '../../core/index.ts';

/** A rectangle of values with its top-left cell (0-based row and column). */
export interface Block {
  id: string;
  row: number;
  col: number;
  values: readonly (readonly unknown[])[];
  /** Bold first row (headers of blocks that are not Excel tables). */
  boldHeader?: boolean;
}

export interface TablePlan {
  /** The block the table covers (its first row is the header). */
  block: string;
  /** Wanted name; excel-io makes it unique in the workbook. */
  name: string;
  style?: string;
}

/** A fill or number format over part of a block (rows relative to the block's first row). */
export interface FormatPlan {
  block: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  fill?: string;
  numberFormat?: string;
  bold?: boolean;
}

export interface ChartPlan {
  type: 'Line' | 'ColumnClustered' | 'Pie';
  /** The block holding the chart's data (header row = series names). */
  block: string;
  title: string;
  /** Top-left and bottom-right cells ("K3", "R18"). */
  from: string;
  to: string;
}

export interface SheetPlan {
  /** Wanted sheet name; "Segments" becomes "Segments (2)" when taken. */
  baseName: string;
  blocks: Block[];
  tables: TablePlan[];
  formats: FormatPlan[];
  charts: ChartPlan[];
  /** Rows to freeze at the top (0 for none). */
  freezeRows: number;
}

/**
 * A sheet name not in `taken` (case-insensitive, as Excel compares):
 * base, then "base (2)", "base (3)"…, within Excel's 31 characters.
 * @example uniqueSheetName('Segments', ['segments']) // 'Segments (2)'
 */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || 'Sheet';
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * A table name not in `taken`: letters, digits and underscores, not
 * looking like a cell reference, then "_2", "_3"….
 * @example uniqueTableName('Segments', ['Segments']) // 'Segments_2'
 */
export function uniqueTableName(base: string, taken: readonly string[]): string {
  let clean = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(clean) || /^[A-Za-z]{1,3}\d+$/.test(clean)) clean = `T_${clean}`;
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) if (!lower.has(`${clean}_${i}`.toLowerCase())) return `${clean}_${i}`;
}

/** Column letters of a 0-based column. @example columnLetters(27) // 'AB' */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a rectangle. @example a1(0, 0, 2, 3) // 'A1:C2' */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const first = `${columnLetters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? first : `${first}:${columnLetters(col + cols - 1)}${row + rows}`;
}

/** Rows × columns of a block (the widest row counts). */
export function blockSize(b: Block): { rows: number; cols: number } {
  return { rows: b.values.length, cols: b.values.reduce((w, r) => Math.max(w, r.length), 0) };
}

/**
 * A core report table (core/report) as a block and its formats: the header
 * row, then the rows — number formats from the table's format kinds, tier
 * rows filled with the tier colour. Totals rows are left out when the block
 * becomes an Excel table (a total inside a table sorts with the data).
 */
export function reportBlock(
  table: ReportTable,
  at: { id: string; row: number; col: number },
  options: { totals?: boolean } = {},
): { block: Block; formats: FormatPlan[] } {
  const rows = table.rows.filter((r) => options.totals !== false || !r.total);
  const formats: FormatPlan[] = [];
  table.formats.forEach((kind, col) => {
    const numberFormat = EXCEL_NUMBER_FORMATS[kind];
    if (numberFormat !== undefined && rows.length > 0) formats.push({ block: at.id, row: 1, col, rows: rows.length, cols: 1, numberFormat });
  });
  rows.forEach((r, i) => {
    r.formats?.forEach((kind, col) => {
      const numberFormat = kind === undefined ? undefined : EXCEL_NUMBER_FORMATS[kind];
      if (numberFormat !== undefined) formats.push({ block: at.id, row: 1 + i, col, rows: 1, cols: 1, numberFormat });
    });
    if (r.tier) formats.push({ block: at.id, row: 1 + i, col: 0, rows: 1, cols: 1, fill: tierColors[r.tier].fill });
    if (r.total || r.heading) formats.push({ block: at.id, row: 1 + i, col: 0, rows: 1, cols: table.headers.length, bold: true });
  });
  return { block: { id: at.id, row: at.row, col: at.col, values: [table.headers, ...rows.map((r) => r.cells.map((c) => c ?? ''))] }, formats };
}
