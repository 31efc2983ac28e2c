/**
 * The words of the report tables, in English and Chinese: headings that
 * carry their units and say what a share is a share of. Chinese terms follow
 * 《课题四 分析客户的商业价值》 (客户贡献度, 占总人数比例, 占销售额比例).
 */
import type { ValueBasis } from '../segment/segment.ts';
import type { Lang, TimeUnit } from '../types.ts';

/** "weeks" / "周": the plural of a time unit, for headings such as "Since last purchase (weeks)". */
export function unitWord(unit: TimeUnit, lang: Lang): string {
  const words = { day: { en: 'days', zh: '天' }, week: { en: 'weeks', zh: '周' }, month: { en: 'months', zh: '月' } } as const;
  return words[unit][lang];
}

/** What value is measured in: "net sales" or "profit" (销售额 / 利润). */
export function basisWord(basis: ValueBasis, lang: Lang): string {
  if (lang === 'zh') return basis === 'profit' ? '利润' : '销售额';
  return basis === 'profit' ? 'profit' : 'net sales';
}

/** "Net sales" / "Profit" as a heading. */
export function basisHeading(basis: ValueBasis, lang: Lang): string {
  const w = basisWord(basis, lang);
  return lang === 'zh' ? w : w.charAt(0).toUpperCase() + w.slice(1);
}

/** "Share of net sales" / "占销售额比例": a share that says what it is a share of. */
export function shareOf(basis: ValueBasis, lang: Lang): string {
  return lang === 'zh' ? `占${basisWord(basis, lang)}比例` : `Share of ${basisWord(basis, lang)}`;
}

/** A whole number of days as written in headings: 365, or 91.3 when not whole. */
export function daysText(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

type Pair = { en: string; zh: string };

/** Fixed words of the report tables. */
export const REPORT_WORDS = {
  tier: { en: 'Tier', zh: '客户等级' },
  contribution: { en: 'Contribution (value ÷ mean value)', zh: '客户贡献度(价值÷平均价值)' },
  customers: { en: 'Customers', zh: '客户数' },
  customerShare: { en: 'Share of customers', zh: '占总人数比例' },
  strategy: { en: 'Management strategy', zh: '管理策略' },
  total: { en: 'Total', zh: '合计' },
  summaryTitle: { en: 'Customer tiers', zh: '客户分级汇总' },
  concentrationTitle: { en: 'Concentration of value', zh: '价值集中度' },
  measure: { en: 'Measure', zh: '指标' },
  result: { en: 'Result', zh: '结果' },
  gini: { en: 'Gini coefficient (0 = equal, 1 = one holds all)', zh: '基尼系数(0 = 完全平均, 1 = 一人独占)' },
  curveTitle: { en: 'Concentration curve', zh: '集中度曲线' },
  topCustomers: { en: 'Top customers (share of all customers)', zh: '排名靠前的客户(占总人数比例)' },
  equalShares: { en: 'Equal shares (no concentration)', zh: '完全平均(无集中)' },
  rejectedTitle: { en: 'Rows that could not be used', zh: '未使用的行' },
  line: { en: 'Line', zh: '行号' },
  sheetRow: { en: 'Sheet row', zh: '工作表行号' },
  reason: { en: 'Reason', zh: '原因' },
  setting: { en: 'Setting', zh: '设置' },
  value: { en: 'Value', zh: '取值' },
} as const satisfies Record<string, Pair>;

export function word(key: keyof typeof REPORT_WORDS, lang: Lang): string {
  return REPORT_WORDS[key][lang];
}
