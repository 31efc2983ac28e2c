/**
 * The per-customer segment table as Excel cells: core's table
 * (core/segment/segment-table.ts: columns, order, headers, labels) with
 * dates as Excel serial numbers and missing values as empty cells. Shared
 * by CV.SEGMENT (a spill) and the task pane (a worksheet table) so both show
 * what the command line's workbook shows.
 */
import {
  churnRiskLabel,
  dayToExcelSerial,
  label,
  SEGMENT_COLUMN_KIND,
  segmentCell,
  segmentColumns as coreSegmentColumns,
  type ColumnKey,
  type DayNumber,
  type Lang,
  type SegmentResult,
  type SegmentRow,
} from '../../core/index.ts';

const kinds = (kind: string) =>
  new Set((Object.keys(SEGMENT_COLUMN_KIND) as ColumnKey[]).filter((k) => SEGMENT_COLUMN_KIND[k] === kind));

/** Columns that hold dates (Excel serials), money, or shares, for number formats. */
export const DATE_COLUMNS = kinds('date');
export const MONEY_COLUMNS = kinds('money');
export const SHARE_COLUMNS = kinds('share');

/** The columns to show for this result (core's order, empty columns left out). */
export function segmentColumns(result: SegmentResult): ColumnKey[] {
  return coreSegmentColumns(result.customers);
}

export function segmentHeader(columns: readonly ColumnKey[], lang: Lang, churnHorizonDays?: number): string[] {
  return columns.map((k) => (k === 'churnRisk' && churnHorizonDays !== undefined ? churnRiskLabel(churnHorizonDays, lang) : label(`col.${k}`, lang)));
}

/** Excel date serial of a day number (core's conversion). @example excelSerial(19787) // 45356 (2024-03-05) */
export function excelSerial(day: DayNumber): number {
  return dayToExcelSerial(day);
}

/** One cell of a customer's row: numbers stay numbers, names are translated, missing is "". */
export function cellOf(row: SegmentRow, key: ColumnKey, lang: Lang): string | number {
  return segmentCell(row, key, lang, excelSerial) ?? '';
}

/** Header row + one row per customer. */
export function segmentCells(result: SegmentResult, lang: Lang, columns = segmentColumns(result)): (string | number)[][] {
  const out: (string | number)[][] = [segmentHeader(columns, lang, result.totals.churnHorizonDays)];
  for (const c of result.customers) out.push(columns.map((k) => cellOf(c, k, lang)));
  return out;
}
