/**
 * The tier summary as the seeds lay it out (table 4-2 of 《课题四 分析客户的
 * 商业价值》): per tier the contribution band, customers and their share,
 * value and its share, average value, lifetime value and the tier's
 * management strategy (步骤四), then a total row.
 */
import { label } from '../i18n/labels.ts';
import type { SegmentResult } from '../segment/segment.ts';
import type { TierRule } from '../tiers/rule.ts';
import type { Lang } from '../types.ts';
import { contributionBands, observedContribution } from './contribution-band.ts';
import type { ReportTable } from './report-table.ts';
import { basisHeading, basisWord, daysText, shareOf, word } from './report-words.ts';
import { segmentValues } from './segment-values.ts';

/**
 * @example tierSummaryTable(analysis.segment, analysis.settings.tierRule, 'zh').headers[1] // "客户贡献度(价值÷平均价值)"
 */
export function tierSummaryTable(segment: SegmentResult, tierRule: TierRule, lang: Lang): ReportTable {
  const { totals } = segment;
  const basis = totals.valueBasis;
  // Read from the segment's columns (segment-values.ts), in the rows' order, so the sums are those over segment.customers.
  const v = segmentValues(segment);
  const bands = contributionBands(tierRule, tierRule.method === 'contribution' ? [] : observedContribution(v.tier, v.contribution));
  const clvByTier = new Map<string, number>();
  for (let k = 0; k < v.n; k++) clvByTier.set(v.tier[k], (clvByTier.get(v.tier[k]) ?? 0) + v.clv[k]);
  const average = lang === 'zh' ? `人均${basisWord(basis, lang)}` : `Average ${basisWord(basis, lang)} per customer`;
  const clv = lang === 'zh' ? `客户终身价值(未来${daysText(totals.horizonDays)}天)` : `Lifetime value (next ${daysText(totals.horizonDays)} days)`;
  return {
    id: 'TierSummary',
    title: word('summaryTitle', lang),
    headers: [word('tier', lang), word('contribution', lang), word('customers', lang), word('customerShare', lang), basisHeading(basis, lang), shareOf(basis, lang), average, clv, word('strategy', lang)],
    formats: ['text', 'text', 'count', 'share', 'money', 'share', 'money', 'money', 'text'],
    rows: [
      ...segment.summary.map((s, k) => ({
        tier: s.tier,
        cells: [label(`tier.${s.tier}`, lang), bands[k] ?? '', s.customers, s.customerShare, s.value, s.valueShare, s.averageValue, clvByTier.get(s.tier) ?? 0, label(`strategy.${s.tier}`, lang)],
      })),
      {
        total: true,
        cells: [word('total', lang), '', totals.customers, totals.customers > 0 ? 1 : 0, totals.value, totals.value !== 0 ? 1 : 0, totals.customers > 0 ? totals.value / totals.customers : 0, totals.clv, ''],
      },
    ],
  };
}
