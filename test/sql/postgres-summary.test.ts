/**
 * The PostgreSQL summary query on a real server (Debian's `postgresql`,
 * started by the test on loopback) against the TypeScript summary builder,
 * field by field: the rule cases and every customer of CDNOW master. The
 * output goes through psql's CSV, as a warehouse export would, and is read
 * back by core's summary-SQL reader.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSummaryBuilder, dayToIso, isoToDay, readSummarySqlRows, readTransactions, summarySql, type SummarySqlRow, type Transaction } from '../../core/index.ts';
import type { SummaryOptions } from '../../core/summary/summarize.ts';
import { runCli } from '../../cli/run-cli.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../cdnow.ts';
import { excludedDifferences, summaryDifferences } from './compare-summaries.ts';
import { TX_COLUMNS } from './load-duckdb.ts';
import { postgresBinDir, startPostgres, type PostgresServer } from './postgres-server.ts';

const bin = postgresBinDir();
const why = bin ? '' : ' — skipped: PostgreSQL (initdb, pg_ctl, psql) is not installed; apt-get install postgresql';
if (!bin) {
  if (process.env.CI) throw new Error('PostgreSQL binaries not found, but CI must run this test: .ci/run installs the postgresql package.');
  console.warn(`test/sql/postgres-summary.test.ts${why}`);
}

let pg: PostgresServer | undefined;
beforeAll(async () => {
  if (bin) pg = await startPostgres(bin);
}, 60_000);
afterAll(() => pg?.stop());

const csvCell = (v: string | number | undefined) => (v === undefined ? '' : typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);

function load(rows: readonly Transaction[]): void {
  const server = pg!;
  server.psql(
    'DROP TABLE IF EXISTS tx; CREATE TABLE tx (customer TEXT, sold DATE, amount DOUBLE PRECISION, cost DOUBLE PRECISION, qty DOUBLE PRECISION, email TEXT, company TEXT, name TEXT, line BIGINT)',
  );
  // Numbers as JavaScript prints them (shortest round trip), so PostgreSQL stores the same doubles.
  const csv = rows
    .map((t) => [csvCell(t.customerId), dayToIso(t.day), t.amount, t.cost, t.quantity, csvCell(t.email), csvCell(t.company), csvCell(t.name), t.line].map((v) => (v === undefined ? '' : String(v))).join(','))
    .join('\n');
  server.psql('COPY tx FROM STDIN WITH (FORMAT csv)', { input: csv + '\n' });
}

let lastOutput = '';

function postgresSummary(rows: readonly Transaction[], o: SummaryOptions) {
  load(rows);
  const out = (lastOutput = pg!.psql(summarySql({ dialect: 'postgres', table: 'tx', columns: TX_COLUMNS, unit: o.unit, asOf: o.asOf, marginRate: o.marginRate }), { csv: true }));
  const parsed = Papa.parse<SummarySqlRow>(out, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return readSummarySqlRows(parsed.data);
}

function expectSame(rows: readonly Transaction[], o: SummaryOptions): void {
  const b = createSummaryBuilder(o);
  for (const t of rows) b.add(t);
  const summaries = b.finish();
  const sql = postgresSummary(rows, o);
  expect(summaryDifferences(summaries, sql.summaries)).toEqual([]);
  expect(excludedDifferences(b.report().excluded, sql.excluded)).toEqual([]);
  expect(sql.rejected).toEqual([]);
  expect(sql.asOf).toBe(b.report().asOf);
}

const tx = (customerId: string, day: number, amount: number, line: number, extra: Partial<Transaction> = {}): Transaction => ({ customerId, day, amount, line, ...extra });

describe.skipIf(!bin)(`summary SQL on a real PostgreSQL server against core/summary${why}`, () => {
  it('applies each rule: same-day merge, returns, zero days, only-returns customers, as-of, cost and margin, first-seen email', () => {
    const rows = [
      tx('a', 10, 5, 2, { email: 'a@x.cn' }), tx('a', 10, 7, 3), tx('a', 17, 20, 4, { cost: 8 }), tx('a', 24, 30, 5), tx('a', 24, -10, 6),
      tx('r', 5, -10, 7), tx('r', 3, -2, 8), tx('r', 40, 9, 9),
      tx('z', 11, 0, 10, { company: '乙' }), tx('z', 14, 0, 11, { quantity: 3 }),
      tx('c', 12, 10, 12, { cost: 1 }), tx('c', 13, 10, 13, { name: "O'Neil" }),
    ];
    for (const unit of ['day', 'week', 'month'] as const) expectSame(rows, { unit, asOf: 30 });
    expectSame(rows, { unit: 'week' });
    expectSame(rows, { unit: 'day', asOf: 30, marginRate: 0.4 });
  });

  const master = HAS_CDNOW ? readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')).transactions : [];
  it.skipIf(!HAS_CDNOW)(`equals the TypeScript summary for every customer of CDNOW master, as of the last day and as of 1997-09-30${WHY_NO_CDNOW}`, () => {
    expect(master.length).toBe(69_659);
    expectSame(master, { unit: 'week' });
    expectSame(master, { unit: 'day', asOf: isoToDay('1997-09-30') });
    // psql's CSV is what a user saves from the warehouse: `cvlens segment` scores it as it is.
    const file = join(mkdtempSync(join(tmpdir(), 'cvlens-pg-out-')), 'customers.csv');
    writeFileSync(file, lastOutput);
    const run = runCli(['segment', file, '--period', 'day', '--model', 'bgnbd', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { customers: { id: string }[]; rejected: unknown[]; settings: { asOf: number } };
    expect([json.customers.length, json.rejected.length, json.settings.asOf]).toEqual([23_570, 0, isoToDay('1997-09-30')]);
  }, 180_000);
});
