/**
 * A CSV's rows read on the worker thread (cli/parse-worker.ts) give what
 * the main thread's reading gives: the same rows, rejected rows with their
 * lines and reasons, and the same summary. The file is cut into pieces of
 * 4 KiB so that many pieces cross between the threads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysis, readTransactions, readTransactionsFromSource } from '../core/index.ts';
import { openFileSource } from './file-source.ts';
import { scanRowsOnWorker } from './parse-worker-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-parse-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(): string {
  const rows = ['customer_id,date,amount,email'];
  for (let i = 0; i < 6000; i++) {
    const id = `c${(i * 7919) % 1201}`;
    if (i === 3) rows.push(`${id},3/5/2024,4,`); // waits for the day/month order, settled at i = 4000
    else if (i === 4000) rows.push(`${id},13/5/2024,4,`);
    else if (i % 97 === 0) rows.push(`${id},2024-02-30,4,`);
    else if (i % 89 === 0) rows.push(`${id},2024-01-05,abc,`);
    else if (i % 83 === 0) rows.push('');
    else rows.push(`${id},2024-0${1 + (i % 9)}-1${i % 10},${(i % 50) + 0.25},${i % 5 === 0 ? `${id}@x.com` : ''}`);
  }
  const path = join(dir, 'rows.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

describe('the parse worker', () => {
  it('reads a many-piece file on its thread as the main thread does: rows, rejected lines and reasons, summary, scores', () => {
    const path = file();
    let pieces = 0;
    const read = (parseWorker: boolean) => {
      const source = openFileSource(path, { parseWorker });
      const scan = source.scanRows;
      if (scan) {
        source.scanRows = (plan, pieceBytes) => {
          const next = scan(plan, pieceBytes);
          return () => {
            const p = next?.();
            if (p) pieces++;
            return p;
          };
        };
      }
      const analysis = createAnalysis({ unit: 'week', model: 'bgnbd' });
      try {
        const result = readTransactionsFromSource(source, { into: analysis }, { streamFrom: 0, pieceBytes: 4096 });
        return { result, analysis: analysis.finish() };
      } finally {
        source.close();
      }
    };
    const worker = read(true);
    const main = read(false);
    expect(pieces).toBeGreaterThan(20);
    expect(worker.result).toEqual(main.result);
    expect(worker.result.rejected.length).toBeGreaterThan(100);
    expect(worker.result.rejected.find((r) => r.line === 2 + 97)?.reason).toMatch(/2024-02-30/);
    expect(worker.result.rejected.find((r) => r.line === 2 + 89)?.reason).toMatch(/abc/);
    expect(worker.result.dateOrder).toBe('dmy');
    // Every figure of the fits, but how long they took.
    const fits = (m: unknown) => JSON.parse(JSON.stringify(m, (k, v: unknown) => (k === 'seconds' ? undefined : v))) as unknown;
    expect(fits(worker.analysis.models)).toEqual(fits(main.analysis.models));
    expect(worker.analysis.excluded).toEqual(main.analysis.excluded);
    expect(worker.analysis.models.purchase?.params).toBeDefined();
    expect(worker.analysis.segment.totals).toEqual(main.analysis.segment.totals);
    // And both as the text reader reads the whole file's bytes.
    const whole = readTransactions(new TextEncoder().encode(readFileSync(path, 'utf8')), { onAccepted: () => {} });
    expect(worker.result.rejected).toEqual(whole.rejected);
  });

  it('says why when the worker cannot read the file, instead of waiting', () => {
    const next = scanRowsOnWorker(join(dir, 'gone.csv'), {
      delimiter: ',', newline: '\n', offset: 0, idCol: 0, dateCol: 1, amountCol: 2, quantityCol: -1, texts: [], firstLine: 2, headerLine: 1,
    });
    expect(() => next()).toThrow(/reading the file on a worker thread failed: ENOENT/);
  });
});
