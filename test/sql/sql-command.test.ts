/**
 * `cvlens sql` as a user runs it: the printed query is core's summarySql
 * for the options given, it runs as printed (on DuckDB here), and mistakes
 * are one sentence with exit code 2.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoToDay, summarySql } from '../../core/index.ts';
import { openDuckdb, readSummaryQuery } from '../../cli/duckdb-engine.ts';
import { runCli } from '../../cli/run-cli.ts';

describe('cvlens sql', () => {
  it('prints core\'s query for the options given, ended by a semicolon', () => {
    const run = runCli(['sql', '--dialect', 'spark', '--table', 'shop.sales', '--id', 'client', '--date', 'day', '--amount', 'total', '--cost', 'cogs', '--period', 'month', '--as-of', '2024-06-30', '--margin', '30%']);
    expect(run.code, run.stderr).toBe(0);
    const expected = summarySql({
      dialect: 'spark', table: 'shop.sales', columns: { customerId: 'client', date: 'day', amount: 'total', cost: 'cogs' }, unit: 'month', asOf: isoToDay('2024-06-30'), marginRate: 0.3,
    });
    expect(run.stdout).toBe(`${expected};\n`);
    expect(runCli(['sql', '--dialect', 'spark', '--table', 't', '--id', 'c', '--date', 'd', '--amount', 'a', '--check']).stdout).toContain('AS without_amount');
  }, 180_000);

  it('prints a query that runs as printed: DuckDB on a CSV of transactions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvlens-sql-cmd-'));
    const db = await openDuckdb();
    try {
      const csv = join(dir, 'sales.csv');
      await db.connection.run(
        `COPY (SELECT * FROM (VALUES ('007', DATE '2024-01-02', 10.0), ('007', DATE '2024-01-02', 5.0), ('007', DATE '2024-01-09', 20.0), ('8', DATE '2024-01-05', -3.0)) v(client, sold, total)) TO '${csv}' (HEADER)`,
      );
      const run = runCli(['sql', '--dialect', 'duckdb', '--table', `read_csv('${csv}', types = {'client': 'VARCHAR'})`, '--id', 'client', '--date', 'sold', '--amount', 'total', '--period', 'day']);
      expect(run.code, run.stderr).toBe(0);
      const read = await readSummaryQuery(db, run.stdout.replace(/;\n$/, ''));
      expect(read.summaries).toHaveLength(1);
      expect(read.summaries[0]).toMatchObject({ id: '007', purchaseDays: 2, frequency: 1, recency: 7, T: 7, grossRevenue: 35, monetary: 20 });
      expect(read.excluded.map((e) => e.id)).toEqual(['8']);
    } finally {
      db.close();
    }
  }, 180_000);

  it('says what is missing or wrong, in one sentence, with exit code 2', () => {
    const missing = runCli(['sql', '--table', 't', '--id', 'c', '--date', 'd', '--amount', 'a']);
    expect([missing.code, missing.stderr]).toEqual([2, 'cvlens: --dialect is required: one of duckdb, postgres, spark, bigquery.\n']);
    expect(runCli(['sql', '--dialect', 'mysql', '--table', 't', '--id', 'c', '--date', 'd', '--amount', 'a']).stderr).toBe(
      "cvlens: --dialect must be one of duckdb, postgres, spark, bigquery, not 'mysql'.\n",
    );
    expect(runCli(['sql', '--dialect', 'postgres', '--table', 't', '--id', 'c', '--amount', 'a']).stderr).toMatch(/^cvlens: --date is required \(the purchase date column/);
    expect(runCli(['sql', '--dialect', 'postgres', '--table', 't', '--id', 'c', '--date', 'd', '--amount', 'a', '--margin', '2']).code).toBe(2);
    expect(runCli(['sql', '--dialect', 'postgres', '--table', 't', '--id', 'c', '--date', 'd', '--amount', 'a', '--as-of', '2024-13-01']).stderr).toMatch(/--as-of '2024-13-01' is not a date/);
  }, 300_000);
});
