import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import type { Transaction } from '../types.ts';
import { createSummaryBuilder, summarize } from './summarize.ts';

const tx = (customerId: string, day: number, amount: number, extra: Partial<Transaction> = {}): Transaction => ({
  customerId,
  day,
  amount,
  line: 1,
  ...extra,
});

describe('summarize', () => {
  it('merges same-day purchases and excludes the first day from monetary', () => {
    const [s] = summarize(
      [tx('a', 10, 5), tx('a', 10, 7), tx('a', 17, 20), tx('a', 24, 30), tx('a', 24, 10)],
      { unit: 'day', asOf: 30 },
    );
    expect(s.transactions).toBe(5);
    expect(s.purchaseDays).toBe(3);
    expect(s.frequency).toBe(2);
    expect(s.recency).toBe(14);
    expect(s.T).toBe(20);
    expect(s.sinceLast).toBe(6);
    expect(s.grossRevenue).toBe(72);
    expect(s.averageSpend).toBe(24);
    expect(s.monetary).toBe(30); // (20 + 40) / 2
  });

  it('gives the same answer whatever the row order', () => {
    const rows = [tx('a', 24, 30), tx('a', 17, 20), tx('a', 10, 5), tx('a', 24, 10), tx('a', 10, 7)];
    const [s] = summarize(rows, { unit: 'day', asOf: 30 });
    expect([s.firstDay, s.lastDay, s.frequency, s.monetary]).toEqual([10, 24, 2, 30]);
  });

  it('counts returns apart and never makes a purchase day of them', () => {
    const [s] = summarize([tx('a', 0, 100), tx('a', 5, -30)], { unit: 'day', asOf: 6 });
    expect(s.purchaseDays).toBe(1);
    expect(s.returns).toBe(1);
    expect(s.returnAmount).toBe(30);
    expect(s.revenue).toBe(70);
    expect(s.T).toBe(6); // as-of defaults to the latest row day
  });

  it('counts a zero-amount day as a purchase day but not as a positive row', () => {
    const [s] = summarize([tx('a', 0, 100), tx('a', 6, 0)], { unit: 'day' });
    expect([s.purchaseDays, s.transactions, s.monetary]).toEqual([2, 1, 0]);
  });

  it('ignores and counts rows after as-of', () => {
    const b = createSummaryBuilder({ unit: 'day', asOf: 10 });
    [tx('a', 0, 1), tx('a', 11, 1), tx('b', 12, 1)].forEach((t) => b.add(t));
    expect(b.finish().map((s) => s.id)).toEqual(['a']);
    expect(b.report()).toMatchObject({ asOf: 10, rows: 1, afterAsOf: 2, customers: 1 });
  });

  it('leaves out customers with only returns, and says so', () => {
    const b = createSummaryBuilder();
    b.add(tx('a', 0, -5));
    b.add(tx('b', 0, 5));
    expect(b.finish().map((s) => s.id)).toEqual(['b']);
    expect(b.report().withoutPurchase).toBe(1);
  });

  it('lists each customer with only returns, in id order, with rows, returns and first line', () => {
    const b = createSummaryBuilder({ unit: 'day' });
    // A buys; C and B only return (C's rows out of line order); the data's lines are 2..6.
    [tx('A', 4, 10, { line: 2 }), tx('C', 7, -2, { line: 5 }), tx('C', 5, -10, { line: 3 }), tx('B', 6, -1.5, { line: 4 })].forEach((t) => b.add(t));
    expect(b.finish().map((s) => s.id)).toEqual(['A']);
    const r = b.report();
    expect(r).toMatchObject({ customers: 1, withoutPurchase: 2, rows: 4 });
    expect(r.excluded).toMatchObject([
      { id: 'B', reason: 'only returns (1 row, \u22121.50), no purchase to score', rows: 1, returnAmount: 1.5, firstLine: 4 },
      { id: 'C', reason: 'only returns (2 rows, \u221212.00), no purchase to score', rows: 2, returnAmount: 12, firstLine: 3 },
    ]);
  });

  it('lists nobody before finish, and keeps the list when finish is called again', () => {
    const b = createSummaryBuilder();
    b.add(tx('x', 0, -1));
    expect(b.report().excluded).toEqual([]);
    b.finish();
    b.finish();
    expect(b.report().excluded.map((e) => e.id)).toEqual(['x']);
  });

  it('judges returns up to as-of only: a purchase after as-of does not rescue the customer', () => {
    const b = createSummaryBuilder({ unit: 'day', asOf: 10 });
    [tx('a', 1, 5), tx('r', 2, -3, { line: 7 }), tx('r', 12, 8, { line: 9 })].forEach((t) => b.add(t));
    b.finish();
    expect(b.report()).toMatchObject({ afterAsOf: 1, customers: 1, withoutPurchase: 1 });
    expect(b.report().excluded[0]).toMatchObject({ id: 'r', rows: 1, returnAmount: 3, firstLine: 7 });
  });

  it('keeps a customer whose rows are all zero (a free order is a purchase day), with revenue 0', () => {
    const b = createSummaryBuilder({ unit: 'day', asOf: 10 });
    [tx('z', 1, 0), tx('z', 4, 0), tx('zr', 2, 0), tx('zr', 3, -4)].forEach((t) => b.add(t));
    const [z, zr] = b.finish();
    expect([z.id, z.purchaseDays, z.frequency, z.transactions, z.revenue, z.monetary]).toEqual(['z', 2, 1, 0, 0, 0]);
    expect([zr.id, zr.purchaseDays, zr.returns, zr.revenue]).toEqual(['zr', 1, 1, -4]);
    expect(b.report()).toMatchObject({ customers: 2, withoutPurchase: 0, excluded: [] });
  });

  it('knows profit from row cost, row margin or the global margin, and not from partial cost', () => {
    const rows = [tx('a', 0, 100, { cost: 60 }), tx('a', 1, 50, { marginRate: 0.2 }), tx('b', 0, 10), tx('c', 0, 10, { cost: 1 }), tx('c', 1, 10)];
    const [a, b, c] = summarize(rows, { unit: 'day' });
    expect(a.cost).toBe(100);
    expect(a.profit).toBe(50);
    expect(b.profit).toBeUndefined();
    expect(c.profit).toBeUndefined();
    const [, b2, c2] = summarize(rows, { unit: 'day', marginRate: 0.5 });
    expect(b2.profit).toBe(5);
    expect(c2.profit).toBe(14);
  });

  it('throws CvError for non-finite amounts and bad margins', () => {
    expect(() => summarize([tx('a', 0, Number.NaN)])).toThrow(CvError);
    expect(() => summarize([tx('a', 0, 1)], { marginRate: 2 })).toThrow(CvError);
  });

  it('measures in weeks and months', () => {
    const [w] = summarize([tx('a', 0, 1), tx('a', 14, 1)], { unit: 'week', asOf: 21 });
    expect([w.recency, w.T, w.sinceLast]).toEqual([2, 3, 1]);
    const [m] = summarize([tx('a', 0, 1)], { unit: 'month', asOf: 365.25 });
    expect(m.T).toBeCloseTo(12, 12);
  });
});

// Reference: Fader & Hardie's CDNOW 1/10 sample and the summary published with it
// (lifetimes/datasets/cdnow_customers_summary.csv): 39-week calibration ending 1997-09-30.
const cdnowDir = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const haveCdnow = existsSync(`${cdnowDir}CDNOW_sample.txt`);

function ymd(s: string): number {
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
}

describe.skipIf(!haveCdnow)('summarize on CDNOW (skipped when /work/shared/data/cdnow is absent)', () => {
  it('reproduces the published calibration summary', () => {
    const text = readFileSync(`${cdnowDir}CDNOW_sample.txt`, 'utf8');
    const rows: Transaction[] = [];
    text.split('\n').forEach((line, i) => {
      const f = line.trim().split(/\s+/);
      if (f.length < 5) return;
      rows.push({ customerId: String(Number(f[1])), day: ymd(f[2]), amount: Number(f[4]), quantity: Number(f[3]), line: i + 1 });
    });
    const b = createSummaryBuilder({ unit: 'week', asOf: ymd('19970930') });
    rows.forEach((t) => b.add(t));
    const sums = b.finish();
    expect(sums.length).toBe(2357);
    expect(sums.filter((s) => s.frequency > 0).length).toBe(946);
    expect(sums.reduce((n, s) => n + s.frequency, 0)).toBe(2457);
    expect(b.report().afterAsOf).toBeGreaterThan(0);

    const byId = new Map(sums.map((s) => [s.id, s]));
    const pub = readFileSync(`${cdnowDir}cdnow_customers_summary_with_transactions.csv`, 'utf8').trim().split('\n').slice(1);
    expect(pub.length).toBe(2357);
    for (const line of pub) {
      const [id, x, tx_, T, zbar] = line.split(',').map(Number);
      const s = byId.get(String(id));
      expect(s, `customer ${id}`).toBeDefined();
      if (s === undefined) continue;
      expect(s.frequency).toBe(x);
      expect(Math.abs(s.recency - tx_), `recency of ${id}`).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(s.T - T), `T of ${id}`).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(s.monetary - zbar), `zbar of ${id}`).toBeLessThanOrEqual(0.0051);
    }
    const plain = readFileSync(`${cdnowDir}cdnow_customers_summary.csv`, 'utf8').trim().split('\n').slice(1);
    expect(plain.length).toBe(2357);
    for (const line of plain) {
      const [id, x, tx_, T] = line.split(',').map(Number);
      const s = byId.get(String(id));
      expect([s?.frequency, Math.round((s?.recency ?? -1) * 100) / 100, Math.round((s?.T ?? -1) * 100) / 100], `customer ${id}`).toEqual([x, tx_, T]);
    }
  });
});
