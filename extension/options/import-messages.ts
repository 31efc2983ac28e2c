import type { Lang } from '../../core/index.ts';

/**
 * The import's own messages (errors, notes, report lines) in English and
 * Chinese, and a Chinese reading of the row reasons core's readers give in
 * English: the report a rep reads is in the page's language. Reasons no
 * pattern here knows are shown as core wrote them.
 */
export interface ImportMessages {
  noUsable(what: 'transaction' | 'customer', rejected: number, first?: { line: number; reason: string }): string;
  chooseColumn(role: 'customerId' | 'date' | 'amount' | 'value'): string;
  customerTableNote(unit: 'day' | 'week' | 'month'): string;
  valuesNote: string;
  unreadableCrmIds(count: number, first: string, more: boolean): string;
  excluded(id: string, reason: string): string;
  /** A row's reason (one or more, joined by "; ") in this language. */
  reason(text: string): string;
}

/**
 * The reason of a row whose amount no purchase reaches: kept in English like
 * core's reasons (the report translates them when shown).
 */
export function amountTooLarge(text: string): string {
  return `amount ${text} is larger than any purchase (over 10^15); check the column or the unit`;
}

const ROLE_EN = { customerId: 'customer id', date: 'date', amount: 'amount', value: 'value' };
const ROLE_ZH = { customerId: '客户编号', date: '日期', amount: '金额', value: '金额' };
const UNIT_ZH = { day: '天', week: '周', month: '月' };

/** Column names core's readers use in reasons, in Chinese. */
const COLUMN_ZH: Record<string, string> = {
  amount: '金额', cost: '成本', quantity: '数量', 'margin rate': '毛利率', revenue: '销售额', value: '金额', date: '日期', 'customer id': '客户编号',
};
const col = (c: string) => COLUMN_ZH[c] ?? c;

/** Core's English row reasons and their Chinese forms (first match wins). */
const REASONS_ZH: [RegExp, (...m: string[]) => string][] = [
  [/^(?:the )?customer id is (?:empty|blank)$/, () => '客户编号为空'],
  [/^customer id is the spreadsheet error (.+), not an id$/, (e) => `客户编号是电子表格错误值 ${e}，不是编号`],
  [/^date is empty$/, () => '日期为空'],
  [/^date '(.*)' is not a valid date: two-digit years are ambiguous, write the year in full$/, (d) => `日期“${d}”的年份只有两位，有歧义，请写完整年份`],
  [/^date '(.*)' is not a valid date.*$/, (d) => `日期“${d}”不是有效日期`],
  [/^date '(.*)' does not fit the (day\/month\/year|month\/day\/year) order of this column(?: \(decided at line (\d+)\))?$/, (d, o, l) => `日期“${d}”与此列的${o === 'day/month/year' ? '日/月/年' : '月/日/年'}顺序不符${l ? `（由第 ${l} 行确定）` : ''}`],
  [/^date '(.*)' has the year last, but dateOrder is 'ymd'$/, (d) => `日期“${d}”年份在后，但已选择年/月/日顺序`],
  [/^(amount|cost|quantity|margin rate|revenue) '(.*)' is too large to be a number$/, (c, v) => `${col(c)}“${v}”太大，不是有效数字`],
  [/^(amount|cost|quantity|margin rate|revenue) '(.*)' has a trailing minus; write (.*)$/, (c, v, w) => `${col(c)}“${v}”的负号在末尾，请写成 ${w}`],
  [/^(amount|cost|quantity|margin rate|revenue) '(.*)' has a decimal comma.*$/, (c, v) => `${col(c)}“${v}”使用小数逗号，但本文件的数字按小数点读取`],
  [/^(amount|cost|quantity|margin rate|revenue) '(.*)' has a decimal point.*$/, (c, v) => `${col(c)}“${v}”使用小数点，但本文件的数字按小数逗号读取`],
  [/^(amount|cost|quantity|margin rate|revenue) '(.*)' is not a number$/, (c, v) => `${col(c)}“${v}”不是数字`],
  [/^(amount|cost|quantity|margin rate|revenue) (\S+) is not a number$/, (c, v) => `${col(c)} ${v} 不是数字`],
  [/^(amount|cost|quantity|margin rate|revenue) is empty$/, (c) => `${col(c)}为空`],
  [/^margin rate '(.*)' is not between -1 and 1.*$/, (v) => `毛利率“${v}”不在 -1 到 1 之间（百分数请加 %）`],
  [/^the value "(.*)" is not a number$/, (v) => `金额“${v}”不是数字`],
  [/^revenue is not a number: "(.*)"$/, (v) => `销售额“${v}”不是数字`],
  [/^average repeat spend is not a number ≥ 0: "(.*)"$/, (v) => `重复购买平均金额“${v}”不是 ≥ 0 的数字`],
  [/^repeat purchases \(x\) must be a whole number ≥ 0, got "(.*)"$/, (v) => `重复购买次数 (x) 须为 ≥ 0 的整数，实为“${v}”`],
  [/^age \(T\) must be a number ≥ 0, got "(.*)"$/, (v) => `客户年龄 (T) 须为 ≥ 0 的数字，实为“${v}”`],
  [/^recency \(t_x\) must be a number between 0 and T, got "(.*)"$/, (v) => `首末购买间隔 (t_x) 须在 0 与 T 之间，实为“${v}”`],
  [/^customer (.*) appears twice$/, (id) => `客户 ${id} 出现了两次`],
  [/^row has (\d+) columns?, expected at least (\d+)$/, (n, m) => `此行只有 ${n} 列，至少需要 ${m} 列`],
  [/^row repeats the header row$/, () => '此行重复了表头'],
  [/^a quoted field is not closed \(a " is missing\)$/, () => '有一个引号字段未闭合（缺少 "）'],
  [/^malformed quotes: .*$/, () => '引号格式有误'],
  [/^amount (.*) is larger than any purchase .*$/, (v) => `金额 ${v} 超过任何真实购买（大于 10^15），请检查此列或单位`],
  [/^cvlens_id is empty$/, () => 'cvlens_id 为空'],
  [/^cvlens_id '(.*)' repeats line (\d+)$/, (id, l) => `cvlens_id“${id}”与第 ${l} 行重复`],
];

const EN: ImportMessages = {
  noUsable: (what, n, first) => `No usable ${what} in the file (${n} rows rejected${first ? `, first: line ${first.line}: ${first.reason}` : ''}). Check the columns chosen above.`,
  chooseColumn: (role) => `Choose the column that holds the ${ROLE_EN[role]}.`,
  customerTableNote: (unit) => `Customer table: one row per customer, x, t_x and T in ${unit}s.`,
  valuesNote: 'Value list: one row per customer with a value and no purchase dates. Tiers are cut on the value; churn risk is unknown for these customers, and their badges say so.',
  unreadableCrmIds: (n, first, more) =>
    `${n} CRM id${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'was' : 'were'} left out (${first}${more ? ', …' : ''}). Choose the CRM the column's ids belong to, or write them as <site>:<id> (salesforce:001…, hubspot:51).`,
  excluded: (id, reason) => `Customer ${id}: ${reason}`,
  reason: (text) => text,
};

const ZH: ImportMessages = {
  noUsable: (what, n, first) => `文件中没有可用的${what === 'transaction' ? '交易' : '客户'}（拒绝 ${n} 行${first ? `，第一行：第 ${first.line} 行：${ZH.reason(first.reason)}` : ''}）。请检查上面选择的列。`,
  chooseColumn: (role) => `请选择${ROLE_ZH[role]}所在的列。`,
  customerTableNote: (unit) => `客户表：每行一位客户，x、t_x、T 以${UNIT_ZH[unit]}为单位。`,
  valuesNote: '金额名单：每行一位客户，只有金额，没有购买日期。按金额分层；这些客户的流失风险未知，徽标会注明。',
  unreadableCrmIds: (n, first, more) => `${n} 个 CRM 编号无法识别，已略过（${first.replace(/line (\d+)/g, '第 $1 行').replace(/customer /g, '客户 ')}${more ? '，…' : ''}）。请选择该列编号所属的 CRM，或写成 <站点>:<编号>（如 salesforce:001…、hubspot:51）。`,
  excluded: (id, reason) => `客户 ${id}：${reason}`,
  reason: (text) =>
    text
      .split('; ')
      .map((part) => {
        for (const [pattern, say] of REASONS_ZH) {
          const m = pattern.exec(part);
          if (m) return say(...m.slice(1));
        }
        return part;
      })
      .join('；'),
};

/**
 * The import's messages in `lang`.
 * @example importMessages('zh').reason("date is empty; amount 'x' is not a number") // '日期为空；金额“x”不是数字'
 */
export function importMessages(lang: Lang = 'en'): ImportMessages {
  return lang === 'zh' ? ZH : EN;
}
