import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { sampleBeta, sampleExponential, sampleGamma, sampleNormal, samplePoisson } from './samplers.ts';

/** Sample mean and variance of n draws. */
function moments(draw: () => number, n = 100_000): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}
// Tolerances: 5 standard errors of the sample mean, sd/√n, and a loose 5 % on variances.
const N = 100_000;
const within = (got: number, want: number, sd: number): boolean => Math.abs(got - want) < (5 * sd) / Math.sqrt(N);

describe('samplers', () => {
  const rng = createRng(2026);
  it('normal: mean 0, variance 1', () => {
    const m = moments(() => sampleNormal(rng));
    expect(within(m.mean, 0, 1)).toBe(true);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
  });
  it('exponential(rate 2): mean ½, variance ¼', () => {
    const m = moments(() => sampleExponential(rng, 2));
    expect(within(m.mean, 0.5, 0.5)).toBe(true);
    expect(Math.abs(m.variance - 0.25) / 0.25).toBeLessThan(0.05);
  });
  for (const [shape, rate] of [
    [0.24, 4.4],
    [1, 1],
    [6.25, 0.5],
  ]) {
    it(`gamma(${shape}, rate ${rate}): mean shape/rate, variance shape/rate²`, () => {
      const m = moments(() => sampleGamma(rng, shape, rate));
      const sd = Math.sqrt(shape) / rate;
      expect(within(m.mean, shape / rate, sd)).toBe(true);
      expect(Math.abs(m.variance - sd * sd) / (sd * sd)).toBeLessThan(0.08);
    });
  }
  it('beta(0.79, 2.43): mean a/(a+b), variance ab/((a+b)²(a+b+1))', () => {
    const [a, b] = [0.79, 2.43];
    const m = moments(() => sampleBeta(rng, a, b));
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(within(m.mean, a / (a + b), Math.sqrt(v))).toBe(true);
    expect(Math.abs(m.variance - v) / v).toBeLessThan(0.05);
  });
  for (const mean of [0.3, 4, 25, 1000]) {
    it(`poisson(${mean}): mean = variance = ${mean}, whole numbers`, () => {
      let ok = true;
      const m = moments(() => {
        const k = samplePoisson(rng, mean);
        if (!Number.isInteger(k) || k < 0) ok = false;
        return k;
      });
      expect(ok).toBe(true);
      expect(within(m.mean, mean, Math.sqrt(mean))).toBe(true);
      expect(Math.abs(m.variance - mean) / mean).toBeLessThan(0.05);
    });
  }
  it('rejects invalid parameters', () => {
    expect(() => sampleGamma(rng, 0, 1)).toThrow(/sampleGamma/);
    expect(() => sampleBeta(rng, 1, -1)).toThrow(/sampleBeta/);
    expect(() => samplePoisson(rng, -1)).toThrow(/samplePoisson/);
    expect(() => sampleExponential(rng, NaN)).toThrow(/sampleExponential/);
  });
});
