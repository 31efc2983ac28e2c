/**
 * The DuckDB engine gives the same numbers for the same file on every run.
 * DuckDB's parallel SUM had not: each thread adds the rows it happens to
 * take and the parts are added in the order the threads finish, so sums
 * (and the sum of CLV of 10M rows, in its 8th digit) changed from run to
 * run. The file here spans several of DuckDB's row groups (122,880 rows
 * each), and DuckDB is given four threads whatever the machine has, so
 * the GROUP BY would be split between threads if it could be.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoToDay, simulateTransactionsCsv, type SummaryTable } from '../../core/index.ts';
import { summariseWithDuckdb } from '../../cli/duckdb-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-duckdb-repeat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every number of every customer, as the bits of its double (so −0 and 0, or the last bit, differ). */
function fingerprint(t: SummaryTable): string[] {
  const out: string[] = [];
  const cols = ['purchaseDays', 'frequency', 'recency', 'T', 'sinceLast', 'grossRevenue', 'returnAmount', 'revenue', 'averageSpend', 'monetary'] as const;
  const read = cols.map((c) => Float64Array.from(t[c]));
  for (let i = 0; i < t.length; i++) out.push(`${t.ids.id(i)} ${read.map((c) => Buffer.from(Float64Array.of(c[i]!).buffer).toString('hex')).join(' ')}`);
  return out;
}

describe('the DuckDB engine, run twice on the same file', () => {
  it('gives the same sums to the last bit (about 400,000 rows, four DuckDB threads)', async () => {
    const file = join(dir, 'sim.csv');
    // Bench's simulator parameters (bench/pipeline.ts); 150,000 customers make about 400,000 rows.
    const csv = simulateTransactionsCsv({
      seed: 14,
      customers: 150_000,
      params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
      start: isoToDay('2024-01-01'),
      days: 78 * 7,
    });
    writeFileSync(file, csv);
    expect(csv.split('\n').length).toBeGreaterThan(3 * 122_880);
    const runs: string[][] = [];
    for (let k = 0; k < 2; k++) runs.push(fingerprint((await summariseWithDuckdb(file, 'csv', { unit: 'week', threads: 4 })).table));
    expect(runs[0]!.length).toBeGreaterThan(100_000);
    const differ = runs[0]!.filter((line, i) => line !== runs[1]![i]);
    expect(differ.slice(0, 5)).toEqual([]);
  }, 120_000);
});
