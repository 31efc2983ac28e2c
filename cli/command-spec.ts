/**
 * What each command accepts, in one place: the parser checks arguments
 * against it and the help is printed from it, so the two cannot drift.
 * Defaults are read from the core's DEFAULT_SETTINGS (and the fitter's own
 * limit), never restated here.
 */
import { COMPOSITE_FIELDS, DEFAULT_MAX_EVALUATIONS, DEFAULT_SETTINGS, tierRuleOf, tierRuleParams, type TierMethod } from '../core/index.ts';

export interface OptionSpec {
  name: string;
  /** What the value looks like (e.g. DAYS); absent for a flag that takes no value. */
  value?: string;
  /** What it does, with its unit. */
  help: string;
  /** The value used when the option is left out, in words. */
  default?: string;
  /** `help` and `default` in Chinese, for --lang zh (English is shown where one is missing). */
  helpZh?: string;
  defaultZh?: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** `summary` in Chinese. */
  summaryZh?: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
}

/** Defaults of `cvlens demo`, which is the command line's own business. */
export const DEMO_DEFAULTS = { out: 'demo/transactions.csv', customers: 5000, seed: 1997 } as const;

const tierDefaults = (['contribution', 'pareto', 'quantile'] as const satisfies readonly TierMethod[])
  .map((m) => `${m} ${tierRuleParams(tierRuleOf(m)).join(',')}`)
  .join('; ');

const tierMethodName = (m: TierMethod): string => (m === 'fixed' ? 'threshold' : m);

const PERIOD: OptionSpec = {
  name: 'period',
  value: 'day|week|month',
  help: 'the time unit of recency, customer age and the fitted model parameters',
  default: DEFAULT_SETTINGS.unit,
  helpZh: '首末购买间隔、客户存续时间和模型参数的时间单位',
  defaultZh: { day: '天', week: '周', month: '月' }[DEFAULT_SETTINGS.unit],
};
const AS_OF: OptionSpec = {
  name: 'as-of',
  value: 'DATE',
  help: 'the day the analysis is taken, YYYY-MM-DD; rows dated later are left out',
  default: 'the last transaction date in the file',
  helpZh: '分析基准日，格式 YYYY-MM-DD；晚于该日的行不计入',
  defaultZh: '文件中最后一笔交易的日期',
};
const CALIBRATION_END: OptionSpec = {
  name: 'calibration-end',
  value: 'DATE',
  help: 'fit on the purchases up to this day (YYYY-MM-DD) and compare the prediction with what customers bought afterwards',
  default: 'none',
  helpZh: '只用该日（YYYY-MM-DD）之前的购买拟合，并把预测与客户之后的实际购买对比',
  defaultZh: '无',
};
const PENALIZER: OptionSpec = {
  name: 'penalizer',
  value: 'C',
  help: "L2 penalty on the model parameters, as lifetimes' penalizer_coef (a number ≥ 0)",
  default: String(DEFAULT_SETTINGS.penalizer),
  helpZh: '模型参数的 L2 惩罚，同 lifetimes 的 penalizer_coef（≥ 0 的数）',
};
const SHEET: OptionSpec = {
  name: 'sheet',
  value: 'NAME',
  help: 'the sheet of an .xlsx FILE to read',
  default: 'the first visible sheet',
  helpZh: '要读取的 .xlsx 文件中的工作表',
  defaultZh: '第一个可见工作表',
};
const HEADER_ROW: OptionSpec = {
  name: 'header-row',
  value: 'N',
  help: "the line (sheet row) that holds the column names; the lines above it, such as a report's title and notes, are skipped and named in a warning; 0 when there are no column names",
  default: 'the first line, or the first of the top 11 lines that names two of customer id, date and amount',
  helpZh: '列名所在的行（工作表行号）；其上方的行（如报表标题和说明）被跳过，并在警告中列出；没有列名时为 0',
  defaultZh: '第一行，或前 11 行中第一个写出客户编号、日期、金额中两项的行',
};
const LANG_OPTION: OptionSpec = {
  name: 'lang',
  value: 'en|zh',
  help: 'language of the terminal output, warnings, rejected-row reasons, help and the workbook',
  default: 'the locale (LC_ALL, LC_MESSAGES, LANG): zh for a Chinese one, else en',
  helpZh: '终端输出、警告、被拒绝行的原因、帮助和工作簿的语言',
  defaultZh: '取自区域设置（LC_ALL、LC_MESSAGES、LANG）：中文区域为 zh，否则为 en',
};
const JSON_FLAG: OptionSpec = { name: 'json', help: 'print one JSON object on stdout instead of the table', helpZh: '在标准输出打印一个 JSON 对象，而不是表格' };
const HELP: OptionSpec = { name: 'help', help: 'print this help', helpZh: '显示本帮助' };

export const SEGMENT: CommandSpec = {
  name: 'segment',
  usage: 'cvlens segment FILE [options]',
  summary:
    'Reads a CSV or .xlsx of transactions (a customer id, a date and an amount per row), scores every customer ' +
    '(value, CLV, churn risk, RFM) and puts them into four tiers; prints the tier summary and writes the result to --out.',
  summaryZh:
    '读取交易 CSV 或 .xlsx（每行一个客户编号、一个日期和一个金额），为每位客户评分（商业价值、客户终身价值、流失风险、RFM），' +
    '并分为四个等级；打印客户分级汇总，并把结果写入 --out。',
  options: [
    {
      name: 'out',
      value: 'PATH',
      help: 'where to write; the extension sets the format: .xlsx a workbook, .csv or .json the per-customer table. The folder must exist',
      default: 'segments.xlsx; with --json, no file unless --out is given',
      helpZh: '输出位置；扩展名决定格式：.xlsx 为工作簿，.csv 或 .json 为每位客户一行的表。文件夹必须已存在',
      defaultZh: 'segments.xlsx；使用 --json 时，除非给出 --out，否则不写文件',
    },
    JSON_FLAG,
    { ...PERIOD, help: `${PERIOD.help} (horizons stay in days)` },
    AS_OF,
    {
      name: 'margin',
      value: 'RATE',
      help:
        'margin rate for rows without a cost, 0 to 1 or a percentage (0.3 or 30%); when the file has a cost column, rows with a cost keep amount − cost ' +
        '(a warning says so) and the rate is also the margin of model CLV',
      default: 'from the cost column when there is one, else 1, so value is revenue',
      helpZh: '没有成本的行所用的毛利率，0 到 1 或百分数（0.3 或 30%）；文件有成本列时，有成本的行仍按金额 − 成本计算（会给出警告），该毛利率也用于模型客户终身价值',
      defaultZh: '有成本列时由成本算出，否则为 1，即价值 = 销售额',
    },
    {
      name: 'value',
      value: 'revenue|profit',
      help: "the key indicator (关键指标法) that value, the tiers and RFM's M are measured in: net sales, or profit (needs a cost or margin-rate column, or --margin)",
      default: 'profit when every customer has a cost or margin, else revenue',
      helpZh: '关键指标法所用的指标，商业价值、客户分级和 RFM 的 M 都按它计算：净销售额，或利润（需要成本列、毛利率列或 --margin）',
      defaultZh: '每位客户都有成本或毛利率时为利润，否则为销售额',
    },
    {
      name: 'score',
      value: 'FIELD:WEIGHT,…',
      help:
        `the composite weighted score (综合评价法): each field min–max scaled to 0..1, weights scaled to sum to 1; adds a composite score and a rank (1 = best) per customer. ` +
        `Fields: ${COMPOSITE_FIELDS.join(', ')} (or their Chinese column names); sinceLast, churnRisk, returns and returnAmount count lower as better; ` +
        'recency is the time from first to last purchase, "how recently" is sinceLast; FIELD:WEIGHT:rank or :z changes the scaling',
      default: 'none: customers are ranked by the key indicator alone',
      helpZh:
        `综合评价法：每个指标按最小–最大缩放到 0..1，权重缩放为合计 1；为每位客户增加综合评价值和综合排名（1 = 最好）。` +
        `指标：${COMPOSITE_FIELDS.join(', ')}（或其中文列名，如 净销售额、利润、购买天数）；sinceLast、churnRisk、returns、returnAmount 越小越好；` +
        'recency 是首末购买间隔，“最近一次购买距今”用 sinceLast；写成 指标:权重:rank 或 :z 可改变缩放方式',
      defaultZh: '不使用，只按关键指标排序',
    },
    {
      name: 'tiers',
      value: 'contribution|pareto|quantile|threshold',
      help: 'how customers are put into tiers: contribution = value / average value; pareto = shares of total value; quantile = top fractions of customers; threshold = minimum values',
      default: tierMethodName(DEFAULT_SETTINGS.tierRule.method),
      helpZh: '客户分级方法：contribution = 客户贡献度（价值 / 平均价值，《课题四》表 4-2）；pareto = 占总价值的比例；quantile = 按人数的前若干比例；threshold = 最低价值',
    },
    {
      name: 'cuts',
      value: 'A,B,C',
      help: 'the three cut points of the tier method: contribution multiples of the average value, largest first; pareto value shares and quantile customer fractions, smallest first (5%,20%,50% allowed); threshold minimum values, largest first (required)',
      default: tierDefaults,
      helpZh: '分级方法的三个分界点：contribution 为平均价值的倍数，从大到小；pareto 的价值比例和 quantile 的人数比例从小到大（可写 5%,20%,50%）；threshold 为最低价值，从大到小（必须给出）',
    },
    LANG_OPTION,
    {
      name: 'model',
      value: 'auto|bgnbd|mbgnbd|pnbd|none',
      help: 'purchase model for churn risk and CLV; auto picks the one that best predicted the file\'s own last third and says why; none uses the own-rate heuristic',
      default: DEFAULT_SETTINGS.model,
      helpZh: '计算流失风险和客户终身价值的购买模型；auto 选出对文件自身最后三分之一预测最好的模型并说明原因；none 使用自身购买节奏启发式',
    },
    {
      name: 'horizon',
      value: 'DAYS',
      help: 'how far ahead CLV looks, in days, or a number with d, w, m or y (13w, 3m, 1y)',
      default: `${DEFAULT_SETTINGS.horizonDays} days`,
      helpZh: '客户终身价值向前看多久，单位为天，或带 d、w、m、y 的数（13w、3m、1y）',
      defaultZh: `${DEFAULT_SETTINGS.horizonDays} 天`,
    },
    {
      name: 'churn-horizon',
      value: 'DAYS',
      help: 'churn risk is the chance of no purchase in the next this many days (or 13w, 3m, 1y)',
      default: `${DEFAULT_SETTINGS.churnHorizonDays} days`,
      helpZh: '流失风险 = 未来这么多天内没有购买的概率（也可写 13w、3m、1y）',
      defaultZh: `${DEFAULT_SETTINGS.churnHorizonDays} 天`,
    },
    {
      name: 'discount',
      value: 'RATE',
      help: 'discount rate per year for CLV (0.1 or 10%)',
      default: `${DEFAULT_SETTINGS.annualDiscount} per year`,
      helpZh: '客户终身价值的年折现率（0.1 或 10%）',
      defaultZh: `每年 ${DEFAULT_SETTINGS.annualDiscount}`,
    },
    PENALIZER,
    CALIBRATION_END,
    {
      name: 'date-order',
      value: 'auto|dmy|mdy|ymd',
      help: 'how to read dates such as 03/04/2024',
      default: 'auto, decided from the data',
      helpZh: '如何读取 03/04/2024 这类日期',
      defaultZh: 'auto，由数据决定',
    },
    SHEET,
    HEADER_ROW,
    { name: 'encoding', value: 'auto|utf-8|gb18030', help: 'text encoding of a CSV FILE (gbk is read as gb18030)', default: 'auto', helpZh: 'CSV 文件的文本编码（gbk 按 gb18030 读取）' },
    {
      name: 'columns',
      value: 'ROLE=COLUMN,…',
      help: 'which column holds each role (customerId, date, amount, cost, …), by header or by position counted from 1',
      default: 'found from English or Chinese headers',
      helpZh: '每个角色（customerId、date、amount、cost …）在哪一列，按表头名或从 1 开始的列号',
      defaultZh: '从中英文表头识别',
    },
    { name: 'decimal', value: 'auto|.|,', help: 'decimal separator of amounts', default: 'auto, decided from the data', helpZh: '金额的小数符号', defaultZh: 'auto，由数据决定' },
    {
      name: 'engine',
      value: 'auto|duckdb',
      help: 'duckdb summarises the file in embedded DuckDB (for a CSV larger than memory; dates YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD, UTF-8, amounts with a dot); auto uses DuckDB for Parquet files and for the customer tables `cvlens sql` writes',
      default: 'auto',
      helpZh: 'duckdb 在内嵌的 DuckDB 中汇总文件（用于大于内存的 CSV；日期为 YYYY-MM-DD、YYYYMMDD 或 YYYY/MM/DD，UTF-8，金额用小数点）；auto 对 Parquet 文件和 `cvlens sql` 写出的客户表使用 DuckDB',
      defaultZh: 'auto',
    },
    HELP,
  ],
  examples: [
    'cvlens segment sales.csv --out segments.xlsx',
    'cvlens segment sales.parquet --model bgnbd --out customers.csv',
    'cvlens segment sales.csv --horizon 2y --churn-horizon 13w --tiers pareto --out customers.csv',
    'cvlens segment sales.csv --calibration-end 2024-06-30 --model bgnbd --json > result.json',
    'cvlens segment salon.csv --value revenue --score revenue:0.5,sinceLast:0.5 --lang zh',
    'cvlens segment pos-export.xlsx --sheet 会员消费明细 --header-row 3',
  ],
};

export const FIT: CommandSpec = {
  name: 'fit',
  usage: 'cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [options]',
  summary: 'Fits one model to a CSV or .xlsx of transactions and prints its parameters, log-likelihood, number of customers and fit time.',
  summaryZh: '对交易 CSV 或 .xlsx 拟合一个模型，打印其参数、对数似然、客户数和拟合用时。',
  options: [
    {
      name: 'model',
      value: 'bgnbd|mbgnbd|pnbd|gg',
      help: 'the model, required: BG/NBD, MBG/NBD, Pareto/NBD (purchases) or Gamma-Gamma (spend per purchase)',
      helpZh: '模型，必填：BG/NBD、MBG/NBD、Pareto/NBD（购买次数）或 Gamma-Gamma（单次消费）',
    },
    PERIOD,
    AS_OF,
    CALIBRATION_END,
    PENALIZER,
    SHEET,
    HEADER_ROW,
    {
      name: 'max-evaluations',
      value: 'N',
      help: 'stop the parameter search after this many likelihood evaluations (the same data always give the same result)',
      default: `${DEFAULT_MAX_EVALUATIONS}`,
      helpZh: '参数搜索最多计算这么多次似然（同样的数据总得到同样的结果）',
      defaultZh: `${DEFAULT_MAX_EVALUATIONS}`,
    },
    {
      name: 'max-seconds',
      value: 'S',
      help: 'also stop it after this many seconds (then the result can depend on how busy the machine is)',
      default: 'none',
      helpZh: '另外限定参数搜索最多用这么多秒（结果可能随机器忙闲而不同）',
      defaultZh: '不限',
    },
    LANG_OPTION,
    JSON_FLAG,
    HELP,
  ],
  examples: [
    'cvlens fit sales.csv --model bgnbd',
    'cvlens fit sales.csv --model pnbd --calibration-end 2024-06-30 --json',
    'cvlens fit sales.csv --model gg --period month',
  ],
};

export const DEMO: CommandSpec = {
  name: 'demo',
  usage: 'cvlens demo [options]',
  summary:
    'Writes a seeded CSV of transactions drawn from the BG/NBD and Gamma-Gamma processes with the parameters published for CDNOW, to try cvlens on.',
  summaryZh: '按 CDNOW 公开的参数，从 BG/NBD 和 Gamma-Gamma 过程抽样，写出一个可复现的交易 CSV，用来试用 cvlens。',
  options: [
    { name: 'out', value: 'PATH.csv', help: 'where to write the CSV; missing folders are created', default: DEMO_DEFAULTS.out, helpZh: 'CSV 的写入位置；缺少的文件夹会被创建' },
    {
      name: 'customers',
      value: 'N',
      help: 'how many customers to simulate (a whole number above 0)',
      default: String(DEMO_DEFAULTS.customers),
      helpZh: '模拟多少位客户（大于 0 的整数）',
    },
    { name: 'seed', value: 'N', help: 'random seed; the same seed writes the same file', default: String(DEMO_DEFAULTS.seed), helpZh: '随机种子；相同的种子写出相同的文件' },
    HELP,
  ],
  examples: ['cvlens demo', 'cvlens demo --out try/sales.csv --customers 800 --seed 7', 'cvlens demo && cvlens segment demo/transactions.csv'],
};

export const SQL: CommandSpec = {
  name: 'sql',
  usage: 'cvlens sql --dialect duckdb|postgres|spark|bigquery --table TABLE --id COLUMN --date COLUMN --amount COLUMN [options]',
  summary:
    'Prints the SQL that summarises transactions per customer with the same rules as cvlens (same-day purchases merged, returns apart, ' +
    'as-of cut-off), for a warehouse to run; save its output as CSV or Parquet and run cvlens segment on that file to fit and score.',
  summaryZh:
    '打印按 cvlens 同样规则（同日购买合并、退货单列、截止日）按客户汇总交易的 SQL，交给数据仓库运行；把结果存为 CSV 或 Parquet，' +
    '再对该文件运行 cvlens segment 拟合并评分。',
  options: [
    { name: 'dialect', value: 'duckdb|postgres|spark|bigquery', help: 'the SQL dialect of the warehouse, required', helpZh: '数据仓库的 SQL 方言，必填' },
    { name: 'table', value: 'TABLE', help: "the table (or any FROM expression, e.g. read_parquet('sales/*.parquet')), inserted as written; required", helpZh: "表名（或任何 FROM 表达式，如 read_parquet('sales/*.parquet')），按原样插入；必填" },
    { name: 'id', value: 'COLUMN', help: 'the customer id column, required', helpZh: '客户编号列，必填' },
    { name: 'date', value: 'COLUMN', help: 'the purchase date column: a DATE or TIMESTAMP, or text YYYY-MM-DD; required', helpZh: '购买日期列：DATE 或 TIMESTAMP，或文本 YYYY-MM-DD；必填' },
    { name: 'amount', value: 'COLUMN', help: 'the amount column (negative amounts are returns), required', helpZh: '金额列（负数为退货），必填' },
    { name: 'cost', value: 'COLUMN', help: 'the cost-of-goods column, for profit', default: 'none', helpZh: '商品成本列，用于计算利润', defaultZh: '无' },
    { name: 'quantity', value: 'COLUMN', help: 'the quantity column', default: 'none', helpZh: '数量列', defaultZh: '无' },
    { name: 'email', value: 'COLUMN', help: 'the e-mail column (first non-blank value kept)', default: 'none', helpZh: '电子邮箱列（保留第一个非空值）', defaultZh: '无' },
    { name: 'company', value: 'COLUMN', help: 'the company column (first non-blank value kept)', default: 'none', helpZh: '公司列（保留第一个非空值）', defaultZh: '无' },
    { name: 'name', value: 'COLUMN', help: 'the customer name column (first non-blank value kept)', default: 'none', helpZh: '客户姓名列（保留第一个非空值）', defaultZh: '无' },
    { name: 'line', value: 'COLUMN', help: 'a column that orders the rows as loaded (first seen = smallest); without it the smallest e-mail, company and name are kept', default: 'none', helpZh: '按载入顺序排列各行的列（最先出现 = 最小）；没有它时保留最小的邮箱、公司和姓名', defaultZh: '无' },
    { ...PERIOD, help: `${PERIOD.help} (recency, t and since_last in the output)`, helpZh: `${PERIOD.helpZh ?? PERIOD.help}（输出中的 recency、t 和 since_last）` },
    { ...AS_OF, default: 'the latest date in the table', defaultZh: '表中最晚的日期' },
    { name: 'margin', value: 'RATE', help: 'margin rate for rows without a cost, 0 to 1 or a percentage', default: 'none: profit only where every row has a cost', helpZh: '没有成本的行所用的毛利率，0 到 1 或百分比', defaultZh: '无：仅当每行都有成本时才计算利润' },
    { name: 'check', help: 'print instead the query that counts rows the summary leaves out (no id, no date, no amount, after the as-of day)', helpZh: '改为打印统计被汇总排除的行数的查询（无编号、无日期、无金额、晚于截止日）' },
    HELP,
  ],
  examples: [
    'cvlens sql --dialect postgres --table sales --id customer_id --date sold_on --amount total > summary.sql',
    'cvlens sql --dialect bigquery --table shop.sales --id client --date order_date --amount revenue --cost cogs --as-of 2024-06-30',
    'cvlens sql --dialect spark --table sales --id client --date day --amount amount --check',
    'psql -d shop --csv -f summary.sql > customers.csv && cvlens segment customers.csv --out segments.xlsx',
  ],
};

export const COMMANDS: readonly CommandSpec[] = [SEGMENT, FIT, DEMO, SQL];
