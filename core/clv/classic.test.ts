import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { classicClv } from './classic.ts';

describe('classicClv', () => {
  // Hand-computed: 0.8 / (1 + 0.1 − 0.8) = 0.8 / 0.3 and 1.1 / 0.3.
  it('gives the infinite-horizon multiples m·r/(1+d−r) and m·(1+d)/(1+d−r)', () => {
    expect(classicClv({ margin: 1, retention: 0.8, discount: 0.1 })).toBeCloseTo(0.8 / 0.3, 9);
    expect(classicClv({ margin: 1, retention: 0.8, discount: 0.1 })).toBeCloseTo(2.6667, 4);
    expect(classicClv({ margin: 1, retention: 0.8, discount: 0.1, firstMargin: 'now' })).toBeCloseTo(3.6667, 4);
  });

  // 100·Σ_{t=1..5}(0.8/1.1)^t = 212.4097 (period-1 timing); period 0 gives 292.0634.
  it('sums five periods: 212.4097 from period 1, 292.0634 from period 0', () => {
    expect(classicClv({ margin: 100, retention: 0.8, discount: 0.1, horizon: 5 })).toBeCloseTo(212.40971, 4);
    const q = 0.8 / 1.1;
    const direct = [1, 2, 3, 4, 5].reduce((s, t) => s + 100 * q ** t, 0);
    expect(classicClv({ margin: 100, retention: 0.8, discount: 0.1, horizon: 5 })).toBeCloseTo(direct, 9);
    expect(classicClv({ margin: 100, retention: 0.8, discount: 0.1, horizon: 5, firstMargin: 'now' })).toBeCloseTo(100 * (1 - q ** 5) / (1 - q), 9);
  });

  it('subtracts the acquisition cost', () => {
    expect(classicClv({ margin: 1, retention: 0.8, discount: 0.1, acquisitionCost: 1 })).toBeCloseTo(0.8 / 0.3 - 1, 9);
  });

  it('is 0 for a zero horizon, and the margin for one period from now', () => {
    expect(classicClv({ margin: 100, retention: 0.5, discount: 0.1, horizon: 0 })).toBe(0);
    expect(classicClv({ margin: 100, retention: 0.5, discount: 0.1, horizon: 1, firstMargin: 'now' })).toBe(100);
  });

  it('finite sums approach the infinite forms', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (r, d) => {
        const inf = classicClv({ margin: 10, retention: r, discount: d });
        const fin = classicClv({ margin: 10, retention: r, discount: d, horizon: 2000 });
        expect(fin).toBeCloseTo(inf, 6);
      }),
    );
  });

  it("throws kind 'num' for impossible inputs and 'value' for NaN", () => {
    const kind = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CvError ? e.kind : 'other';
      }
      return 'none';
    };
    expect(kind(() => classicClv({ margin: 1, retention: 1.1, discount: 0.1 }))).toBe('num');
    expect(kind(() => classicClv({ margin: 1, retention: -0.1, discount: 0.1 }))).toBe('num');
    expect(kind(() => classicClv({ margin: 1, retention: 0.5, discount: -1 }))).toBe('num');
    expect(kind(() => classicClv({ margin: 1, retention: 1, discount: 0 }))).toBe('num');
    expect(kind(() => classicClv({ margin: 1, retention: 0.5, discount: 0.1, horizon: -1 }))).toBe('num');
    expect(kind(() => classicClv({ margin: Number.NaN, retention: 0.5, discount: 0.1 }))).toBe('value');
    expect(kind(() => classicClv({ margin: 1, retention: 1, discount: 0, horizon: 3 }))).toBe('none');
  });
});
