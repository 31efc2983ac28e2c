/**
 * The reasons a custom function gives for an error, in the Office display
 * language. Excel shows a reason only on #VALUE! and #N/A, so every reason
 * here goes with one of those; each names the function as the user typed it
 * (CV.…), the argument, and for a range the 1-based row within it.
 * Arguments keep their English names in Chinese too: they are the names
 * Excel shows in the formula tooltip (functions-zh.json translates the
 * descriptions, not the names).
 */
import type { Lang } from '../../core/index.ts';
import { officeLang } from './lang.ts';

type Params = Record<string, string | number>;

const MESSAGES = {
  required: { en: '{arg} is required', zh: '缺少参数 {arg}' },
  notNumber: { en: '{arg} must be a number, got {got}', zh: '{arg} 须为数字，实际为 {got}' },
  atLeast: { en: '{arg} must be at least {min}, got {got}', zh: '{arg} 不能小于 {min}，实际为 {got}' },
  atMost: { en: '{arg} must be at most {max}, got {got}', zh: '{arg} 不能大于 {max}，实际为 {got}' },
  whole: { en: '{arg} must be a whole number, got {got}', zh: '{arg} 须为整数，实际为 {got}' },
  oneOf: { en: '{arg} must be one of {choices}, got "{got}"', zh: '{arg} 须为 {choices} 之一，实际为 "{got}"' },
  oneCell: { en: '{arg} must be one cell, got a range of {n} cells', zh: '{arg} 须为单个单元格，实际为 {n} 个单元格的区域' },
  sameCells: { en: '{args} must have the same number of cells ({counts})', zh: '{args} 的单元格数须相同（{counts}）' },
  row: { en: '{reason} (row {row} of the range)', zh: '{reason}（区域第 {row} 行）' },
  noNumbers: { en: '{arg} holds no numbers', zh: '{arg} 中没有数字' },
  noRows: { en: 'no row has numbers in {args}', zh: '{args} 中没有一行全是数字' },
  splitRequired: {
    en: '{arg} is required for a single customer (give a number or the range of all customers\' values)',
    zh: '只有一位客户时须给出 {arg}（一个数字，或全部客户取值的区域）',
  },
  cutPointCount: { en: '{arg} needs three numbers, got {n}', zh: '{arg} 需要三个数字，实际为 {n} 个' },
  cutPointsRequired: { en: 'method "{method}" needs {arg} (three minimum values)', zh: '方法 "{method}" 需要 {arg}（三个最低值）' },
  notRfmCell: { en: '{arg} "{got}" is not a three-digit RFM cell of scores 1 to 5', zh: '{arg} "{got}" 不是由 1 到 5 组成的三位 RFM 代码' },
  tLeT: { en: 't_x must lie between 0 and T ({T}), got {got}', zh: 't_x 须在 0 与 T（{T}）之间，实际为 {got}' },
  tPositive: { en: 'T must be above 0, got {got}', zh: 'T 须大于 0，实际为 {got}' },
  diverges: {
    en: 'retention ({r}) must be below 1 + discount ({d}) for an infinite horizon; give periods',
    zh: '无限期时 retention（{r}）须小于 1 + discount（{d}）；请给出 periods',
  },
  discountAbove: { en: 'discount must be above -1, got {got}', zh: 'discount 须大于 -1，实际为 {got}' },
  modelRequired: {
    en: 'model is required (the output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T)',
    zh: '缺少 model（CV.BGNBD 的结果、r、alpha、a、b 四个数字，或 x、t_x、T 三列）',
  },
  modelLabels: { en: 'the model range must label r, alpha, a and b', zh: 'model 区域须标注 r、alpha、a 和 b' },
  modelShape: {
    en: 'model must be the output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T (got {rows}×{cols})',
    zh: 'model 须为 CV.BGNBD 的结果、r、alpha、a、b 四个数字，或 x、t_x、T 三列（实际为 {rows}×{cols}）',
  },
  notDate: { en: '{arg} is not a date: "{got}"', zh: '{arg} 不是日期："{got}"' },
  noTransactions: { en: 'no usable transaction in the ranges{why}', zh: '区域中没有可用的交易{why}' },
  rejectedRow: { en: ' (row {row}: {reason})', zh: '（第 {row} 行：{reason}）' },
  errorInput: { en: '{arg} holds the error {error}', zh: '{arg} 中有错误值 {error}' },
  unexpected: { en: 'unexpected error: {reason}', zh: '意外错误：{reason}' },
  cancelled: { en: 'the calculation was cancelled', zh: '计算已取消' },
  previewSkipped: { en: 'the table is computed when the formula is entered', zh: '输入公式后才计算此表' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * The reason `key` in `lang` (default: Office's display language), without the function name.
 * @example reason('required', { arg: 'margin' }, 'en') // 'margin is required'
 */
export function reason(key: MessageKey, params: Params = {}, lang: Lang = officeLang()): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

/**
 * A full tooltip: the function as typed in Excel, then the reason.
 * @example message('CV.CLV', 'required', { arg: 'margin' }, 'en') // 'CV.CLV: margin is required'
 */
export function message(fn: string, key: MessageKey, params: Params = {}, lang: Lang = officeLang()): string {
  return `${fn}${lang === 'zh' ? '：' : ': '}${reason(key, params, lang)}`;
}
