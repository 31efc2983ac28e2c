/**
 * The per-customer table of a report: core's segment columns plus, when the
 * rows carry a composite score (综合评价法), the score and its rank; headings
 * that carry their units (weeks or days, the horizons) and say what value is
 * measured in; a format kind per column.
 */
import { churnRiskLabel, label, type ColumnKey } from '../i18n/labels.ts';
import { SEGMENT_COLUMN_KIND, segmentColumns } from '../segment/segment-table.ts';
import type { SegmentRow, SegmentTotals } from '../segment/segment.ts';
import type { Lang } from '../types.ts';
import type { CellFormat } from './report-table.ts';
import { basisWord, daysText, unitWord } from './report-words.ts';

/** A column of the report's customer table (the composite rank is the segment's own column). */
export type CustomerColumn = ColumnKey;

/** Segment columns that hold something for some customer; when scored, the composite score and its rank stand just before the tier. */
export function customerColumns(rows: readonly SegmentRow[]): CustomerColumn[] {
  const keys: CustomerColumn[] = segmentColumns(rows).filter((k) => k !== 'composite' && k !== 'compositeRank');
  if (rows.some((r) => r.composite !== undefined)) {
    // Beside the tier: the two ways of ranking customers that the seeds compare.
    const at = keys.indexOf('tier');
    keys.splice(at < 0 ? keys.length : at, 0, 'composite', 'compositeRank');
  }
  return keys;
}

export function customerFormat(key: CustomerColumn): CellFormat {
  if (key === 'compositeRank') return 'integer';
  if (key === 'composite' || key === 'contribution') return 'ratio';
  return SEGMENT_COLUMN_KIND[key];
}

/**
 * The heading of a column, with its unit where it has one.
 * @example customerHeader('T', 'zh', totals) // "成为客户(周)"
 */
export function customerHeader(key: CustomerColumn, lang: Lang, totals: Pick<SegmentTotals, 'unit' | 'churnHorizonDays' | 'horizonDays' | 'valueBasis'>): string {
  const zh = lang === 'zh';
  const u = unitWord(totals.unit, lang);
  const horizon = daysText(totals.horizonDays);
  switch (key) {
    case 'recency':
      return zh ? `首末购买间隔(${u})` : `First to last purchase (${u})`;
    case 'T':
      return zh ? `成为客户(${u})` : `Customer for (${u})`;
    case 'sinceLast':
      return zh ? `距上次购买(${u})` : `Since last purchase (${u})`;
    case 'value':
      return zh ? `商业价值(${basisWord(totals.valueBasis, lang)})` : `Value (${basisWord(totals.valueBasis, lang)})`;
    case 'clv':
      return zh ? `客户终身价值(未来${horizon}天)` : `Lifetime value (next ${horizon} days)`;
    case 'expectedPurchases':
      return zh ? `预期购买次数(未来${horizon}天)` : `Expected purchases (next ${horizon} days)`;
    case 'churnRisk':
      return churnRiskLabel(totals.churnHorizonDays, lang);
    case 'contribution':
      return zh ? '客户贡献度(价值÷平均价值)' : 'Contribution (value ÷ mean value)';
    case 'pAlive':
      return zh ? '截止日仍活跃的概率' : 'P(still buying at as-of)';
    case 'compositeRank':
      return zh ? '综合评价排名' : 'Rank by composite score';
    default:
      return label(`col.${key}`, lang);
  }
}
