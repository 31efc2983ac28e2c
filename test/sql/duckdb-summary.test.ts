/**
 * The summary query on embedded DuckDB against the TypeScript summary
 * builder, field by field: fixed cases for each rule, random transactions
 * (fast-check), and every customer of CDNOW master (Fader & Hardie's full
 * 23,570-customer file).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSummaryBuilder, isoToDay, readTransactions, summarySql, unitDays, type CustomerSummary, type Transaction } from '../../core/index.ts';
import type { SummaryOptions } from '../../core/summary/summarize.ts';
import { openDuckdb, readSummaryQuery, type Duckdb } from '../../cli/duckdb-engine.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../cdnow.ts';
import { excludedDifferences, summaryDifferences } from './compare-summaries.ts';
import { loadTransactions, TX_COLUMNS } from './load-duckdb.ts';

let db: Duckdb;
beforeAll(async () => {
  db = await openDuckdb();
});
afterAll(() => db?.close());

function typescriptSummary(rows: readonly Transaction[], o: SummaryOptions) {
  const b = createSummaryBuilder(o);
  for (const t of rows) b.add(t);
  const summaries = b.finish();
  return { summaries, report: b.report() };
}

async function duckdbSummary(rows: readonly Transaction[], o: SummaryOptions, columns = TX_COLUMNS) {
  await loadTransactions(db, rows);
  return readSummaryQuery(db, summarySql({ dialect: 'duckdb', table: 'tx', columns, unit: o.unit, asOf: o.asOf, marginRate: o.marginRate }));
}

/**
 * The same query's output read into the table of typed columns (as the
 * command line reads it) against the rows read as objects: every field of
 * every customer identical, while the table keeps no column for frequency,
 * recency, T, since-last, revenue, average spend and profit while reading
 * (they are made from the days and sums when read; frequency, T and
 * revenue once, as both the models and the segment step read them).
 */
async function tableDifferences(o: SummaryOptions, objects: readonly CustomerSummary[]): Promise<string[]> {
  const sql = summarySql({ dialect: 'duckdb', table: 'tx', columns: TX_COLUMNS, unit: o.unit, asOf: o.asOf, marginRate: o.marginRate });
  const table = (await readSummaryQuery(db, sql, { asTable: true, unitDays: unitDays(o.unit ?? 'week') })).table!;
  const out: string[] = [];
  if (table.length !== objects.length) out.push(`customers: ${objects.length} objects, ${table.length} in the table`);
  for (let i = 0; i < Math.min(table.length, objects.length); i++) {
    const got = table.summary(i);
    const want = objects[i]!;
    for (const k of new Set([...Object.keys(want), ...Object.keys(got)]) as Set<keyof CustomerSummary>) {
      if (!Object.is(got[k], want[k])) out.push(`${want.id} ${k}: ${String(want[k])} from the query, ${String(got[k])} from the table`);
    }
  }
  // Made when read, none kept while reading; those the models and the segment step both read (x, T, the values) once only.
  for (const k of ['recency', 'sinceLast', 'averageSpend', 'profit'] as const) {
    if (table.length > 0 && table[k] === table[k]) out.push(`${k} is kept as a column`);
  }
  for (const k of ['frequency', 'T', 'revenue'] as const) {
    if (table.length > 0 && table[k] !== table[k]) out.push(`${k} is made again on each read`);
  }
  return out;
}

async function expectSame(rows: readonly Transaction[], o: SummaryOptions): Promise<void> {
  const ts = typescriptSummary(rows, o);
  const sql = await duckdbSummary(rows, o);
  expect(summaryDifferences(ts.summaries, sql.summaries)).toEqual([]);
  expect(excludedDifferences(ts.report.excluded, sql.excluded)).toEqual([]);
  expect(sql.rejected).toEqual([]);
  expect(sql.asOf).toBe(ts.report.asOf);
  expect(await tableDifferences(o, sql.summaries)).toEqual([]);
}

const tx = (customerId: string, day: number, amount: number, line: number, extra: Partial<Transaction> = {}): Transaction => ({
  customerId,
  day,
  amount,
  line,
  ...extra,
});

describe('summary SQL on DuckDB, rule by rule against core/summary', () => {
  it('merges same-day purchases and leaves the first day out of monetary', async () => {
    const rows = [tx('a', 10, 5, 1), tx('a', 10, 7, 2), tx('a', 17, 20, 3), tx('a', 24, 30, 4), tx('a', 24, 10, 5)];
    await expectSame(rows, { unit: 'day', asOf: 30 });
    const sql = await duckdbSummary(rows, { unit: 'day', asOf: 30 });
    // The summarize.test.ts case: 3 purchase days, monetary (20 + 40) / 2.
    expect([sql.summaries[0]!.purchaseDays, sql.summaries[0]!.monetary, sql.summaries[0]!.T]).toEqual([3, 30, 20]);
  });

  it('keeps returns apart, counts a zero day as a purchase, and lists a customer with only returns', async () => {
    const rows = [
      tx('a', 0, 100, 2), tx('a', 5, -30, 3), tx('a', 6, 0, 4),
      tx('r', 5, -10, 6), tx('r', 3, -2, 5),
      tx('z', 1, 0, 7), tx('z', 4, 0, 8), tx('zr', 2, 0, 9), tx('zr', 3, -4, 10),
    ];
    await expectSame(rows, { unit: 'day' });
    const sql = await duckdbSummary(rows, { unit: 'day' });
    expect(sql.excluded).toEqual([{ id: 'r', reason: 'only returns (2 rows, \u221212.00), no purchase to score', rows: 2, returnAmount: 12, firstLine: 5 }]);
  });

  it('cuts at as-of: a purchase after it does not rescue a customer with only returns', async () => {
    await expectSame([tx('a', 1, 5, 1), tx('r', 2, -3, 7), tx('r', 12, 8, 9), tx('b', 11, 4, 10)], { unit: 'day', asOf: 10 });
  });

  it('knows cost from the row, else from the margin rate, and not from a partial cost', async () => {
    const rows = [tx('a', 0, 100, 1, { cost: 60 }), tx('a', 1, 50, 2, { cost: 40 }), tx('b', 0, 10, 3), tx('c', 0, 10, 4, { cost: 1 }), tx('c', 1, 10, 5), tx('d', 0, 0, 6), tx('d', 2, 5, 7, { cost: 2 })];
    await expectSame(rows, { unit: 'day' });
    await expectSame(rows, { unit: 'day', marginRate: 0.35 });
  });

  it('takes email, company and name from the first row that has one, in line order (a file\'s order, whatever the dates)', async () => {
    const rows = [
      tx('a', 3, 5, 2, { company: '甲公司' }),
      tx('a', 1, 5, 3, { email: 'first@x.cn', name: '王' }),
      tx('a', 2, 5, 4, { email: 'late@x.cn' }),
    ];
    await expectSame(rows, { unit: 'week' });
    expect((await duckdbSummary(rows, { unit: 'week' })).summaries[0]).toMatchObject({ email: 'first@x.cn', company: '甲公司', name: '王' });
  });

  it('measures in weeks and months as unitDays does', async () => {
    await expectSame([tx('a', 0, 1, 1), tx('a', 14, 1, 2), tx('b', 3, 2, 3)], { unit: 'week', asOf: 21 });
    await expectSame([tx('a', 0, 1, 1), tx('a', 40, 3, 2)], { unit: 'month', asOf: 365 });
  });

  it('agrees with the builder on random transactions (returns, zeros, costs, quantities, as-of)', async () => {
    const row = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd', ' e ', '007'),
      day: fc.integer({ min: 19_000, max: 19_060 }),
      amount: fc.oneof(fc.constant(0), fc.integer({ min: -5000, max: 20000 }).map((c) => c / 100)),
      cost: fc.option(fc.integer({ min: 0, max: 5000 }).map((c) => c / 100), { nil: undefined }),
      quantity: fc.option(fc.integer({ min: -2, max: 9 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<SummaryOptions['unit']>('day', 'week', 'month'),
        fc.option(fc.integer({ min: 19_010, max: 19_070 }), { nil: undefined }),
        fc.option(fc.constantFrom(0, 0.25, 1), { nil: undefined }),
        async (rs, unit, asOf, marginRate) => {
          // The file reader trims ids; the builder takes them as given.
          const rows = rs.map((r, i) => ({ ...r, customerId: r.customerId.trim(), line: i + 2 }));
          const ts = typescriptSummary(rows, { unit, asOf, marginRate });
          const sql = await duckdbSummary(rows, { unit, asOf, marginRate });
          return (
            summaryDifferences(ts.summaries, sql.summaries).length === 0 &&
            (await tableDifferences({ unit, asOf, marginRate }, sql.summaries)).length === 0 &&
            excludedDifferences(ts.report.excluded, sql.excluded).length === 0 &&
            (sql.summaries.length + sql.excluded.length === 0 || sql.asOf === ts.report.asOf)
          );
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});

describe('summary SQL on DuckDB against core/summary on CDNOW master', () => {
  const master = HAS_CDNOW ? readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')).transactions : [];

  it.skipIf(!HAS_CDNOW)(`equals the TypeScript summary for every one of 23,570 customers, as of the last day and as of 1997-09-30${WHY_NO_CDNOW}`, async () => {
    expect(master.length).toBe(69_659);
    const all = typescriptSummary(master, { unit: 'week' });
    expect(all.summaries.length).toBe(23_570);
    await expectSame(master, { unit: 'week' });
    // The calibration cut of Fader, Hardie & Lee (2005): 39 weeks to 1997-09-30, in days.
    await expectSame(master, { unit: 'day', asOf: isoToDay('1997-09-30') });
  }, 120_000);
});
