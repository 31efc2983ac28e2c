/**
 * The per-customer segment table as cells: which columns, in which order,
 * their headers in the display language, and each row's cells. Shared by
 * CV.SEGMENT (a spill) and the task pane (a worksheet table) so both show
 * the same table.
 */
import { label, type ColumnKey } from '../../core/i18n/labels.ts';
import { dayToExcelSerial } from '../../core/read/day-number.ts';
import type { SegmentResult, SegmentRow } from '../../core/segment/segment.ts';
import type { DayNumber, Lang, TierSummaryRow } from '../../core/types.ts';

/** Columns in sheet order; optional ones are dropped when no customer has them. */
const ORDER: readonly ColumnKey[] = [
  'id', 'name', 'company', 'email', 'firstDay', 'lastDay', 'transactions', 'purchaseDays', 'frequency', 'recency', 'T',
  'sinceLast', 'revenue', 'profit', 'value', 'clv', 'churnRisk', 'churnLevel', 'pAlive', 'expectedPurchases',
  'rfmR', 'rfmF', 'rfmM', 'rfmCell', 'rfmSegment', 'tier', 'contribution', 'matrix', 'stage',
];
const OPTIONAL = new Set<ColumnKey>(['name', 'company', 'email', 'profit', 'pAlive', 'expectedPurchases']);

/** Columns that hold dates (Excel serials), money, or shares, for number formats. */
export const DATE_COLUMNS = new Set<ColumnKey>(['firstDay', 'lastDay']);
export const MONEY_COLUMNS = new Set<ColumnKey>(['revenue', 'profit', 'value', 'clv']);
export const SHARE_COLUMNS = new Set<ColumnKey>(['churnRisk', 'pAlive']);

/** The columns to show for this result. */
export function segmentColumns(result: SegmentResult): ColumnKey[] {
  return ORDER.filter((k) => !OPTIONAL.has(k) || result.customers.some((c) => cellOf(c, k, 'en') !== ''));
}

export function segmentHeader(columns: readonly ColumnKey[], lang: Lang): string[] {
  return columns.map((k) => label(`col.${k}`, lang));
}

/** Excel date serial of a day number (core's conversion). @example excelSerial(19787) // 45356 (2024-03-05) */
export function excelSerial(day: DayNumber): number {
  return dayToExcelSerial(day);
}

/** One cell of a customer's row: numbers stay numbers, names are translated, missing is "". */
export function cellOf(row: SegmentRow, key: ColumnKey, lang: Lang): string | number | boolean {
  switch (key) {
    case 'firstDay':
    case 'lastDay':
      return excelSerial(row[key]);
    case 'rfmR':
      return row.rfm.r;
    case 'rfmF':
      return row.rfm.f;
    case 'rfmM':
      return row.rfm.m;
    case 'rfmCell':
      return row.rfm.cell;
    case 'rfmSegment':
      return label(`rfm.${row.rfm.segment}`, lang);
    case 'tier':
      return label(`tier.${row.tier}`, lang);
    case 'matrix':
      return label(`matrix.${row.matrix}`, lang);
    case 'stage':
      return label(`stage.${row.stage}`, lang);
    case 'churnLevel':
      return label(`churn.${row.churnLevel}`, lang);
    default: {
      const v = (row as unknown as Record<string, unknown>)[key];
      return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : '';
    }
  }
}

/** Header row + one row per customer. */
export function segmentCells(result: SegmentResult, lang: Lang, columns = segmentColumns(result)): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [segmentHeader(columns, lang)];
  for (const c of result.customers) out.push(columns.map((k) => cellOf(c, k, lang)));
  return out;
}

const SUMMARY_KEYS: readonly (keyof TierSummaryRow)[] = ['tier', 'customers', 'customerShare', 'value', 'valueShare', 'averageValue'];

/** The tier summary table with its header row; tier names translated. */
export function summaryCells(summary: readonly TierSummaryRow[], lang: Lang): (string | number)[][] {
  return [
    SUMMARY_KEYS.map((k) => label(`summary.${k}`, lang)),
    ...summary.map((s) => SUMMARY_KEYS.map((k) => (k === 'tier' ? label(`tier.${s.tier}`, lang) : s[k]))),
  ];
}
