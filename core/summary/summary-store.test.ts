import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../types.ts';
import { createSummaryStore } from './summary-store.ts';
import { idStrings } from './summary-table.ts';

const base = (id: string, extra: Partial<CustomerSummary> = {}): CustomerSummary => ({
  id, firstDay: 19000, lastDay: 19007, transactions: 2, purchaseDays: 2, frequency: 1, recency: 1, T: 2, sinceLast: 1,
  grossRevenue: 30, returnAmount: 0, returns: 0, revenue: 30, averageSpend: 15, monetary: 20, ...extra,
});

describe('createSummaryStore', () => {
  it('keeps each customer its own e-mail, company and name when it sorts them by id (texts stay in arrival order)', () => {
    const store = createSummaryStore();
    store.push(base('c', { email: 'ç@例え.jp', revenue: 3 }));
    store.push(base('a', { company: 'Ａ社', revenue: 1 }));
    store.push(base('b', { email: 'b@x.org', name: 'Bé', revenue: 2 }));
    const table = store.finish();
    expect(idStrings(table.ids)).toEqual(['a', 'b', 'c']);
    expect(Array.from(table.revenue)).toEqual([1, 2, 3]);
    const [a, b, c] = [0, 1, 2].map((i) => table.summary(i));
    expect([a.email, a.company, a.name]).toEqual([undefined, 'Ａ社', undefined]);
    expect([b.email, b.company, b.name]).toEqual(['b@x.org', undefined, 'Bé']);
    expect([c.email, c.company]).toEqual(['ç@例え.jp', undefined]);
  });

  it('keeps a text longer than a chunk of bytes (1 MiB) whole', () => {
    const store = createSummaryStore();
    const company = 'x'.repeat((1 << 20) + 5);
    store.push(base('b'));
    store.push(base('a', { company }));
    expect(store.finish().summary(0).company).toBe(company);
  });
});

describe('createSummaryStore, cost and quantity', () => {
  it('sorts cost, profit and quantity with their customers when some have them, and gives 0 and unknown to the others', () => {
    const store = createSummaryStore();
    store.push(base('c', { cost: 7, profit: 23, quantity: 3 }));
    store.push(base('b'));
    store.push(base('a', { cost: 5, profit: 25 }));
    const table = store.finish();
    expect(Array.from(table.profit)).toEqual([25, 0, 23]);
    expect(Array.from(table.profitKnown)).toEqual([1, 0, 1]);
    expect([0, 1, 2].map((i) => [table.summary(i).cost, table.summary(i).quantity])).toEqual([[5, undefined], [undefined, undefined], [7, 3]]);
  });
});

describe('createSummaryStore, fields made from the days and sums', () => {
  // Weeks, as-of 19014: recency 1, T 2, since-last 1 are (19007 − 19000) / 7, (19014 − 19000) / 7, (19014 − 19007) / 7.
  const asOf = 19014;

  it('gives back a field exactly as pushed when a row disagrees with the arithmetic (a table rounded to 4 decimals), the other customers unchanged', () => {
    const store = createSummaryStore({ unitDays: 7 });
    const rows = [
      base('b', { lastDay: 19003, recency: 3 / 7, sinceLast: 11 / 7 }),
      base('c', { lastDay: 19010, recency: 1.4286, sinceLast: 4 / 7, grossRevenue: 30.1, revenue: 30.1, averageSpend: 15.05 }),
      base('a'),
    ];
    for (const r of rows) store.push(r, asOf);
    const table = store.finish();
    expect([0, 1, 2].map((i) => table.summary(i))).toEqual([rows[2], rows[0], rows[1]]);
    expect(Array.from(table.recency)).toEqual([1, 3 / 7, 1.4286]);
    // Kept from the first disagreement on: the same view on every read; the others are made on each read,
    // but for those both the models and the segment step read (frequency, T, revenue), made once.
    expect(table.recency).toBe(table.recency);
    expect(table.sinceLast).not.toBe(table.sinceLast);
    expect(table.T).toBe(table.T);
    expect(Array.from(table.T)).toEqual([2, 2, 2]);
  });

  it('takes no memory for a column no customer has a value in, and reads it as zeros', () => {
    const store = createSummaryStore({ unitDays: 7 });
    store.push(base('b', { returns: 1, returnAmount: 4, revenue: 26, averageSpend: 13 }), asOf);
    store.push(base('a'), asOf);
    const table = store.finish();
    expect(Array.from(table.returns)).toEqual([0, 1]);
    expect(Array.from(table.revenue)).toEqual([30, 26]);
    const none = createSummaryStore({ unitDays: 7 });
    none.push(base('a'), asOf);
    const t = none.finish();
    expect(Array.from(t.returnAmount)).toEqual([0]);
    expect(t.summary(0)).toEqual(base('a'));
    // No return anywhere: revenue is the gross revenue, the same array.
    expect(t.revenue).toBe(t.grossRevenue);
  });

  it('keeps T and since-last of rows with another as-of day as given', () => {
    const store = createSummaryStore({ unitDays: 7 });
    store.push(base('a'), asOf);
    store.push(base('b', { T: 3, sinceLast: 2 }), asOf + 7);
    const table = store.finish();
    expect([table.summary(0).T, table.summary(1).T, table.summary(1).sinceLast]).toEqual([2, 3, 2]);
  });

  it('keeps recency, T and since-last as given without the unit', () => {
    const store = createSummaryStore();
    store.push(base('a', { recency: 0.25, T: 0.5, sinceLast: 0.25 }), asOf);
    expect(store.finish().summary(0)).toEqual(base('a', { recency: 0.25, T: 0.5, sinceLast: 0.25 }));
  });

  it('refuses a day that is not a whole day number', () => {
    const store = createSummaryStore({ unitDays: 7 });
    expect(() => store.push(base('a', { lastDay: 19007.5 }), asOf)).toThrow('lastDay of customer a is not a whole day number: 19007.5');
  });
});
