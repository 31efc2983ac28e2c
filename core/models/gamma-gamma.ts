import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import { digamma } from '../math/digamma.ts';
import { logGamma } from '../math/log-gamma.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { indexSortedDistinct } from './distinct-times.ts';
import { boundaryNotes, fitNotes, maximizeLogLikelihood, nowSeconds, type FitControl } from './fit-driver.ts';

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV: using iso-value curves"; Fader & Hardie 2013, "The
 * Gamma-Gamma model of monetary value"): each transaction value of a
 * customer is Gamma(p, ν), and ν varies across customers as Gamma(q, γ).
 * γ is in money units; p and q are unit-free. The model assumes spend is
 * independent of purchase frequency.
 */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/** Per-customer inputs: x repeat purchases and their average value zbar. */
export interface SpendData {
  x: ArrayLike<number>;
  /** Average value of the x repeat transactions (money). */
  zbar: ArrayLike<number>;
}

/** Options of fitGammaGamma: the search budget and the lifetimes-style penalty. */
export type GammaGammaFitOptions = FitControl;

/** A Gamma-Gamma fit plus what the independence check found. */
export type GammaGammaFit = FitResult<GammaGammaParams> & {
  /** Pearson correlation of x and zbar over the customers used. */
  correlation: number;
  /** Human-readable warnings (e.g. frequency and spend correlated); empty when none. */
  warnings: string[];
  /** The same warnings as messages, for a product that speaks another language. */
  warningMessages: Message[];
};

/**
 * |Pearson ρ(x, zbar)| above which the fit warns that the independence
 * assumption is doubtful. Fader & Hardie report ρ = 0.11 on CDNOW and call
 * that weak; 0.3 is the usual "moderate correlation" boundary.
 */
export const SPEND_CORRELATION_WARNING = 0.3;

/** Fewer repeat customers with positive spend than this cannot identify (p, q, γ). */
export const MIN_SPEND_CUSTOMERS = 10;

/**
 * Maximum-likelihood fit of (p, q, γ) on the customers with x > 0 and
 * zbar > 0 (others carry no spend information and are skipped). Returns,
 * never throws, a warning when |ρ(x, zbar)| > SPEND_CORRELATION_WARNING.
 *
 * Throws CvError('fitGammaGamma', 'value') for arrays of different length or
 * non-finite / negative values, 'data' with fewer than MIN_SPEND_CUSTOMERS
 * usable customers, 'convergence' when the optimiser fails or runs out of
 * its budget. A boundary optimum (every purchase of a customer the same
 * amount: p → ∞; every customer the same average: q, γ → ∞) is a fit, with
 * `notes`. γ is in money units and may sit far from the mean spend when
 * spends span many orders of magnitude (then q is small): its identified
 * range is set by the smallest and largest zbar, not by their mean.
 *
 * @example
 * // CDNOW (946 repeat buyers): p 6.25, q 3.74, γ 15.44
 * fitGammaGamma({ x, zbar }).params;
 */
export function fitGammaGamma(data: SpendData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const started = nowSeconds();
  const fn = 'fitGammaGamma';
  const n = data.x.length;
  if (data.zbar.length !== n) {
    throw new CvError(fn, 'value', `x and zbar must have the same length (got ${n}, ${data.zbar.length})`);
  }
  // Checked and counted first, then copied into arrays of their size: pushing onto number[]
  // and a Set and a Map lookup per customer made garbage the size of the data (docs/scale.md).
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const z = data.zbar[i];
    if (!(Number.isInteger(x) && x >= 0)) throw new CvError(fn, 'value', `row ${i}: x must be a whole number ≥ 0, got ${x}`);
    if (!(Number.isFinite(z) && z >= 0)) throw new CvError(fn, 'value', `row ${i}: zbar must be a number ≥ 0, got ${z}`);
    if (x > 0 && z > 0) m++;
  }
  if (m < MIN_SPEND_CUSTOMERS) {
    throw new CvError(fn, 'data', msg('model.tooFewSpendCustomers', { min: MIN_SPEND_CUSTOMERS, n: m }));
  }
  const x = new Float64Array(m);
  const z = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i++) {
    const xi = data.x[i];
    const zi = data.zbar[i];
    if (xi > 0 && zi > 0) {
      x[j] = xi;
      z[j++] = zi;
    }
  }
  // Gamma-function terms depend on x alone: compute them once per distinct x.
  const { values: dx, index: xIndex } = indexSortedDistinct(x, m);
  const lnX = dx.map(Math.log);
  // Σ over customers of (px − 1) ln zbar splits into p Σ x ln zbar − Σ ln zbar.
  let sumLnZ = 0;
  let sumXLnZ = 0;
  let meanZ = 0;
  let minZ = Infinity;
  let maxZ = 0;
  const countX = new Float64Array(dx.length);
  for (let i = 0; i < m; i++) {
    const lz = Math.log(z[i]);
    sumLnZ += lz;
    sumXLnZ += x[i] * lz;
    meanZ += z[i] / m;
    minZ = Math.min(minZ, z[i]);
    maxZ = Math.max(maxZ, z[i]);
    countX[xIndex[i]]++;
  }
  const sums = new Float64Array(4);
  // −LL/m and its gradient in θ = ln(p, q, γ).
  const objective = (theta: Float64Array, grad?: Float64Array): number => {
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const g = Math.exp(theta[2]);
    if (![p, q, g].every((v) => Number.isFinite(v) && v > 0)) return Infinity;
    const lgQ = logGamma(q);
    const lnG = Math.log(g);
    const psiQ = grad ? digamma(q) : 0;
    let ll = p * sumXLnZ - sumLnZ;
    let dp = sumXLnZ;
    let dq = 0;
    let dg = 0;
    for (let j = 0; j < dx.length; j++) {
      const px = p * dx[j];
      const c = countX[j];
      ll += c * (logGamma(px + q) - logGamma(px) - lgQ + q * lnG + px * lnX[j]);
      if (grad) {
        const psiPQ = digamma(px + q);
        dp += c * dx[j] * (psiPQ - digamma(px) + lnX[j]);
        dq += c * (psiPQ - psiQ + lnG);
        dg += (c * q) / g;
      }
    }
    sums[0] = ll;
    sums[1] = dp;
    sums[2] = dq;
    sums[3] = dg;
    for (let from = 0; from < m; from += CHUNK) subtractSpendTerms(x, z, from, Math.min(m, from + CHUNK), p, q, g, grad !== undefined, sums);
    ll = sums[0];
    dp = sums[1];
    dq = sums[2];
    dg = sums[3];
    if (grad) {
      grad[0] = (-dp * p) / m;
      grad[1] = (-dq * q) / m;
      grad[2] = (-dg * g) / m;
    }
    const v = -ll / m;
    return Number.isNaN(v) ? Infinity : v;
  };
  // Start from a method-of-moments-like point: mean spend p/ν ≈ zbar.
  const theta0 = [Math.log(2), Math.log(2), Math.log(meanZ)];
  const names = ['p', 'q', 'gamma'] as const;
  const res = maximizeLogLikelihood(fn, names, objective, theta0, m, true, [1, 1, meanZ], {
    penalizer: options.penalizer,
    maxSeconds: options.maxSeconds,
    maxEvaluations: options.maxEvaluations,
    lower: [1e-5, 1e-5, minZ * 1e-5],
    upper: [1e5, 1e5, maxZ * 1e5],
  });
  const [p, q, gamma] = Array.from(res.theta, Math.exp);
  const notes = boundaryNotes(names, res.theta, res.boundary, (name, side) => {
    // p → ∞ with γ → 0 (pγ fixed) is one ridge: the spend of a purchase is the customer's mean.
    if ((name === 'p' && side === 'upper') || (name === 'gamma' && side === 'lower' && res.boundary[0] === 'upper')) {
      return msg('model.sameSpendEachPurchase');
    }
    if ((name === 'q' || name === 'gamma') && side === 'upper') {
      return msg('model.sameAverageSpend', { spend: ((p * gamma) / (q - 1)).toPrecision(3) });
    }
    return undefined;
  });
  const correlation = pearson(x, z);
  const warningMessages: Message[] = [];
  if (Math.abs(correlation) > SPEND_CORRELATION_WARNING) {
    warningMessages.push(msg('model.spendCorrelated', { rho: correlation.toFixed(2), limit: SPEND_CORRELATION_WARNING }));
  }
  if (q <= 1) warningMessages.push(msg('model.infiniteMeanSpend', { q: q.toPrecision(3) }));
  return {
    model: 'gg',
    params: { p, q, gamma },
    logLikelihood: res.logLikelihood,
    customers: m,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    seconds: nowSeconds() - started,
    correlation,
    warnings: warningMessages.map((m) => formatMessage(m, 'en')),
    warningMessages,
    ...fitNotes(notes),
  };
}

/**
 * The Gamma-Gamma log-likelihood of (p, q, γ) over the customers with x > 0
 * and zbar > 0 (Fader & Hardie 2013, eq. 3):
 *   Σ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px−1) ln zbar − (px+q) ln(γ + x·zbar).
 * Throws CvError('gammaGammaLogLikelihood', 'value') for invalid parameters or data.
 *
 * @example
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowSpend); // ≈ −4055.92
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  const fn = 'gammaGammaLogLikelihood';
  for (const k of ['p', 'q', 'gamma'] as const) {
    const v = params[k];
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
  const n = data.x.length;
  if (data.zbar.length !== n) throw new CvError(fn, 'value', `x and zbar must have the same length (got ${n}, ${data.zbar.length})`);
  const { p, q, gamma } = params;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const z = data.zbar[i];
    if (!(Number.isInteger(x) && x >= 0 && Number.isFinite(z) && z >= 0)) {
      throw new CvError(fn, 'value', `row ${i}: need a whole x ≥ 0 and zbar ≥ 0, got ${x}, ${z}`);
    }
    if (x === 0 || z === 0) continue;
    const px = p * x;
    ll += logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + px * Math.log(x) + (px - 1) * Math.log(z) - (px + q) * Math.log(gamma + x * z);
  }
  return ll;
}

/**
 * Expected spend per transaction of a customer with x repeat purchases of
 * average value zbar (Fader & Hardie 2013, eq. 5):
 *   E[Z | p, q, γ, x, zbar] = p (γ + x·zbar) / (p x + q − 1),
 * a weighted mean of the population mean pγ/(q−1) and the customer's zbar.
 * With x = 0 it is the population mean.
 *
 * Throws CvError('gammaGammaExpectedSpend', 'value') for invalid input and
 * 'num' when p x + q ≤ 1 (the expectation is infinite; only possible with
 * q ≤ 1 and few purchases).
 *
 * @example
 * gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35); // ≈ 24.6
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const fn = 'gammaGammaExpectedSpend';
  for (const k of ['p', 'q', 'gamma'] as const) {
    const v = params[k];
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
  if (!(Number.isInteger(x) && x >= 0)) throw new CvError(fn, 'value', `x must be a whole number ≥ 0, got ${x}`);
  if (!(Number.isFinite(zbar) && zbar >= 0)) throw new CvError(fn, 'value', `zbar must be a number ≥ 0, got ${zbar}`);
  const { p, q, gamma } = params;
  const xx = zbar > 0 ? x : 0; // no observed spend: fall back to the population
  const den = p * xx + q - 1;
  if (!(den > 0)) throw new CvError(fn, 'num', msg('model.infiniteExpectedSpend', { den: String(den) }));
  return (p * (gamma + xx * zbar)) / den;
}

/** Pearson correlation; 0 when either variable is constant. */
function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Customers per call of subtractSpendTerms (see there). */
const CHUNK = 1024;

/**
 * The terms of customers [from, to) of fitGammaGamma's objective, subtracted from the running
 * sums in `sums` (ll, ∂p, ∂q, ∂γ) in the customers' order, so the doubles are those of one loop.
 * Called per chunk: one long loop in the objective was entered by on-stack replacement on every
 * call, and the code after it, without type feedback in that optimised code, deoptimised every
 * time (34 of a 1M run's bailouts, `node --trace-deopt`), the next call's loop starting again in
 * the interpreter; a function called many times is optimised whole.
 */
function subtractSpendTerms(x: Float64Array, z: Float64Array, from: number, to: number, p: number, q: number, g: number, grad: boolean, sums: Float64Array): void {
  let ll = sums[0];
  let dp = sums[1];
  let dq = sums[2];
  let dg = sums[3];
  for (let i = from; i < to; i++) {
    const xi = x[i];
    const den = g + xi * z[i];
    const lden = Math.log(den);
    const k = p * xi + q;
    ll -= k * lden;
    if (grad) {
      dp -= xi * lden;
      dq -= lden;
      dg -= k / den;
    }
  }
  sums[0] = ll;
  sums[1] = dp;
  sums[2] = dq;
  sums[3] = dg;
}
