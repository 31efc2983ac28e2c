/**
 * The per-customer segment table as rows of cells, with translated headers
 * and labels: what the command line's workbook, the Excel add-in's segment
 * sheet and its CV.SEGMENT spill all show, so the three never disagree on
 * columns or wording. Dates are ISO strings here; a product that has real
 * date cells converts them itself.
 */
import { dayToIso } from '../read/day-number.ts';
import { label, type ColumnKey } from '../i18n/labels.ts';
import type { Lang } from '../types.ts';
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

/** One cell of a row; labels (tier, stage, …) in the chosen language. */
export function segmentCell(row: SegmentRow, key: ColumnKey, lang: Lang): TableCell {
  switch (key) {
    case 'firstDay':
    case 'lastDay':
      return dayToIso(row[key]);
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
 * Builds the table. Columns that are empty for every customer (no names,
 * no model, no cost) are left out unless `columns` names them.
 *
 * @example
 * segmentTable(result.customers, 'zh').headers[0]; // "客户"
 */
export function segmentTable(rows: readonly SegmentRow[], lang: Lang, columns?: readonly ColumnKey[]): SegmentTable {
  const keys = (columns ?? SEGMENT_COLUMNS).filter(
    (key) => columns !== undefined || rows.some((row) => segmentCell(row, key, lang) !== null),
  );
  return {
    keys,
    headers: keys.map((key) => label(`col.${key}`, lang)),
    rows: rows.map((row) => keys.map((key) => segmentCell(row, key, lang))),
  };
}
