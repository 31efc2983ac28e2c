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
