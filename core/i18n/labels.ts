import { CvError } from '../errors.ts';
import type { Lang, LifecycleStage, MatrixCell, RfmSegment, Tier, TierSummaryRow } from '../types.ts';
import type { ChurnLevel } from '../churn/level.ts';

/** Columns of the per-customer segment table (SegmentRow fields, RFM flattened). */
export type ColumnKey =
  | 'id'
  | 'name'
  | 'email'
  | 'company'
  | 'firstDay'
  | 'lastDay'
  | 'transactions'
  | 'purchaseDays'
  | 'frequency'
  | 'recency'
  | 'T'
  | 'sinceLast'
  | 'grossRevenue'
  | 'returns'
  | 'returnAmount'
  | 'revenue'
  | 'averageSpend'
  | 'monetary'
  | 'cost'
  | 'profit'
  | 'quantity'
  | 'value'
  | 'clv'
  | 'churnRisk'
  | 'churnLevel'
  | 'churnSource'
  | 'pAlive'
  | 'expectedPurchases'
  | 'expectedSpend'
  | 'rfmR'
  | 'rfmF'
  | 'rfmM'
  | 'rfmCell'
  | 'rfmSegment'
  | 'tier'
  | 'contribution'
  | 'composite'
  | 'compositeRank'
  | 'matrix'
  | 'stage';

/** Every translatable key. */
export type LabelKey =
  | `tier.${Tier}`
  | `strategy.${Tier}`
  | `matrix.${MatrixCell}`
  | `stage.${LifecycleStage}`
  | `rfm.${RfmSegment}`
  | `churn.${ChurnLevel}`
  | `col.${ColumnKey}`
  | `summary.${keyof TierSummaryRow}`;

type Pair = { en: string; zh: string };

/**
 * The label table. Chinese terms follow seed 001 (VIP客户, 主要客户, 普通客户,
 * 小客户; 黄金/白金/铁质/铅质客户; 考察期/形成期/稳定期/退化期); the strategies
 * paraphrase its 基于商业价值区分的客户关系管理 section.
 */
export const LABELS: { readonly [K in LabelKey]: Pair } = {
  'tier.VIP': { en: 'VIP', zh: 'VIP客户' },
  'tier.Major': { en: 'Major', zh: '主要客户' },
  'tier.Ordinary': { en: 'Ordinary', zh: '普通客户' },
  'tier.Small': { en: 'Small', zh: '小客户' },
  'strategy.VIP': {
    en: 'Top priority: protect from competitors and give the best, personal service.',
    zh: '重点关注和保护，采取特殊的服务策略，视为上宾，提供最优质的服务。',
  },
  'strategy.Major': {
    en: 'Offer suitable discounts and incentives or special service to keep them loyal.',
    zh: '提供适度的折扣和激励或特殊服务，不断提升满意度，保持其忠诚。',
  },
  'strategy.Ordinary': {
    en: 'Study and cultivate them; raise satisfaction so they grow into higher tiers.',
    zh: '精心研究和培养，努力提高满意度，使其转变为更高商业价值的客户。',
  },
  'strategy.Small': {
    en: 'Many customers with little or negative profit: simple, low-cost maintenance.',
    zh: '人数众多但盈利贡献很小甚至为负，只需进行简单的维护。',
  },
  'matrix.Gold': { en: 'Gold', zh: '黄金客户' },
  'matrix.Platinum': { en: 'Platinum', zh: '白金客户' },
  'matrix.Iron': { en: 'Iron', zh: '铁质客户' },
  'matrix.Lead': { en: 'Lead', zh: '铅质客户' },
  'stage.exploration': { en: 'Exploration', zh: '考察期' },
  'stage.formation': { en: 'Formation', zh: '形成期' },
  'stage.stability': { en: 'Stability', zh: '稳定期' },
  'stage.decline': { en: 'Decline', zh: '退化期' },
  'rfm.Champions': { en: 'Champions', zh: '冠军客户' },
  'rfm.Loyal': { en: 'Loyal', zh: '忠诚客户' },
  'rfm.Potential Loyalists': { en: 'Potential Loyalists', zh: '潜在忠诚客户' },
  'rfm.New': { en: 'New', zh: '新客户' },
  'rfm.Promising': { en: 'Promising', zh: '有潜力客户' },
  'rfm.Need Attention': { en: 'Need Attention', zh: '需要关注' },
  'rfm.About to Sleep': { en: 'About to Sleep', zh: '即将沉睡' },
  'rfm.At Risk': { en: 'At Risk', zh: '流失风险' },
  "rfm.Can't Lose": { en: "Can't Lose", zh: '不能失去' },
  'rfm.Hibernating': { en: 'Hibernating', zh: '沉睡客户' },
  'churn.low': { en: 'Low', zh: '低' },
  'churn.medium': { en: 'Medium', zh: '中' },
  'churn.high': { en: 'High', zh: '高' },
  'col.id': { en: 'Customer', zh: '客户' },
  'col.name': { en: 'Name', zh: '姓名' },
  'col.email': { en: 'Email', zh: '电子邮箱' },
  'col.company': { en: 'Company', zh: '公司' },
  'col.firstDay': { en: 'First purchase', zh: '首次购买' },
  'col.lastDay': { en: 'Last purchase', zh: '最近购买' },
  'col.transactions': { en: 'Transactions', zh: '交易笔数' },
  'col.purchaseDays': { en: 'Purchase days', zh: '购买天数' },
  'col.frequency': { en: 'Repeat purchases', zh: '重复购买次数' },
  'col.recency': { en: 'Recency (t_x)', zh: '首末购买间隔' },
  'col.T': { en: 'Age (T)', zh: '客户年龄' },
  'col.sinceLast': { en: 'Since last purchase', zh: '距上次购买' },
  'col.grossRevenue': { en: 'Gross sales', zh: '累计销售额' },
  'col.returns': { en: 'Returns', zh: '退货次数' },
  'col.returnAmount': { en: 'Returned amount', zh: '退货金额' },
  'col.revenue': { en: 'Net sales', zh: '净销售额' },
  'col.averageSpend': { en: 'Average spend', zh: '平均单次消费' },
  'col.monetary': { en: 'Average repeat spend', zh: '重复购买平均金额' },
  'col.cost': { en: 'Cost', zh: '成本' },
  'col.profit': { en: 'Profit', zh: '利润' },
  'col.quantity': { en: 'Quantity', zh: '数量' },
  'col.value': { en: 'Value', zh: '商业价值' },
  'col.clv': { en: 'Lifetime value', zh: '客户终身价值' },
  'col.churnRisk': { en: 'Churn risk', zh: '流失风险' },
  'col.churnLevel': { en: 'Churn level', zh: '流失风险等级' },
  'col.churnSource': { en: 'Churn source', zh: '流失风险来源' },
  'col.pAlive': { en: 'P(alive)', zh: '活跃概率' },
  'col.expectedPurchases': { en: 'Expected purchases', zh: '预期购买次数' },
  'col.expectedSpend': { en: 'Expected spend per purchase', zh: '预期单次消费' },
  'col.rfmR': { en: 'R score', zh: 'R得分' },
  'col.rfmF': { en: 'F score', zh: 'F得分' },
  'col.rfmM': { en: 'M score', zh: 'M得分' },
  'col.rfmCell': { en: 'RFM', zh: 'RFM' },
  'col.rfmSegment': { en: 'RFM segment', zh: 'RFM细分' },
  'col.tier': { en: 'Tier', zh: '客户等级' },
  'col.contribution': { en: 'Contribution', zh: '客户贡献度' },
  'col.composite': { en: 'Composite score', zh: '综合评价值' },
  'col.compositeRank': { en: 'Composite rank', zh: '综合排名' },
  'col.matrix': { en: 'Value matrix', zh: '价值矩阵' },
  'col.stage': { en: 'Lifecycle stage', zh: '生命周期阶段' },
  'summary.tier': { en: 'Tier', zh: '客户等级' },
  'summary.customers': { en: 'Customers', zh: '客户数' },
  'summary.customerShare': { en: 'Share of customers', zh: '占总人数比例' },
  'summary.value': { en: 'Value', zh: '价值' },
  'summary.valueShare': { en: 'Share of value', zh: '占销售额比例' },
  'summary.averageValue': { en: 'Average value', zh: '平均价值' },
};

/**
 * The display text of a key in a language.
 *
 * @throws CvError('label', 'missing') for a key that is not in the table (only
 *   reachable from untyped callers); 'value' for an unknown language.
 * @example label('tier.Major', 'zh') // "主要客户"
 */
export function label(key: LabelKey, lang: Lang): string {
  const pair: Pair | undefined = (LABELS as Readonly<Record<string, Pair>>)[key];
  if (pair === undefined) throw new CvError('label', 'missing', `no label "${String(key)}"`);
  if (lang !== 'en' && lang !== 'zh') throw new CvError('label', 'value', `unknown language "${String(lang)}"`);
  return pair[lang];
}

/**
 * The churn-risk heading with its horizon, so the number is never shown
 * without what it means: "Churn risk (no purchase in 90 days)".
 * @example churnRiskLabel(90, 'zh') // "流失风险（90天内无购买）"
 */
export function churnRiskLabel(horizonDays: number, lang: Lang): string {
  const days = Number.isInteger(horizonDays) ? String(horizonDays) : horizonDays.toFixed(1);
  return lang === 'zh' ? `${label('col.churnRisk', lang)}（${days}天内无购买）` : `${label('col.churnRisk', lang)} (no purchase in ${days} days)`;
}

/** All keys of the table, for pickers and completeness checks. */
export const LABEL_KEYS = Object.keys(LABELS) as LabelKey[];
