/**
 * `cvlens segment` through embedded DuckDB, run as a user runs it (the real
 * command in a child process): CDNOW master as Parquet, as a CSV with
 * --engine duckdb, and as the customer table the summary query writes,
 * each scored like the CSV read in JavaScript; and bad rows reported with
 * the same lines as the JavaScript reader reports them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTransactions, summarySql } from '../../core/index.ts';
import { openDuckdb, type Duckdb } from '../../cli/duckdb-engine.ts';
import { runCli } from '../../cli/run-cli.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../cdnow.ts';
import { loadTransactions, TX_COLUMNS } from './load-duckdb.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-sql-cli-'));
let db: Duckdb;

interface JsonOut {
  customers: Record<string, string | number | null>[];
  model: { model: string; params: Record<string, number> } | null;
  rejected: { line: number; reason: string }[];
  excluded: { id: string; reason: string }[];
  read: { rows: number; accepted: number };
}

function segmentJson(args: string[]): JsonOut {
  const run = runCli(['segment', ...args, '--model', 'bgnbd', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as JsonOut;
}

/**
 * Same customers, numbers within 1e-6 relative (sums taken in another
 * order differ in the last bits, and the fits follow), labels equal but
 * for at most `labelSlack` customers whose value sits on a quintile or tier
 * boundary within that noise.
 */
function expectSameCustomers(got: JsonOut, expected: JsonOut, labelSlack: number): void {
  expect(got.customers.length).toBe(expected.customers.length);
  const byId = new Map(got.customers.map((c) => [c.id, c]));
  const labels: string[] = [];
  for (const e of expected.customers) {
    const g = byId.get(e.id as string);
    expect(g, `customer ${e.id}`).toBeDefined();
    for (const [k, v] of Object.entries(e)) {
      const w = g![k];
      if (typeof v === 'number' && typeof w === 'number') {
        expect(Math.abs(v - w), `${e.id} ${k}: ${v} vs ${w}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)));
      } else if (v !== w) {
        labels.push(`${e.id} ${k}: ${String(v)} vs ${String(w)}`);
      }
    }
  }
  expect(labels.length, labels.join('; ')).toBeLessThanOrEqual(labelSlack);
  for (const [k, v] of Object.entries(expected.model!.params)) {
    expect(Math.abs(got.model!.params[k]! - v), `parameter ${k}`).toBeLessThanOrEqual(1e-6 * Math.abs(v));
  }
}

beforeAll(async () => {
  db = await openDuckdb();
});
afterAll(() => db?.close());

describe.skipIf(!HAS_CDNOW)(`cvlens segment through DuckDB on CDNOW master${WHY_NO_CDNOW}`, () => {
  let reference: JsonOut;
  beforeAll(async () => {
    const master = readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')).transactions;
    await loadTransactions(db, master);
    const columns = `customer AS customer_id, sold AS "date", qty AS number_of_cds, amount AS dollar_value`;
    await db.connection.run(`COPY (SELECT ${columns} FROM tx ORDER BY line) TO '${join(dir, 'master.parquet')}' (FORMAT parquet)`);
    await db.connection.run(`COPY (SELECT ${columns} FROM tx ORDER BY line) TO '${join(dir, 'master.csv')}' (HEADER)`);
    // What a warehouse returns for `cvlens sql`: the query's output saved as CSV.
    const sql = summarySql({ dialect: 'duckdb', table: 'tx', columns: TX_COLUMNS, unit: 'week' });
    await db.connection.run(`COPY (${sql}) TO '${join(dir, 'summaries.csv')}' (HEADER)`);
    reference = segmentJson([CDNOW_DIR + 'CDNOW_master.txt']);
  }, 120_000);

  it('scores a Parquet file like the same transactions read from the text file', () => {
    const got = segmentJson([join(dir, 'master.parquet')]);
    expect(got.read).toMatchObject({ rows: 69_659, accepted: 69_659 });
    // One customer of 23,570 (14704) sits on an RFM quintile boundary that the last bit of its revenue decides.
    expectSameCustomers(got, reference, 3);
  }, 120_000);

  it('scores a CSV with --engine duckdb, and the customer table the summary query wrote, the same way', () => {
    expectSameCustomers(segmentJson([join(dir, 'master.csv'), '--engine', 'duckdb']), reference, 3);
    const header = readFileSync(join(dir, 'summaries.csv'), 'utf8').split('\n', 1)[0];
    expect(header).toBe('customer_id,first_day,last_day,as_of,transactions,purchase_days,frequency,recency,t,since_last,gross_revenue,return_amount,returns,revenue,average_spend,monetary,cost,profit,quantity,email,company,name,row_count,first_line');
    const fromSummaries = segmentJson([join(dir, 'summaries.csv')]);
    expect(fromSummaries.read.rows).toBe(23_570);
    expectSameCustomers(fromSummaries, reference, 3);
  }, 120_000);
});

describe('cvlens segment --engine duckdb on bad rows', () => {
  it('rejects the rows the JavaScript reader rejects, on the same lines, and lists customers with only returns', () => {
    const csv = [
      'customer,date,amount',
      'a,2024-01-02,10.5',
      ',2024-01-03,4',
      'b,2024-01-04,',
      'b,2024-01-05,12x',
      'c,not a date,3',
      'c,2024-01-06,-7',
      'a,2024-02-01,20',
      'd,20240110,5',
      'd,2024/01/20,6',
    ].join('\n');
    const file = join(dir, 'bad.csv');
    writeFileSync(file, csv + '\n');
    const run = runCli(['segment', file, '--engine', 'duckdb', '--model', 'none', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const duck = JSON.parse(run.stdout) as JsonOut;
    const js = JSON.parse(runCli(['segment', file, '--model', 'none', '--json']).stdout) as JsonOut;
    expect(duck.rejected.map((r) => r.line)).toEqual(js.rejected.map((r) => r.line));
    expect(duck.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(duck.rejected[0]!.reason).toBe('customer id is empty');
    expect(duck.rejected[2]!.reason).toBe("amount '12x' is not a number");
    expect(duck.excluded).toEqual([{ id: 'c', reason: 'only returns (1 row, \u22127.00), no purchase to score', rows: 1, returnAmount: 7, firstLine: 7 }]);
    expect(duck.customers.map((c) => [c.id, c.purchases])).toEqual(js.customers.map((c) => [c.id, c.purchases]));
    expect(run.stderr).toContain('4 rows could not be used');
  }, 180_000);

  it('says which column is missing, in one sentence', () => {
    const file = join(dir, 'nodate.csv');
    writeFileSync(file, 'customer,amount\na,1\n');
    const run = runCli(['segment', file, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cvlens: no date column was found among customer, amount; name it with --columns/);
  }, 120_000);
});
