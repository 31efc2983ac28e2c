/**
 * Ids and e-mails read back from DuckDB as bytes (encode(…), never a string
 * each) against the JavaScript reader's summary of the same file: the same
 * customers in the same order — `<` on the ids' strings, where UTF-8 bytes
 * alone would put U+FF5A before U+1D49C — and every field the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSummaryBuilder, readTransactions } from '../../core/index.ts';
import { idStrings } from '../../core/summary/summary-table.ts';
import { summariseWithDuckdb } from '../../cli/duckdb-input.ts';
import { summaryDifferences } from './compare-summaries.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-id-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the DuckDB engine keeps ids and e-mails as bytes', () => {
  it('gives the JavaScript reader’s customers, in its order, for ids with é, U+FF5A and characters past U+FFFF', async () => {
    const ids = ['\uFF5A', 'é-1', '\u{1D49C}', 'z', 'Z', 'a', 'ab', '中文', '\u{10000}x', 'B12-0000001', 'B12-0000010', 'B2-0000001'];
    const lines = ['customer_id,date,amount,email,company'];
    ids.forEach((id, k) => {
      lines.push(`${id},2024-01-0${1 + (k % 5)},${10 + k}.5, ${k % 2 === 0 ? `ü${k}@例え.jp` : `c${k}@x.org`} ,${k % 3 === 0 ? 'Ａ社' : ''}`);
      if (k % 2 === 0) lines.push(` ${id} ,2024-02-1${k % 10},${5 + k},,`);
    });
    const file = join(dir, 'ids.csv');
    writeFileSync(file, lines.join('\n') + '\n');

    const duck = await summariseWithDuckdb(file, 'csv', { unit: 'week' });
    const read = readTransactions(lines.join('\n') + '\n');
    expect(read.rejected).toEqual([]);
    const builder = createSummaryBuilder({ unit: 'week', asOf: duck.asOf });
    for (const t of read.transactions) builder.add(t);
    const want = builder.finish();

    const table = duck.table;
    expect(idStrings(table.ids)).toEqual(want.map((s) => s.id));
    expect(table.ids.ascending).toBe(true);
    const got = Array.from({ length: table.length }, (_, i) => table.summary(i));
    expect(summaryDifferences(want, got)).toEqual([]);
    expect(got.find((s) => s.id === '\u{1D49C}')?.email).toBe('ü2@例え.jp');
  });
});
