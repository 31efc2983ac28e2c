/**
 * "Import CSV": a CSV file (UTF-8, GBK/GB18030 or UTF-16, any common
 * delimiter; core's readTable decides) as the plan of a new sheet. Each
 * column is read as one kind: numbers when every cell is a plain number
 * Excel keeps exactly; dates (written as Excel date serials with a date
 * format) when it is the date column or every cell is a date; text
 * otherwise, and always for ids, names, e-mails and companies, so that
 * "00123" and an 18-digit id stay as they came (excel-io formats text
 * columns as Text before writing).
 */
import { dayToExcelSerial, detectColumns, parseDate, readTable, type ColumnRole, type RejectedRow } from '../../core/index.ts';
import type { FormatPlan, SheetPlan } from './sheet-plan.ts';

// No leading zeros (they would be lost) and at most 15 significant digits (Excel keeps no more).
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const TEXT_ROLES: readonly ColumnRole[] = ['customerId', 'email', 'name', 'company'];
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$/;

/** A cell of a column of numbers, when Excel can hold it exactly. @example importCell('00123') // '00123' */
export function importCell(text: string): string | number {
  const t = text.trim();
  return NUMBER.test(t) && t.replace(/^-?0*\.?0*|[.-]/g, '').length <= 15 ? Number(t) : text;
}

export type ColumnKind = 'number' | 'date' | 'text';

/** The kind of every column of `rows` (text for roles that are names or ids). */
export function columnKinds(rows: readonly (readonly string[])[], roles: Partial<Record<ColumnRole, number>>): ColumnKind[] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const textCols = new Set(TEXT_ROLES.map((r) => roles[r]).filter((c): c is number => c !== undefined));
  return Array.from({ length: width }, (_, j): ColumnKind => {
    if (textCols.has(j)) return 'text';
    const cells = rows.map((r) => (r[j] ?? '').trim()).filter((t) => t !== '');
    if (cells.length === 0) return 'text';
    if (cells.every((t) => typeof importCell(t) === 'number')) return 'number';
    if ((roles.date === j || cells.every((t) => DATE_LIKE.test(t))) && cells.every(isDate)) return 'date';
    return 'text';
  });
}

function isDate(t: string): boolean {
  try {
    dayToExcelSerial(parseDate(t));
    return true;
  } catch {
    return false;
  }
}

function cellOf(text: string, kind: ColumnKind): string | number {
  const t = text.trim();
  if (t === '') return '';
  if (kind === 'number') return Number(t);
  if (kind === 'date') return dayToExcelSerial(parseDate(t));
  return text;
}

export interface CsvImport {
  plan: SheetPlan;
  rows: number;
  encoding: string;
  /** Lines that are no row at all (a quote never closed): not on the sheet, so the pane names them. */
  rejected: RejectedRow[];
}

/** The sheet plan for a CSV file's bytes, named after the file; `onProgress` gets the share of the text read (0..1). */
export function csvImportPlan(fileName: string, bytes: Uint8Array, onProgress?: (fraction: number) => void): CsvImport {
  const table = readTable(bytes, { onProgress });
  const kinds = columnKinds(table.rows, table.hasHeader ? detectColumns(table.headers) : {});
  const values: unknown[][] = [];
  if (table.hasHeader) values.push(table.headers);
  for (const r of table.rows) values.push(r.map((text, j) => cellOf(text, kinds[j] ?? 'text')));
  const first = table.hasHeader ? 1 : 0;
  const formats: FormatPlan[] = [];
  kinds.forEach((k, j) => {
    if (k === 'date' && table.rows.length > 0) formats.push({ block: 'data', row: first, col: j, rows: table.rows.length, cols: 1, numberFormat: 'yyyy-mm-dd' });
  });
  const base = fileName.replace(/\.[^.]*$/, '') || 'CSV';
  return {
    plan: {
      baseName: base,
      blocks: [{ id: 'data', row: 0, col: 0, values, boldHeader: table.hasHeader }],
      tables: [],
      formats,
      charts: [],
      freezeRows: table.hasHeader ? 1 : 0,
    },
    rows: table.rows.length,
    encoding: table.encoding,
    rejected: table.rejected,
  };
}
