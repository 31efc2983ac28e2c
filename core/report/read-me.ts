/**
 * The *Read me* sheet as a table: every column of the customer table by the
 * heading it carries, what it means and how it was computed, then the rules
 * (tiers, churn levels, RFM, value matrix, life-cycle stages, concentration)
 * with this analysis's own cut points, in English or Chinese.
 */
import type { AnalysisSettings } from '../analysis/settings.ts';
import type { SegmentTotals } from '../segment/segment.ts';
import type { Lang } from '../types.ts';
import { customerHeader, type CustomerColumn } from './customer-columns.ts';
import type { ReportRow, ReportTable } from './report-table.ts';
import { basisWord, daysText, unitWord } from './report-words.ts';
import { tierRuleText } from './settings-table.ts';

type Pair = { en: string; zh: string };

/** What each column means; `{u}` is the time unit, `{h}` the CLV horizon and `{c}` the churn horizon in days, `{v}` the value basis. */
const MEANING: Readonly<Record<CustomerColumn, Pair>> = {
  id: { en: 'The customer identifier as in the source file (kept as text: leading zeros survive).', zh: '源文件中的客户编号(按文本保存,前导零不会丢失)。' },
  name: { en: 'Customer name from the source file.', zh: '源文件中的客户姓名。' },
  email: { en: 'E-mail address from the source file.', zh: '源文件中的电子邮箱。' },
  company: { en: 'Company from the source file.', zh: '源文件中的公司。' },
  firstDay: { en: 'Date of the first purchase (an Excel date).', zh: '首次购买日期(Excel 日期)。' },
  lastDay: { en: 'Date of the last purchase on or before the as-of day.', zh: '截止日及之前的最后一次购买日期。' },
  transactions: { en: 'Rows of the source file for the customer.', zh: '该客户在源文件中的行数。' },
  purchaseDays: { en: 'Distinct days with a purchase (several purchases on one day count once).', zh: '有购买的不同天数(同一天多次购买算一次)。' },
  frequency: { en: 'Repeat purchases: purchase days after the first one.', zh: '重复购买次数:首次购买之后的购买天数。' },
  recency: { en: 'Time from the first to the last purchase, in {u} (t_x of the models).', zh: '首次到最后一次购买的间隔,单位:{u}(模型中的 t_x)。' },
  T: { en: 'How long the customer has been a customer: first purchase to the as-of day, in {u} (T of the models).', zh: '成为客户的时长:首次购买到截止日,单位:{u}(模型中的 T)。' },
  sinceLast: { en: 'Time from the last purchase to the as-of day, in {u}.', zh: '最后一次购买到截止日的时间,单位:{u}。' },
  grossRevenue: { en: 'Sales before returns.', zh: '扣除退货前的销售额。' },
  returns: { en: 'Number of return rows (negative amounts).', zh: '退货行数(金额为负)。' },
  returnAmount: { en: 'Amount returned (as a positive number).', zh: '退货金额(正数)。' },
  revenue: { en: 'Net sales: sales minus returns.', zh: '净销售额:销售额减退货。' },
  averageSpend: { en: 'Net sales per purchase day.', zh: '每个购买日的平均净销售额。' },
  monetary: { en: 'Average spend of the repeat purchases (the Gamma-Gamma model input).', zh: '重复购买的平均金额(Gamma-Gamma 模型的输入)。' },
  cost: { en: 'Cost from the source file.', zh: '源文件中的成本。' },
  profit: { en: 'Net sales minus cost (or times the margin rate when no cost is given).', zh: '净销售额减成本(无成本时乘以利润率)。' },
  quantity: { en: 'Quantity from the source file.', zh: '源文件中的数量。' },
  value: { en: 'The key indicator: {v} over the whole history. Tiers, the M of RFM and the concentration figures use it.', zh: '关键指标:全部历史的{v}。客户分级、RFM 中的 M 与集中度都基于它。' },
  contribution: { en: 'Customer contribution = value ÷ mean value of all customers (1 = an average customer).', zh: '客户贡献度 = 价值 ÷ 全体客户的平均价值(1 表示平均水平)。' },
  clv: { en: 'Lifetime value: expected profit (or net sales) in the next {h} days, discounted to today.', zh: '客户终身价值:未来{h}天的预期利润(或销售额),折现到今天。' },
  pAlive: { en: 'Probability the customer is still buying at the as-of day.', zh: '截止日时客户仍在购买的概率。' },
  expectedPurchases: { en: 'Expected purchase days in the next {h} days.', zh: '未来{h}天的预期购买天数。' },
  expectedSpend: { en: 'Expected spend per purchase (Gamma-Gamma when fitted, else the customer average).', zh: '预期单次消费(有 Gamma-Gamma 模型时取其估计,否则取客户平均值)。' },
  churnRisk: { en: 'Probability of no purchase in the next {c} days.', zh: '未来{c}天内没有购买的概率。' },
  churnLevel: { en: 'Churn risk in three levels (see the rules below).', zh: '流失风险分三级(见下方规则)。' },
  churnSource: { en: 'Whether churn risk came from the fitted model or the own-rate heuristic.', zh: '流失风险来自拟合的模型还是自身购买率估计。' },
  rfmR: { en: 'Recency score 1–5 (5 = bought most recently), by quintiles.', zh: '最近购买得分 1–5(5 = 最近购买),按五分位。' },
  rfmF: { en: 'Frequency score 1–5 (5 = most purchase days), by quintiles.', zh: '购买频次得分 1–5(5 = 购买天数最多),按五分位。' },
  rfmM: { en: 'Monetary score 1–5 (5 = highest value), by quintiles.', zh: '消费金额得分 1–5(5 = 价值最高),按五分位。' },
  rfmCell: { en: 'The three scores together, e.g. 555.', zh: '三项得分连写,如 555。' },
  rfmSegment: { en: 'RFM segment named from the three scores.', zh: '由三项得分得到的 RFM 细分名称。' },
  tier: { en: 'Tier by value (see the tier rule below).', zh: '按价值划分的客户等级(见下方分级规则)。' },
  composite: { en: 'Composite score (综合评价法): the weighted average of the chosen indicators, each scaled to 0–1.', zh: '综合评价值:所选指标各自归一到 0–1 后的加权平均。' },
  compositeRank: { en: 'Rank by composite score, 1 = best; equal scores share a rank.', zh: '按综合评价值的排名,1 为最好;分值相同名次相同。' },
  matrix: { en: 'Value matrix: current value × lifetime value, each split at the value in the Model sheet.', zh: '价值矩阵:当前价值 × 终身价值,分界值见“模型”工作表。' },
  stage: { en: 'Life-cycle stage from purchase days, customer-for, churn risk and the value trend.', zh: '生命周期阶段,依据购买天数、成为客户时长、流失风险与价值趋势。' },
};

function fill(text: string, u: string, h: string, c: string, v: string): string {
  return text.replaceAll('{u}', u).replaceAll('{h}', h).replaceAll('{c}', c).replaceAll('{v}', v);
}

/** @example readMeTable(['id', 'tier'], 'en', totals, settings).rows[1].cells[0] // "Customer" */
export function readMeTable(columns: readonly CustomerColumn[], lang: Lang, totals: SegmentTotals, settings: AnalysisSettings): ReportTable {
  const zh = lang === 'zh';
  const u = unitWord(totals.unit, lang);
  const h = daysText(totals.horizonDays);
  const c = daysText(totals.churnHorizonDays);
  const v = basisWord(totals.valueBasis, lang);
  const rows: ReportRow[] = [{ heading: true, cells: [zh ? '客户表的各列' : 'Columns of the customer table', ''] }];
  for (const key of columns) rows.push({ cells: [customerHeader(key, lang, totals), fill(MEANING[key][lang], u, h, c, v)] });
  const [low, high] = settings.churnThresholds.map((x) => `${Math.round(x * 100)} %`);
  const rules: [string, string][] = zh
    ? [
        ['客户分级', `${tierRuleText(settings.tierRule, lang)}。`],
        ['客户贡献度区间', '“客户分级汇总”中每个等级的客户贡献度范围(《课题四 分析客户的商业价值》表 4-2)。'],
        ['管理策略', '每个等级的管理策略摘自《课题四 分析客户的商业价值》步骤四。'],
        ['流失风险等级', `低:低于 ${low};中:${low} 至 ${high};高:${high} 及以上。`],
        ['RFM 细分', '由 R、F、M 三项五分位得分组合命名,如冠军客户(高 R、高 F、高 M)。'],
        ['价值矩阵', '黄金客户:当前与未来价值都高;白金客户:当前高、未来低;铁质客户:当前低、未来高;铅质客户:两者都低。'],
        ['集中度', `前20%客户所占${v}比例与基尼系数;负价值按 0 计算。`],
        ['截止日', '分析所依据的日期;晚于它的交易不计入。'],
      ]
    : [
        ['Tiers', `${tierRuleText(settings.tierRule, lang)}.`],
        ['Contribution band', 'The range of contribution each tier holds, in the tier summary (table 4-2 of the course unit 《课题四 分析客户的商业价值》).'],
        ['Management strategy', "Each tier's strategy follows step four of 《课题四 分析客户的商业价值》."],
        ['Churn levels', `Low below ${low}, Medium from ${low} to ${high}, High from ${high}.`],
        ['RFM segments', 'Named from the quintile scores R, F and M, e.g. Champions (high R, F and M).'],
        ['Value matrix', 'Gold: high current and lifetime value; Platinum: high current, low lifetime; Iron: low current, high lifetime; Lead: both low.'],
        ['Concentration', `Share of ${v} held by the top 20 % of customers, and the Gini coefficient; negative values count as 0.`],
        ['As-of day', 'The day the analysis is taken; transactions after it are left out.'],
      ];
  rows.push({ heading: true, cells: [zh ? '规则' : 'Rules', ''] });
  for (const [term, text] of rules) rows.push({ cells: [term, text] });
  return { id: 'ReadMe', title: zh ? '说明' : 'Read me', headers: [zh ? '名称' : 'Term', zh ? '含义' : 'Meaning'], formats: ['text', 'text'], rows };
}
