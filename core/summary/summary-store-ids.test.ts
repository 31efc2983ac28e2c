import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoredIds } from './summary-store-ids.ts';
import { idStrings } from './summary-table.ts';

/** The order every summary builder sorts ids in: `<` on the strings (UTF-16 code units), ties by arrival. */
const byCodeUnits = (ids: readonly string[]) =>
  ids.map((id, k) => ({ id, k })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.k - b.k)).map((e) => e.k);

function stored(ids: readonly string[], asBytes = true): StoredIds {
  const s = new StoredIds(2);
  const enc = new TextEncoder();
  for (const id of ids) {
    if (asBytes) {
      const b = enc.encode(id);
      s.add(b, 0, b.length);
    } else {
      s.addText(id);
    }
  }
  return s;
}

describe('StoredIds', () => {
  it('sorts UTF-8 bytes in the strings’ code-unit order: U+1D49C (a surrogate pair) before U+FF5A, é after z', () => {
    const ids = ['\uFF5A', 'é', '\u{1D49C}', 'z', 'Z', 'a', 'ab', '\uE000', '\u{10FFFF}', '\uD7FF'];
    const { order, view } = stored(ids).sorted();
    expect(idStrings(view)).toEqual(['Z', 'a', 'ab', 'z', 'é', '\uD7FF', '\u{1D49C}', '\u{10FFFF}', '\uE000', '\uFF5A']);
    expect(Array.from(order!)).toEqual(byCodeUnits(ids));
    expect(view.ascending).toBe(true);
    expect(view.compare(0, 1)).toBeLessThan(0);
    expect(view.compare(7, 8)).toBeLessThan(0);
  });

  it('keeps an id with a lone surrogate as its string, in its place', () => {
    const ids = ['b', 'a\uD800', 'a', 'a\uDC00x'];
    const { view } = stored(ids, false).sorted();
    expect(idStrings(view)).toEqual([...ids].sort());
  });

  it('orders like the strings on random ids of every length and script, long shared prefixes and repeats included (ties by arrival)', () => {
    const unit = fc.constantFrom('a', 'B', '0', '-', ' ', '\u0000', 'é', 'ÿ', '中', '\uE000', '\uFFFF', '\u{1D49C}', '\u{10000}');
    const id = fc.array(unit, { maxLength: 9 }).map((u) => u.join(''));
    const prefix = fc.constantFrom('', 'customer-000000', 'B12-', 'x'.repeat(70));
    fc.assert(
      fc.property(fc.array(fc.tuple(prefix, id).map(([p, s]) => p + s), { maxLength: 400 }), fc.integer({ min: 0, max: 3 }), (ids, copies) => {
        // Repeats and a few thousand ids, so that long runs take the radix and packed paths.
        const all = [...ids];
        for (let c = 0; c < copies; c++) all.push(...ids.slice(0, 50));
        const { order, view } = stored(all).sorted();
        const want = byCodeUnits(all);
        expect(order === undefined ? all.map((_, k) => k) : Array.from(order)).toEqual(want);
        expect(idStrings(view)).toEqual(want.map((k) => all[k]));
        const distinct = new Set(all).size === all.length;
        expect(view.ascending).toBe(distinct);
      }),
      { numRuns: 150 },
    );
  });

  it('sorts on one, two or three bytes at a time as on four (the narrower keys of runs of millions)', () => {
    const ids: string[] = [];
    for (let i = 0; i < 5_000; i++) ids.push(`B${(i * 7919) % 97}-${String((i * 104729) % 5_000).padStart(7, '0')}${i % 3 === 0 ? 'é' : ''}${i % 11 === 0 ? '\u{1D49C}' : ''}`);
    ids.push(...ids.slice(0, 40));
    for (const width of [1, 2, 3]) {
      const s = new StoredIds(2, width);
      const enc = new TextEncoder();
      for (const id of ids) {
        const b = enc.encode(id);
        s.add(b, 0, b.length);
      }
      const { order, view } = s.sorted();
      expect(Array.from(order!)).toEqual(byCodeUnits(ids));
      expect(view.ascending).toBe(false);
    }
  });
});
