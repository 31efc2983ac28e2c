/**
 * The byte lane cut in two (scanned-rows.ts) must read every file as the
 * lane in one piece does: the same rows, rejected rows with the same lines
 * and reasons, blank lines, warnings, and through a sink the same summary.
 * Each recorded piece goes through structuredClone with its buffers
 * transferred, as postMessage hands it from the worker thread to the main
 * one (cli/parse-worker.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColumnarSummaryBuilder } from '../summary/columnar-summary.ts';
import { idStrings } from '../summary/summary-table.ts';
import type { ByteSource } from './byte-source.ts';
import { readTransactions, readTransactionsFromSource, type ReadOptions, type ReadResult } from './read-transactions.ts';
import { pieceBuffers, recordByteRows, type ScannedPiece } from './scanned-rows.ts';

declare function structuredClone<T>(value: T, options?: { transfer?: ArrayBuffer[] }): T;

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Bytes as a file; with `recorded`, its rows are read by recordByteRows and replayed, as the command line's worker does it. */
function sourceOf(bytes: Uint8Array, recorded: boolean, counts?: { pieces: number }): ByteSource {
  const source: ByteSource = {
    size: bytes.length,
    read(into, position) {
      const n = Math.min(into.length, bytes.length - position);
      into.set(bytes.subarray(position, position + n));
      return n;
    },
  };
  if (!recorded) return source;
  return {
    ...source,
    scanRows(plan, pieceBytes) {
      const queue: ScannedPiece[] = [];
      recordByteRows(source, structuredClone(plan), (p) => queue.push(structuredClone(p, { transfer: pieceBuffers(p) })), pieceBytes);
      if (counts) counts.pieces = queue.length;
      return () => queue.shift();
    },
  };
}

function attempt(read: () => ReadResult): ReadResult | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: String(error) };
  }
}

/** The file recorded and replayed, read at once, and read from its bytes: one result, one summary. */
function sameRecorded(bytes: Uint8Array, pieceBytes: number, options: ReadOptions = {}): void {
  const pieces = { streamFrom: 0, pieceBytes };
  const whole = attempt(() => readTransactions(bytes, options));
  expect(attempt(() => readTransactionsFromSource(sourceOf(bytes, true), options, pieces))).toEqual(whole);
  const a = createColumnarSummaryBuilder({ unit: 'week' });
  const b = createColumnarSummaryBuilder({ unit: 'week' });
  const ra = attempt(() => readTransactionsFromSource(sourceOf(bytes, false), { ...options, into: a }, pieces));
  const rb = attempt(() => readTransactionsFromSource(sourceOf(bytes, true), { ...options, into: b }, pieces));
  expect(rb).toEqual(ra);
  if ('error' in ra) return;
  const sa = a.finish();
  const sb = b.finish();
  expect(idStrings(sb.ids)).toEqual(idStrings(sa.ids));
  expect(sb.summaries()).toEqual(sa.summaries());
  expect(b.report()).toEqual(a.report());
}

const mostly = (plain: string[], odd: string[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const idCell = mostly(['a', 'b', 'C7', '007', 'é', '客户', 'a\ufffd'], [' a', '#N/A', '', 'b\u00a0']);
const dateCell = mostly(['2024-03-05', '20240307', '2024-01-01'], ['2024-02-30', '3/5/2024', '13/5/2024', '5/13/2024', '', 'x']);
const amountCell = mostly(['10', '12.50', '-3', '.5', '9.99'], ['1.2.3', '', '$5', ' 7', '1234567890123456']);
const textCell = mostly(['', 'a@x.com', 'Ünïcode', '公司'], [' b@y.org ', '  ']);
const row = fc.tuple(idCell, dateCell, amountCell, textCell, fc.oneof(amountCell, fc.constant('')));
const fileArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  finalBreak: fc.constantFrom('', '\n', '\r\n'),
  bom: fc.boolean(),
  quantity: fc.boolean(),
  lines: fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x', 'a,2024-01-01') }), { maxLength: 30 }),
});

describe('rows read on one side and replayed on the other', () => {
  it('give what the lane gives in one piece, for random files cut anywhere', () => {
    fc.assert(
      fc.property(fileArb, fc.integer({ min: 1, max: 40 }), (f, pieceBytes) => {
        const d = f.delimiter;
        const head = f.quantity ? ['customer_id', 'date', 'amount', 'quantity', 'email'] : ['customer_id', 'date', 'amount', 'email'];
        const body = f.lines.map((l) => (typeof l === 'string' ? l.split(',').join(d) : (f.quantity ? [l[0], l[1], l[2], l[4], l[3]] : l.slice(0, 4)).join(d)));
        const text = (f.bom ? '\ufeff' : '') + [head.join(d), ...body].join(f.newline) + f.finalBreak;
        sameRecorded(utf8(text), pieceBytes);
      }),
      { numRuns: 300 },
    );
  });

  it('reports rejected rows of a many-piece file with their lines and reasons, and waits for the day/month order across pieces', () => {
    const rows = ['customer_id,date,amount,email'];
    for (let i = 0; i < 3000; i++) {
      const id = `c${(i * 7919) % 613}`;
      if (i === 5) rows.push(`${id},3/5/2024,4,`); // ambiguous until line 2001
      else if (i === 2000) rows.push(`${id},13/5/2024,4,`);
      else if (i % 97 === 0) rows.push(`${id},2024-02-30,4,`);
      else if (i % 89 === 0) rows.push(`${id},2024-01-0${1 + (i % 9)},$4,`);
      else if (i % 83 === 0) rows.push('');
      else rows.push(`${id},2024-0${1 + (i % 9)}-1${i % 10},${(i % 50) + 0.25},${i % 5 === 0 ? `${id}@x.com` : ''}`);
    }
    const bytes = utf8(rows.join('\n') + '\n');
    const counts = { pieces: 0 };
    const into = createColumnarSummaryBuilder({ unit: 'week' });
    const r = readTransactionsFromSource(sourceOf(bytes, true, counts), { into }, { streamFrom: 0, pieceBytes: 4096 });
    expect(counts.pieces).toBeGreaterThan(10);
    const reference = readTransactions(bytes, { onAccepted: () => {} });
    expect(r.rejected).toEqual(reference.rejected);
    expect(r.rejected.length).toBeGreaterThan(25);
    expect(r.rejected.find((x) => x.line === 2 + 97)?.reason).toMatch(/2024-02-30/);
    expect(r.dateOrder).toBe('dmy');
    expect({ ...r, transactions: [] }).toEqual({ ...reference, transactions: [] });
    sameRecorded(bytes, 4096);
  });

  it('records pieces of more rows than its arrays start with (2^14), as the 4 MiB pieces of a large file hold', () => {
    const rows = ['customer_id,date,amount,email,company'];
    for (let i = 0; i < 40_000; i++) rows.push(`k${(i * 7919) % 9001},2024-0${1 + (i % 9)}-2${i % 8},${i % 300}.5,${i % 3 ? '' : `m${i}@x.org`},${i % 7 ? '' : 'Acme'}`);
    sameRecorded(utf8(rows.join('\n') + '\n'), 1 << 22);
  });
});
