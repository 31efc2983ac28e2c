/**
 * Lays a core report table onto a streaming exceljs worksheet: a styled
 * heading row, number formats from the table's format kinds, tier fills,
 * bold totals and section headings.
 */
import type ExcelJS from 'exceljs';
import { cellFormat, EXCEL_NUMBER_FORMATS, tierColors, type ReportTable } from '../../core/index.ts';
import { textWidth } from './column-width.ts';

export const HEADER_FILL = '1F4E79';
export const SECTION_FILL = 'DDEBF7';

export function argb(hex: string): string {
  return 'FF' + hex.replace('#', '').toUpperCase();
}

export function solid(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

/** The look of a header row: white bold text on dark blue, wrapped, as Excel's table styles show it. */
export function styleHeader(row: ExcelJS.Row, columns: number, first = 1): void {
  for (let c = first; c < first + columns; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: 'middle', wrapText: true };
  }
}

export interface PlaceOptions {
  /** 1-based row of the heading row. */
  row: number;
  /** 1-based column of the first column. Default 1. */
  col?: number;
  /** Columns whose text wraps (1-based within the table). */
  wrap?: readonly number[];
  /** Columns aligned left whatever they hold (a value column of a settings list reads beside its label). */
  left?: readonly number[];
  /** The sheet's column widths (1-based column → width), to make wrapped rows tall enough. */
  widths?: readonly number[];
}

/** Line height of the default 11-point font, in points. */
const LINE = 15;

/**
 * Rows holding wrapped text are given the height of their tallest cell:
 * LibreOffice keeps the default height of a row written without one, and the
 * wrapped lines would be cut.
 */
export function wrappedHeight(texts: readonly { text: string; width: number; bold?: boolean }[]): number | undefined {
  let lines = 1;
  for (const t of texts) {
    // A column of width w holds about w digits; letters of proportional text run narrower, bold ones about as wide.
    const chars = textWidth(t.text) * (t.bold ? 1 : 0.9);
    lines = Math.max(lines, Math.ceil(chars / Math.max(1, t.width - 1)));
  }
  return lines > 1 ? lines * LINE + 3 : undefined;
}

/**
 * Writes the table with its heading row at `row` and commits the rows;
 * returns the first row after it.
 */
export function placeTable(sheet: ExcelJS.Worksheet, table: ReportTable, options: PlaceOptions): number {
  const col0 = options.col ?? 1;
  const width = table.headers.length;
  const header = sheet.getRow(options.row);
  table.headers.forEach((h, j) => (header.getCell(col0 + j).value = h));
  styleHeader(header, width, col0);
  const widthOf = (j: number) => options.widths?.[col0 + j] ?? 10;
  header.height = wrappedHeight(table.headers.map((h, j) => ({ text: h, width: widthOf(j), bold: true }))) ?? LINE + 3;
  header.commit();
  let r = options.row + 1;
  for (const row of table.rows) {
    const out = sheet.getRow(r++);
    row.cells.forEach((value, j) => {
      const cell = out.getCell(col0 + j);
      cell.value = value;
      const numFmt = EXCEL_NUMBER_FORMATS[cellFormat(table, row, j)];
      if (numFmt !== undefined && typeof value === 'number') cell.numFmt = numFmt;
      const horizontal = options.left?.includes(j + 1) ? ('left' as const) : undefined;
      cell.alignment = { vertical: 'top', horizontal, wrapText: options.wrap?.includes(j + 1) ? true : undefined };
      if (row.total) {
        cell.font = { bold: true };
        cell.border = { top: { style: 'thin' } };
      }
      if (row.heading) {
        cell.font = { bold: true };
        cell.fill = solid(SECTION_FILL);
      }
    });
    if (row.heading) for (let j = row.cells.length; j < width; j++) out.getCell(col0 + j).fill = solid(SECTION_FILL);
    if (row.tier) out.getCell(col0).fill = solid(tierColors[row.tier].fill);
    const wrapped = (options.wrap ?? []).map((c) => ({ text: String(row.cells[c - 1] ?? ''), width: widthOf(c - 1), bold: row.heading || row.total }));
    const height = wrappedHeight(wrapped);
    if (height !== undefined) out.height = height;
    out.commit();
  }
  return r;
}
