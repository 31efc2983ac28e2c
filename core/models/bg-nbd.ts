import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import { digamma } from '../math/digamma.ts';
import { hyp2f1 } from '../math/hyp2f1.ts';
import { logBeta } from '../math/log-beta.ts';
import { logGamma } from '../math/log-gamma.ts';
import { checkHorizon, groupRepeatData, requireEnoughData, checkRow, type GroupedRepeatData, type RepeatData, type RepeatInput, groupedOnce } from './customer-data.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { boundaryNotes, fitNotes, maximizeLogLikelihood, meanNegLogLikelihood, nowSeconds, type FitControl } from './fit-driver.ts';
import { combineNoPurchase, logistic } from './no-purchase.ts';
import { distinctTimes, logsOfShifted, type DistinctTimes } from './distinct-times.ts';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way"): while alive, a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each repeat purchase the customer drops out with
 * probability p ~ Beta(a, b). α is in the model's time unit (the unit of
 * t_x and T); r, a, b are unit-free.
 */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

export interface BgNbdFitOptions extends FitControl {
  /** Starting point of the search; default r = 1, α from the data, a = 1, b = 1. */
  initial?: BgNbdParams;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Maximum-likelihood fit of (r, α, a, b) to per-customer (x, t_x, T).
 * Identical rows are grouped and weighted; the log-likelihood (FHL 2005,
 * eq. 6) is evaluated in log form with an analytic gradient.
 *
 * `data` may be grouped already (groupRepeatData): the model choice fits
 * three models on one data set and groups it once.
 *
 * A boundary optimum is a fit, not an error: when the data show no
 * drop-out (a → 0 or b → ∞), or the same purchase rate for everyone
 * (r → ∞), the parameter is held where the likelihood has flattened and
 * `notes` says what that means for the predictions.
 *
 * Throws CvError('fitBgNbd', 'value') for invalid rows or options, 'data'
 * for fewer than MIN_CUSTOMERS customers or MIN_REPEAT_CUSTOMERS repeat
 * customers, 'convergence' when the optimiser fails, runs out of its budget
 * (options.maxSeconds, options.maxEvaluations) or a parameter runs off on a
 * likelihood that keeps changing.
 *
 * @example
 * // CDNOW sample, weeks: r 0.2426, α 4.4136, a 0.7929, b 2.4259, LL −9582.43
 * fitBgNbd({ x, t_x, T }).params;
 */
export function fitBgNbd(data: RepeatInput, options: BgNbdFitOptions = {}): FitResult<BgNbdParams> {
  const started = nowSeconds();
  const g = groupedOnce('fitBgNbd', data);
  requireEnoughData('fitBgNbd', g);
  const init = options.initial ?? {
    r: 1,
    // E[λ] = r/α ≈ purchases per unit time of the average customer.
    alpha: Math.max(g.meanT / Math.max(g.meanX, 0.05), 1e-3),
    a: 1,
    b: 1,
  };
  const theta0 = [Math.log(init.r), Math.log(init.alpha), Math.log(init.a), Math.log(init.b)];
  // A loop: spread syntax would overflow the stack on a million groups, and reduce's callback cost more than the fit's setup.
  let maxT = 0;
  for (let i = 0; i < g.T.length; i++) maxT = Math.max(maxT, g.T[i]);
  const res = maximizeLogLikelihood(
    'fitBgNbd',
    NAMES,
    (theta, grad) => negMeanLogLikelihood(g, theta, grad),
    theta0,
    g.customers,
    true,
    [1, g.meanT, 1, 1],
    { penalizer: options.penalizer, maxSeconds: options.maxSeconds, maxEvaluations: options.maxEvaluations, penaltyScales: [1, 1 / maxT, 1, 1] },
  );
  const [r, alpha, a, b] = Array.from(res.theta, Math.exp);
  const params = { r, alpha, a, b };
  const notes = boundaryNotes(NAMES, res.theta, res.boundary, (name, side) =>
    betaGeometricBoundaryMeaning(params, name, side, msg('model.certainDropoutAfterFirstRepeat')),
  );
  return {
    model: 'bgnbd',
    params,
    logLikelihood: res.logLikelihood,
    customers: g.customers,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    seconds: nowSeconds() - started,
    ...fitNotes(notes),
  };
}

/**
 * The sentence for a BG/NBD or MBG/NBD parameter held beyond its identified
 * range; `certainDropout` says when the models drop a customer for sure,
 * the one place they differ.
 */
export function betaGeometricBoundaryMeaning(p: BgNbdParams, name: string, side: 'lower' | 'upper', certainDropout: Message): Message | undefined {
  const dropout = p.a / (p.a + p.b);
  if (name === 'a' || name === 'b') {
    if (dropout < 1e-3) return msg('model.noDropout');
    if (dropout > 1 - 1e-3) return certainDropout;
    if (side === 'upper') return msg('model.sameDropoutProbability', { percent: (100 * dropout).toPrecision(2) });
    return undefined;
  }
  if (name === 'r' || name === 'alpha') {
    if (side === 'upper') return msg('model.sameRate', { rate: (p.r / p.alpha).toPrecision(3) });
    return msg('model.unevenRates');
  }
  return undefined;
}

/**
 * The BG/NBD log-likelihood Σ ln L(r, α, a, b | x_i, t_x,i, T_i).
 * Throws CvError('bgNbdLogLikelihood', 'value') for invalid rows or parameters.
 *
 * @example
 * bgNbdLogLikelihood({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, cdnow); // ≈ −9582.43
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RepeatData): number {
  checkParams('bgNbdLogLikelihood', params);
  const g = groupRepeatData('bgNbdLogLikelihood', data);
  const theta = Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b));
  return -negMeanLogLikelihood(g, theta) * g.customers;
}

/**
 * −LL/N at θ = ln(r, α, a, b) and, when `grad` is given, its gradient in θ.
 *
 * Per customer, ln L = A1 + A2 + ln(e^A3 + [x > 0] e^A4) with
 *   A1 = ln Γ(r+x) − ln Γ(r) + r ln α
 *   A2 = ln B(a, b+x) − ln B(a, b)
 *   A3 = −(r+x) ln(α+T)
 *   A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 */
function negMeanLogLikelihood(g: GroupedRepeatData, theta: Float64Array, grad?: Float64Array): number {
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
  const lgR = logGamma(r);
  const lgAB = logGamma(a + b);
  const lgB = logGamma(b);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  for (let j = 0; j < nx; j++) {
    const x = g.distinctX[j];
    c12[j] = logGamma(r + x) - lgR + r * lnAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
    c4[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    if (grad) {
      const psiABX = digamma(a + b + x);
      dR[j] = digamma(r + x) - psiR + lnAlpha;
      dA[j] = psiAB - psiABX;
      dB[j] = psiAB + digamma(b + x) - psiB - psiABX;
    }
  }
  // ln(α+T) and ln(α+t_x) once per distinct T and t_x (CDNOW in weeks: 84 and 545 values for
  // 11,104 groups): the same expressions on the same numbers, so the sum is bit-identical.
  const times = distinctTimes(g);
  const lnT = logsOfShifted(alpha, times.T);
  const lnTx = logsOfShifted(alpha, times.t_x);
  const sums = new Float64Array(5);
  const n = g.x.length;
  for (let from = 0; from < n; from += CHUNK) {
    sumOverGroups(g, times, from, Math.min(n, from + CHUNK), lnT, lnTx, c12, c4, dR, dA, dB, r, alpha, a, b, grad !== undefined, sums);
  }
  const ll = sums[0];
  const gr = sums[1];
  const gal = sums[2];
  const ga = sums[3];
  const gb = sums[4];
  return meanNegLogLikelihood(ll, g.customers, grad, [gr, gal, ga, gb], [r, alpha, a, b]);
}

/**
 * Groups per call of sumOverGroups: enough calls per likelihood evaluation at scale that V8
 * optimises it as a whole function after a few, instead of entering its loop by on-stack
 * replacement every time.
 */
const CHUNK = 1024;

/**
 * The sums over groups [from, to) of negMeanLogLikelihood, added to `out` (ll and the four
 * gradient sums) in the groups' order, so the doubles are those of one loop. A function of its
 * own, called per chunk: one long loop in the likelihood was entered by on-stack replacement on
 * every call, and the code after it, without type feedback in that optimised code, deoptimised
 * every time (27 of a 1M run's bailouts, `node --trace-deopt`), the next call's loop starting
 * again in the interpreter.
 */
function sumOverGroups(
  g: GroupedRepeatData,
  times: DistinctTimes,
  from: number,
  to: number,
  lnT: Float64Array,
  lnTx: Float64Array,
  c12: Float64Array,
  c4: Float64Array,
  dR: Float64Array,
  dA: Float64Array,
  dB: Float64Array,
  r: number,
  alpha: number,
  a: number,
  b: number,
  grad: boolean,
  out: Float64Array,
): void {
  let ll = out[0];
  let gr = out[1];
  let gal = out[2];
  let ga = out[3];
  let gb = out[4];
  const xs = g.x;
  const tx = g.t_x;
  const Ts = g.T;
  const weight = g.weight;
  const xIndex = g.xIndex;
  const TIndex = times.TIndex;
  const t_xIndex = times.t_xIndex;
  for (let i = from; i < to; i++) {
    const j = xIndex[i];
    const x = xs[i];
    const w = weight[i];
    const rx = r + x;
    const lT = lnT[TIndex[i]];
    const A3 = -rx * lT;
    let lse = A3;
    let w4 = 0;
    let lt = 0;
    if (x > 0) {
      lt = lnTx[t_xIndex[i]];
      const A4 = c4[j] - rx * lt;
      // ln(e^A3 + e^A4) and the share of the second term.
      if (A4 > A3) {
        const e = Math.exp(A3 - A4);
        lse = A4 + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(A4 - A3);
        lse = A3 + Math.log1p(e);
        w4 = e / (1 + e);
      }
    }
    ll += w * (c12[j] + lse);
    if (grad) {
      const w3 = 1 - w4;
      gr += w * (dR[j] - w3 * lT - w4 * lt);
      gal += w * (r / alpha - w3 * rx / (alpha + Ts[i]) - (x > 0 ? (w4 * rx) / (alpha + tx[i]) : 0));
      ga += w * (dA[j] + w4 / a);
      gb += w * (dB[j] - (x > 0 ? w4 / (b + x - 1) : 0));
    }
  }
  out[0] = ll;
  out[1] = gr;
  out[2] = gal;
  out[3] = ga;
  out[4] = gb;
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T
 * (FHL 2005, eq. 12 of the note "Computing P(alive)"):
 *   P = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Computed in log form: very active customers who went quiet get 0, not NaN.
 * A customer without repeat purchases is alive with probability 1 under BG/NBD.
 *
 * Throws CvError('bgNbdProbabilityAlive', 'value') for invalid parameters or history.
 *
 * @example
 * bgNbdProbabilityAlive({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 2, 30.43, 38.86); // 0.7266
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, t_x: number, T: number): number {
  checkParams('bgNbdProbabilityAlive', params);
  checkRow('bgNbdProbabilityAlive', -1, x, t_x, T);
  return pAlive(params, x, t_x, T);
}

/** Unchecked P(alive). */
export function pAlive(p: BgNbdParams, x: number, t_x: number, T: number): number {
  // 1/(1 + e^L) computed without overflow.
  return logistic(-logOddsDead(p, x, t_x, T));
}

/** ln(P(dead)/P(alive)) at T; −Infinity without repeat purchases. */
function logOddsDead(p: BgNbdParams, x: number, t_x: number, T: number): number {
  if (x === 0) return -Infinity;
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + t_x));
}

/**
 * Probability of no purchase in (T, T+t] for a customer with history
 * (x, t_x, T): the churn risk over a horizon of t model periods. A customer
 * alive at T has λ ~ Gamma(r+x, α+T) and can drop out only right after a
 * purchase, so an alive customer makes no purchase in t with probability
 * ((α+T)/(α+T+t))^(r+x) (the NBD zero class), and
 *   P = 1 − P(alive) + P(alive) · ((α+T)/(α+T+t))^(r+x).
 * Both parts are positive and formed separately (1 − P(alive) from the log
 * odds), so a risk near 0 keeps its relative accuracy.
 *
 * Throws CvError('bgNbdProbabilityNoPurchase', 'value') for invalid input.
 *
 * @example
 * bgNbdProbabilityNoPurchase({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 39, 2, 30.43, 38.86); // ≈ 0.46
 */
export function bgNbdProbabilityNoPurchase(params: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  checkParams('bgNbdProbabilityNoPurchase', params);
  checkRow('bgNbdProbabilityNoPurchase', -1, x, t_x, T);
  checkHorizon('bgNbdProbabilityNoPurchase', t);
  return noPurchase(params, t, x, t_x, T);
}

/** Unchecked P(no purchase in (T, T+t]). */
export function noPurchase(p: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  if (t === 0) return 1;
  return combineNoPurchase(logOddsDead(p, x, t_x, T), Math.exp(-(p.r + x) * Math.log1p(t / (p.alpha + T))));
}

/**
 * Expected number of repeat purchases in (T, T+t] for a customer with
 * history (x, t_x, T) (FHL 2005, eq. 10):
 *   E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z)] · P(alive),
 * z = t/(α+T+t). Euler's transformation turns the bracket into
 * 1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z), whose terms stay small for
 * any x. t is in the model's time unit. At a = 1 the limit is taken.
 *
 * Throws CvError('bgNbdConditionalExpected', 'value') for invalid input.
 *
 * @example
 * bgNbdConditionalExpected({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 39, 2, 30.43, 38.86); // 1.226
 */
export function bgNbdConditionalExpected(params: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  checkParams('bgNbdConditionalExpected', params);
  checkRow('bgNbdConditionalExpected', -1, x, t_x, T);
  checkHorizon('bgNbdConditionalExpected', t);
  return conditionalExpected(params, t, x, t_x, T);
}

/** Unchecked conditional expectation, for callers that validated their inputs. */
export function conditionalExpected(p: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  if (t === 0) return 0;
  return expectedBracket(p, t, x, T) * pAlive(p, x, t_x, T);
}

/**
 * Unchecked expected purchases in (T, T+t] of a customer known to be alive
 * at T; the conditional expectation is this times P(alive). Depends on
 * (x, T) but not on t_x, so callers can share it between customers.
 */
export function expectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  return t === 0 ? 0 : expectedBracket(p, t, x, T);
}

/**
 * Expected purchases in (T, T+t] of a customer alive at T, as a sum of
 * positive terms. Given alive, λ ~ Gamma(r+x, α+T) and the dropout
 * probability p ~ Beta(a, b+x); the purchase count N of an immortal customer
 * is then NBD: P(N = j) = Γ(r+x+j)/(Γ(r+x) j!) (1−z)^(r+x) z^j, z = t/(α+T+t),
 * and the k-th purchase happens only if the customer survived the k−1
 * before it, with probability ρ_{k−1} = E[(1−p)^(k−1)] = (b+x)_{k−1}/(a+b+x)_{k−1}. So
 *   E = Σ_{j≥1} P(N = j) · Σ_{k<j} ρ_k,
 * which equals FHL 2005 eq. 10's (a+b+x−1)/(a−1) · [1 − (1−z)^(r+x) 2F1(r+x, b+x; a+b+x−1; z)]
 * but needs neither a ≠ 1 nor a difference of two numbers close to 1 (the
 * hypergeometric form overflowed for a in the thousands and its difference
 * lost every digit for small t). Terms are kept as mantissa · e^logScale
 * since (1−z)^(r+x) underflows for large x.
 */
function expectedBracket(p: BgNbdParams, t: number, x: number, T: number): number {
  const A = p.r + x;
  const B = p.b + x;
  const z = t / (p.alpha + T + t);
  const w = (p.alpha + T) / (p.alpha + T + t);
  // The NBD mode is near A z/w; past it the terms fall like z^j j^(A+1) at worst: about this many terms.
  if ((A + 40 + (A + 1) * Math.log1p(1 / w)) / w > SERIES_BUDGET) {
    return (p.a > 2 ? expectedBracketBySurvival(p, t, x, T) : undefined) ?? expectedBracketHypergeometric(p, t, x, T);
  }
  let logScale = A * Math.log(w);
  let prob = 1; // P(N = j) / e^logScale
  let rho = 1; // ρ_j
  let cum = 0; // Σ_{k<j} ρ_k
  let sum = 0;
  for (let j = 0; ; j++) {
    if (j === SERIES_BUDGET) {
      throw new CvError('bgNbdConditionalExpected', 'convergence', `the expectation series did not converge within ${SERIES_BUDGET} terms`);
    }
    // Step from j to j+1.
    prob *= ((A + j) / (j + 1)) * z;
    cum += rho;
    rho *= (B + j) / (p.a + B + j);
    const term = prob * cum;
    sum += term;
    if (sum > 1e280) {
      const shrink = Math.exp(-460);
      prob *= shrink;
      sum *= shrink;
      logScale += 460;
    }
    // Past the mode the probabilities fall by (A+j+1)z/(j+2) per step and the
    // partial sums grow by at most (j+2)/(j+1): a geometric bound on the tail.
    const ratio = (((A + j + 1) / (j + 2)) * z * (j + 2)) / (j + 1);
    if (ratio < 1 && term * ratio <= EPS * sum * (1 - ratio)) break;
  }
  return sum === 0 ? 0 : Math.exp(logScale + Math.log(sum));
}

const SERIES_BUDGET = 50_000;

/**
 * The same expectation summed the other way, E = Σ_k ρ_k P(N > k), for t
 * far beyond α + T (the NBD count is spread over ~1/(1−z) values) when the
 * survival weights ρ_k fall fast (a > 2: ρ_k ~ k^(−a)). P(N > k) = 1 − P(N ≤ k)
 * loses nothing there because the count is large. Returns undefined when
 * SERIES_BUDGET terms do not suffice.
 */
function expectedBracketBySurvival(p: BgNbdParams, t: number, x: number, T: number): number | undefined {
  const A = p.r + x;
  const B = p.b + x;
  const lz = Math.log(t / (p.alpha + T + t));
  let logProb = A * Math.log((p.alpha + T) / (p.alpha + T + t)); // ln P(N = k)
  let cdf = 0;
  let rho = 1;
  let sum = 0;
  for (let k = 0; k < SERIES_BUDGET; k++) {
    cdf += Math.exp(logProb);
    sum += rho * (1 - cdf);
    logProb += Math.log((A + k) / (k + 1)) + lz;
    rho *= (B + k) / (p.a + B + k);
    // Σ_{i>k} ρ_i ≤ ρ_{k+1} (B+k+a)/(a−1) for these Beta moments.
    if ((rho * (B + k + p.a)) / (p.a - 1) <= EPS * sum) return sum;
  }
  return undefined;
}
const EPS = 1e-17;

/**
 * The same expectation through Euler's transformation of FHL 2005 eq. 10,
 *   (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)],
 * for t so far beyond α + T that the positive series would need more than
 * SERIES_BUDGET terms. Throws CvError('bgNbdConditionalExpected', 'num')
 * rather than return a value the formula cannot give accurately (a near 1,
 * overflow of the 2F1, or a difference that cancelled to rounding noise).
 */
function expectedBracketHypergeometric(p: BgNbdParams, t: number, x: number, T: number): number {
  const fn = 'bgNbdConditionalExpected';
  if (Math.abs(p.a - 1) < 1e-4) {
    throw new CvError(fn, 'num', msg('model.inaccurateExpectation', { at: `t = ${t} ≫ α + T = ${p.alpha + T}, a = ${p.a} ≈ 1` }));
  }
  const z = t / (p.alpha + T + t);
  const lw = Math.log((p.alpha + T) / (p.alpha + T + t));
  const f = hyp2f1(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z);
  const g = Math.sign(f) * Math.exp((p.a - 1) * lw + Math.log(Math.abs(f)));
  const value = ((p.a + p.b + x - 1) / (p.a - 1)) * (1 - g);
  if (!(Number.isFinite(value) && value > 0 && Math.abs(1 - g) > 1e-6 * Math.max(1, Math.abs(g)))) {
    throw new CvError(fn, 'num', msg('model.inaccurateExpectation', { at: `t = ${t}` }));
  }
  return value;
}

/**
 * Expected number of purchases in (0, t] of a customer picked at random at
 * the start of the relationship (FHL 2005, eq. 9):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))].
 *
 * Throws CvError('bgNbdExpected', 'value') for invalid input.
 *
 * @example
 * bgNbdExpected({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 39); // ≈ 1.47
 */
export function bgNbdExpected(params: BgNbdParams, t: number): number {
  checkParams('bgNbdExpected', params);
  checkHorizon('bgNbdExpected', t);
  if (t === 0) return 0;
  // Same bracket as the conditional expectation with x = 0 and T = 0.
  return expectedBracket(params, t, 0, 0);
}

/**
 * P(X(t) = n): probability that a new customer makes exactly n purchases
 * in (0, t] (FHL 2005, eq. 8).
 *
 * Throws CvError('bgNbdProbabilityOfCount', 'value') for invalid input
 * (n must be a whole number ≥ 0).
 *
 * @example
 * bgNbdProbabilityOfCount({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 39, 0); // 0.5737864
 */
export function bgNbdProbabilityOfCount(params: BgNbdParams, t: number, n: number): number {
  checkParams('bgNbdProbabilityOfCount', params);
  checkHorizon('bgNbdProbabilityOfCount', t);
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new CvError('bgNbdProbabilityOfCount', 'value', `n must be a whole number ≥ 0, got ${n}`);
  }
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const lp = Math.log(alpha / (alpha + t));
  const lq = Math.log(t / (alpha + t));
  const lbAB = logBeta(a, b);
  const lgR = logGamma(r);
  const nbd = (j: number): number => Math.exp(logGamma(r + j) - lgR - logGamma(j + 1) + r * lp + j * lq);
  const first = Math.exp(logBeta(a, b + n) - lbAB) * nbd(n);
  if (n === 0) return first;
  return first + Math.exp(logBeta(a + 1, b + n - 1) - lbAB) * nbdTail(r, lp, lq, n, nbd);
}

/**
 * P(N ≥ n) of the NBD count, n ≥ 1: as 1 − P(N < n) while that sum is below
 * 1/2, otherwise by summing the tail itself (1 − P(N < n) would be rounding
 * noise when the tail is small). Throws CvError('bgNbdProbabilityOfCount',
 * 'convergence') past a million terms (n or the NBD mean in the millions).
 */
function nbdTail(r: number, lp: number, lq: number, n: number, nbd: (j: number) => number): number {
  const fn = 'bgNbdProbabilityOfCount';
  const q = Math.exp(lq);
  // Past the mean the terms fall at least geometrically: sum the tail directly.
  const mean = (r * q) / Math.exp(lp);
  if (n > mean + 1) {
    let term = nbd(n);
    let sum = term;
    for (let j = n; ; j++) {
      if (j - n === MAX_COUNT_TERMS) throw new CvError(fn, 'convergence', `the NBD tail did not converge within ${MAX_COUNT_TERMS} terms`);
      const ratio = ((r + j) / (j + 1)) * q;
      term *= ratio;
      sum += term;
      if (ratio < 1 && term * ratio <= 1e-17 * sum * (1 - ratio)) return sum;
    }
  }
  if (n > MAX_COUNT_TERMS) throw new CvError(fn, 'convergence', `P(N ≥ ${n}) would need ${n} terms`);
  let cdf = 0;
  for (let j = 0; j < n; j++) cdf += nbd(j);
  // Below the mean P(N ≥ n) is of order 1/2 or more: no cancellation to speak of.
  return 1 - cdf;
}

const MAX_COUNT_TERMS = 1_000_000;

/** Throw CvError(fn, 'value') unless all four parameters are positive and finite. */
export function checkParams(fn: string, p: BgNbdParams): void {
  for (const k of NAMES) {
    const v = p[k];
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
}

