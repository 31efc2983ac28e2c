/**
 * A file summarised in embedded DuckDB instead of being read row by row in
 * JavaScript: a Parquet file, a CSV too large for memory (`--engine
 * duckdb`), or a table of customer summaries that `cvlens sql`'s query
 * wrote in a warehouse. The per-customer GROUP BY is core's summarySql;
 * rows DuckDB cannot use are listed with their line and reason, as the file
 * reader lists them.
 */
import {
  CvError,
  detectColumns,
  isSummarySqlHeader,
  summarySql,
  type ColumnRole,
  type DayNumber,
  type ExcludedCustomer,
  type RejectedRow,
  type SummarySqlColumns,
  type SummaryTable,
  type TimeUnit,
  unitDays,
} from '../core/index.ts';
import { statSync } from 'node:fs';
import { DUCKDB_MEMORY_LIMIT, duckdbMemoryFor, oneThread, openDuckdb, queryRows, readSummaryQuery, sqlString, type Duckdb } from './duckdb-engine.ts';
import { UsageError } from './usage-error.ts';

export type DuckdbFormat = 'parquet' | 'csv';

export interface DuckdbInput {
  format: DuckdbFormat;
  /** 'summaries' when the file is already one row per customer (the summary query's output). */
  kind: 'transactions' | 'summaries';
  headers: string[];
  /** The customers as columns, in id order (millions of them would not fit as objects). */
  table: SummaryTable;
  excluded: ExcludedCustomer[];
  rejected: RejectedRow[];
  /** Data rows in the file. */
  rows: number;
  /** Rows dated after the as-of day (transactions only). */
  afterAsOf: number;
  /** The as-of day used. */
  asOf: DayNumber | undefined;
  /** Latest usable row date (transactions) or as-of (summaries). */
  lastDay: DayNumber | undefined;
  /** Column roles found, by header, for the report. */
  columns: Partial<Record<ColumnRole, string>>;
}

export interface DuckdbInputOptions {
  unit: TimeUnit;
  asOf?: DayNumber;
  marginRate?: number;
  /** --columns: role → header or 0-based index. */
  mapping?: Partial<Record<ColumnRole, string | number>>;
  memoryLimit?: string;
  /** DuckDB's threads (default one per core; the GROUP BY runs on one whatever this says). */
  threads?: number;
}

/**
 * The customers as the reader takes them, dates as day numbers and counts
 * as doubles (exact below 2^53): DuckDB's DATE and BIGINT values are read
 * as an object or a bigint each, 20 million of them at 10M rows. Columns
 * the file cannot fill (`absent`: no quantity, no e-mail …) are
 * left out rather than read as millions of nulls.
 */
function summaryAsNumbers(absent: readonly string[]): string {
  // Texts as their UTF-8 bytes (encode: a BLOB), kept so by the reader: 3.77 million ids as strings had been ~150 MiB of heap.
  const texts = ['customer_id', 'email', 'company', 'name'].filter((c) => !absent.includes(c));
  return [
    `SELECT *${absent.length > 0 ? ` EXCLUDE (${absent.join(', ')})` : ''} REPLACE (`,
    ...texts.map((c) => `  encode(${c}) AS ${c},`),
    ['first_day', 'last_day', 'as_of'].map((c) => `  CAST(${c} - DATE '1970-01-01' AS DOUBLE) AS ${c}`).join(',\n') + ',',
    ['transactions', 'purchase_days', 'frequency', 'returns', 'row_count', 'first_line'].map((c) => `  CAST(${c} AS DOUBLE) AS ${c}`).join(',\n'),
    ') FROM cv_summary',
  ].join('\n');
}

/** DuckDB's memory while the customers are read back: a table scan, a few vectors at a time. */
const READ_MEMORY_LIMIT = '64MB';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads the file in DuckDB and returns the customer summaries. */
export async function summariseWithDuckdb(path: string, format: DuckdbFormat, o: DuckdbInputOptions): Promise<DuckdbInput> {
  // Parquet is compressed: its size says little about what the GROUP BY needs, so it gets the full limit.
  const memoryLimit = o.memoryLimit ?? (format === 'csv' ? duckdbMemoryFor(statSync(path).size) : undefined);
  const db = await openDuckdb({ memoryLimit, threads: o.threads });
  try {
    // Parquet keeps its types; a CSV is read as text (ids keep their zeros, and every value is checked
    // here), its lines numbered in file order (DuckDB keeps insertion order), header = line 1.
    const reader =
      format === 'parquet'
        ? `(SELECT *, file_row_number + 1 AS cv_line FROM read_parquet(${sqlString(path)}, file_row_number = true))`
        : `(SELECT *, row_number() OVER () + 1 AS cv_line FROM read_csv(${sqlString(path)}, all_varchar = true, header = true))`;
    // A CSV is parsed once into a table (on disk, see openDuckdb); the checks, the rejected rows and
    // the summary then read the table, where a view would parse the text again for each.
    await db.connection.run(format === 'parquet' ? `CREATE TEMP VIEW cv_file AS SELECT * FROM ${reader}` : `CREATE TABLE cv_file AS SELECT * FROM ${reader}`);
    const described = await queryRows(db, 'DESCRIBE cv_file');
    const types = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    const headers = [...types.keys()].filter((h) => h !== 'cv_line' && h !== 'file_row_number');
    if (isSummarySqlHeader(headers)) return await readSummaries(db, format, headers, o.unit);
    return await readTransactions(db, format, headers, types, o);
  } catch (error) {
    throw explainDuckdbError(error, path, memoryLimit ?? DUCKDB_MEMORY_LIMIT);
  } finally {
    db.close();
  }
}

async function readSummaries(db: Duckdb, format: DuckdbFormat, headers: string[], unit: TimeUnit): Promise<DuckdbInput> {
  const read = await readSummaryQuery(db, `SELECT * EXCLUDE (cv_line${format === 'parquet' ? ', file_row_number' : ''}) FROM cv_file`, {
    firstLine: format === 'csv' ? 2 : 1,
    asTable: true,
    // The analysis' unit: a table written in another keeps its own times (the store keeps what differs).
    unitDays: unitDays(unit),
    closeWhenRead: true,
  });
  const table = read.table!;
  const rows = table.length + read.excluded.length + read.rejected.length;
  return {
    format,
    kind: 'summaries',
    headers,
    table,
    excluded: read.excluded,
    rejected: read.rejected,
    rows,
    afterAsOf: 0,
    asOf: read.asOf,
    lastDay: read.asOf,
    columns: {},
  };
}

/** --columns (headers or 0-based indexes) over the columns found from the headers. */
function resolveColumns(headers: string[], mapping: DuckdbInputOptions['mapping']): Partial<Record<ColumnRole, string>> {
  const found: Partial<Record<ColumnRole, string>> = {};
  for (const [role, index] of Object.entries(detectColumns(headers)) as [ColumnRole, number][]) found[role] = headers[index];
  for (const [role, column] of Object.entries(mapping ?? {}) as [ColumnRole, string | number][]) {
    if (typeof column === 'number') {
      if (column >= headers.length) throw new UsageError(`--columns names column ${column + 1} for the ${role}, but the file has ${headers.length} columns.`);
      found[role] = headers[column];
    } else {
      const h = headers.find((x) => x === column) ?? headers.find((x) => x.toLowerCase() === column.toLowerCase());
      if (h === undefined) throw new UsageError(`--columns names '${column}' for the ${role}, but no column has that header; the headers are ${headers.join(', ')}.`);
      found[role] = h;
    }
  }
  for (const role of ['customerId', 'date', 'amount'] as const) {
    if (found[role] === undefined) {
      throw new UsageError(`no ${role === 'customerId' ? 'customer id' : role} column was found among ${headers.join(', ')}; name it with --columns, e.g. --columns ${role}=<header>.`);
    }
  }
  if (found.marginRate !== undefined) {
    throw new UsageError(`the DuckDB engine does not read a margin-rate column ('${found.marginRate}'); give --margin, or drop --engine duckdb.`);
  }
  return found;
}

const isText = (type: string | undefined) => type === undefined || type === 'VARCHAR';
const isDate = (type: string | undefined) => type === 'DATE' || (type ?? '').startsWith('TIMESTAMP');

/** Day expression from the column's type: dates as they are, text and YYYYMMDD integers in three forms. */
function dateExpr(col: string, type: string | undefined): string {
  if (isDate(type)) return `CAST(${col} AS DATE)`;
  const text = isText(type) ? `TRIM(${col})` : `CAST(${col} AS VARCHAR)`;
  return (
    `COALESCE(TRY_CAST(${text} AS DATE), TRY_CAST(TRY_STRPTIME(${text}, '%Y%m%d') AS DATE), ` +
    `TRY_CAST(TRY_STRPTIME(${text}, '%Y/%m/%d') AS DATE))`
  );
}

function numberExpr(col: string, type: string | undefined): string {
  return isText(type) ? `TRY_CAST(NULLIF(TRIM(${col}), '') AS DOUBLE)` : `CAST(${col} AS DOUBLE)`;
}

/** Blank: null, or text with nothing but spaces. */
const blank = (col: string) => `(${col} IS NULL OR TRIM(CAST(${col} AS VARCHAR)) = '')`;
const shown = (col: string) => `'''' || CAST(${col} AS VARCHAR) || ''''`;

async function readTransactions(
  db: Duckdb,
  format: DuckdbFormat,
  headers: string[],
  types: Map<string, string>,
  o: DuckdbInputOptions,
): Promise<DuckdbInput> {
  const roles = resolveColumns(headers, o.mapping);
  const col = (role: ColumnRole) => q(roles[role]!);
  const type = (role: ColumnRole) => types.get(roles[role]!);
  const optionalNumber = (role: 'cost' | 'quantity') =>
    roles[role] === undefined ? 'CAST(NULL AS DOUBLE)' : numberExpr(col(role), type(role));
  const optionalText = (role: 'email' | 'company' | 'name') => (roles[role] === undefined ? 'CAST(NULL AS VARCHAR)' : `NULLIF(TRIM(CAST(${col(role)} AS VARCHAR)), '')`);
  // The same checks, in the same order, as the file reader's (core/read): the first problem is the reason.
  const problem = [
    'CASE',
    `  WHEN ${blank(col('customerId'))} THEN 'customer id is empty'`,
    `  WHEN ${blank(col('date'))} THEN 'date is empty'`,
    `  WHEN cv_sold IS NULL THEN 'date ' || ${shown(col('date'))} || ' is not a date the DuckDB engine reads (YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)'`,
    `  WHEN ${blank(col('amount'))} THEN 'amount is empty'`,
    `  WHEN cv_amount IS NULL OR NOT isfinite(cv_amount) THEN 'amount ' || ${shown(col('amount'))} || ' is not a number'`,
    ...(roles.cost !== undefined ? [`  WHEN NOT ${blank(col('cost'))} AND (cv_cost IS NULL OR NOT isfinite(cv_cost)) THEN 'cost ' || ${shown(col('cost'))} || ' is not a number'`] : []),
    ...(roles.quantity !== undefined ? [`  WHEN NOT ${blank(col('quantity'))} AND cv_qty IS NULL THEN 'quantity ' || ${shown(col('quantity'))} || ' is not a number'`] : []),
    'END',
  ].join('\n');
  await db.connection.run(
    [
      'CREATE TEMP VIEW cv_typed AS SELECT *,',
      `  NULLIF(TRIM(CAST(${col('customerId')} AS VARCHAR)), '') AS cv_customer,`,
      `  ${dateExpr(col('date'), type('date'))} AS cv_sold,`,
      `  ${numberExpr(col('amount'), type('amount'))} AS cv_amount,`,
      `  ${optionalNumber('cost')} AS cv_cost,`,
      `  ${optionalNumber('quantity')} AS cv_qty,`,
      `  ${optionalText('email')} AS cv_email,`,
      `  ${optionalText('company')} AS cv_company,`,
      `  ${optionalText('name')} AS cv_name`,
      'FROM cv_file',
    ].join('\n'),
  );
  // The typed rows and their problems, computed once into a table (casts and date parsing are most
  // of the work), then counted, listed and summarised from it.
  await db.connection.run(
    [
      'CREATE TABLE cv_rows AS SELECT cv_customer AS customer, cv_sold AS sold, cv_amount AS amount, cv_cost AS cost, cv_qty AS qty,',
      '  cv_email AS email, cv_company AS company, cv_name AS name, cv_line AS line,',
      `  ${problem} AS problem`,
      'FROM cv_typed',
    ].join('\n'),
  );
  // The file's table is read no more: dropped now, its pages leave DuckDB's buffer pool before the GROUP BY.
  await db.connection.run('DROP VIEW cv_typed');
  if (format === 'csv') await db.connection.run('DROP TABLE cv_file');
  const asOfDays = o.asOf === undefined ? 'NULL' : String(o.asOf);
  const [counts] = await queryRows(
    db,
    `SELECT COUNT(*) AS n, COUNT(problem) AS bad, MAX(CASE WHEN problem IS NULL THEN sold END) AS last_day,
       COUNT(CASE WHEN problem IS NULL AND sold > DATE '1970-01-01' + CAST(${asOfDays} AS INTEGER) THEN 1 END) AS after
     FROM cv_rows`,
  );
  const rejected: RejectedRow[] =
    Number(counts!.bad) > 0
      ? (await queryRows(db, 'SELECT line, problem FROM cv_rows WHERE problem IS NOT NULL ORDER BY line')).map((r) => ({ line: Number(r.line), reason: String(r.problem) }))
      : [];
  const columns: SummarySqlColumns = {
    customerId: 'customer',
    date: 'sold',
    amount: 'amount',
    cost: roles.cost !== undefined ? 'cost' : undefined,
    quantity: roles.quantity !== undefined ? 'qty' : undefined,
    email: roles.email !== undefined ? 'email' : undefined,
    company: roles.company !== undefined ? 'company' : undefined,
    name: roles.name !== undefined ? 'name' : undefined,
    line: 'line',
  };
  const sql = summarySql({
    dialect: 'duckdb',
    table: '(SELECT * FROM cv_rows WHERE problem IS NULL)',
    columns,
    unit: o.unit,
    // The latest usable day, counted above, when none is given: a constant as-of spares the query a
    // second pass over the rows (its MAX would make DuckDB materialise them).
    asOf: o.asOf ?? (counts!.last_day === null ? undefined : Number(counts!.last_day)),
    marginRate: o.marginRate,
    // Sorted by the reader instead (see SummarySqlOptions.ordered).
    ordered: false,
  });
  // A little over the estimate (its error is a few per cent): an estimate short of the count doubles the columns once.
  // The customers are computed into a table first and the rows dropped, then DuckDB's memory is
  // lowered before they are read: a query streamed to the reader kept its whole GROUP BY (DuckDB's
  // full memory limit) while JavaScript filled the customers' columns beside it.
  // Without insertion order (the reader sorts by id; the lines were numbered above): DuckDB then
  // need not hold finished groups back to write them in order (10M rows at a 500 MB limit: 1,055 MB
  // peak RSS with it).
  await db.connection.run('SET preserve_insertion_order = false');
  await oneThread(db, `CREATE TABLE cv_summary AS ${sql}`);
  await db.connection.run('DROP TABLE cv_rows');
  await db.connection.run(`SET memory_limit = '${READ_MEMORY_LIMIT}'`);
  // Exactly how many customers the columns will hold: approx_count_distinct's estimate had come out
  // short at 10M rows, and the columns doubled (1.0 GB of them for 3.77 million customers).
  const [scored] = await queryRows(db, 'SELECT COUNT(*) FILTER (WHERE purchase_days > 0) AS n, COUNT(*) AS all_rows FROM cv_summary');
  const absent = [
    // Not cost and profit: a customer whose every row is 0 has a known cost of 0 without a cost column.
    ...(roles.quantity === undefined ? ['quantity'] : []),
    ...(['email', 'company', 'name'] as const).filter((r) => roles[r] === undefined),
  ];
  const read = await readSummaryQuery(db, summaryAsNumbers(absent), {
    asTable: true,
    expected: Number(scored!.n),
    unitDays: unitDays(o.unit),
    closeWhenRead: true,
    uniqueIds: true,
    rows: Number(scored!.all_rows),
  });
  if (read.rejected.length > 0) throw new Error(`the summary query gave rows cvlens cannot read: ${read.rejected[0]!.reason}`);
  return {
    format,
    kind: 'transactions',
    headers,
    table: read.table!,
    excluded: read.excluded,
    rejected,
    rows: Number(counts!.n),
    afterAsOf: Number(counts!.after),
    asOf: read.asOf ?? o.asOf,
    lastDay: counts!.last_day === null ? undefined : Number(counts!.last_day),
    columns: roles,
  };
}

/** DuckDB's own message for a file it cannot open or parse, as one sentence. */
function explainDuckdbError(error: unknown, path: string, limit: string): unknown {
  if (error instanceof UsageError || !(error instanceof Error)) return error;
  if (/^Out of Memory Error/.test(error.message)) {
    return new CvError(
      'duckdb',
      'data',
      `DuckDB needed more than its memory limit (${limit}) to summarise '${path}'; ` +
        'run again with a larger one, e.g. CVLENS_DUCKDB_MEMORY=4GB cvlens segment …',
    );
  }
  const m = /^(?:IO|Invalid Input|Binder|Conversion) Error: (.*)/s.exec(error.message);
  if (!m) return error;
  return new UsageError(`DuckDB cannot read '${path}': ${m[1]!.split('\n')[0]}`);
}
