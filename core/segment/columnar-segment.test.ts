/**
 * The columnar segment table at the size where it sorts by radix (65,536
 * customers and more, score/sort-doubles.ts' RADIX_FROM) against the object
 * path (segmentCustomers), which sorts with the builtin sort and a binary
 * search per customer: every row in the same order with the same figures.
 * test/columnar-equality.test.ts holds the two equal on CDNOW and on smaller
 * simulated files, below that size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { quintileCodesBySelection } from '../rfm/score.ts';
import { DIGITS_FROM } from '../score/order-statistics.ts';
import { RADIX_FROM } from '../score/sort-doubles.ts';
import { createSummaryStore } from '../summary/summary-store.ts';
import { createSummaryBuilder } from '../summary/summarize.ts';
import { tableOfSummaries } from '../summary/summary-table.ts';
import { segmentSummaryTable } from './columnar-segment.ts';
import { segmentCustomers } from './segment.ts';

describe('segmentSummaryTable from 65,536 customers on', () => {
  it('gives segmentCustomers\' rows, order, tiers, concentration and totals', () => {
    const customers = RADIX_FROM + 4_464;
    const b = createSummaryBuilder({ unit: 'week', asOf: 10_000 });
    // Few distinct amounts and ages, so that many customers tie on value (ordered then by id) and on recency.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    let line = 1;
    for (let c = 0; c < customers; c++) {
      const id = `C${(next() % 1_000_000).toString(36)}-${c}`;
      const visits = 1 + (next() % 4);
      for (let v = 0; v < visits; v++) b.add({ line: line++, customerId: id, day: 9_500 + (next() % 500), amount: [0, 5, 12.5, 20, 99.99][next() % 5]! - (next() % 9 === 0 ? 30 : 0) });
    }
    // Out of id order, so that ties of value are sorted by id rather than kept in input order.
    const summaries = b.finish().slice();
    for (let i = summaries.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [summaries[i], summaries[j]] = [summaries[j]!, summaries[i]!];
    }
    expect(summaries.length).toBeGreaterThanOrEqual(RADIX_FROM);
    const expected = segmentCustomers(summaries, { unit: 'week' });
    const got = segmentSummaryTable(tableOfSummaries(summaries), { unit: 'week' });
    expect(got.totals).toEqual(expected.totals);
    expect(got.summary).toEqual(expected.summary);
    expect(got.concentration).toEqual(expected.concentration);
    expect(got.warnings).toEqual(expected.warnings);
    for (let k = 0; k < summaries.length; k++) {
      if (k % 97 === 0 || k < 50 || k > summaries.length - 50) expect(got.row(k)).toEqual(expected.customers[k]);
      else expect(got.row(k).id).toBe(expected.customers[k]!.id);
    }
  });
});

describe('segmentSummaryTable refuses what segmentCustomers refuses, with the same error', () => {
  const b = createSummaryBuilder({ unit: 'week', asOf: 10_000 });
  ['A', 'B', 'C'].forEach((id, k) => b.add({ line: k + 1, customerId: id, day: 9_900 + k, amount: 10 + k }));
  const summaries = b.finish();
  const columns = (field: 'pAlive' | 'pNoPurchase' | 'clv', bad: number) => {
    const p = { pAlive: Float64Array.of(0.5, 0.5, 0.5), pNoPurchase: Float64Array.of(0.2, 0.2, 0.2), expectedPurchases: Float64Array.of(1, 1, 1), expectedSpend: Float64Array.of(9, 9, 9), clv: Float64Array.of(3, 3, 3) };
    p[field][1] = bad;
    p[field][2] = bad;
    return p;
  };
  const asMap = (p: ReturnType<typeof columns>) => new Map(summaries.map((s, i) => [s.id, { pAlive: p.pAlive[i]!, pNoPurchase: p.pNoPurchase[i]!, expectedPurchases: p.expectedPurchases[i]!, expectedSpend: p.expectedSpend[i]!, clv: p.clv[i]! }]));
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each([
    ['pAlive', 1.5],
    ['pNoPurchase', -0.1],
    ['clv', Number.NaN],
  ] as const)('a prediction with %s %s, naming the first such customer', (field, bad) => {
    const p = columns(field, bad);
    const expected = errorOf(() => segmentCustomers(summaries, { unit: 'week', predictions: asMap(p) }));
    expect(expected).toBeInstanceOf(CvError);
    expect(errorOf(() => segmentSummaryTable(tableOfSummaries(summaries), { unit: 'week', predictions: p }))).toEqual(expected);
  });

  it('an expected spend made when read that is not finite, naming the first such customer', () => {
    const stored = columns('clv', 3);
    stored.expectedSpend[1] = Number.POSITIVE_INFINITY;
    stored.expectedSpend[2] = Number.NaN;
    const expected = errorOf(() => segmentCustomers(summaries, { unit: 'week', predictions: asMap(stored) }));
    expect((expected as CvError).message).toMatch(/expectedSpend is not a finite number/);
    const { pAlive, pNoPurchase, clv, expectedPurchases, expectedSpend } = stored;
    const made = { pAlive, pNoPurchase, clv, expectedPurchases, expectedSpend, made: { expectedPurchases: (i: number) => expectedPurchases[i]!, expectedSpend: (i: number) => expectedSpend[i]!, firstNonFinite: 1 } };
    expect(errorOf(() => segmentSummaryTable(tableOfSummaries(summaries), { unit: 'week', predictions: made }))).toEqual(expected);
  });

  it('profit as value without costs, before a bad prediction', () => {
    const p = columns('clv', Number.NaN);
    const expected = errorOf(() => segmentCustomers(summaries, { unit: 'week', valueBasis: 'profit', predictions: asMap(p) }));
    expect((expected as CvError).message).toMatch(/needs cost or a margin rate/);
    expect(errorOf(() => segmentSummaryTable(tableOfSummaries(summaries), { unit: 'week', valueBasis: 'profit', predictions: p }))).toEqual(expected);
  });
});

describe('R scores cut on the last days when since-last is made from them', () => {
  it('gives the scores of since-last, lower better, from the last days, higher better (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 18_000, max: 18_060 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(1, 7, 365.25 / 12),
        (days, ahead, unit) => {
          const asOf = 18_060 + ahead;
          const lastDay = Int32Array.from(days);
          const sinceLast = Float64Array.from(days, (d) => (asOf - d) / unit);
          expect(quintileCodesBySelection(lastDay, true)).toEqual(quintileCodesBySelection(sinceLast, false));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does so where the cut points are selected digit by digit (2^21 customers and more)', () => {
    const n = DIGITS_FROM + 1_001;
    let seed = 11;
    const lastDay = Int32Array.from({ length: n }, () => 15_000 + ((seed = (seed * 48271) % 2147483647) % 3_000));
    const sinceLast = Float64Array.from(lastDay, (d) => (18_001 - d) / 7);
    const a = quintileCodesBySelection(lastDay, true);
    const b = quintileCodesBySelection(sinceLast, false);
    // Counted in a loop: toEqual on two million elements takes seconds.
    let differ = 0;
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) differ++;
    expect([a.length, differ, new Set(a).size]).toEqual([n, 0, 5]);
  });

  it('gives the summary store\'s table the R scores of its since-last column', () => {
    const store = createSummaryStore({ unitDays: 7 });
    const asOf = 19_100;
    for (let k = 0; k < 500; k++) {
      const lastDay = 19_000 + ((k * 37) % 100);
      const s = { id: `c${(k * 7919) % 500}`, firstDay: 19_000, lastDay, transactions: 2, purchaseDays: 2, frequency: 1, recency: (lastDay - 19_000) / 7, T: 100 / 7, sinceLast: (asOf - lastDay) / 7, grossRevenue: 10 + (k % 13), returnAmount: 0, returns: 0, revenue: 10 + (k % 13), averageSpend: (10 + (k % 13)) / 2, monetary: 5 };
      store.push(s, asOf);
    }
    const table = store.finish();
    expect(table.sinceLastOfLastDay).toBe(true);
    const fromColumn = Object.create(table, { sinceLastOfLastDay: { value: false } }) as typeof table;
    const scores = (t: typeof table) => Array.from(segmentSummaryTable(t, { unit: 'week' }).columns!.number('rfmR')!.values);
    expect(scores(table)).toEqual(scores(fromColumn));
  });
});
