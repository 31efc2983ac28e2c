import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it('returns numbers in [0, 1) with mean ½ and variance 1/12', () => {
    const rng = createRng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    // Standard errors: 0.00065 for the mean, 0.0002 for the variance; allow 5 of each.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.001);
  });
  it('fills 10 equal bins evenly (χ² with 9 d.f. below 27.9, p = 0.001)', () => {
    const rng = createRng(123);
    const bins = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 10)]++;
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });
  it('accepts fractional and negative seeds and rejects NaN', () => {
    expect(createRng(0.25).next()).not.toBe(createRng(0.75).next());
    expect(Number.isFinite(createRng(-5).next())).toBe(true);
    expect(() => createRng(NaN)).toThrow(/seed/);
  });
});
