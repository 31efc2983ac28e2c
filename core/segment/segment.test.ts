import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import type { CustomerPrediction, CustomerSummary, Transaction } from '../types.ts';
import { gini } from '../concentration/gini.ts';
import { topShare } from '../concentration/top-share.ts';
import { rfmScores } from '../rfm/score.ts';
import { rfmSegment } from '../rfm/segments.ts';
import { median } from '../score/median.ts';
import { createSummaryBuilder } from '../summary/summarize.ts';
import { TIERS } from '../tiers/rule.ts';
import { orderByValueThenId, orderFromAscending, segmentCustomers, type SegmentOptions } from './segment.ts';
import { ascendingOrder } from '../score/sort-doubles.ts';

/** Summarise (as of options.asOf) and segment: what the analysis does after reading, without a model. */
function segmentTransactions(txs: Iterable<Transaction>, options: SegmentOptions & { asOf?: number; marginRate?: number } = {}) {
  const b = createSummaryBuilder({ unit: options.unit ?? 'week', asOf: options.asOf, marginRate: options.marginRate });
  for (const t of txs) b.add(t);
  const r = segmentCustomers(b.finish(), options);
  r.totals.asOf = b.report().asOf;
  return r;
}

let line = 0;
const tx = (customerId: string, day: number, amount: number): Transaction => ({ customerId, day, amount, line: ++line });

// Five customers, times in days, as of day 30 (worked by hand below).
const rows: Transaction[] = [
  tx('A', 0, 100), tx('A', 10, 100), tx('A', 20, 100), // 3 purchase days, gap 10, 10 days since last
  tx('B', 0, 50), tx('B', 25, 50), // gap 25, 5 days since last
  tx('C', 28, 40), // one purchase, 2 days old
  tx('D', 0, 20), tx('D', 5, -20), // bought and returned: revenue 0
  tx('E', 2, 10), tx('E', 40, 999), // the second row is after as-of
];
const opts = { unit: 'day' as const, asOf: 30 };
// The own-rate heuristic worked by hand (churn/own-rate.ts): typical gap G = median(10, 25) = 17.5 days,
// rate (x + 1)/(t_x + G), P(still buying) 1/(1 + o²) with o = days since last × rate, churn horizon 90 days.
const G = 17.5;
const rateOf = (x: number, t_x: number) => (x + 1) / (t_x + G);
const aliveOf = (x: number, t_x: number, since: number) => 1 / (1 + (since * rateOf(x, t_x)) ** 2);
const riskOf = (x: number, t_x: number, since: number) => 1 - aliveOf(x, t_x, since) + aliveOf(x, t_x, since) * Math.exp(-rateOf(x, t_x) * 90);

describe('segmentTransactions on a hand-made list', () => {
  const r = segmentTransactions(rows, opts);
  const by = new Map(r.customers.map((c) => [c.id, c]));
  const get = (id: string) => {
    const c = by.get(id);
    if (c === undefined) throw new Error(`no ${id}`);
    return c;
  };

  it('sorts by value descending and reports what it ignored', () => {
    expect(r.customers.map((c) => c.id)).toEqual(['A', 'B', 'C', 'E', 'D']);
    expect(r.customers.map((c) => c.value)).toEqual([300, 100, 40, 10, 0]);
    expect(r.totals).toMatchObject({ customers: 5, repeatCustomers: 2, revenue: 450, value: 450, valueBasis: 'revenue', churnSource: 'heuristic', asOf: 30 });
  });

  it('scores churn as the chance of no purchase in 90 days from each one\'s own rate (typical gap = median(10, 25) = 17.5)', () => {
    expect(get('A').churnRisk).toBeCloseTo(riskOf(2, 20, 10), 12);
    expect(get('B').churnRisk).toBeCloseTo(riskOf(1, 25, 5), 12);
    expect(get('C').churnRisk).toBeCloseTo(riskOf(0, 0, 2), 12);
    // D bought once (the return on day 5 is no purchase day) and has been silent 30 days.
    expect(get('D').churnRisk).toBeCloseTo(riskOf(0, 0, 30), 12);
    expect(get('E').churnRisk).toBeCloseTo(riskOf(0, 0, 28), 12);
    expect(get('A').pAlive).toBeCloseTo(aliveOf(2, 20, 10), 12);
    expect(r.totals.churnHorizonDays).toBe(90);
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => get(id).churnLevel)).toEqual(['medium', 'low', 'low', 'high', 'high']);
  });

  it('tiers by contribution to the mean of 90', () => {
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => get(id).tier)).toEqual(['Major', 'Ordinary', 'Small', 'Small', 'Small']);
    expect(get('A').contribution).toBeCloseTo(300 / 90, 12);
    expect(r.summary.map((s) => s.customers)).toEqual([0, 1, 1, 3]);
    expect(r.summary[3].valueShare).toBeCloseTo(50 / 450, 12);
  });

  it('gives the RFM cells and segments worked by hand', () => {
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => get(id).rfm.cell)).toEqual(['355', '444', '513', '111', '212']);
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => get(id).rfm.segment)).toEqual(['Loyal', 'Loyal', 'Potential Loyalists', 'Hibernating', 'Hibernating']);
  });

  it('assigns lifecycle stages by the documented rules', () => {
    expect(['A', 'B', 'C', 'D', 'E'].map((id) => get(id).stage)).toEqual(['formation', 'formation', 'exploration', 'decline', 'decline']);
  });

  it('computes the heuristic CLV as spend × P(still buying) × rate, discounted monthly over a year', () => {
    const a = get('A');
    // 12 steps of 365.25/12 days (the last one shortened to end at day 365), each discounted at 10 % a year at its end.
    let line = 0;
    for (let start = 0; start < 365; start += 365.25 / 12) {
      const end = Math.min(start + 365.25 / 12, 365);
      line += (end - start) * 1.1 ** (-end / 365.25);
    }
    expect(a.clv).toBeCloseTo(100 * aliveOf(2, 20, 10) * rateOf(2, 20) * line, 9);
    expect(a.expectedPurchases).toBeCloseTo(aliveOf(2, 20, 10) * rateOf(2, 20) * 365, 9);
    // Far below a naive "a third of a purchase a day for a year" (0.08 × 365 × 100 = 2,920): A is overdue.
    expect(a.clv).toBeLessThan(2000);
    expect(r.totals.clv).toBeCloseTo(r.customers.reduce((s, c) => s + c.clv, 0), 9);
  });

  it('measures concentration of value', () => {
    expect(r.concentration.top20Share).toBeCloseTo(300 / 450, 12);
    const xs = [300, 100, 40, 10, 0];
    let d = 0;
    for (const x of xs) for (const y of xs) d += Math.abs(x - y);
    expect(r.concentration.gini).toBeCloseTo(d / (2 * 25 * 90), 12);
  });

  it('puts customers in the value matrix at the medians', () => {
    expect(r.totals.currentSplit).toBe(40);
    for (const c of r.customers) {
      const high = c.value > r.totals.currentSplit;
      const fut = c.clv > r.totals.futureSplit;
      expect(c.matrix).toBe(high ? (fut ? 'Gold' : 'Platinum') : fut ? 'Iron' : 'Lead');
    }
  });
});

describe('segmentTransactions options', () => {
  it('uses profit by default when a margin rate is known', () => {
    const r = segmentTransactions(rows, { ...opts, marginRate: 0.4 });
    expect(r.totals.valueBasis).toBe('profit');
    expect(r.customers[0].value).toBeCloseTo(120, 9);
    expect(r.totals.profit).toBeCloseTo(180, 9);
    expect(segmentTransactions(rows, { ...opts, marginRate: 0.4, valueBasis: 'revenue' }).customers[0].value).toBe(300);
  });

  it("refuses valueBasis 'profit' without cost", () => {
    expect(() => segmentTransactions(rows, { ...opts, valueBasis: 'profit' })).toThrow(CvError);
  });

  it('uses model predictions where present and says so', () => {
    const predictions = new Map<string, CustomerPrediction>([
      ['A', { pAlive: 0.9, pNoPurchase: 0.1, expectedPurchases: 2, expectedSpend: 100, clv: 500 }],
      ['Z', { pAlive: 0.5, pNoPurchase: 0.5, expectedPurchases: 1, expectedSpend: 1, clv: 1 }],
    ]);
    const r = segmentTransactions(rows, { ...opts, predictions });
    const a = r.customers.find((c) => c.id === 'A');
    expect(a).toMatchObject({ churnRisk: expect.closeTo(0.1, 12), clv: 500, pAlive: 0.9, expectedPurchases: 2, expectedSpend: 100, churnSource: 'model' });
    expect(r.customers.find((c) => c.id === 'B')?.churnSource).toBe('heuristic');
    expect(r.totals.churnSource).toBe('mixed');
    expect(r.warnings.join(' ')).toMatch(/4 of 5 customers have no model prediction/);
    expect(r.warnings.join(' ')).toMatch(/1 prediction\(s\) are for customers not in the data/);
  });

  it('declines a customer whose model churn risk is high', () => {
    const predictions = new Map([['A', { pAlive: 0.1, pNoPurchase: 0.92, expectedPurchases: 0, expectedSpend: 100, clv: 5 }]]);
    expect(segmentTransactions(rows, { ...opts, predictions }).customers[0].stage).toBe('decline');
    const bad = new Map([['A', { pAlive: 1.5, pNoPurchase: 0, expectedPurchases: 0, expectedSpend: 1, clv: 1 }]]);
    expect(() => segmentTransactions(rows, { ...opts, predictions: bad })).toThrow(CvError);
  });

  it('adds a composite score when indicators are given', () => {
    const r = segmentTransactions(rows, { ...opts, composite: [{ field: 'value', weight: 1 }, { field: 'sinceLast', weight: 1 }] });
    // A: value 1, sinceLast (10 of 2..30, mirrored) 20/28 → (1 + 5/7) / 2
    expect(r.customers[0].composite).toBeCloseTo((1 + 20 / 28) / 2, 12);
  });

  it('handles no customers', () => {
    const r = segmentCustomers([], {});
    expect(r.customers).toEqual([]);
    expect(r.summary.map((s) => s.customers)).toEqual([0, 0, 0, 0]);
    expect(r.warnings[0]).toMatch(/No customers/);
  });

  it('keeps shares summing to 1, tiers monotone in value and risk in [0, 1] (property)', () => {
    const txArb = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      day: fc.integer({ min: 0, max: 200 }),
      amount: fc.integer({ min: -50, max: 500 }),
      line: fc.constant(1),
    });
    fc.assert(
      fc.property(fc.array(txArb, { minLength: 1, maxLength: 60 }), fc.constantFrom('contribution', 'pareto', 'quantile') , (txs, method) => {
        const r = segmentTransactions(txs, { unit: 'week', tierRule: { method } });
        const n = r.customers.length;
        if (n === 0) return;
        expect(r.summary.reduce((s, x) => s + x.customerShare, 0)).toBeCloseTo(1, 12);
        if (r.totals.value !== 0) expect(r.summary.reduce((s, x) => s + x.valueShare, 0)).toBeCloseTo(1, 9);
        for (let i = 1; i < n; i++) {
          expect(r.customers[i - 1].value).toBeGreaterThanOrEqual(r.customers[i].value);
          expect(TIERS.indexOf(r.customers[i - 1].tier)).toBeLessThanOrEqual(TIERS.indexOf(r.customers[i].tier));
        }
        for (const c of r.customers) {
          expect(c.churnRisk).toBeGreaterThanOrEqual(0);
          expect(c.churnRisk).toBeLessThanOrEqual(1);
          for (const s of [c.rfm.r, c.rfm.f, c.rfm.m]) expect(s >= 1 && s <= 5).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

const cdnowDir = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const haveCdnow = existsSync(`${cdnowDir}CDNOW_sample.txt`);
const ymd = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;

describe.skipIf(!haveCdnow)('segmentTransactions on CDNOW (skipped when /work/shared/data/cdnow is absent)', () => {
  it('segments the 2,357 customers of the calibration period', () => {
    const txs: Transaction[] = [];
    readFileSync(`${cdnowDir}CDNOW_sample.txt`, 'utf8').split('\n').forEach((l, i) => {
      const f = l.trim().split(/\s+/);
      if (f.length >= 5) txs.push({ customerId: String(Number(f[1])), day: ymd(f[2]), amount: Number(f[4]), line: i + 1 });
    });
    const r = segmentTransactions(txs, { unit: 'week', asOf: ymd('19970930') });
    expect(r.totals.customers).toBe(2357);
    expect(r.totals.repeatCustomers).toBe(946);
    expect(r.summary.reduce((s, x) => s + x.customers, 0)).toBe(2357);
    expect(r.summary.reduce((s, x) => s + x.customerShare, 0)).toBeCloseTo(1, 12);
    expect(r.summary.reduce((s, x) => s + x.valueShare, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < r.customers.length; i++) {
      expect(TIERS.indexOf(r.customers[i - 1].tier)).toBeLessThanOrEqual(TIERS.indexOf(r.customers[i].tier));
    }
    // A few customers bring most of the money: the Pareto pattern of seed 003.
    expect(r.concentration.top20Share).toBeGreaterThan(0.5);
    expect(r.concentration.gini).toBeGreaterThan(0.4);
    expect(r.concentration.gini).toBeLessThan(1);
  });
});

describe('segmentCustomers against the straightforward pipeline (one shared sort, rows placed by index)', () => {
  // The first implementation built every row, sorted the rows with a comparator and called
  // rfmScores, median, topShare and gini on their own copies; this reference does the same
  // with the public functions, and the fast path must agree exactly (ties, −0, duplicate ids).
  const reference = (summaries: CustomerSummary[], predictions?: ReadonlyMap<string, CustomerPrediction>) => {
    const values = summaries.map((s) => s.revenue);
    const rfm = rfmScores(summaries.map((s, i) => ({ sinceLast: s.sinceLast, frequency: s.purchaseDays, monetary: values[i] })));
    const floored = values.map((v) => Math.max(0, v));
    const order = summaries
      .map((s, i) => ({ id: s.id, value: values[i], i }))
      .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => r.i);
    return {
      order,
      rfm: rfm.map((x) => ({ ...x, segment: rfmSegment(x.r, x.f, x.m) })),
      concentration: { top20Share: topShare(floored, 0.2), gini: gini(floored) },
      currentSplit: median(values),
      clv: predictions === undefined ? undefined : summaries.map((s) => predictions.get(s.id)?.clv),
    };
  };

  const summaryArb = fc
    .array(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'B', 'aa', '10', '9'),
        frequency: fc.integer({ min: 0, max: 4 }),
        sinceLast: fc.integer({ min: 0, max: 5 }),
        revenue: fc.oneof(fc.integer({ min: -20, max: 60 }), fc.constantFrom(0, -0, 12.5)),
      }),
      { maxLength: 30 },
    )
    .map((rows) =>
      rows.map((r): CustomerSummary => ({
        id: r.id,
        firstDay: 0,
        lastDay: 10 + r.frequency,
        transactions: r.frequency + 1,
        purchaseDays: r.frequency + 1,
        frequency: r.frequency,
        recency: r.frequency,
        T: 10 + r.frequency + r.sinceLast,
        sinceLast: r.sinceLast,
        grossRevenue: Math.max(r.revenue, 0),
        returnAmount: 0,
        returns: 0,
        revenue: r.revenue,
        averageSpend: r.revenue / (r.frequency + 1),
        monetary: r.frequency > 0 ? r.revenue / (r.frequency + 1) : 0,
      })),
    );

  it('orders rows, scores RFM and measures concentration exactly as the reference (property)', () => {
    // Half the cases have distinct ids in ascending order, as the summary builder gives them
    // (the path that skips the id checks), the others repeated ids in any order.
    const cases = fc.tuple(summaryArb, fc.boolean()).map(([rows, builderLike]) =>
      builderLike ? rows.map((r, i) => ({ ...r, id: `c${String(i).padStart(3, '0')}` })) : rows,
    );
    fc.assert(
      fc.property(cases, fc.boolean(), fc.integer({ min: 0, max: 3 }), (summaries, withModel, extra) => {
        const predictions = withModel
          ? new Map(summaries.map((s, i): [string, CustomerPrediction] => [s.id, { pAlive: (i % 4) / 4, pNoPurchase: 1 - (i % 4) / 4, expectedPurchases: i, expectedSpend: 3, clv: (i % 3) * 5 }]))
          : undefined;
        // Predictions for customers not in the data are counted in a warning.
        for (let k = 0; k < extra; k++) predictions?.set(`unknown${k}`, { pAlive: 1, pNoPurchase: 0, expectedPurchases: 0, expectedSpend: 0, clv: 0 });
        const got = segmentCustomers(summaries, { unit: 'day', valueBasis: 'revenue', predictions });
        const want = reference(summaries, predictions);
        // Rows are the input summaries in the reference order (duplicate ids keep input order).
        expect(got.customers.map((r) => r.id)).toEqual(want.order.map((i) => summaries[i].id));
        got.customers.forEach((row, k) => {
          const i = want.order[k];
          expect(Object.is(row.value, summaries[i].revenue)).toBe(true);
          expect(row.rfm).toEqual(want.rfm[i]);
          if (want.clv !== undefined) expect(row.clv).toBe(want.clv[i]);
        });
        expect(Object.is(got.concentration.top20Share, want.concentration.top20Share)).toBe(true);
        expect(Object.is(got.concentration.gini, want.concentration.gini)).toBe(true);
        expect(got.totals.currentSplit).toBe(summaries.length > 0 ? want.currentSplit : 0);
        const ids = new Set(summaries.map((s) => s.id));
        const unknown = predictions === undefined ? 0 : [...predictions.keys()].filter((id) => !ids.has(id)).length;
        expect(got.warnings.some((w) => w.startsWith(`${unknown} prediction(s) are for customers not in the data`))).toBe(unknown > 0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('orderFromAscending (the row order at scale, from the radix order)', () => {
  it('gives orderByValueThenId\'s order: value descending, ties by id, then input order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constantFrom(0, -0, 2.5)), id: fc.constantFrom('a', 'b', 'c', 'B', 'aa') }), { maxLength: 700 }),
        fc.boolean(),
        (customers, sortedById) => {
          const values = customers.map((c) => c.value);
          const idOf = (i: number) => customers[i]!.id;
          const expected = orderByValueThenId(values, idOf, Float64Array.from(values).sort(), sortedById);
          // From 512 values the radix sort makes the order the segment table uses at 65,536 customers and more.
          expect(Array.from(orderFromAscending(values, idOf, ascendingOrder(values, 512), sortedById))).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 150 },
    );
  });
});
