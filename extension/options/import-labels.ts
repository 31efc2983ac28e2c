import type { Lang } from '../../core/index.ts';
import type { FileKind } from './import-protocol.ts';

/**
 * Words of the import form's kind and customer-column controls, in English
 * and Chinese. They live here rather than in extension/locales.ts (shared
 * with other parts of the extension) so this form can grow without touching it.
 */
export interface ImportLabels {
  kind: string;
  kinds: Record<FileKind, string>;
  detected: string;
  customerColumns: string;
  roles: { customerId: string; frequency: string; recency: string; T: string; revenue: string; monetary: string; value: string };
  unit: string;
  units: { day: string; week: string; month: string };
  /** What importing a value list gives, and that its churn risk is unknown. */
  valuesNote: string;
  transactionColumns: string;
  transactionRoles: { customerId: string; date: string; amount: string };
  /** Shown under the pickers while a required column is not chosen. */
  choose: (role: string) => string;
  required: string;
  /** The choices were taken from the last import of a file with the same headers. */
  remembered: string;
  modeQuestion: (stored: number) => string;
  modeReplace: string;
  modeMerge: string;
  phases: { read: string; score: string; write: string };
  undo: string;
  undoHelp: (file: string | null) => string;
  undone: string;
  warningsDetails: string;
  tierMethods: { contribution: string; pareto: string; quantile: string };
  encodingAuto: string;
}

const EN: ImportLabels = {
  kind: 'File holds',
  kinds: {
    transactions: 'transactions (one row per purchase)',
    customers: 'customers with x, t_x, T (one row per customer)',
    values: 'customers with a value only (one row per customer)',
    scored: 'customers scored by the Excel add-in',
  },
  detected: 'detected',
  customerColumns: 'Customer columns',
  roles: {
    customerId: 'Customer id',
    frequency: 'Repeat purchases (x)',
    recency: 'Recency (t_x)',
    T: 'Age (T)',
    revenue: 'Revenue',
    monetary: 'Average repeat spend',
    value: 'Value',
  },
  unit: 'x, t_x and T counted in',
  units: { day: 'days', week: 'weeks', month: 'months' },
  transactionColumns: 'Purchase columns',
  transactionRoles: { customerId: 'Customer (id, e-mail or account)', date: 'Purchase date', amount: 'Amount' },
  choose: (role) => `Choose the ${role.toLowerCase()} column to import.`,
  required: 'required',
  remembered: 'Columns as chosen for the last file with these headers.',
  modeQuestion: (n) => `${n.toLocaleString('en')} customers are stored. What should this import do with them?`,
  modeReplace: 'Replace them with this file’s customers',
  modeMerge: 'Keep them and add this file’s customers (a customer in both takes this file’s scores)',
  phases: { read: 'Reading', score: 'Scoring', write: 'Saving' },
  undo: 'Undo the last import',
  undoHelp: (file) => (file ? `Goes back to the data of ${file}.` : 'Goes back to no data.'),
  undone: 'The last import was undone.',
  warningsDetails: 'Model notes',
  tierMethods: { contribution: 'contribution (4 / 2 / 1 × the mean)', pareto: 'Pareto 50 / 80 / 95 % of value', quantile: 'quantile: top 5 / 20 / 50 %' },
  encodingAuto: 'detect',
  valuesNote:
    'A list with only a value has no purchase dates: customers are tiered by their value, but churn risk is unknown for them, and their badges say “churn unknown” instead of a level. For churn risk, import the customers’ transactions, or a table with x, t_x and T.',
};

const ZH: ImportLabels = {
  kind: '文件内容',
  kinds: {
    transactions: '交易（每行一笔购买）',
    customers: '客户，含 x、t_x、T（每行一位客户）',
    values: '客户，仅有金额（每行一位客户）',
    scored: 'Excel 加载项已评分的客户',
  },
  detected: '自动识别',
  customerColumns: '客户列',
  roles: {
    customerId: '客户编号',
    frequency: '重复购买次数 (x)',
    recency: '首末购买间隔 (t_x)',
    T: '客户年龄 (T)',
    revenue: '销售额',
    monetary: '重复购买平均金额',
    value: '金额',
  },
  unit: 'x、t_x、T 的单位',
  units: { day: '天', week: '周', month: '月' },
  transactionColumns: '购买记录列',
  transactionRoles: { customerId: '客户（编号、邮箱或账户）', date: '购买日期', amount: '金额' },
  choose: (role) => `请选择“${role}”所在的列。`,
  required: '必填',
  remembered: '已沿用上次导入相同表头文件时选择的列。',
  modeQuestion: (n) => `已保存 ${n.toLocaleString('zh-CN')} 位客户。本次导入如何处理他们？`,
  modeReplace: '用本文件的客户替换',
  modeMerge: '保留并加入本文件的客户（两者都有的客户采用本文件的评分）',
  phases: { read: '读取', score: '评分', write: '保存' },
  undo: '撤销上次导入',
  undoHelp: (file) => (file ? `恢复为 ${file} 的数据。` : '恢复为无数据。'),
  undone: '已撤销上次导入。',
  warningsDetails: '模型说明（英文原文）',
  tierMethods: { contribution: '贡献度（平均值的 4 / 2 / 1 倍）', pareto: '帕累托：价值的 50 / 80 / 95 %', quantile: '分位数：前 5 / 20 / 50 %' },
  encodingAuto: '自动识别',
  valuesNote: '仅有金额的客户名单没有购买日期：客户按金额分层，但流失风险未知，徽标显示“流失风险未知”，不显示风险等级。如需流失风险，请导入客户的交易记录，或含 x、t_x、T 的客户表。',
};

/** The form's words in `lang`. @example importLabels('zh').units.week // "周" */
export function importLabels(lang: Lang): ImportLabels {
  return lang === 'zh' ? ZH : EN;
}
