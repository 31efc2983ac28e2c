/**
 * What the command line itself says on the terminal (the footer, the list of
 * rejected rows, what it wrote), in English and Chinese. The core's own
 * sentences (rejected reasons, warnings, the model choice) come from the
 * core's message catalog; this is only the command line's frame around
 * them. Both languages implement one interface, so neither can miss a text.
 */
import type { Lang, TimeUnit } from '../core/index.ts';
import { groupedCount } from './grouped-number.ts';

export interface CliText {
  /** Prefix of a warning line on stderr. */
  warning: string;
  /** Progress label while the file is read. */
  reading: string;
  total: string;
  /** "5 rows could not be used:" */
  rejectedHead(n: number): string;
  /** One rejected row; `where` is 'row' for a sheet (its row number), 'line' for a text file. */
  rejectedLine(line: number, reason: string, where?: 'line' | 'row'): string;
  rejectedMore(more: number, where: string): string;
  rejectedSheet(out: string): string;
  rejectedJson: string;
  noUsableRows(file: string, rejected: number): string;
  noCustomers(file: string): string;
  /** The footer's second sentence. */
  asOf(date: string, unit: TimeUnit, top20: string, gini: string, churnDays: number, source: string): string;
  heuristic: string;
  wroteTable(out: string, customers: number): string;
  wrote(out: string): string;
  noHoldoutComparison(why: string): string;
  /** --margin given for a file with a cost column: what it is used for. */
  marginWithCost(margin: string): string;
  /** --value profit (or a profit score) on a file without cost. */
  profitNeedsCost(what: string): string;
  /** "Share of value" says what the value is. */
  valueShare(basis: 'revenue' | 'profit'): string;
  value(basis: 'revenue' | 'profit'): string;
  /** Heading of the management strategies under the tier summary (the course's 步骤四). */
  strategies: string;
}

const n = groupedCount;

const UNIT_ZH: Record<TimeUnit, string> = { day: '天', week: '周', month: '月' };

const EN: CliText = {
  warning: 'warning: ',
  reading: 'Reading',
  total: 'Total',
  rejectedHead: (k) => `${n(k)} row${k === 1 ? '' : 's'} could not be used:`,
  rejectedLine: (line, reason, where = 'line') => `  ${where} ${line}: ${reason}`,
  rejectedMore: (more, where) => `  … and ${n(more)} more (all are in ${where}).`,
  rejectedSheet: (out) => `the rejected-rows sheet of ${out}`,
  rejectedJson: 'the "rejected" list of --json',
  noUsableRows: (file, rejected) => `no usable transactions in '${file}' (${n(rejected)} rows rejected).`,
  noCustomers: (file) => `no customer has a purchase on or before the as-of date in '${file}'.`,
  asOf: (date, unit, top20, gini, churnDays, source) =>
    `As of ${date} (time in ${unit}s): top 20 % hold ${top20} % of value, Gini ${gini}; ` +
    `churn risk = chance of no purchase in the next ${churnDays} days, from ${source}.`,
  heuristic: 'the own-rate heuristic',
  wroteTable: (out, customers) => `Wrote ${out} (${n(customers)} customers, one row each).`,
  wrote: (out) => `Wrote ${out}.`,
  noHoldoutComparison: (why) => `no holdout comparison: ${why}`,
  marginWithCost: (margin) =>
    `the file has a cost column, so --margin ${margin} sets profit only for rows whose cost is empty (and the margin of model CLV); rows with a cost keep amount − cost.`,
  profitNeedsCost: (what) => `${what} needs profit, but the file has no cost or margin-rate column: add one, give --margin RATE, or use --value revenue.`,
  valueShare: (basis) => (basis === 'profit' ? 'Share of profit' : 'Share of sales'),
  value: (basis) => (basis === 'profit' ? 'Profit' : 'Sales'),
  strategies: 'Management strategy by tier:',
};

const ZH: CliText = {
  warning: '警告：',
  reading: '读取中',
  total: '合计',
  rejectedHead: (k) => `有 ${n(k)} 行无法使用：`,
  rejectedLine: (line, reason) => `  第 ${line} 行：${reason}`,
  rejectedMore: (more, where) => `  … 另有 ${n(more)} 行（全部列在${where}）。`,
  rejectedSheet: (out) => ` ${out} 的“被拒绝的行”工作表中`,
  rejectedJson: ' --json 输出的 "rejected" 列表中',
  noUsableRows: (file, rejected) => `“${file}”中没有可用的交易（${n(rejected)} 行被拒绝）。`,
  noCustomers: (file) => `“${file}”中没有客户在分析基准日当天或之前有购买。`,
  asOf: (date, unit, top20, gini, churnDays, source) =>
    `分析基准日 ${date}（时间单位：${UNIT_ZH[unit]}）：前 20% 的客户占有 ${top20}% 的价值，基尼系数 ${gini}；` +
    `流失风险 = 未来 ${churnDays} 天内没有购买的概率，来自 ${source}。`,
  heuristic: '自身购买节奏启发式',
  wroteTable: (out, customers) => `已写入 ${out}（${n(customers)} 位客户，每人一行）。`,
  wrote: (out) => `已写入 ${out}。`,
  noHoldoutComparison: (why) => `没有留出期对比：${why}`,
  marginWithCost: (margin) =>
    `文件中有成本列，因此 --margin ${margin} 只用于成本为空的行的利润（以及模型客户终身价值的毛利率）；有成本的行仍按金额 − 成本计算利润。`,
  profitNeedsCost: (what) => `${what} 需要利润，但文件中没有成本列或毛利率列：请添加一列、指定 --margin RATE，或改用 --value revenue。`,
  valueShare: (basis) => (basis === 'profit' ? '占利润比例' : '占销售额比例'),
  value: (basis) => (basis === 'profit' ? '利润' : '销售额'),
  strategies: '根据客户商业价值进行分类管理：',
};

export function cliText(lang: Lang): CliText {
  return lang === 'zh' ? ZH : EN;
}
