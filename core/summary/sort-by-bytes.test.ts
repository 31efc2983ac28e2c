import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes } from '../read/compare-bytes.ts';
import { sortByBytes } from './sort-by-bytes.ts';

/** Runs laid end to end in one array, as ByteIds keeps ids, with their spans. */
function arenaOf(runs: Uint8Array[]): { bytes: Uint8Array; spans: Int32Array } {
  const bytes = new Uint8Array(runs.reduce((n, r) => n + r.length, 0) + 3);
  const spans = new Int32Array(2 * runs.length);
  let at = 1; // not from 0: a run's place is its span's, not its number's
  runs.forEach((r, k) => {
    bytes.set(r, at);
    spans[2 * k] = at;
    spans[2 * k + 1] = at + r.length;
    at += r.length;
  });
  return { bytes, spans };
}

/** sortByBytes(order, …) leaves `order` as a stable sort by compareBytes of the runs does (the oracle). */
function expectSortedAsCompareBytes(order: Int32Array, bytes: Uint8Array, spans: Int32Array): void {
  const cmp = (a: number, b: number) => compareBytes(bytes, spans[2 * a], spans[2 * a + 1] - spans[2 * a], bytes, spans[2 * b], spans[2 * b + 1] - spans[2 * b]);
  const expected = Array.from(order).sort(cmp);
  sortByBytes(order, bytes, spans);
  expect(Array.from(order)).toEqual(expected);
}

describe('sortByBytes', () => {
  it('orders runs as a stable sort by compareBytes does', () => {
    // Few byte values and shared prefixes: equal runs, prefixes of one another, long equal stretches.
    const run = fc.oneof(
      fc.uint8Array({ maxLength: 6 }).map((b) => b.map((v) => v % 3)),
      fc.uint8Array({ maxLength: 40 }),
      fc.integer({ min: 0, max: 5000 }).map((v) => new TextEncoder().encode(`B${v % 7}-${String(v).padStart(7, '0')}`)),
      // A long shared prefix, then differences anywhere in the twelve bytes after it and beyond.
      fc.uint8Array({ minLength: 0, maxLength: 16 }).map((b) => Uint8Array.of(7, 7, 7, ...b.map((v) => (v % 2) * 200))),
    );
    fc.assert(
      fc.property(fc.array(run, { maxLength: 400, size: 'max' }), fc.boolean(), (runs, subset) => {
        const { bytes, spans } = arenaOf(runs);
        // All the runs, or every other one, in a shuffled order.
        const order = Int32Array.from(runs.keys()).filter((k) => !subset || k % 2 === 0);
        for (let i = order.length - 1; i > 0; i--) {
          const j = (i * 7919) % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        expectSortedAsCompareBytes(order, bytes, spans);
      }),
      { numRuns: 300 },
    );
  });

  it('orders runs that share a prefix and differ anywhere past it', () => {
    // A first byte of two values (no prefix common to all), then bytes of two values at any place
    // of the key (or past it) with long equal stretches: every digit of the key decides somewhere.
    const run = fc
      .tuple(fc.constantFrom(1, 2), fc.integer({ min: 0, max: 13 }), fc.uint8Array({ minLength: 0, maxLength: 4 }))
      .map(([first, at, b]) => Uint8Array.of(first, ...new Array<number>(at).fill(7), ...b.map((v) => (v % 2) * 200)));
    fc.assert(
      fc.property(fc.array(run, { minLength: 2, maxLength: 300, size: 'max' }), (runs) => {
        const { bytes, spans } = arenaOf(runs);
        const order = Int32Array.from(runs.keys()).reverse();
        expectSortedAsCompareBytes(order, bytes, spans);
      }),
      { numRuns: 200 },
    );
  });

  it('sorts a large shuffled set of ids of one shape', () => {
    const n = 20_000;
    const runs = Array.from({ length: n }, (_, k) => new TextEncoder().encode(`B${k % 7}-${String((k * 7919) % 100_003).padStart(7, '0')}`));
    const { bytes, spans } = arenaOf(runs);
    const order = Int32Array.from(runs.keys());
    sortByBytes(order, bytes, spans);
    const text = (k: number) => new TextDecoder().decode(runs[k]);
    for (let i = 1; i < n; i++) expect(text(order[i - 1]) < text(order[i])).toBe(true);
  });
});
