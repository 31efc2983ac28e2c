import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColumnarSummaryBuilder } from './columnar-summary.ts';

describe('columnar summary: distinct purchase days', () => {
  it('counts each customer’s distinct purchase days and lists them for the holdout, rows in any order', () => {
    // Few customers, many rows, days in any order and repeated: days between a customer's first
    // and last, days 32 apart (one bit of the day bits), returns that list no day.
    const row = fc.record({
      c: fc.integer({ min: 0, max: 3 }),
      day: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 }).map((v) => 100 + 32 * v)),
      amount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.constant(-5)),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300, size: 'max' }), (rows) => {
        const b = createColumnarSummaryBuilder({ unit: 'day', asOf: 400 });
        rows.forEach((r, line) => b.add({ customerId: `c${r.c}`, day: r.day, amount: r.amount, line: line + 2 }));
        const days = new Map<string, Set<number>>();
        for (const r of rows) {
          if (r.amount < 0) continue;
          const set = days.get(`c${r.c}`) ?? new Set<number>();
          set.add(r.day);
          days.set(`c${r.c}`, set);
        }
        const t = b.finish();
        for (let i = 0; i < t.length; i++) expect(t.purchaseDays[i]).toBe(days.get(t.ids.id(i))?.size);
        // The holdout's histories walk the same lists: a calibration end past every day sees every listed day once.
        const split = b.split(399, 400, 1);
        Array.from(split.x).forEach((x, i) => expect(x + 1).toBe(days.get(split.ids[i])?.size));
        // A second window counted in the same pass: the holdout a split to that window gives.
        const both = b.split(20, 400, 1, undefined, 130);
        expect(both.within).toEqual({ end: 130, holdout: b.split(20, 400, 1, 130).holdout });
        expect(both.holdout).toEqual(b.split(20, 400, 1).holdout);
      }),
      { numRuns: 300 },
    );
  });
});
