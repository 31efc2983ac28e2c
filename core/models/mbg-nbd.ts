import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import { digamma } from '../math/digamma.ts';
import { hyp2f1 } from '../math/hyp2f1.ts';
import { logGamma } from '../math/log-gamma.ts';
import { checkHorizon, groupRepeatData, requireEnoughData, checkRow, type GroupedRepeatData, type RepeatData, type RepeatInput, groupedOnce } from './customer-data.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { boundaryNotes, fitNotes, maximizeLogLikelihood, meanNegLogLikelihood, nowSeconds, type FitControl } from './fit-driver.ts';
import { combineNoPurchase } from './no-purchase.ts';
import { betaGeometricBoundaryMeaning } from './bg-nbd.ts';
import { distinctTimes, logsOfShifted } from './distinct-times.ts';

/**
 * The modified BG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical
 * validation and comparison of models for customer base analysis", IJRM;
 * Hoppe & Wagner 2007): as BG/NBD — purchases at rate λ ~ Gamma(r, α) while
 * alive, dropout with probability p ~ Beta(a, b) — except that the customer
 * may also drop out right after the first purchase, so a one-time buyer is
 * not certainly alive. α is in the model's time unit; r, a, b are unit-free.
 */
export type MbgNbdParams = { r: number; alpha: number; a: number; b: number };

export interface MbgNbdFitOptions extends FitControl {
  /** Starting point of the search; default r = 1, α from the data, a = 1, b = 1. */
  initial?: MbgNbdParams;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Maximum-likelihood fit of (r, α, a, b) to per-customer (x, t_x, T).
 * Identical rows are grouped and weighted; the log-likelihood (Batislam et
 * al. 2007, appendix A) is evaluated in log form with an analytic gradient.
 *
 * `data` may be grouped already (groupRepeatData): the model choice fits
 * three models on one data set and groups it once.
 *
 * A boundary optimum is a fit, not an error (as for BG/NBD): the parameter
 * is held where the likelihood has flattened and `notes` says what that
 * means. The search is bounded by options.maxEvaluations (and maxSeconds, when given).
 *
 * Throws CvError('fitMbgNbd', 'value') for invalid rows, 'data' for fewer
 * than MIN_CUSTOMERS customers or MIN_REPEAT_CUSTOMERS repeat customers,
 * 'convergence' when the optimiser fails or runs out of its budget.
 *
 * @example
 * // CDNOW sample, weeks (lifetimes 0.11.3 ModifiedBetaGeoFitter): r 0.5248, α 6.183, a 0.8914, b 1.614, LL −9582.13
 * fitMbgNbd({ x, t_x, T }).params;
 */
export function fitMbgNbd(data: RepeatInput, options: MbgNbdFitOptions = {}): FitResult<MbgNbdParams> {
  const started = nowSeconds();
  const g = groupedOnce('fitMbgNbd', data);
  requireEnoughData('fitMbgNbd', g);
  const init = options.initial ?? {
    r: 1,
    // E[λ] = r/α ≈ purchases per unit time of the average customer.
    alpha: Math.max(g.meanT / Math.max(g.meanX, 0.05), 1e-3),
    a: 1,
    b: 1,
  };
  checkParams('fitMbgNbd', init);
  const theta0 = [Math.log(init.r), Math.log(init.alpha), Math.log(init.a), Math.log(init.b)];
  // Spread syntax would overflow the stack on a million groups.
  const maxT = g.T.reduce((m, v) => Math.max(m, v), 0);
  const res = maximizeLogLikelihood(
    'fitMbgNbd',
    NAMES,
    (theta, grad) => negMeanLogLikelihood(g, theta, grad),
    theta0,
    g.customers,
    true,
    [1, g.meanT, 1, 1],
    { penalizer: options.penalizer, maxSeconds: options.maxSeconds, maxEvaluations: options.maxEvaluations, penaltyScales: [1, 1 / maxT, 1, 1], warm: options.warm },
  );
  const [r, alpha, a, b] = Array.from(res.theta, Math.exp);
  const params = { r, alpha, a, b };
  return {
    model: 'mbgnbd',
    params,
    logLikelihood: res.logLikelihood,
    customers: g.customers,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    seconds: nowSeconds() - started,
    ...fitNotes(
      boundaryNotes(NAMES, res.theta, res.boundary, (name, side) => betaGeometricBoundaryMeaning(params, name, side, msg('model.certainDropoutAfterEach'))),
    ),
  };
}

/**
 * The MBG/NBD log-likelihood Σ ln L(r, α, a, b | x_i, t_x,i, T_i).
 * Throws CvError('mbgNbdLogLikelihood', 'value') for invalid rows or parameters.
 *
 * @example
 * mbgNbdLogLikelihood({ r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.61400 }, cdnow); // ≈ −9582.13
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: RepeatData): number {
  checkParams('mbgNbdLogLikelihood', params);
  const g = groupRepeatData('mbgNbdLogLikelihood', data);
  const theta = Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b));
  return -negMeanLogLikelihood(g, theta) * g.customers;
}

/**
 * −LL/N at θ = ln(r, α, a, b) and, when `grad` is given, its gradient in θ.
 * Exported for the gradient test only.
 *
 * Per customer, ln L = A1 + A2 + ln(e^A3 + e^A4) with
 *   A1 = ln Γ(r+x) − ln Γ(r) + r ln α
 *   A2 = ln B(a, b+x+1) − ln B(a, b)
 *   A3 = −(r+x) ln(α+T)
 *   A4 = ln a − ln(b+x) − (r+x) ln(α+t_x).
 * Unlike BG/NBD the second term is present for x = 0 too (t_x = 0): dying
 * right after the first purchase is what it stands for.
 */
export function negMeanLogLikelihood(g: GroupedRepeatData, theta: Float64Array, grad?: Float64Array): number {
  const r = Math.exp(theta[0]);
  const alpha = Math.exp(theta[1]);
  const a = Math.exp(theta[2]);
  const b = Math.exp(theta[3]);
  if (![r, alpha, a, b].every((v) => Number.isFinite(v) && v > 0)) return Infinity;
  const nx = g.distinctX.length;
  // Terms that depend on x only, once per distinct x.
  const c12 = new Float64Array(nx);
  const c4 = new Float64Array(nx);
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = logGamma(r);
  const lgAB = logGamma(a + b);
  const lgB = logGamma(b);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  for (let j = 0; j < nx; j++) {
    const x = g.distinctX[j];
    c12[j] = logGamma(r + x) - lgR + r * lnAlpha + lgAB + logGamma(b + x + 1) - lgB - logGamma(a + b + x + 1);
    c4[j] = lnA - Math.log(b + x);
    if (grad) {
      const psiABX = digamma(a + b + x + 1);
      dR[j] = digamma(r + x) - psiR + lnAlpha;
      dA[j] = psiAB - psiABX;
      dB[j] = psiAB + digamma(b + x + 1) - psiB - psiABX;
    }
  }
  const times = distinctTimes(g);
  const lnT = logsOfShifted(alpha, times.T);
  const lnTx = logsOfShifted(alpha, times.t_x);
  let ll = 0;
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  const n = g.x.length;
  for (let i = 0; i < n; i++) {
    const j = g.xIndex[i];
    const x = g.x[i];
    const w = g.weight[i];
    const rx = r + x;
    const lT = lnT[times.TIndex[i]];
    const lt = lnTx[times.t_xIndex[i]];
    const A3 = -rx * lT;
    const A4 = c4[j] - rx * lt;
    // ln(e^A3 + e^A4) and the share w4 of the second term.
    let lse: number;
    let w4: number;
    if (A4 > A3) {
      const e = Math.exp(A3 - A4);
      lse = A4 + Math.log1p(e);
      w4 = 1 / (1 + e);
    } else {
      const e = Math.exp(A4 - A3);
      lse = A3 + Math.log1p(e);
      w4 = e / (1 + e);
    }
    ll += w * (c12[j] + lse);
    if (grad) {
      const w3 = 1 - w4;
      gr += w * (dR[j] - w3 * lT - w4 * lt);
      gal += w * (r / alpha - (w3 * rx) / (alpha + g.T[i]) - (w4 * rx) / (alpha + g.t_x[i]));
      ga += w * (dA[j] + w4 / a);
      gb += w * (dB[j] - w4 / (b + x));
    }
  }
  return meanNegLogLikelihood(ll, g.customers, grad, [gr, gal, ga, gb], [r, alpha, a, b]);
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T
 * (Batislam et al. 2007, appendix A, eq. 5):
 *   P = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)),
 * for x = 0 too (t_x = 0), so P < 1 for one-time buyers. Computed in log
 * form: very active customers who went quiet get 0, not NaN.
 *
 * Throws CvError('mbgNbdProbabilityAlive', 'value') for invalid parameters or history.
 *
 * @example
 * mbgNbdProbabilityAlive({ r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.61400 }, 2, 30.43, 38.86); // 0.7061
 */
export function mbgNbdProbabilityAlive(params: MbgNbdParams, x: number, t_x: number, T: number): number {
  checkParams('mbgNbdProbabilityAlive', params);
  checkRow('mbgNbdProbabilityAlive', -1, x, t_x, T);
  return pAlive(params, x, x === 0 ? 0 : t_x, T);
}

/** ln of the odds of being dead: ln a − ln(b+x) + (r+x) ln((α+T)/(α+t_x)). */
function logOddsDead(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  return Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + t_x));
}

/** Unchecked P(alive); t_x must be 0 when x = 0. */
export function pAlive(p: MbgNbdParams, x: number, t_x: number, T: number): number {
  const L = logOddsDead(p, x, t_x, T);
  // 1/(1 + e^L) computed without overflow.
  return L > 0 ? Math.exp(-L) / (1 + Math.exp(-L)) : 1 / (1 + Math.exp(L));
}

/**
 * Expected number of repeat purchases in (T, T+t] for a customer with
 * history (x, t_x, T) (Hoppe & Wagner 2007; Batislam et al. 2007, eq. 4):
 *   E = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)] · P(alive),
 * z = t/(α+T+t). See expectedIfAlive for how the bracket is evaluated.
 *
 * Throws CvError('mbgNbdConditionalExpected', 'value') for invalid input,
 * 'num' when the value cannot be computed to 8 digits (see expectedIfAlive).
 *
 * @example
 * mbgNbdConditionalExpected({ r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.61400 }, 39, 2, 30.43, 38.86); // 1.2627
 */
export function mbgNbdConditionalExpected(params: MbgNbdParams, t: number, x: number, t_x: number, T: number): number {
  const fn = 'mbgNbdConditionalExpected';
  checkParams(fn, params);
  checkRow(fn, -1, x, t_x, T);
  checkHorizon(fn, t);
  if (t === 0) return 0;
  return ifAlive(fn, params, t, x, T) * pAlive(params, x, x === 0 ? 0 : t_x, T);
}

/**
 * Unchecked expected purchases in (T, T+t] of a customer known to be alive
 * at T after x repeat purchases; the conditional expectation is this times
 * P(alive). Depends on (x, T) but not on t_x.
 *
 * Given alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+1) (the customer
 * survived x+1 dropout chances), and E = E[(1 − (1 + p t/(α+T))^−(r+x)) / p].
 * Two evaluations of that expectation, each used where it is accurate:
 * - the series in u = t/(α+T) from Pfaff's transformation,
 *   E = (a+b+x) Σ_{k≥1} (−1)^(k+1) (r+x)_k (a)_(k−1) / ((a+b+x)_k k!) u^k,
 *   which has no 1 − (…) cancellation and no singularity at a = 1, when
 *   u < 1 and its alternating terms cancel by less than a factor 1e4
 *   (short horizons, few purchases expected);
 * - otherwise the closed form (see closedForm), whose bracket 1 − (…) is
 *   then not small.
 * Throws CvError(fn, 'num') if the closed form still cancels by more than
 * 1e8 or comes out negative or not finite: a number would be garbage.
 */
export function expectedIfAlive(p: MbgNbdParams, t: number, x: number, T: number): number {
  return t === 0 ? 0 : ifAlive('expectedIfAlive', p, t, x, T);
}

function ifAlive(fn: string, p: MbgNbdParams, t: number, x: number, T: number): number {
  const u = t / (p.alpha + T);
  if (u < 1) {
    const s = pfaffSeries(p, u, x);
    if (s !== undefined) return s;
  }
  // Beyond t ≈ 1e16·(α+T) the argument z = u/(1+u) rounds to 1, where the closed form has no value.
  if (!(u / (1 + u) < 1)) throw inaccurate(fn, p, u, x);
  return closedForm(fn, p, u, x);
}

/** The Pfaff series of expectedIfAlive, or undefined when it cancels too much or does not settle. */
function pfaffSeries(p: MbgNbdParams, u: number, x: number): number | undefined {
  const rx = p.r + x;
  const c = p.a + p.b + x;
  // term_k = (r+x)_k (a)_(k−1) / ((a+b+x)_k k!) (−1)^(k+1) u^k; term_1 = (r+x) u / (a+b+x).
  let term = (rx * u) / c;
  let sum = term;
  let maxTerm = Math.abs(term);
  for (let k = 1; k < 10_000; k++) {
    term *= (-(rx + k) * (p.a + k - 1) * u) / ((c + k) * (k + 1));
    sum += term;
    const size = Math.abs(term);
    if (size > maxTerm) maxTerm = size;
    if (!Number.isFinite(sum) || maxTerm > 1e4 * Math.abs(sum)) return undefined;
    // Once the ratio of successive terms is below 1 the terms alternate and shrink: the first
    // omitted one bounds the tail.
    if (size <= 1e-17 * Math.abs(sum) && Math.abs((rx + k + 1) * (p.a + k) * u) < (c + k + 1) * (k + 2)) return c * sum;
  }
  return undefined;
}

/**
 * The closed form (a+b+x)/(a−1) · [1 − G], G = ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z),
 * z = t/(α+T+t), u = t/(α+T). Of G's two expressions, the one whose series converges at z = 1:
 * as written when a > r+x+1, else Euler's (1−z)^(a−1) 2F1(a+b−r, a−1; a+b+x; z). Either 2F1
 * alone can overflow (large a: 2F1(a+b−r, a−1; …) ~ (1−z)^−(a−1); large x: the other) while G
 * is at most 1, so G is assembled in logs. Near a = 1 see nearOne.
 */
function closedForm(fn: string, p: MbgNbdParams, u: number, x: number): number {
  const z = u / (1 + u);
  const lnQ = -Math.log1p(u); // ln(1−z)
  const c = p.a + p.b + x;
  let value: number;
  let G: number;
  let bracket: number;
  if (p.a > p.r + x + 1) {
    const f = hyp2f1(p.r + x, p.b + x + 1, c, z);
    const logG = (p.r + x) * lnQ + Math.log(f);
    G = Math.exp(logG);
    bracket = -Math.expm1(logG);
    value = (c / (p.a - 1)) * bracket;
  } else if (Math.abs(p.a - 1) < 0.05) {
    return nearOne(fn, p, u, x);
  } else {
    const f = hyp2f1(p.a + p.b - p.r, p.a - 1, c, z);
    const logG = (p.a - 1) * lnQ + Math.log(Math.abs(f));
    G = Math.exp(logG);
    // 1 − G with G = sign(f)·e^logG: expm1 keeps the digits when G is near 1.
    bracket = f > 0 ? -Math.expm1(logG) : 1 + G;
    value = (c / (p.a - 1)) * bracket;
  }
  if (!(Number.isFinite(value) && value >= 0 && Math.max(1, G) <= 1e8 * Math.abs(bracket))) throw inaccurate(fn, p, u, x);
  return value;
}

/**
 * The closed form for a near 1, where (1 − G)/(a−1) is 0/0. With ε = a−1, L = ln(1−z) and
 * (a−1)_k = ε (a)_(k−1), the Euler form splits into two terms without the singularity:
 *   (1 − G)/ε = −expm1(εL)/ε − e^(εL) S,  S = Σ_{k≥1} (a+b−r)_k (a)_(k−1) / ((a+b+x)_k k!) z^k.
 */
function nearOne(fn: string, p: MbgNbdParams, u: number, x: number): number {
  const z = u / (1 + u);
  const L = -Math.log1p(u);
  const eps = p.a - 1;
  const A = p.a + p.b - p.r;
  const c = p.a + p.b + x;
  const first = eps === 0 ? -L : -Math.expm1(eps * L) / eps;
  let term = (A * z) / c;
  let S = term;
  let maxTerm = Math.abs(term);
  let done = false;
  for (let k = 1; k < 1_000_000; k++) {
    const ratio = (((A + k) * (p.a + k - 1)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    S += term;
    maxTerm = Math.max(maxTerm, Math.abs(term));
    // Ratios rise towards z (< 1) once A + k > 0, so a geometric series with ratio z bounds the tail.
    if (A + k > 0 && ratio > 0 && Math.abs(term) * z <= 1e-17 * Math.abs(S) * (1 - z)) {
      done = true;
      break;
    }
  }
  const second = Math.exp(eps * L) * S;
  const value = c * (first - second);
  const scale = Math.max(first, Math.abs(second), Math.exp(eps * L) * maxTerm);
  if (!(done && Number.isFinite(value) && value >= 0 && scale <= 1e8 * (first - second))) throw inaccurate(fn, p, u, x);
  return value;
}

function inaccurate(fn: string, p: MbgNbdParams, u: number, x: number): CvError {
  return new CvError(
    fn,
    'num',
    msg('model.inaccurateExpectation', { at: `r ${p.r}, α ${p.alpha}, a ${p.a}, b ${p.b}, x ${x}, t/(α+T) ${u}` }),
  );
}

/**
 * Expected number of repeat purchases in (0, t] of a customer picked at
 * random at the first purchase (Batislam et al. 2007, eq. 3):
 *   E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))],
 * i.e. P(surviving the first dropout chance) = b/(a+b) times expectedIfAlive
 * at x = 0, T = 0.
 *
 * Throws CvError('mbgNbdExpected', 'value') for invalid input, 'num' as mbgNbdConditionalExpected.
 *
 * @example
 * mbgNbdExpected({ r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.61400 }, 39); // 1.1823
 */
export function mbgNbdExpected(params: MbgNbdParams, t: number): number {
  const fn = 'mbgNbdExpected';
  checkParams(fn, params);
  checkHorizon(fn, t);
  if (t === 0) return 0;
  return (params.b / (params.a + params.b)) * ifAlive(fn, params, t, 0, 0);
}

/**
 * P(no purchase in (T, T+t] | x, t_x, T): the churn risk over a horizon t.
 * A customer who is alive at T can drop out only right after a purchase, so
 * staying quiet means the Poisson process made no purchase, and given alive
 * λ ~ Gamma(r+x, α+T): P(none | alive) = ((α+T)/(α+T+t))^(r+x). Hence
 *   P = (1 − P(alive)) + P(alive) · ((α+T)/(α+T+t))^(r+x),
 * summed as two non-negative terms, 1 − P(alive) taken from the log-odds so
 * that small risks keep their digits. Equivalently, the likelihood of
 * (x, t_x, T+t) over that of (x, t_x, T).
 *
 * Throws CvError('mbgNbdProbabilityNoPurchase', 'value') for invalid input.
 *
 * @example
 * mbgNbdProbabilityNoPurchase({ r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.61400 }, 39, 2, 30.43, 38.86); // 0.4401
 * // a one-time buyer of 38.86 weeks: P(alive) 0.390, P(no purchase in 39 weeks) 0.891
 */
export function mbgNbdProbabilityNoPurchase(params: MbgNbdParams, t: number, x: number, t_x: number, T: number): number {
  const fn = 'mbgNbdProbabilityNoPurchase';
  checkParams(fn, params);
  checkRow(fn, -1, x, t_x, T);
  checkHorizon(fn, t);
  return noPurchase(params, t, x, x === 0 ? 0 : t_x, T);
}

/** Unchecked P(no purchase in (T, T+t]); t_x must be 0 when x = 0. */
export function noPurchase(p: MbgNbdParams, t: number, x: number, t_x: number, T: number): number {
  if (t === 0) return 1;
  const quiet = Math.exp(-(p.r + x) * Math.log1p(t / (p.alpha + T)));
  return combineNoPurchase(logOddsDead(p, x, t_x, T), quiet);
}

/** Throw CvError(fn, 'value') unless all four parameters are positive and finite. */
export function checkParams(fn: string, p: MbgNbdParams): void {
  for (const k of NAMES) {
    const v = p[k];
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
}

