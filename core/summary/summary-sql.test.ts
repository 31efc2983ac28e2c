/**
 * The query text per dialect. DuckDB and PostgreSQL run it against the
 * TypeScript builder in test/sql/; Spark SQL and BigQuery have no engine
 * here, so their text is pinned by golden files (test/sql/golden/, reviewed
 * against each engine's documentation, see docs/warehouse-sql.md) and checked
 * for the constructs each dialect needs.
 */
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { SQL_DIALECTS, SUMMARY_SQL_COLUMNS, summarySql, type SqlDialect, type SummarySqlOptions } from './summary-sql.ts';

const options = (dialect: SqlDialect, extra: Partial<SummarySqlOptions> = {}): SummarySqlOptions => ({
  dialect,
  table: 'shop.sales',
  columns: { customerId: 'client id', date: 'sold_on', amount: 'total', cost: 'cogs', quantity: 'qty', email: 'mail', line: 'seq' },
  unit: 'week',
  asOf: 19_904, // 2024-06-30
  marginRate: 0.3,
  ...extra,
});

/** The aliases of the outermost SELECT list, in order. */
function outputColumns(sql: string): string[] {
  const select = sql.slice(sql.lastIndexOf('\nSELECT\n') + 8, sql.lastIndexOf('\nFROM customers'));
  return select.split(/,\n/).flatMap((item) => item.split(/,\s+(?=a(?:_\w+)?\.|CAST\(NULL)/)).map((item) => /(?:AS |\.)(\w+)\s*$/.exec(item.trim())![1]!);
}

function balanced(sql: string): boolean {
  let depth = 0;
  // Comments first: an apostrophe in one ("the first purchase day's spend") is no string.
  for (const ch of sql.replace(/--[^\n]*/g, '').replace(/'[^']*'/g, '')) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('summarySql', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: matches its golden text`, async () => {
      await expect(summarySql(options(dialect)) + ';\n').toMatchFileSnapshot(`../../test/sql/golden/${dialect}.sql`);
      await expect(summarySql(options(dialect, { output: 'check' })) + ';\n').toMatchFileSnapshot(`../../test/sql/golden/${dialect}-check.sql`);
    });

    it(`${dialect}: outputs exactly the summary columns, in order, with balanced parentheses`, () => {
      const sql = summarySql(options(dialect));
      expect(outputColumns(sql)).toEqual([...SUMMARY_SQL_COLUMNS]);
      expect(balanced(sql)).toBe(true);
      expect(sql).not.toContain('::'); // PostgreSQL-only cast syntax
    });
  }

  it('quotes identifiers the way each dialect does, escaping the quote inside a name', () => {
    const odd = { customerId: 'a"b', date: 'd`e', amount: 'x' };
    expect(summarySql({ dialect: 'postgres', table: 't', columns: odd })).toContain('CAST("a""b" AS TEXT)');
    expect(summarySql({ dialect: 'duckdb', table: 't', columns: odd })).toContain('CAST("a""b" AS VARCHAR)');
    expect(summarySql({ dialect: 'spark', table: 't', columns: odd })).toContain('CAST(`d``e` AS DATE)');
    expect(summarySql({ dialect: 'bigquery', table: 't', columns: odd })).toContain('CAST(`d\\`e` AS DATE)');
  });

  it('uses each dialect\'s own date arithmetic and "first value" aggregate', () => {
    const text = (d: SqlDialect) => summarySql(options(d));
    expect(text('duckdb')).toContain(`CAST(CAST("sold_on" AS DATE) - DATE '1970-01-01' AS BIGINT)`);
    // DuckDB: the first line with a value (an integer aggregate, which spills), then the value at that line.
    expect(text('duckdb')).toContain('MIN(CASE WHEN email IS NOT NULL THEN line END) AS email_line');
    expect(text('duckdb')).toContain(`LEFT JOIN (SELECT CAST("seq" AS BIGINT) AS line, NULLIF(TRIM(CAST("mail" AS VARCHAR)), '') AS email FROM shop.sales) AS a_email ON a_email.line = c.email_line`);
    expect(text('duckdb')).not.toContain('ARG_MIN(email');
    expect(summarySql(options('duckdb', { ordered: false }))).not.toContain('ORDER BY c.customer_id');
    expect(text('postgres')).toContain(`(CAST("sold_on" AS DATE) - DATE '1970-01-01')`);
    expect(text('postgres')).toContain('(ARRAY_AGG(email ORDER BY line) FILTER (WHERE email IS NOT NULL))[1]');
    expect(text('spark')).toContain("DATEDIFF(CAST(`sold_on` AS DATE), DATE '1970-01-01')");
    expect(text('spark')).toContain('MIN_BY(email, line) FILTER (WHERE email IS NOT NULL)');
    expect(text('spark')).toContain("DATE_ADD(DATE '1970-01-01', CAST(c.first_day AS INT))");
    expect(text('bigquery')).toContain('UNIX_DATE(CAST(`sold_on` AS DATE))');
    expect(text('bigquery')).toContain('ARRAY_AGG(email IGNORE NULLS ORDER BY line LIMIT 1)[SAFE_OFFSET(0)]');
    expect(text('bigquery')).toContain('DATE_FROM_UNIX_DATE(c.first_day)');
    expect(text('bigquery')).not.toMatch(/\bDOUBLE\b|\bBIGINT\b|\bVARCHAR\b/);
  });

  it('divides times by the unit in the dialect\'s double type (a NUMERIC division would round differently)', () => {
    expect(summarySql(options('postgres', { unit: 'month' }))).toContain('CAST(c.last_day - c.first_day AS DOUBLE PRECISION) / CAST(30.4375 AS DOUBLE PRECISION) AS recency');
    expect(summarySql(options('spark', { unit: 'day' }))).toContain('CAST(c.as_of - c.first_day AS DOUBLE) / CAST(1 AS DOUBLE) AS t');
  });

  it('takes the latest row as as-of when none is given, and the margin rate only for rows without a cost', () => {
    const sql = summarySql(options('postgres', { asOf: undefined, marginRate: 0.25 }));
    expect(sql).toContain('SELECT MAX(day_number) AS as_of FROM usable');
    expect(sql).toContain('COALESCE(row_cost, amount * CAST(0.75 AS DOUBLE PRECISION)) AS cost_value');
    expect(summarySql(options('postgres', { marginRate: undefined }))).toContain('row_cost AS cost_value');
  });

  it('keeps the smallest value as "first seen" when there is no row order, and says so', () => {
    const sql = summarySql(options('bigquery', { columns: { customerId: 'c', date: 'd', amount: 'a', name: 'n' } }));
    expect(sql).toContain('without a line column the smallest value is taken');
    expect(sql).toContain('MIN(name) AS name');
  });

  it('throws CvError for an unknown dialect, a missing column, an empty table or a margin outside 0..1', () => {
    expect(() => summarySql({ ...options('duckdb'), dialect: 'mysql' as SqlDialect })).toThrow(CvError);
    expect(() => summarySql({ ...options('duckdb'), columns: { customerId: 'c', date: '', amount: 'a' } })).toThrow(/date column is not given/);
    expect(() => summarySql({ ...options('duckdb'), table: ' ' })).toThrow(/table to read is empty/);
    expect(() => summarySql(options('duckdb', { marginRate: 1.5 }))).toThrow(/outside 0\.\.1/);
    expect(() => summarySql(options('duckdb', { asOf: 1.5 }))).toThrow(/whole day number/);
  });
});
