import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { expectedPurchases, ownRate, ownRateGap, probabilityNoPurchase } from './own-rate.ts';

describe('ownRate', () => {
  it('shrinks the own rhythm towards the population gap by one pseudo-purchase', () => {
    // 4 repeats over 40 periods with population gap 10: (4 + 1) / (40 + 10) = 0.1 purchases per period.
    const r = ownRate({ frequency: 4, recency: 40, sinceLast: 10, T: 50 }, 10);
    expect(r.rate).toBeCloseTo(0.1, 15);
    // Exactly one gap overdue: P(still buying) = 1 / (1 + 1²).
    expect(r.pAlive).toBeCloseTo(0.5, 15);
    // A one-time buyer gets the population rate.
    expect(ownRate({ frequency: 0, recency: 0, sinceLast: 5, T: 5 }, 20).rate).toBeCloseTo(1 / 20, 15);
  });

  it('makes a long silence decisive for a one-time buyer (the demo case: 70 weeks after one purchase)', () => {
    const r = ownRate({ frequency: 0, recency: 0, sinceLast: 70, T: 70 }, 8);
    expect(r.pAlive).toBeLessThan(0.02);
    expect(probabilityNoPurchase(r, 90 / 7)).toBeGreaterThan(0.97);
  });

  it('never lets P(still buying) rise as the silence grows', () => {
    let last = 1;
    for (let since = 0; since <= 200; since += 0.5) {
      const p = ownRate({ frequency: 3, recency: 30, sinceLast: since, T: 30 + since }, 12).pAlive;
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
  });

  it('refuses impossible inputs', () => {
    expect(() => ownRate({ frequency: 1, recency: Number.NaN, sinceLast: 1, T: 2 }, 1)).toThrow(CvError);
    expect(() => ownRate({ frequency: -1, recency: 1, sinceLast: 1, T: 2 }, 1)).toThrow(CvError);
    expect(() => ownRate({ frequency: 1, recency: 1, sinceLast: 1, T: 2 }, 0)).toThrow(/population gap must be positive/);
  });
});

describe('probabilityNoPurchase and expectedPurchases', () => {
  it('combine P(still buying) with Poisson purchases at the own rate', () => {
    const r = { rate: 0.1, pAlive: 0.5 };
    expect(probabilityNoPurchase(r, 10)).toBeCloseTo(0.5 + 0.5 * Math.exp(-1), 15);
    expect(probabilityNoPurchase(r, 0)).toBe(1);
    expect(expectedPurchases(r, 10)).toBeCloseTo(0.5, 15);
  });

  it('is certain of no purchase for a customer who has stopped, whatever the horizon', () => {
    expect(probabilityNoPurchase({ rate: 2, pAlive: 0 }, 1000)).toBe(1);
  });
});

describe('ownRateGap', () => {
  it('takes the median repeat gap, or the median age without repeat buyers, floored at one day', () => {
    expect(ownRateGap([{ frequency: 2, recency: 20, sinceLast: 1, T: 21 }, { frequency: 1, recency: 25, sinceLast: 1, T: 30 }, { frequency: 0, recency: 0, sinceLast: 3, T: 3 }], 1 / 7)).toBe(17.5);
    expect(ownRateGap([{ frequency: 0, recency: 0, sinceLast: 4, T: 4 }, { frequency: 0, recency: 0, sinceLast: 6, T: 6 }], 1 / 7)).toBe(5);
    expect(ownRateGap([{ frequency: 0, recency: 0, sinceLast: 0, T: 0 }], 1 / 7)).toBeCloseTo(1 / 7, 15);
  });
});
