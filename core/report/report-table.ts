/**
 * A report table as data: headers, a number format kind per column, rows of
 * cells. The command line's workbook and the Excel add-in's segment sheet
 * both lay out the same tables (tier summary, concentration, rejected rows,
 * holdout, settings), so their columns, labels and formats cannot drift.
 */
import type { Tier } from '../types.ts';

export type ReportCell = string | number | null;

/**
 * How a column's numbers are meant to be read. Each product turns the kind
 * into its own formatting; {@link EXCEL_NUMBER_FORMATS} gives Excel's.
 */
export type CellFormat = 'text' | 'number' | 'count' | 'integer' | 'money' | 'share' | 'ratio' | 'decimal' | 'date' | 'score';

export interface ReportRow {
  cells: ReportCell[];
  /** Formats of this row that differ from the column's (a settings table mixes kinds in one column). */
  formats?: (CellFormat | undefined)[];
  /** The tier a row stands for, so products colour it with the tier palette. */
  tier?: Tier;
  /** A totals row: shown in bold, and kept out of sortable tables. */
  total?: boolean;
  /** A heading inside the table (e.g. "BG/NBD fit"): shown in bold. */
  heading?: boolean;
}

export interface ReportTable {
  /** Stable name (also the Excel table name where a product makes one). */
  id: string;
  /** Heading above the table, in the table's language. */
  title: string;
  headers: string[];
  formats: CellFormat[];
  rows: ReportRow[];
}

/**
 * Excel number format codes per kind. Shares are fractions shown as
 * percentages; ratios (Gini, contribution) keep three decimals so 0.604
 * never shows as 1; dates are Excel serial numbers shown as ISO dates.
 */
export const EXCEL_NUMBER_FORMATS: Readonly<Record<CellFormat, string | undefined>> = {
  text: undefined,
  // As typed: 90 days shows as 90, 91.3 as 91.3.
  number: 'General',
  count: '#,##0',
  money: '#,##0.00',
  share: '0.0%',
  ratio: '0.000',
  decimal: '0.00',
  date: 'yyyy-mm-dd',
  integer: '0',
  score: '0',
};

/** The format of one cell: the row's own, else the column's. */
export function cellFormat(table: ReportTable, row: ReportRow, col: number): CellFormat {
  return row.formats?.[col] ?? table.formats[col] ?? 'text';
}
