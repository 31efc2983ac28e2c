/**
 * What each command accepts, in one place: the parser checks arguments
 * against it and the help is printed from it, so the two cannot drift.
 * Defaults are read from the core's DEFAULT_SETTINGS (and the fitter's own
 * limit), never restated here.
 */
import { DEFAULT_MAX_SECONDS, DEFAULT_SETTINGS, tierRuleOf, tierRuleParams, type TierMethod } from '../core/index.ts';

export interface OptionSpec {
  name: string;
  /** What the value looks like (e.g. DAYS); absent for a flag that takes no value. */
  value?: string;
  /** What it does, with its unit. */
  help: string;
  /** The value used when the option is left out, in words. */
  default?: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
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
};
const AS_OF: OptionSpec = {
  name: 'as-of',
  value: 'DATE',
  help: 'the day the analysis is taken, YYYY-MM-DD; rows dated later are left out',
  default: 'the last transaction date in the file',
};
const CALIBRATION_END: OptionSpec = {
  name: 'calibration-end',
  value: 'DATE',
  help: 'fit on the purchases up to this day (YYYY-MM-DD) and compare the prediction with what customers bought afterwards',
  default: 'none',
};
const PENALIZER: OptionSpec = {
  name: 'penalizer',
  value: 'C',
  help: "L2 penalty on the model parameters, as lifetimes' penalizer_coef (a number ≥ 0)",
  default: String(DEFAULT_SETTINGS.penalizer),
};
const JSON_FLAG: OptionSpec = { name: 'json', help: 'print one JSON object on stdout instead of the table' };
const HELP: OptionSpec = { name: 'help', help: 'print this help' };

export const SEGMENT: CommandSpec = {
  name: 'segment',
  usage: 'cvlens segment FILE [options]',
  summary:
    'Reads a CSV of transactions (a customer id, a date and an amount per row), scores every customer ' +
    '(value, CLV, churn risk, RFM) and puts them into four tiers; prints the tier summary and writes the result to --out.',
  options: [
    {
      name: 'out',
      value: 'PATH',
      help: 'where to write; the extension sets the format: .xlsx a workbook, .csv or .json the per-customer table. The folder must exist',
      default: 'segments.xlsx; with --json, no file unless --out is given',
    },
    JSON_FLAG,
    { ...PERIOD, help: `${PERIOD.help} (horizons stay in days)` },
    AS_OF,
    {
      name: 'margin',
      value: 'RATE',
      help: 'margin rate for rows without a cost, 0 to 1 or a percentage (0.3 or 30%)',
      default: 'from the cost column when there is one, else 1, so value is revenue',
    },
    {
      name: 'tiers',
      value: 'contribution|pareto|quantile|threshold',
      help: 'how customers are put into tiers: contribution = value / average value; pareto = shares of total value; quantile = top fractions of customers; threshold = minimum values',
      default: tierMethodName(DEFAULT_SETTINGS.tierRule.method),
    },
    {
      name: 'cuts',
      value: 'A,B,C',
      help: 'the three cut points of the tier method: contribution multiples of the average value, largest first; pareto value shares and quantile customer fractions, smallest first (5%,20%,50% allowed); threshold minimum values, largest first (required)',
      default: tierDefaults,
    },
    { name: 'lang', value: 'en|zh', help: 'language of labels in the table and the workbook', default: 'en' },
    {
      name: 'model',
      value: 'auto|bgnbd|mbgnbd|pnbd|none',
      help: 'purchase model for churn risk and CLV; auto picks the one that best predicted the file\'s own last third and says why; none uses the own-rate heuristic',
      default: DEFAULT_SETTINGS.model,
    },
    {
      name: 'horizon',
      value: 'DAYS',
      help: 'how far ahead CLV looks, in days, or a number with d, w, m or y (13w, 3m, 1y)',
      default: `${DEFAULT_SETTINGS.horizonDays} days`,
    },
    {
      name: 'churn-horizon',
      value: 'DAYS',
      help: 'churn risk is the chance of no purchase in the next this many days (or 13w, 3m, 1y)',
      default: `${DEFAULT_SETTINGS.churnHorizonDays} days`,
    },
    {
      name: 'discount',
      value: 'RATE',
      help: 'discount rate per year for CLV (0.1 or 10%)',
      default: `${DEFAULT_SETTINGS.annualDiscount} per year`,
    },
    PENALIZER,
    CALIBRATION_END,
    { name: 'date-order', value: 'auto|dmy|mdy|ymd', help: 'how to read dates such as 03/04/2024', default: 'auto, decided from the data' },
    { name: 'encoding', value: 'auto|utf-8|gb18030', help: 'text encoding of FILE (gbk is read as gb18030)', default: 'auto' },
    {
      name: 'columns',
      value: 'ROLE=COLUMN,…',
      help: 'which column holds each role (customerId, date, amount, cost, …), by header or by position counted from 1',
      default: 'found from English or Chinese headers',
    },
    { name: 'decimal', value: 'auto|.|,', help: 'decimal separator of amounts', default: 'auto, decided from the data' },
    {
      name: 'engine',
      value: 'auto|duckdb',
      help: 'duckdb summarises the file in embedded DuckDB (for a CSV larger than memory; dates YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD, UTF-8, amounts with a dot); auto uses DuckDB for Parquet files and for the customer tables `cvlens sql` writes',
      default: 'auto',
    },
    HELP,
  ],
  examples: [
    'cvlens segment sales.csv --out segments.xlsx',
    'cvlens segment sales.parquet --model bgnbd --out customers.csv',
    'cvlens segment sales.csv --horizon 2y --churn-horizon 13w --tiers pareto --out customers.csv',
    'cvlens segment sales.csv --calibration-end 2024-06-30 --model bgnbd --json > result.json',
  ],
};

export const FIT: CommandSpec = {
  name: 'fit',
  usage: 'cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [options]',
  summary: 'Fits one model to a CSV of transactions and prints its parameters, log-likelihood, number of customers and fit time.',
  options: [
    {
      name: 'model',
      value: 'bgnbd|mbgnbd|pnbd|gg',
      help: 'the model, required: BG/NBD, MBG/NBD, Pareto/NBD (purchases) or Gamma-Gamma (spend per purchase)',
    },
    PERIOD,
    AS_OF,
    CALIBRATION_END,
    PENALIZER,
    { name: 'max-seconds', value: 'S', help: 'stop the parameter search after this many seconds', default: `${DEFAULT_MAX_SECONDS} s` },
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
  options: [
    { name: 'out', value: 'PATH.csv', help: 'where to write the CSV; missing folders are created', default: DEMO_DEFAULTS.out },
    { name: 'customers', value: 'N', help: 'how many customers to simulate (a whole number above 0)', default: String(DEMO_DEFAULTS.customers) },
    { name: 'seed', value: 'N', help: 'random seed; the same seed writes the same file', default: String(DEMO_DEFAULTS.seed) },
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
  options: [
    { name: 'dialect', value: 'duckdb|postgres|spark|bigquery', help: 'the SQL dialect of the warehouse, required' },
    { name: 'table', value: 'TABLE', help: "the table (or any FROM expression, e.g. read_parquet('sales/*.parquet')), inserted as written; required" },
    { name: 'id', value: 'COLUMN', help: 'the customer id column, required' },
    { name: 'date', value: 'COLUMN', help: 'the purchase date column: a DATE or TIMESTAMP, or text YYYY-MM-DD; required' },
    { name: 'amount', value: 'COLUMN', help: 'the amount column (negative amounts are returns), required' },
    { name: 'cost', value: 'COLUMN', help: 'the cost-of-goods column, for profit', default: 'none' },
    { name: 'quantity', value: 'COLUMN', help: 'the quantity column', default: 'none' },
    { name: 'email', value: 'COLUMN', help: 'the e-mail column (first non-blank value kept)', default: 'none' },
    { name: 'company', value: 'COLUMN', help: 'the company column (first non-blank value kept)', default: 'none' },
    { name: 'name', value: 'COLUMN', help: 'the customer name column (first non-blank value kept)', default: 'none' },
    { name: 'line', value: 'COLUMN', help: 'a column that orders the rows as loaded (first seen = smallest); without it the smallest e-mail, company and name are kept', default: 'none' },
    { ...PERIOD, help: `${PERIOD.help} (recency, t and since_last in the output)` },
    { ...AS_OF, default: 'the latest date in the table' },
    { name: 'margin', value: 'RATE', help: 'margin rate for rows without a cost, 0 to 1 or a percentage', default: 'none: profit only where every row has a cost' },
    { name: 'check', help: 'print instead the query that counts rows the summary leaves out (no id, no date, no amount, after the as-of day)' },
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
