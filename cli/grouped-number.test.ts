import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedCount, groupedMoney } from './grouped-number.ts';

const MONEY = { minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;

describe('groupedCount', () => {
  it('groups whole numbers as toLocaleString("en") does', () => {
    for (const x of [0, 1, 12, 123, 1234, 23570, 100000, 1234567, -1, -1234, -999999, Number.MAX_SAFE_INTEGER]) {
      expect(groupedCount(x)).toBe(x.toLocaleString('en'));
    }
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (x) => groupedCount(x) === x.toLocaleString('en')));
  });

  it('hands anything else to toLocaleString', () => {
    for (const x of [-0, 1.5, 1234.5678, NaN, Infinity, -Infinity, 2 ** 60]) expect(groupedCount(x)).toBe(x.toLocaleString('en'));
  });
});

describe('groupedMoney', () => {
  it('writes two decimals, grouped, as toLocaleString("en") with two fraction digits', () => {
    const cases = [0, 0.5, 1, 1.005, 1.015, 2.675, 0.125, 0.004, 0.005, 0.995, 9.995, 99.995, 999.995, 1234.5, 789456.233793301, 33.49, 1e-7, 5e-7, 123456789.125, 1e20, 9.999999999999999e20, -1.005, -0.004, -0.005, -1234.565, -0, NaN, Infinity, -Infinity, 1e21, 1e25];
    for (const x of cases) expect(groupedMoney(x), String(x)).toBe(x.toLocaleString('en', MONEY));
  });

  it('agrees with toLocaleString on any double, and on amounts with few decimals (ties)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => groupedMoney(x) === x.toLocaleString('en', MONEY)), { numRuns: 5000 });
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 4 }), (n, places) => {
        const x = n / 10 ** places;
        return groupedMoney(x) === x.toLocaleString('en', MONEY);
      }),
      { numRuns: 5000 },
    );
  });
});
