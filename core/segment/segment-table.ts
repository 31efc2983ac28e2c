/**
 * The per-customer segment table as rows of cells, with translated headers
 * and labels: what the command line's workbook, the Excel add-in's segment
 * sheet and its CV.SEGMENT spill all show, so the three never disagree on
 * columns or wording. Dates are ISO strings here; a product that has real
 * date cells converts them itself.
 */
import { dayToIso } from '../read/day-number.ts';
import { churnRiskLabel, label, type ColumnKey } from '../i18n/labels.ts';
import type { DayNumber, Lang } from '../types.ts';
import type { SegmentRow } from './segment.ts';

export type TableCell = string | number | null;

export interface SegmentTable {
  keys: ColumnKey[];
  headers: string[];
  rows: TableCell[][];
}

/** The default column order: identity, history, value, risk, groups. */
export const SEGMENT_COLUMNS: readonly ColumnKey[] = [
  'id',
  'name',
  'email',
  'company',
  'firstDay',
  'lastDay',
  'purchaseDays',
  'frequency',
  'recency',
  'T',
  'sinceLast',
  'revenue',
  'returnAmount',
  'averageSpend',
  'monetary',
  'profit',
  'value',
  'contribution',
  'clv',
  'pAlive',
  'expectedPurchases',
  'expectedSpend',
  'churnRisk',
  'churnLevel',
  'rfmR',
  'rfmF',
  'rfmM',
  'rfmCell',
  'rfmSegment',
  'tier',
  'matrix',
  'stage',
];

/**
 * The composite weighted score and its rank: shown after contribution when
 * an analysis has a score, and kept out of SEGMENT_COLUMNS, which fixes the
 * columns of CV.SEGMENT's spill whatever the settings.
 */
export const COMPOSITE_COLUMNS: readonly ColumnKey[] = ['composite', 'compositeRank'];

const SHOWN_COLUMNS: readonly ColumnKey[] = SEGMENT_COLUMNS.flatMap((key) => (key === 'contribution' ? [key, ...COMPOSITE_COLUMNS] : [key]));

/** What a column holds, so each product can pick its number format. */
export type ColumnKind = 'text' | 'date' | 'count' | 'score' | 'decimal' | 'money' | 'share';

export const SEGMENT_COLUMN_KIND: Readonly<Record<ColumnKey, ColumnKind>> = {
  id: 'text',
  name: 'text',
  email: 'text',
  company: 'text',
  firstDay: 'date',
  lastDay: 'date',
  transactions: 'count',
  purchaseDays: 'count',
  frequency: 'count',
  recency: 'decimal',
  T: 'decimal',
  sinceLast: 'decimal',
  grossRevenue: 'money',
  returns: 'count',
  returnAmount: 'money',
  revenue: 'money',
  averageSpend: 'money',
  monetary: 'money',
  cost: 'money',
  profit: 'money',
  quantity: 'count',
  value: 'money',
  clv: 'money',
  churnRisk: 'share',
  churnLevel: 'text',
  churnSource: 'text',
  pAlive: 'share',
  expectedPurchases: 'decimal',
  expectedSpend: 'money',
  rfmR: 'score',
  rfmF: 'score',
  rfmM: 'score',
  rfmCell: 'text',
  rfmSegment: 'text',
  tier: 'text',
  contribution: 'decimal',
  composite: 'decimal',
  compositeRank: 'count',
  matrix: 'text',
  stage: 'text',
};

/** How a product writes a date cell: ISO text by default; Excel wants a serial number. */
export type DayFormat = (day: DayNumber) => TableCell;

/** One cell of a row; labels (tier, stage, …) in the chosen language. */
export function segmentCell(row: SegmentRow, key: ColumnKey, lang: Lang, formatDay: DayFormat = dayToIso): TableCell {
  switch (key) {
    case 'firstDay':
    case 'lastDay':
      return formatDay(row[key]);
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
      const value = row[key];
      return value === undefined ? null : value;
    }
  }
}

/**
 * The columns worth showing: the given ones, or the default order without
 * the columns that are empty for every customer (no names, no model, no
 * cost, no composite score).
 */
export function segmentColumns(rows: readonly SegmentRow[], columns?: readonly ColumnKey[]): ColumnKey[] {
  if (columns !== undefined) return [...columns];
  return SHOWN_COLUMNS.filter((key) => rows.some((row) => segmentCell(row, key, 'en') !== null));
}

/**
 * Builds the table: headers in the language, one row of cells per customer.
 * With `churnHorizonDays` the churn-risk heading says what the number is
 * ("Churn risk (no purchase in 90 days)").
 *
 * @example
 * segmentTable(result.customers, 'zh').headers[0]; // "客户"
 */
export function segmentTable(
  rows: readonly SegmentRow[],
  lang: Lang,
  columns?: readonly ColumnKey[],
  formatDay: DayFormat = dayToIso,
  churnHorizonDays?: number,
): SegmentTable {
  const keys = segmentColumns(rows, columns);
  return {
    keys,
    headers: keys.map((key) => (key === 'churnRisk' && churnHorizonDays !== undefined ? churnRiskLabel(churnHorizonDays, lang) : label(`col.${key}`, lang))),
    rows: rows.map((row) => keys.map((key) => segmentCell(row, key, lang, formatDay))),
  };
}
