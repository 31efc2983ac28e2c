import { CvError } from '../errors.ts';
import { logGamma } from '../math/log-gamma.ts';
import type { Rng } from './prng.ts';

/**
 * Random variates for the simulator, each from a seeded Rng. Rates, not
 * scales: Gamma(shape, rate) has mean shape/rate, as in the BG/NBD papers
 * (λ ~ Gamma(r, α) has mean r/α).
 */

/**
 * Standard normal variate (Marsaglia's polar method).
 *
 * @example
 * sampleNormal(createRng(1)); // a draw from N(0, 1)
 */
export function sampleNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * Exponential variate with the given rate (mean 1/rate). Rate 0 gives +Infinity.
 * Throws CvError('sampleExponential', 'value') for a negative or NaN rate.
 *
 * @example
 * sampleExponential(createRng(1), 2); // mean 0.5
 */
export function sampleExponential(rng: Rng, rate: number): number {
  if (!(rate >= 0)) throw new CvError('sampleExponential', 'value', `rate must be ≥ 0, got ${rate}`);
  return -Math.log1p(-rng.next()) / rate;
}

/**
 * Gamma(shape, rate) variate, mean shape/rate (Marsaglia & Tsang 2000; for
 * shape < 1, Gamma(shape+1) · U^(1/shape)). Very small shapes may return 0
 * (the true value is below the smallest double).
 * Throws CvError('sampleGamma', 'value') unless shape > 0 and rate > 0.
 *
 * @example
 * sampleGamma(createRng(1), 2, 0.5); // mean 4
 */
export function sampleGamma(rng: Rng, shape: number, rate: number): number {
  if (!(shape > 0 && rate > 0 && Number.isFinite(shape) && Number.isFinite(rate))) {
    throw new CvError('sampleGamma', 'value', `shape and rate must be positive, got ${shape}, ${rate}`);
  }
  if (shape < 1) {
    const boost = Math.pow(rng.next(), 1 / shape);
    return sampleGamma(rng, shape + 1, rate) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/**
 * Beta(a, b) variate as G_a / (G_a + G_b). Throws CvError('sampleBeta', 'value') unless a, b > 0.
 *
 * @example
 * sampleBeta(createRng(1), 0.79, 2.43); // mean 0.245
 */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new CvError('sampleBeta', 'value', `a and b must be positive, got ${a}, ${b}`);
  const x = sampleGamma(rng, a, 1);
  const y = sampleGamma(rng, b, 1);
  const s = x + y;
  // Both underflow only for tiny a and b; pick the side by their odds.
  return s > 0 ? x / s : rng.next() < a / (a + b) ? 1 : 0;
}

/**
 * Poisson variate with the given mean: multiplication of uniforms below
 * mean 10, Hörmann's transformed rejection (PTRS, 1993) above.
 * Throws CvError('samplePoisson', 'value') for a negative or non-finite mean.
 *
 * @example
 * samplePoisson(createRng(1), 3.5); // mean and variance 3.5
 */
export function samplePoisson(rng: Rng, mean: number): number {
  if (!(mean >= 0 && Number.isFinite(mean))) throw new CvError('samplePoisson', 'value', `mean must be a finite number ≥ 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let prod = rng.next();
    while (prod > limit) {
      k++;
      prod *= rng.next();
    }
    return k;
  }
  const sm = Math.sqrt(mean);
  const lm = Math.log(mean);
  const b = 0.931 + 2.53 * sm;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * lm - logGamma(k + 1)) return k;
  }
}
