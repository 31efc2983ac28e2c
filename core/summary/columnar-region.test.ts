import { describe, expect, it } from 'vitest';
import { createColumnarSummaryBuilder, gatherInPlace, type SummaryColumns } from './columnar-summary.ts';

/**
 * A file's rows: `customers` customers (ids in order or not), 1–3 rows each, days in any order, some
 * returns; with `onlyReturns`, every 1000th customer only returns (it leaves the summary: not every
 * customer in order then).
 */
function rowsOf(customers: number, inOrder: boolean, onlyReturns = false): { id: string; day: number; amount: number }[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: customers }, (_, k) => `c${String(k).padStart(7, '0')}`);
  if (!inOrder) for (let i = ids.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [ids[i], ids[j]] = [ids[j], ids[i]]; }
  const rows: { id: string; day: number; amount: number }[] = [];
  ids.forEach((id, k) => {
    const n = 1 + Math.floor(random() * 3);
    const returnsOnly = onlyReturns && k % 1000 === 999;
    for (let r = 0; r < n; r++) rows.push({ id, day: Math.floor(random() * 300), amount: returnsOnly || (r > 0 && random() < 0.1) ? -3 : Math.round(random() * 5000) / 100 });
  });
  return rows;
}

const STORED = ['firstDay', 'lastDay', 'purchaseDays', 'transactions', 'grossRevenue', 'firstDayGross', 'returnAmount', 'returns', 'cost', 'costKnown', 'quantity', 'hasQuantity'] as const;
const DERIVED = ['frequency', 'recency', 'T', 'sinceLast', 'revenue', 'averageSpend', 'monetary', 'profit'] as const;

/** Every column as one string (−0 apart from 0): quicker to compare than arrays of 70,000. */
function columnsOf(t: SummaryColumns): Record<string, string> {
  const out: Record<string, string> = { ids: Array.from({ length: t.length }, (_, i) => t.ids.id(i)).join() };
  for (const c of [...STORED, ...DERIVED]) out[c] = Array.from(t[c], (v) => (Object.is(v, -0) ? '-0' : String(v))).join();
  return out;
}

function summarised(rows: ReturnType<typeof rowsOf>, expected: number | undefined, release: boolean): { columns: Record<string, string>; t: SummaryColumns } {
  const b = createColumnarSummaryBuilder({ unit: 'week' });
  if (expected !== undefined) b.expectRows?.(expected);
  rows.forEach((r, line) => b.add({ customerId: r.id, day: r.day, amount: r.amount, line: line + 2 }));
  if (release) b.release(false);
  const t = b.finish();
  return { columns: columnsOf(t), t };
}

describe('columnar summary: columns sized from the rows expected (one region)', () => {
  // Past one block (2^15 customers), within the region and past it (more customers than expected).
  for (const customers of [10, 40_000, 70_000]) {
    for (const [inOrder, onlyReturns] of [[true, false], [true, true], [false, false], [false, true]]) {
      it(`gives the columns of blocks alone: ${customers} customers, ids ${inOrder ? 'in order' : 'shuffled'}${onlyReturns ? ', some with returns only' : ''}`, () => {
        const rows = rowsOf(customers, inOrder, onlyReturns);
        const plain = summarised(rows, undefined, true).columns;
        for (const expected of [50, 40_000, 200_000]) {
          expect(summarised(rows, expected, true).columns).toEqual(plain);
          expect(summarised(rows, expected, false).columns).toEqual(plain);
        }
      });
    }
  }

  it('keeps costs and quantities, written by a few rows only, with every customer in place', () => {
    // Whole numbers: the sums are exact in any order.
    const rows = rowsOf(40_000, false).map((r, i) => ({ ...r, amount: Math.round(r.amount), cost: i % 3 === 0 ? i % 17 : undefined, quantity: i % 5 === 0 ? 1 + (i % 4) : undefined }));
    const of = (expected: number | undefined) => {
      const b = createColumnarSummaryBuilder({ unit: 'week' });
      if (expected !== undefined) b.expectRows?.(expected);
      rows.forEach((r, line) => b.add({ customerId: r.id, day: r.day, amount: r.amount, cost: r.cost, quantity: r.quantity, line: line + 2 }));
      b.release(false);
      return b.finish();
    };
    const plain = of(undefined);
    const inRegion = of(200_000);
    expect(columnsOf(inRegion)).toEqual(columnsOf(plain));
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    expect(sum(inRegion.cost)).toBe(sum(rows.filter((r) => r.cost !== undefined).map((r) => r.cost!)));
    expect(sum(inRegion.quantity)).toBe(sum(rows.filter((r) => r.quantity !== undefined).map((r) => r.quantity!)));
    expect(sum(inRegion.returns)).toBe(rows.filter((r) => r.amount < 0).length);
  });

  it('keeps a summary made before more rows came as it was (a copy, not the region)', () => {
    const rows = rowsOf(1000, true);
    const b = createColumnarSummaryBuilder({ unit: 'week' });
    b.expectRows?.(100_000);
    rows.forEach((r, line) => b.add({ customerId: r.id, day: r.day, amount: r.amount, line: line + 2 }));
    const before = b.finish();
    const seen = columnsOf(before);
    b.add({ customerId: rows[0].id, day: 299, amount: 1000, line: rows.length + 2 });
    expect(columnsOf(before)).toEqual(seen);
    expect(b.finish().grossRevenue[0]).toBe(Number(seen.grossRevenue.split(',')[0]) + 1000);
  });
});

describe('columnar summary: a column put in id order where it is', () => {
  const shuffled = (m: number, seed: number) => {
    const p = Int32Array.from({ length: m }, (_, i) => i);
    for (let i = m - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };

  it('gives a[i] = what a[order[i]] was, bit for bit, and leaves the entries past the order as they were', () => {
    const orders = [new Int32Array(0), Int32Array.of(0), Int32Array.of(1, 0), Int32Array.of(2, 0, 1, 4, 3), shuffled(1000, 3), shuffled(5000, 11), Int32Array.of(5, 1, 3), shuffled(3000, 5).subarray(0, 2000)];
    for (const order of orders) {
      const m = order.length === 0 ? 0 : Math.max(...order) + 1;
      const values = Float64Array.from({ length: m }, (_, i) => (i % 7 === 3 ? -0 : i % 11 === 5 ? Number.NaN : i * 1.5 - 40));
      const counts = Int32Array.from({ length: m }, (_, i) => i * 3 - 7);
      const a = values.slice();
      const c = counts.slice();
      const reorder = gatherInPlace(order);
      reorder(a);
      reorder(c);
      const text = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
      expect(Array.from(a, text)).toEqual([...Array.from(order, (k) => text(values[k])), ...Array.from(values.subarray(order.length), text)]);
      expect(Array.from(c)).toEqual([...Array.from(order, (k) => counts[k]), ...Array.from(counts.subarray(order.length))]);
    }
  });
});

describe('columnar summary: since-last of whole last days', () => {
  it('says so only when every last day and the as-of day are whole Int32 days', () => {
    const of = (days: number[], asOf?: number) => {
      const b = createColumnarSummaryBuilder({ unit: 'week', asOf });
      days.forEach((day, i) => b.add({ customerId: `c${i}`, day, amount: 1, line: i + 2 }));
      return b.finish().sinceLastOfLastDay;
    };
    expect(of([1, 5, 9])).toBe(true);
    expect(of([1, 5.5, 9])).toBe(false);
    expect(of([-0, 5])).toBe(false);
    expect(of([1, 2 ** 31])).toBe(false);
    expect(of([1, 5], 9.5)).toBe(false);
  });
});
