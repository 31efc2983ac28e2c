/**
 * The summary step of core/summary as one SQL query, for data that lives in
 * a warehouse or is too large for memory: the database runs the GROUP BY per
 * customer and cvlens fits and scores from its output (read back by
 * summary-sql-rows.ts). The query applies exactly the rules of
 * {@link createSummaryBuilder}; each CTE below says which rule it carries and
 * why the SQL is written the way it is.
 *
 * Dialects: DuckDB (run embedded by the command line), PostgreSQL (tested on
 * a real server), Spark SQL and BigQuery (generated from the same plan; no
 * engine in the tests, see docs/warehouse-sql.md for the syntax each uses).
 */
import { CvError } from '../errors.ts';
import { dayToIso } from '../read/day-number.ts';
import type { DayNumber, TimeUnit } from '../types.ts';
import { unitDays } from './units.ts';

export type SqlDialect = 'duckdb' | 'postgres' | 'spark' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'spark', 'bigquery'];

/** Source columns, by name as the table has them. */
export interface SummarySqlColumns {
  customerId: string;
  /** A DATE or TIMESTAMP column, or text the engine casts to DATE (YYYY-MM-DD). */
  date: string;
  amount: string;
  cost?: string;
  quantity?: string;
  email?: string;
  company?: string;
  name?: string;
  /**
   * The row's position in the source (a file line, a load sequence): "first
   * seen" attributes and an excluded customer's first line follow it.
   */
  line?: string;
}

export interface SummarySqlOptions {
  dialect: SqlDialect;
  /** The FROM expression, inserted as given: a table name, `read_parquet('x')`, a subquery in parentheses. */
  table: string;
  columns: SummarySqlColumns;
  /** Unit of recency, t and since_last (default 'week'). */
  unit?: TimeUnit;
  /** Rows after this day are left out; default the latest day of any usable row. */
  asOf?: DayNumber;
  /** Margin rate (0..1) for rows without a cost. */
  marginRate?: number;
  /**
   * 'summary' (default): one row per customer. 'check': one row of counts —
   * source rows, rows left out for a missing id, date or amount, rows after
   * as-of — so a warehouse run, like a file read, never drops rows unsaid.
   */
  output?: 'summary' | 'check';
  /**
   * Whether the customers come ordered by id (default true). An engine whose
   * reader sorts them itself (summary-sql-rows.ts does) can leave the sort
   * out: in DuckDB it was the step that did not fit a small memory limit
   * (1,000,000 rows: out of 100 MB with it, within without).
   */
  ordered?: boolean;
}

/**
 * The query's output columns, in order; each maps onto a field of
 * CustomerSummary (or, for a customer with only returns, of
 * ExcludedCustomer). `t` is CustomerSummary's T: lower case because
 * PostgreSQL folds unquoted names and BigQuery compares them without case.
 */
export const SUMMARY_SQL_COLUMNS = [
  'customer_id',
  'first_day',
  'last_day',
  'as_of',
  'transactions',
  'purchase_days',
  'frequency',
  'recency',
  't',
  'since_last',
  'gross_revenue',
  'return_amount',
  'returns',
  'revenue',
  'average_spend',
  'monetary',
  'cost',
  'profit',
  'quantity',
  'email',
  'company',
  'name',
  'row_count',
  'first_line',
] as const;
export type SummarySqlColumn = (typeof SUMMARY_SQL_COLUMNS)[number];

/** Columns of the 'check' query. */
export const CHECK_SQL_COLUMNS = ['source_rows', 'without_id', 'without_date', 'without_amount', 'after_as_of', 'as_of'] as const;

interface Dialect {
  ident(name: string): string;
  text: string;
  double: string;
  int: string;
  /** Whole days since 1970-01-01 of a date (or timestamp, or ISO text) expression. */
  dayOf(e: string): string;
  /** The DATE of a day-number expression. */
  dateOf(e: string): string;
  /** The value of `e` on the row with the smallest `key`, among rows where `e` is not null. */
  firstBy(e: string, key: string): string;
}

const quoteWith = (q: string, escape: string) => (name: string) => q + name.split(q).join(escape) + q;

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    ident: quoteWith('"', '""'),
    text: 'VARCHAR',
    double: 'DOUBLE',
    int: 'BIGINT',
    dayOf: (e) => `CAST(CAST(${e} AS DATE) - DATE '1970-01-01' AS BIGINT)`,
    dateOf: (e) => `CAST(DATE '1970-01-01' + CAST(${e} AS INTEGER) AS DATE)`,
    // arg_min skips rows whose key is null: the key is nulled where the value is.
    firstBy: (e, key) => `ARG_MIN(${e}, CASE WHEN ${e} IS NOT NULL THEN ${key} END)`,
  },
  postgres: {
    ident: quoteWith('"', '""'),
    text: 'TEXT',
    double: 'DOUBLE PRECISION',
    int: 'BIGINT',
    // date − date is an integer number of days in PostgreSQL.
    dayOf: (e) => `(CAST(${e} AS DATE) - DATE '1970-01-01')`,
    dateOf: (e) => `(DATE '1970-01-01' + CAST(${e} AS INTEGER))`,
    firstBy: (e, key) => `(ARRAY_AGG(${e} ORDER BY ${key}) FILTER (WHERE ${e} IS NOT NULL))[1]`,
  },
  spark: {
    ident: quoteWith('`', '``'),
    text: 'STRING',
    double: 'DOUBLE',
    int: 'BIGINT',
    dayOf: (e) => `DATEDIFF(CAST(${e} AS DATE), DATE '1970-01-01')`,
    dateOf: (e) => `DATE_ADD(DATE '1970-01-01', CAST(${e} AS INT))`,
    firstBy: (e, key) => `MIN_BY(${e}, ${key}) FILTER (WHERE ${e} IS NOT NULL)`,
  },
  bigquery: {
    ident: quoteWith('`', '\\`'),
    text: 'STRING',
    double: 'FLOAT64',
    int: 'INT64',
    dayOf: (e) => `UNIX_DATE(CAST(${e} AS DATE))`,
    dateOf: (e) => `DATE_FROM_UNIX_DATE(${e})`,
    firstBy: (e, key) => `ARRAY_AGG(${e} IGNORE NULLS ORDER BY ${key} LIMIT 1)[SAFE_OFFSET(0)]`,
  },
};

const FN = 'summarySql';

function checkOptions(o: SummarySqlOptions): void {
  if (!SQL_DIALECTS.includes(o.dialect)) {
    throw new CvError(FN, 'value', `unknown SQL dialect "${String(o.dialect)}" (${SQL_DIALECTS.join(', ')})`);
  }
  if (o.table.trim() === '') throw new CvError(FN, 'value', 'the table to read is empty');
  for (const role of ['customerId', 'date', 'amount'] as const) {
    if (!o.columns[role] || o.columns[role].trim() === '') throw new CvError(FN, 'value', `the ${role} column is not given`);
  }
  if (o.asOf !== undefined && !Number.isInteger(o.asOf)) throw new CvError(FN, 'value', 'asOf is not a whole day number');
  if (o.marginRate !== undefined) {
    if (!Number.isFinite(o.marginRate)) throw new CvError(FN, 'value', 'margin rate is not a number');
    if (o.marginRate < 0 || o.marginRate > 1) throw new CvError(FN, 'num', `margin rate ${o.marginRate} is outside 0..1`);
  }
}

/** A number as an SQL literal of the dialect's double type (exact: shortest round-trip digits). */
function doubleLiteral(d: Dialect, x: number): string {
  return `CAST(${String(x)} AS ${d.double})`;
}

/**
 * The customer-summary query (or its row check) for one dialect.
 *
 * Rules, as in core/summary/summarize.ts:
 * - A row needs an id (trimmed, not blank), a date and an amount; the
 *   others are left out here and counted by the 'check' query (a file
 *   reader lists them by line instead).
 * - As-of: rows dated after it are left out; without one it is the latest
 *   day of any usable row (returns included), as the TypeScript builder's.
 * - A purchase day is a day with at least one row of amount ≥ 0 (zero
 *   included: a free order is a purchase); same-day rows are merged.
 *   Negative rows are returns: counted and summed, never a purchase day.
 * - frequency = purchase days − 1; recency, t and since_last are day
 *   differences divided by the unit's length (unitDays), in double.
 * - monetary = (gross − gross of the first purchase day) / frequency, 0
 *   without repeats: Gamma-Gamma's mean of the repeat days.
 * - Cost of a row: its cost, else amount × (1 − margin rate); a customer's
 *   cost (and profit) is known only when every row that has a non-zero
 *   amount or a cost has one, since a partial cost would overstate profit.
 * - A customer with only returns has a row with purchase_days = 0 and null
 *   times, so the reader can list it as excluded rather than lose it.
 *
 * @throws CvError('summarySql', 'value') for an unknown dialect, an empty
 *   table or missing column; 'num' for a margin rate outside 0..1.
 * @example
 * summarySql({ dialect: 'postgres', table: 'sales', columns: { customerId: 'client', date: 'sold_on', amount: 'total' } })
 * // 'WITH src AS (\n  SELECT\n    NULLIF(TRIM(CAST("client" AS TEXT)), \'\') AS customer_id, …'
 */
export function summarySql(options: SummarySqlOptions): string {
  checkOptions(options);
  const d = DIALECTS[options.dialect];
  const c = options.columns;
  const col = (name: string | undefined) => (name === undefined ? undefined : d.ident(name));
  const textOf = (name: string | undefined) => (name === undefined ? `CAST(NULL AS ${d.text})` : `NULLIF(TRIM(CAST(${col(name)} AS ${d.text})), '')`);
  const numberOf = (name: string | undefined) => `CAST(${name === undefined ? 'NULL' : col(name)} AS ${d.double})`;
  const unit = unitDays(options.unit ?? 'week');
  const hasAttributes = c.email !== undefined || c.company !== undefined || c.name !== undefined;
  // DuckDB with a line column: "first seen" text by its line (an integer MIN, which spills) and a join
  // back to the source, not ARG_MIN over text, whose per-customer states DuckDB keeps in memory
  // (10,000,000 rows ran out of a 1 GB limit that way). Lines must then be unique.
  const attributeLines = hasAttributes && c.line !== undefined && options.dialect === 'duckdb';
  const attributeNames = (['email', 'company', 'name'] as const).filter((a) => c[a] !== undefined);
  const margin = options.marginRate;

  const src = [
    `    ${textOf(c.customerId)} AS customer_id`,
    `    ${d.dayOf(col(c.date)!)} AS day_number`,
    `    ${numberOf(c.amount)} AS amount`,
    `    ${numberOf(c.cost)} AS row_cost`,
    `    ${numberOf(c.quantity)} AS quantity`,
    ...(hasAttributes ? [`    ${textOf(c.email)} AS email`, `    ${textOf(c.company)} AS company`, `    ${textOf(c.name)} AS name`] : []),
    `    CAST(${c.line === undefined ? 'NULL' : col(c.line)} AS ${d.int}) AS line`,
  ];
  const cutoff =
    options.asOf !== undefined
      ? `  SELECT CAST(${options.asOf} AS ${d.int}) AS as_of`
      : `  SELECT MAX(day_number) AS as_of FROM usable`;

  const head = [
    `-- cvlens customer summary (${options.dialect}; unit ${options.unit ?? 'week'} = ${unit} days; ` +
      `as of ${options.asOf === undefined ? 'the latest row' : dayToIso(options.asOf)}${margin === undefined ? '' : `; margin rate ${margin}`}).`,
    '-- Rules: cvlens core/summary (same-day purchases merged, returns apart, as-of cut-off).',
    'WITH src AS (',
    '  -- Ids are text and trimmed ("00123" is not 123); blank text is no value.',
    '  SELECT',
    src.join(',\n'),
    `  FROM ${options.table}`,
    '),',
    'usable AS (',
    '  SELECT * FROM src WHERE customer_id IS NOT NULL AND day_number IS NOT NULL AND amount IS NOT NULL',
    '),',
    'cutoff AS (',
    cutoff,
    '),',
  ];

  if (options.output === 'check') {
    return [
      ...head,
      'counts AS (',
      '  SELECT',
      '    COUNT(*) AS source_rows,',
      '    SUM(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END) AS without_id,',
      '    SUM(CASE WHEN customer_id IS NOT NULL AND day_number IS NULL THEN 1 ELSE 0 END) AS without_date,',
      '    SUM(CASE WHEN customer_id IS NOT NULL AND day_number IS NOT NULL AND amount IS NULL THEN 1 ELSE 0 END) AS without_amount',
      '  FROM src',
      ')',
      'SELECT',
      `  CAST(counts.source_rows AS ${d.int}) AS source_rows,`,
      `  CAST(COALESCE(counts.without_id, 0) AS ${d.int}) AS without_id,`,
      `  CAST(COALESCE(counts.without_date, 0) AS ${d.int}) AS without_date,`,
      `  CAST(COALESCE(counts.without_amount, 0) AS ${d.int}) AS without_amount,`,
      `  CAST((SELECT COUNT(*) FROM usable, cutoff WHERE usable.day_number > cutoff.as_of) AS ${d.int}) AS after_as_of,`,
      `  ${d.dateOf('(SELECT as_of FROM cutoff)')} AS as_of`,
      'FROM counts',
    ].join('\n');
  }

  // A row's cost by the first route that gives one; it counts toward the customer's cost when the
  // row carries money or a cost (a zero row without a cost is free and leaves the cost known).
  const rowCost = margin === undefined ? 'row_cost' : `COALESCE(row_cost, amount * ${doubleLiteral(d, 1 - margin)})`;
  const div = (days: string) => `CAST(${days} AS ${d.double}) / ${doubleLiteral(d, unit)}`;

  const body = [
    'kept AS (',
    '  -- The as-of cut-off: later rows are left out (the check query counts them).',
    '  SELECT usable.*, cutoff.as_of,',
    `    ${rowCost} AS cost_value,`,
    '    CASE WHEN amount <> 0 OR row_cost IS NOT NULL THEN 1 ELSE 0 END AS cost_counts',
    '  FROM usable CROSS JOIN cutoff',
    '  WHERE usable.day_number <= cutoff.as_of',
    '),',
    'per_day AS (',
    '  -- Same-day rows merged: a day is a purchase day when one of its rows is ≥ 0.',
    '  -- COUNT(CASE …) rather than SUM(CASE … 1 ELSE 0): a plain count, never a wide integer sum.',
    '  SELECT customer_id, day_number,',
    '    COUNT(CASE WHEN amount >= 0 THEN 1 END) AS buys,',
    '    COUNT(CASE WHEN amount > 0 THEN 1 END) AS positives,',
    `    SUM(CASE WHEN amount >= 0 THEN amount ELSE ${doubleLiteral(d, 0)} END) AS gross,`,
    '    COUNT(CASE WHEN amount < 0 THEN 1 END) AS returns,',
    `    SUM(CASE WHEN amount < 0 THEN -amount ELSE ${doubleLiteral(d, 0)} END) AS return_amount,`,
    '    SUM(CASE WHEN cost_counts = 1 THEN cost_value END) AS cost,',
    '    COUNT(CASE WHEN cost_counts = 1 AND cost_value IS NULL THEN 1 END) AS cost_missing,',
    '    SUM(quantity) AS quantity,',
    '    COUNT(*) AS row_count,',
    ...(attributeLines ? attributeNames.map((a) => `    MIN(CASE WHEN ${a} IS NOT NULL THEN line END) AS ${a}_line,`) : []),
    '    MIN(line) AS first_line',
    '  FROM kept',
    '  GROUP BY customer_id, day_number',
    '),',
    'customers AS (',
    '  SELECT customer_id, MAX(cutoff.as_of) AS as_of,',
    '    MIN(CASE WHEN buys > 0 THEN day_number END) AS first_day,',
    '    MAX(CASE WHEN buys > 0 THEN day_number END) AS last_day,',
    '    COUNT(CASE WHEN buys > 0 THEN 1 END) AS purchase_days,',
    '    SUM(positives) AS transactions,',
    '    SUM(gross) AS gross_revenue,',
    '    -- The first purchase day\'s spend, which Gamma-Gamma leaves out of the repeat mean (one row per day: no ties).',
    `    ${d.firstBy('CASE WHEN buys > 0 THEN gross END', 'day_number')} AS first_day_gross,`,
    '    SUM(returns) AS returns,',
    '    SUM(return_amount) AS return_amount,',
    `    CASE WHEN SUM(cost_missing) = 0 THEN COALESCE(SUM(cost), ${doubleLiteral(d, 0)}) END AS cost,`,
    '    SUM(quantity) AS quantity,',
    '    SUM(row_count) AS row_count,',
    ...(attributeLines ? attributeNames.map((a) => `    MIN(${a}_line) AS ${a}_line,`) : []),
    '    MIN(first_line) AS first_line',
    '  FROM per_day CROSS JOIN cutoff',
    '  GROUP BY customer_id',
    hasAttributes && !attributeLines ? '),' : ')',
  ];
  const attributes = hasAttributes && !attributeLines
    ? [
        'attributes AS (',
        c.line === undefined
          ? '  -- "First seen" needs a row order; without a line column the smallest value is taken.'
          : '  -- The first non-blank value in row order, as the file reader keeps it.',
        '  SELECT customer_id,',
        ['email', 'company', 'name']
          .map((a) => `    ${c.line === undefined ? `MIN(${a})` : d.firstBy(a, 'line')} AS ${a}`)
          .join(',\n'),
        '  FROM kept',
        '  GROUP BY customer_id',
        ')',
      ]
    : [];
  const nullText = `CAST(NULL AS ${d.text})`;
  const bought = 'c.purchase_days > 0';
  const select = [
    'SELECT',
    '  c.customer_id,',
    `  ${d.dateOf('c.first_day')} AS first_day,`,
    `  ${d.dateOf('c.last_day')} AS last_day,`,
    `  ${d.dateOf('c.as_of')} AS as_of,`,
    `  CAST(c.transactions AS ${d.int}) AS transactions,`,
    `  CAST(c.purchase_days AS ${d.int}) AS purchase_days,`,
    `  CAST(CASE WHEN ${bought} THEN c.purchase_days - 1 END AS ${d.int}) AS frequency,`,
    `  ${div('c.last_day - c.first_day')} AS recency,`,
    `  ${div('c.as_of - c.first_day')} AS t,`,
    `  ${div('c.as_of - c.last_day')} AS since_last,`,
    '  c.gross_revenue,',
    '  c.return_amount,',
    `  CAST(c.returns AS ${d.int}) AS returns,`,
    '  c.gross_revenue - c.return_amount AS revenue,',
    `  CASE WHEN ${bought} THEN (c.gross_revenue - c.return_amount) / CAST(c.purchase_days AS ${d.double}) END AS average_spend,`,
    `  CASE WHEN c.purchase_days > 1 THEN (c.gross_revenue - c.first_day_gross) / CAST(c.purchase_days - 1 AS ${d.double})`,
    `       WHEN ${bought} THEN ${doubleLiteral(d, 0)} END AS monetary,`,
    `  CASE WHEN ${bought} THEN c.cost END AS cost,`,
    `  CASE WHEN ${bought} THEN c.gross_revenue - c.return_amount - c.cost END AS profit,`,
    '  c.quantity,',
    attributeLines
      ? `  ${(['email', 'company', 'name'] as const).map((a) => (c[a] !== undefined ? `a_${a}.${a}` : `${nullText} AS ${a}`)).join(', ')},`
      : hasAttributes
        ? '  a.email, a.company, a.name,'
        : `  ${nullText} AS email, ${nullText} AS company, ${nullText} AS name,`,
    `  CAST(c.row_count AS ${d.int}) AS row_count,`,
    `  CAST(c.first_line AS ${d.int}) AS first_line`,
    'FROM customers AS c',
    ...(attributeLines
      ? attributeNames.map(
          (a) =>
            `LEFT JOIN (SELECT CAST(${col(c.line)} AS ${d.int}) AS line, ${textOf(c[a])} AS ${a} FROM ${options.table}) AS a_${a} ON a_${a}.line = c.${a}_line`,
        )
      : hasAttributes
        ? ['JOIN attributes AS a ON a.customer_id = c.customer_id']
        : []),
    ...(options.ordered === false ? [] : ['ORDER BY c.customer_id']),
  ];
  return [...head, ...body, ...attributes, ...select].join('\n');
}
