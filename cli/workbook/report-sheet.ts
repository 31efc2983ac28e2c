/**
 * Lays a core report table onto a worksheet: a styled heading row, number
 * formats from the table's format kinds, tier fills, bold totals and
 * section headings.
 */
import { cellFormat, EXCEL_NUMBER_FORMATS, tierColors, type ReportCell, type ReportTable } from '../../core/index.ts';
import { textWidth } from './column-width.ts';
import type { Sheet } from './package.ts';
import type { CellStyle, Styles } from './styles.ts';

export const HEADER_FILL = '1F4E79';
export const SECTION_FILL = 'DDEBF7';

/** `rrggbb` of a palette colour written `#rrggbb`. */
export function hex(color: string): string {
  return color.replace('#', '').toUpperCase();
}

/** The look of a header cell: white bold text on dark blue, wrapped, as Excel's table styles show it. */
export const HEADER: CellStyle = { font: { bold: true, color: 'FFFFFF' }, fill: HEADER_FILL, vertical: 'center', wrap: true };

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

/** Writes the table with its heading row at `row`; returns the first row after it. */
export function placeTable(sheet: Sheet, styles: Styles, table: ReportTable, options: PlaceOptions): number {
  const col0 = options.col ?? 1;
  const width = table.headers.length;
  const widthOf = (j: number) => options.widths?.[col0 + j] ?? 10;
  const header = styles.id(HEADER);
  sheet.row(options.row, table.headers, table.headers.map(() => header), {
    first: col0,
    height: wrappedHeight(table.headers.map((h, j) => ({ text: h, width: widthOf(j), bold: true }))) ?? LINE + 3,
  });
  let r = options.row + 1;
  for (const row of table.rows) {
    const values: ReportCell[] = [...row.cells];
    const looks = row.cells.map((value, j): CellStyle => {
      const numFmt = EXCEL_NUMBER_FORMATS[cellFormat(table, row, j)];
      const look: CellStyle = { vertical: 'top' };
      if (numFmt !== undefined && typeof value === 'number') look.numFmt = numFmt;
      if (options.left?.includes(j + 1)) look.horizontal = 'left';
      if (options.wrap?.includes(j + 1)) look.wrap = true;
      if (row.total) {
        look.font = { bold: true };
        look.borderTop = true;
      }
      if (row.heading) {
        look.font = { bold: true };
        look.fill = SECTION_FILL;
      }
      return look;
    });
    // A section heading is shaded across the whole table.
    if (row.heading) for (let j = row.cells.length; j < width; j++) looks.push({ fill: SECTION_FILL });
    if (row.tier && looks[0]) looks[0] = { ...looks[0], fill: hex(tierColors[row.tier].fill) };
    const wrapped = (options.wrap ?? []).map((c) => ({ text: String(row.cells[c - 1] ?? ''), width: widthOf(c - 1), bold: row.heading || row.total }));
    sheet.row(r++, values, looks.map((l) => styles.id(l)), { first: col0, height: wrappedHeight(wrapped) });
  }
  return r;
}
