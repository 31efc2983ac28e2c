/**
 * Every option an analysis ran with and what it chose, as a two-column
 * table (setting, value): where the data came from, the as-of day, the value
 * basis, how tiers were cut, the horizons, the discount, the model asked for
 * and the one used with the reason, then the fitted parameters. A workbook
 * carrying this table can say how its tiers and scores were made.
 */
import type { Analysis } from '../analysis/analyze.ts';
import { MODEL_TITLES } from '../analysis/settings.ts';
import { dayToExcelSerial } from '../read/day-number.ts';
import { tierRuleParams, type TierRule } from '../tiers/rule.ts';
import type { DayNumber, Lang } from '../types.ts';
import { formatMessage } from '../i18n/messages.ts';
import type { CellFormat, ReportCell, ReportRow, ReportTable } from './report-table.ts';
import { basisWord, unitWord, word } from './report-words.ts';

/** Where the rows came from: what a product knows about its input, each part optional. */
export interface SourceFacts {
  file?: string;
  /** Worksheet name, for a workbook or an Excel selection. */
  sheet?: string;
  transactions?: number;
  rejected?: number;
  afterAsOf?: number;
  encoding?: string;
  dateOrder?: string;
  /** Calibration end of a holdout check asked for by the user. */
  calibrationEnd?: DayNumber;
}

function percent(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

/**
 * One sentence naming the tier method and its cut points with their meaning.
 * @example tierRuleText({ method: 'contribution' }, 'en') // "contribution = value ÷ mean value: VIP above 4, Major above 2, Ordinary above 1, Small 1 or less"
 */
export function tierRuleText(rule: TierRule, lang: Lang): string {
  const [a, b, c] = tierRuleParams(rule);
  const zh = lang === 'zh';
  switch (rule.method) {
    case 'contribution':
      return zh
        ? `客户贡献度 = 价值 ÷ 平均价值:VIP客户 > ${a},主要客户 > ${b},普通客户 > ${c},小客户 ≤ ${c}`
        : `contribution = value ÷ mean value: VIP above ${a}, Major above ${b}, Ordinary above ${c}, Small ${c} or less`;
    case 'pareto':
      return zh
        ? `帕累托(按累计价值):价值最高、合计占 ${percent(a)} 的客户为VIP客户,至 ${percent(b)} 为主要客户,至 ${percent(c)} 为普通客户,其余为小客户`
        : `Pareto (cumulative value): the top customers holding ${percent(a)} of value are VIP, up to ${percent(b)} Major, up to ${percent(c)} Ordinary, the rest Small`;
    case 'quantile':
      return zh
        ? `按人数比例:前 ${percent(a)} 为VIP客户,前 ${percent(b)} 为主要客户,前 ${percent(c)} 为普通客户,其余为小客户`
        : `by rank: the top ${percent(a)} of customers are VIP, the top ${percent(b)} Major, the top ${percent(c)} Ordinary, the rest Small`;
    case 'fixed':
      return zh
        ? `固定金额:价值 ≥ ${a} 为VIP客户,≥ ${b} 为主要客户,≥ ${c} 为普通客户,其余为小客户`
        : `fixed amounts: value ${a} or more is VIP, ${b} or more Major, ${c} or more Ordinary, the rest Small`;
  }
}

/** @example settingsTable(analysis, { file: 'sales.csv' }, 'en').rows[0].cells // ['Source file', 'sales.csv'] */
export function settingsTable(analysis: Analysis, source: SourceFacts, lang: Lang): ReportTable {
  const zh = lang === 'zh';
  const { settings, segment, models } = analysis;
  const t = segment.totals;
  const rows: ReportRow[] = [];
  const add = (en: string, cn: string, value: ReportCell, format?: CellFormat) => {
    if (value === undefined || value === null || value === '') return;
    rows.push({ cells: [zh ? cn : en, value], formats: format ? [undefined, format] : undefined });
  };
  const heading = (en: string, cn: string) => rows.push({ heading: true, cells: [zh ? cn : en, ''] });
  const days = zh ? '天' : 'days';

  heading('Data', '数据');
  add('Source file', '源文件', source.file ?? null);
  add('Sheet', '工作表', source.sheet ?? null);
  add('Transactions used', '使用的交易笔数', source.transactions ?? null, 'count');
  add('Rows that could not be used (see their sheet)', '未使用的行数(见该工作表)', source.rejected ?? null, 'count');
  add('Rows dated after the as-of day (left out)', '晚于截止日的行数(未计入)', source.afterAsOf ?? null, 'count');
  add('Customers with only returns (left out)', '只有退货的客户数(未计入)', analysis.excluded.length, 'count');
  add('Text encoding', '文本编码', source.encoding ?? null);
  add('Date order', '日期顺序', source.dateOrder ?? null);
  add('Customers scored', '参与评分的客户数', t.customers, 'count');

  heading('Settings', '设置');
  add('As of (the day the analysis is taken)', '截止日(分析所依据的日期)', t.asOf !== undefined ? dayToExcelSerial(t.asOf) : null, 'date');
  add('Time unit of recency, customer-for and the models', '首末购买间隔、成为客户时长与模型的时间单位', unitWord(settings.unit, lang));
  add('Value (the key indicator)', '商业价值(关键指标)', basisWord(t.valueBasis, lang) + (settings.valueBasis === undefined ? (zh ? '(默认:有成本时用利润)' : ' (default: profit when every cost is known)') : ''));
  add('Tier method and cut points', '分级方法与分界点', tierRuleText(settings.tierRule, lang));
  add(`Churn risk horizon (${days})`, `流失风险期限(${days})`, settings.churnHorizonDays, 'number');
  add('Churn level: low below, high from', '流失风险等级:低于/高于', `${percent(settings.churnThresholds[0])} / ${percent(settings.churnThresholds[1])}`);
  add(`Lifetime value horizon (${days})`, `客户终身价值期限(${days})`, settings.horizonDays, 'number');
  add('Discount rate per year', '年折现率', settings.annualDiscount, 'share');
  add('Margin rate for lifetime value', '终身价值所用利润率', models.marginRate, 'share');
  add('Value matrix split: current value', '价值矩阵分界:当前价值', t.currentSplit, 'money');
  add('Value matrix split: lifetime value', '价值矩阵分界:终身价值', t.futureSplit, 'money');
  add('Penalizer of the model fit', '模型拟合惩罚系数', settings.penalizer, 'number');
  add('Holdout check: calibration end', '预测检验:校准期结束日', source.calibrationEnd !== undefined ? dayToExcelSerial(source.calibrationEnd) : null, 'date');

  heading('Model', '模型');
  const chosen = models.selection.chosen;
  add('Model asked for', '指定的模型', settings.model);
  add('Model used', '使用的模型', chosen === 'none' ? (zh ? '自身购买率估计(无模型)' : 'own-rate heuristic (no model)') : MODEL_TITLES[chosen]);
  add('Why this model', '选择理由', models.selection.reason);
  for (const step of models.selection.steps) add('Fallback taken', '回退', step);
  add('Churn risk correction', '流失风险校正', models.recalibration?.description ?? (zh ? '无(没有用检验期选择模型)' : 'none (no holdout chose the model)'));
  add('Why no model', '未用模型的原因', models.fallback ?? null);

  const { purchase, spend } = models;
  if (purchase) {
    heading(`${MODEL_TITLES[purchase.model as keyof typeof MODEL_TITLES] ?? purchase.model} fit (per ${settings.unit})`, `${MODEL_TITLES[purchase.model as keyof typeof MODEL_TITLES] ?? purchase.model} 拟合结果(每${unitWord(settings.unit, lang)})`);
    for (const [k, v] of Object.entries(purchase.params)) add(k, k, v, 'ratio');
    add('Log-likelihood', '对数似然', purchase.logLikelihood, 'decimal');
    add('Customers in the fit', '拟合所用客户数', purchase.customers, 'count');
    add('Converged', '是否收敛', purchase.converged ? (zh ? '是' : 'yes') : zh ? '否' : 'no');
    for (const note of purchase.noteMessages ?? []) add('Note', '说明', formatMessage(note, lang));
  }
  if (spend) {
    heading('Gamma-Gamma spend fit', 'Gamma-Gamma 消费金额模型');
    for (const [k, v] of Object.entries(spend.params)) add(k, k, v, 'ratio');
    add('Repeat customers in the fit', '拟合所用重复购买客户数', spend.customers, 'count');
    add('Correlation of frequency and spend', '购买频次与消费金额的相关系数', spend.correlation, 'ratio');
  }
  return { id: 'Settings', title: zh ? '模型与设置' : 'Model and settings', headers: [word('setting', lang), word('value', lang)], formats: ['text', 'text'], rows };
}
