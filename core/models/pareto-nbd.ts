import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import { hyp2f1APlusOneLongSeries, hyp2f1APlusOneNearOne, logHyp2f1APlusOne } from '../math/hyp2f1.ts';
import { logHyp2f1LargeA } from '../math/log-hyp2f1-large-a.ts';
import { digamma } from '../math/digamma.ts';
import { logGamma } from '../math/log-gamma.ts';
import { logAddExp } from '../math/log-sum-exp.ts';
import { checkHorizon, checkRow, groupRepeatData, requireEnoughData, type GroupedRepeatData, type RepeatData, type RepeatInput, groupedOnce } from './customer-data.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { boundaryNotes, fitNotes, maximizeLogLikelihood, meanNegLogLikelihood, nowSeconds, type FitControl, type MaximizeResult } from './fit-driver.ts';
import { combineNoPurchase, logistic } from './no-purchase.ts';

/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive
 * a customer buys as a Poisson process with rate λ ~ Gamma(r, α) and dies
 * after an exponential lifetime with rate μ ~ Gamma(s, β), at any time (not
 * only after a purchase, unlike BG/NBD). α and β are in the model's time
 * unit; r and s are unit-free.
 */
export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };

export interface ParetoNbdFitOptions extends FitControl {
  /** Starting point; default r = 1, α and β from the data, s = 1. */
  initial?: ParetoNbdParams;
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const;
/** The coordinates of the search of the limits: r, the mean purchase rate r/α, s and β. */
const PSI_NAMES = ['r', 'r/alpha', 's', 'beta'] as const;

/**
 * Maximum-likelihood fit of (r, α, s, β) to per-customer (x, t_x, T),
 * grouped by identical rows, with an analytic gradient.
 *
 * `data` may be grouped already (groupRepeatData): the model choice fits
 * three models on one data set and groups it once.
 *
 * Boundary optima (no drop-out visible: s → 0 or β → ∞; one purchase or
 * drop-out rate for everyone: r or s → ∞; a share gone at once: s, β → 0)
 * are returned with `notes`, as in fitBgNbd. The search runs in
 * ln(r, α, s, β) while the parameters stay in their identified range and
 * goes on in ln(r, r/α, s, β) once it heads for a limit (searchLimits);
 * `evaluations` counts both. r is held at 1e4 and s at 100 at most: beyond, with α far
 * from β, each likelihood evaluation needs ever longer hypergeometric series
 * (a burst of daily purchases followed by silence drove r past 1e9 and one
 * evaluation to seconds; 100 simulated customers with one drop-out rate for
 * all drove s to 8,000 and an evaluation to 0.5 s; at s = 1,000 still 0.1 s), while the likelihood has
 * long stopped changing.
 *
 * Throws CvError('fitParetoNbd', 'value' | 'data' | 'convergence') like fitBgNbd.
 *
 * @example
 * // CDNOW sample, weeks: r 0.553, α 10.578, s 0.606, β 11.669, LL −9594.98
 * fitParetoNbd({ x, t_x, T }).params;
 */
export function fitParetoNbd(data: RepeatInput, options: ParetoNbdFitOptions = {}): FitResult<ParetoNbdParams> {
  const started = nowSeconds();
  const g = groupedOnce('fitParetoNbd', data);
  requireEnoughData('fitParetoNbd', g);
  const init = options.initial ?? {
    r: 1,
    alpha: Math.max(g.meanT / Math.max(g.meanX, 0.05), 1e-3),
    s: 1,
    beta: g.meanT,
  };
  const theta0 = [Math.log(init.r), Math.log(init.alpha), Math.log(init.s), Math.log(init.beta)];
  const pairs = indexPairs(g);
  const maxT = g.T.reduce((m, v) => Math.max(m, v), 0);
  const control = { penalizer: options.penalizer, maxSeconds: options.maxSeconds, maxEvaluations: options.maxEvaluations };
  // A warm start is a point in θ: only the interior search takes it, and only a fit that ends there gives one.
  // Inside the range where data identify every parameter (CDNOW's optimum is there), the search
  // runs in θ = ln(r, α, s, β), as it always has: the published fits are reproduced to the digit.
  const interior = maximizeLogLikelihood(
    'fitParetoNbd',
    NAMES,
    (theta, grad) => negMeanLogLikelihood(pairs, theta, grad),
    theta0,
    g.customers,
    true,
    [1, g.meanT, 1, g.meanT],
    {
      ...control,
      penaltyScales: [1, 1 / maxT, 1, 1 / maxT],
      lower: [1e-5, g.meanT * 1e-5, 1e-5, g.meanT * 1e-5],
      upper: [1e3, g.meanT * 1e5, 100, g.meanT * 1e5],
      margin: [10, 100, 1, 100],
      leaveAtRange: true,
      warm: options.warm,
    },
  );
  const res = interior.leftRange ? searchLimits(g, pairs, interior, control, started) : interior;
  const params = interior.leftRange ? fromPsi(res.theta) : fromTheta(res.theta);
  const notes = boundaryNotes(interior.leftRange ? PSI_NAMES : NAMES, res.theta, res.boundary, (name, side) =>
    paretoNbdBoundaryMeaning(params, name, side, g.meanT),
  );
  return {
    model: 'pnbd',
    params,
    logLikelihood: res.logLikelihood,
    customers: g.customers,
    iterations: interior.leftRange ? interior.iterations + res.iterations : res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
    seconds: nowSeconds() - started,
    ...fitNotes(notes),
  };
}

function fromTheta(theta: Float64Array): ParetoNbdParams {
  const [r, alpha, s, beta] = Array.from(theta, Math.exp);
  return { r, alpha, s, beta };
}

function fromPsi(psi: Float64Array): ParetoNbdParams {
  const [r, rate, s, beta] = Array.from(psi, Math.exp);
  return { r, alpha: r / rate, s, beta };
}

/**
 * The search once it has left the identified range, heading for a limit of
 * the model: on in ψ = ln(r, r/α, s, β). The data pin down the mean
 * purchase rate, and with it as a coordinate the limit of one purchase rate
 * for all (r → ∞ at a fixed r/α) lies along one axis, so r held at its edge
 * leaves the others a well-conditioned search. In θ, a held r dragged α
 * back and forth, and on 300 customers buying on uniform days the search
 * crawled for 4,000 evaluations until its 10 s ran out. The drop-out side
 * stays in ln(s, β): its limits are s → ∞ along a straight ridge s/β fixed,
 * and s, β → 0 (a share gone at once) with s ln(1/β) fixed, which in
 * ln(s, s/β) is a curve the search crawled along for 400 iterations (1,000
 * customers from a CSV) and in ln(s, β) nearly the β axis.
 * Continues the budget of the first stage.
 */
function searchLimits(
  g: GroupedRepeatData,
  pairs: PairIndex,
  from: MaximizeResult,
  control: FitControl,
  started: number,
): MaximizeResult {
  const maxT = g.T.reduce((m, v) => Math.max(m, v), 0);
  const perPeriod = 1 / g.meanT;
  const theta = new Float64Array(4);
  const gTheta = new Float64Array(4);
  const toTheta = (psi: Float64Array): Float64Array => {
    theta[0] = psi[0];
    theta[1] = psi[0] - psi[1];
    theta[2] = psi[2];
    theta[3] = psi[3];
    return theta;
  };
  const t = from.theta;
  return maximizeLogLikelihood(
    'fitParetoNbd',
    PSI_NAMES,
    (psi, grad) => {
      if (!grad) return negMeanLogLikelihood(pairs, toTheta(psi));
      const v = negMeanLogLikelihood(pairs, toTheta(psi), gTheta);
      // θ = (ψ0, ψ0 − ψ1, ψ2, ψ2 − ψ3).
      grad[0] = gTheta[0] + gTheta[1];
      grad[1] = -gTheta[1];
      grad[2] = gTheta[2];
      grad[3] = gTheta[3];
      return v;
    },
    [t[0], t[0] - t[1], t[2], t[3]],
    g.customers,
    true,
    [1, perPeriod, 1, perPeriod],
    {
      ...control,
      spent: { evaluations: from.evaluations, seconds: nowSeconds() - started },
      // lifetimes' penalty Σ (r, α/max T, s, β/max T)², taken in θ.
      penalty: (psi, grad) => {
        const th = toTheta(psi);
        const q0 = Math.exp(th[0]);
        const q1 = Math.exp(th[1]) / maxT;
        const q2 = Math.exp(th[2]);
        const q3 = Math.exp(th[3]) / maxT;
        if (grad) {
          // d/dθ q² = 2q², through θ(ψ) as for the likelihood.
          grad[0] += 2 * (q0 * q0 + q1 * q1);
          grad[1] += -2 * q1 * q1;
          grad[2] += 2 * q2 * q2;
          grad[3] += 2 * q3 * q3;
        }
        return q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3;
      },
      // Out here (r+s+x in the thousands, α/β past 1e7) the likelihood carries ~1e-12 relative
      // rounding noise: evaluations at one point of the stalled tail of a 1,000-customer fit
      // differed by 2e-11 on 13.4. Steps gaining less than ten times that are noise, and
      // taking them only spent evaluations (30 of 115 there).
      noise: 1e-11,
      // r and s as in θ; the mean rates from 1e-5 to 1e5 per mean customer age.
      // β's identified range reaches down to 1e-9 of the mean customer age (1e-5 in θ), and
      // the box 100 times further: towards the limit where a share leaves at once (s, β → 0)
      // the likelihood gains like s ∝ 1/ln(1/β); at 1e-11 of the age it is within 0.32 of that
      // limit on the add-in tests' 300 customers (0.57 at 1e-7, where the θ box ends).
      lower: [1e-5, perPeriod * 1e-5, 1e-5, g.meanT * 1e-9],
      upper: [1e3, perPeriod * 1e5, 100, g.meanT * 1e5],
      margin: [10, 100, 1, 100],
    },
  );
}

/** The sentence for a Pareto/NBD parameter held beyond its identified range. */
function paretoNbdBoundaryMeaning(p: ParetoNbdParams, name: string, side: 'lower' | 'upper', meanT: number): Message | undefined {
  // Drop-out: s → 0 (nearly everyone's rate is 0) or β → ∞ (a mean rate s/β → 0) is no visible
  // churn; s → ∞ at a fixed mean is one rate for all.
  if ((name === 's' && side === 'lower') || (name === 'beta' && side === 'upper')) return msg('model.noDropout');
  if (name === 'beta' && p.s < 1) {
    // s → 0 and β → 0 with s ln(1/β) fixed: P(alive at t) = (β/(β+t))^s is the same for every
    // t > 0, a share gone at once and the rest for ever (an excess of customers who never came back).
    const gone = -Math.expm1(-p.s * Math.log1p(meanT / p.beta));
    return msg('model.dropoutAtOnce', { percent: (100 * gone).toPrecision(2) });
  }
  if (name === 's') return msg('model.sameDropoutRate', { lifetime: (p.beta / p.s).toPrecision(3) });
  if (name === 'r') return side === 'upper' ? msg('model.sameRate', { rate: (p.r / p.alpha).toPrecision(3) }) : msg('model.unevenRates');
  return undefined;
}

/**
 * The Pareto/NBD log-likelihood Σ ln L(r, α, s, β | x_i, t_x,i, T_i).
 * Throws CvError('paretoNbdLogLikelihood', 'value') for invalid input.
 *
 * @example
 * paretoNbdLogLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, cdnow); // ≈ −9594.98
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RepeatData): number {
  checkParams('paretoNbdLogLikelihood', params);
  const g = groupRepeatData('paretoNbdLogLikelihood', data);
  const theta = Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.s), Math.log(params.beta));
  return -negMeanLogLikelihood(indexPairs(g), theta) * g.customers;
}

/**
 * The likelihood's costly parts depend on (x, t_x) or on (x, T) only, and
 * data have far fewer distinct pairs than distinct triples; index them once
 * per fit so each evaluation computes one hypergeometric term per pair.
 */
interface PairIndex {
  g: GroupedRepeatData;
  /** Distinct (x, t_x) pairs and each group's pair. */
  recX: Float64Array;
  recY: Float64Array;
  recOf: Int32Array;
  /** Distinct (x, T) pairs and each group's pair. */
  ageX: Float64Array;
  ageY: Float64Array;
  ageOf: Int32Array;
  /** Each pair's x as an index into g.distinctX. */
  recXi: Int32Array;
  ageXi: Int32Array;
  /** Per distinct x, the series' coefficients at the parameters being evaluated. */
  terms: SeriesTerms[];
}

/**
 * The coefficients of the series S of logTailGradient for one x, which
 * all its (x, y) pairs share: c_k = Π_{i<k} (m+i)/(n+1+i) and the harmonic
 * sums H_k(m), H_k(n+1). Taken once per x and evaluation, they leave each
 * pair's series only multiplications and additions; its three divisions per
 * term, one after the other through the running term, were most of its time.
 * Grown on demand: a pair with z near 1 needs more terms.
 */
const NO_TERMS = new Float64Array(0);

class SeriesTerms {
  c: Float64Array = NO_TERMS;
  hm: Float64Array = NO_TERMS;
  hn: Float64Array = NO_TERMS;
  /** Entries valid at the current parameters. */
  length = 0;
  // NaN, not 0: V8 lays a field out by the first value written to it, and the
  // first fit's first (m, n) are whole numbers (it starts at r = s = 1): the
  // first fraction would change the layout of every SeriesTerms and throw the
  // likelihood's compiled code away mid-fit (docs/cli-speed.md, "Compiled once").
  private m = NaN;
  private np = NaN;

  constructor() {
    // Written twice before any code is compiled, so that V8 takes them for variables, not
    // constants: they are replaced when they grow, mid-fit (see ByteIds' constructor).
    this.c = new Float64Array(64);
    this.hm = new Float64Array(64);
    this.hn = new Float64Array(64);
  }

  reset(m: number, np: number): void {
    this.m = m;
    this.np = np;
    this.c[0] = 1;
    this.hm[0] = 0;
    this.hn[0] = 0;
    this.length = 1;
  }

  /** Makes entries 0 … k valid. */
  growTo(k: number): void {
    if (k >= this.c.length) {
      const size = Math.max(2 * this.c.length, k + 1);
      const grown = (a: Float64Array): Float64Array => {
        const b = new Float64Array(size);
        b.set(a.subarray(0, this.length));
        return b;
      };
      this.c = grown(this.c);
      this.hm = grown(this.hm);
      this.hn = grown(this.hn);
    }
    const { c, hm, hn, m, np } = this;
    for (let i = this.length - 1; i < k; i++) {
      c[i + 1] = (c[i] * (m + i)) / (np + i);
      hm[i + 1] = hm[i] + 1 / (m + i);
      hn[i + 1] = hn[i] + 1 / (np + i);
    }
    if (k + 1 > this.length) this.length = k + 1;
  }
}

function indexPairs(g: GroupedRepeatData): PairIndex {
  const build = (ys: Float64Array): { px: Float64Array; py: Float64Array; of: Int32Array } => {
    const seen = new Map<number, Map<number, number>>();
    const px: number[] = [];
    const py: number[] = [];
    const of = new Int32Array(g.x.length);
    for (let i = 0; i < g.x.length; i++) {
      let byY = seen.get(g.x[i]);
      if (!byY) seen.set(g.x[i], (byY = new Map()));
      let k = byY.get(ys[i]);
      if (k === undefined) {
        k = px.length;
        byY.set(ys[i], k);
        px.push(g.x[i]);
        py.push(ys[i]);
      }
      of[i] = k;
    }
    return { px: Float64Array.from(px), py: Float64Array.from(py), of };
  };
  const rec = build(g.t_x);
  const age = build(g.T);
  const position = new Map<number, number>();
  g.distinctX.forEach((x, j) => position.set(x, j));
  const xi = (px: Float64Array): Int32Array => Int32Array.from(px, (x) => position.get(x) ?? 0);
  return {
    g,
    recX: rec.px,
    recY: rec.py,
    recOf: rec.of,
    ageX: age.px,
    ageY: age.py,
    ageOf: age.of,
    recXi: xi(rec.px),
    ageXi: xi(age.px),
    terms: Array.from(g.distinctX, () => new SeriesTerms()),
  };
}

/**
 * The parameters at θ as the likelihood takes them. A class of its own, with
 * fields made fractional (NaN) before they are written: the fit starts at
 * θ = 0, where every parameter is exactly 1, which V8 holds as a small
 * integer, and an object first made with integer fields changes its layout at
 * the first fraction, which throws away the code compiled for the likelihood
 * in the middle of the fit. Not a plain { r, alpha, s, beta }: that layout is
 * shared with every other model's parameters (BG/NBD's begin with r and
 * alpha too), and their compiled predictions would be thrown away instead
 * (docs/cli-speed.md, "Compiled once").
 */
class ParamsAt implements ParetoNbdParams {
  r = NaN;
  alpha = NaN;
  s = NaN;
  beta = NaN;

  constructor(theta: Float64Array) {
    this.r = Math.exp(theta[0]);
    this.alpha = Math.exp(theta[1]);
    this.s = Math.exp(theta[2]);
    this.beta = Math.exp(theta[3]);
  }
}

/**
 * −LL/N at θ = ln(r, α, s, β) and, when `grad` is given, its gradient in θ
 * (analytic: the hypergeometric series is differentiated term by term in
 * logTailGradient).
 */
function negMeanLogLikelihood(ix: PairIndex, theta: Float64Array, grad?: Float64Array): number {
  const g = ix.g;
  const p = new ParamsAt(theta);
  if (![p.r, p.alpha, p.s, p.beta].every((v) => Number.isFinite(v) && v > 0)) return Infinity;
  const { r, alpha, s, beta } = p;
  const nx = g.distinctX.length;
  const c = new Float64Array(nx);
  const dcR = new Float64Array(nx);
  const lgR = logGamma(r);
  const psiR = grad ? digamma(r) : 0;
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  const head = r * lnAlpha + s * lnBeta;
  const share = new Float64Array(nx); // ln(s/(r+s+x))
  for (let j = 0; j < nx; j++) {
    const x = g.distinctX[j];
    c[j] = logGamma(r + x) - lgR + head;
    share[j] = Math.log(s / (r + s + x));
    if (grad) dcR[j] = digamma(r + x) - psiR + lnAlpha;
  }
  const nRec = ix.recX.length;
  const nAge = ix.ageX.length;
  const rec = new Float64Array(nRec);
  const age = new Float64Array(nAge);
  const alive = new Float64Array(nAge);
  // ln(α+T) and ln(β+T) per (x, T) pair: the gradient of every group needs them again, and
  // the logarithms were a quarter of the per-group loop (the same values, taken once).
  const lnAlphaT = new Float64Array(nAge);
  const lnBetaT = new Float64Array(nAge);
  const dRec = grad ? new Float64Array(4 * nRec) : undefined;
  const dAge = grad ? new Float64Array(4 * nAge) : undefined;
  if (grad) {
    const first = alpha >= beta;
    for (let j = 0; j < nx; j++) {
      const x = g.distinctX[j];
      ix.terms[j].reset(first ? r + x : s + 1, r + s + x + 1);
    }
  }
  for (let k = 0; k < nRec; k++) {
    rec[k] = dRec ? logTailGradient(p, ix.recX[k], ix.recY[k], dRec, 4 * k, ix.terms[ix.recXi[k]]) : logTail(p, ix.recX[k], ix.recY[k]);
  }
  for (let k = 0; k < nAge; k++) {
    const x = ix.ageX[k];
    const T = ix.ageY[k];
    age[k] = dAge ? logTailGradient(p, x, T, dAge, 4 * k, ix.terms[ix.ageXi[k]]) : logTail(p, x, T);
    lnAlphaT[k] = Math.log(alpha + T);
    lnBetaT[k] = Math.log(beta + T);
    // logAlive, on the logarithms just taken.
    alive[k] = -(r + x) * lnAlphaT[k] - s * lnBetaT[k];
  }
  let ll = 0;
  let gr = 0;
  let ga = 0;
  let gs = 0;
  let gb = 0;
  for (let i = 0; i < g.x.length; i++) {
    const a = ix.ageOf[i];
    const j = g.xIndex[i];
    const ri = ix.recOf[i];
    const l1 = rec[ri];
    const l2 = age[a];
    // L/e^A = 1 + e^u·D with u = ln(s/(r+s+x)) + l1 − A and D = 1 − e^(l2 − l1) (the A0
    // difference over its first term; 0 when rounding makes l2 ≥ l1, at t_x ≈ T). Formed so
    // that neither term can overflow, in three transcendental calls where logDiff, logAddExp
    // and the weights below took six (they were half the time of an evaluation).
    const D = l2 < l1 ? -Math.expm1(l2 - l1) : 0;
    const A = alive[a];
    const u = share[j] + l1 - A;
    // ln(L/e^A), and the dead part's share wD of L over D (the weight of the A0 difference).
    let lnRatio: number;
    let wOverD: number;
    if (D === 0) {
      // No dead part: L = e^A exactly (and below, e^(−u) could underflow to 0 beside D = 0).
      lnRatio = 0;
      wOverD = 0;
    } else if (u <= 0) {
      const eu = Math.exp(u);
      const rho = eu * D;
      lnRatio = Math.log1p(rho);
      wOverD = eu / (1 + rho);
    } else {
      const e = Math.exp(-u);
      lnRatio = u + Math.log(D + e);
      wOverD = 1 / (D + e);
    }
    const total = A + lnRatio;
    const w = g.weight[i];
    ll += w * (c[j] + total);
    if (dRec && dAge) {
      const x = g.x[i];
      const T = g.T[i];
      const n = r + s + x;
      const wD = wOverD * D;
      const wA = 1 - wD;
      // Terms of c and of the "alive" part.
      let dr = dcR[j] - wA * lnAlphaT[a];
      let dal = r / alpha - (wA * (r + x)) / (alpha + T);
      let ds = lnBeta - wA * lnBetaT[a];
      let dbe = s / beta - (wA * s) / (beta + T);
      if (wD > 0) {
        // d ln(e^l1 − e^l2) = (dl1 − q dl2) / (1 − q), q = e^(l2 − l1) = 1 − D.
        const q = 1 - D;
        const f = wOverD;
        const o1 = 4 * ri;
        const o2 = 4 * a;
        dr += wD * (-1 / n) + f * (dRec[o1] - q * dAge[o2]);
        dal += f * (dRec[o1 + 1] - q * dAge[o2 + 1]);
        ds += wD * (1 / s - 1 / n) + f * (dRec[o1 + 2] - q * dAge[o2 + 2]);
        dbe += f * (dRec[o1 + 3] - q * dAge[o2 + 3]);
      }
      gr += w * dr;
      ga += w * dal;
      gs += w * ds;
      gb += w * dbe;
    }
  }
  return meanNegLogLikelihood(ll, g.customers, grad, [gr, ga, gs, gb], [r, alpha, s, beta]);
}

/**
 * logTail and its partial derivatives in (r, α, s, β), written to
 * out[offset..offset+3]. With n = r+s+x and the Euler form used by
 * logHyp2f1APlusOne, ln 2F1(n, b; n+1; z) = (1−b) ln(1−z) + ln S(m, n+1, z),
 * S = Σ_k t_k, t_{k+1} = t_k (m+k)/(n+1+k) z, m = n+1−b; so
 *   ∂ ln S/∂m = Σ t_k H_k(m) / S,  ∂ ln S/∂(n+1) = −Σ t_k H_k(n+1) / S,
 *   ∂ ln S/∂z = Σ k t_k / (z S),   H_k(v) = Σ_{i<k} 1/(v+i).
 * Branch α ≥ β: b = s+1, m = r+x, z = (α−β)/(α+y); α < β: b = r+x, m = s+1, z = (β−α)/(β+y).
 */
function logTailGradient(p: ParetoNbdParams, x: number, y: number, out: Float64Array, offset: number, terms: SeriesTerms): number {
  const { r, alpha, s, beta } = p;
  const n = r + s + x;
  const first = alpha >= beta;
  const big = first ? alpha : beta;
  const small = first ? beta : alpha;
  const z = (big - small) / (big + y);
  // Close to z = 1 the series below would need ~37/(1−z) terms (a hang when a fit drives
  // max(α,β) far above min(α,β) + t_x); logHyp2f1APlusOne switches to its split integral
  // there, and the gradient of that value is taken by central differences.
  if (hyp2f1APlusOneNearOne(n, (small + y) / (big + y))) return logTailNumericGradient(p, x, y, out, offset);
  if (hyp2f1APlusOneLongSeries(n, (small + y) / (big + y))) return logTailLargeA(p, x, y, out, offset);
  // Series and its derivative sums, from the coefficients x shares (t_{k+1} = c_{k+1} z^(k+1)).
  let S = 1;
  let Sm = 0;
  let Sn = 0;
  let Sz = 0;
  let zk = 1; // z^k
  for (let k = 0; ; k++) {
    if (k === 1_000_000) {
      throw new CvError('paretoNbdObjective', 'convergence', `the hypergeometric series did not converge within a million terms (r+s+x = ${n})`);
    }
    if (k + 1 >= terms.length) terms.growTo(Math.max(k + 1, 2 * terms.length));
    const u = terms.c[k + 1] * zk; // t_{k+1} / z
    const Hm = terms.hm[k + 1];
    const Hn = terms.hn[k + 1];
    const t = u * z;
    S += t;
    Sm += t * Hm;
    Sn += t * Hn;
    Sz += (k + 1) * u;
    if ((k + 2) * u * (1 + Hm + Hn) <= 1e-17 * S * (1 - z) * (1 - z)) break;
    zk *= z;
  }
  const lnS = Math.log(S);
  const dm = Sm / S;
  const dn = -Sn / S;
  const dz = Sz / S;
  const l1z = Math.log1p(-z);
  const lnBig = Math.log(big + y);
  // ∂z/∂big = (small + y)/(big + y)², ∂z/∂small = −1/(big + y).
  const dzBig = (small + y) / ((big + y) * (big + y));
  const dzSmall = -1 / (big + y);
  let value: number;
  let dR: number;
  let dS: number;
  let dZ: number; // ∂L/∂z
  if (first) {
    value = -s * l1z + lnS - n * lnBig;
    dR = dm + dn - lnBig;
    dS = -l1z + dn - lnBig;
    dZ = s / (1 - z) + dz;
  } else {
    value = (1 - r - x) * l1z + lnS - n * lnBig;
    dR = -l1z + dn - lnBig;
    dS = dm + dn - lnBig;
    dZ = (r + x - 1) / (1 - z) + dz;
  }
  const dBig = dZ * dzBig - n / (big + y);
  const dSmall = dZ * dzSmall;
  out[offset] = dR;
  out[offset + 1] = first ? dBig : dSmall;
  out[offset + 2] = dS;
  out[offset + 3] = first ? dSmall : dBig;
  return value;
}

/**
 * logTailGradient where its series would pass 20,000 terms (r+s+x in the
 * thousands with max(α,β) ≫ min(α,β) + y: the Poisson limit r → ∞ of data
 * without heterogeneity), from logHyp2f1LargeA's quadrature. ln F's
 * partials in (a, b, z) map as in the series: a = r+s+x, b = s+1 (α ≥ β)
 * or r+x (α < β), ∂z/∂max = w/(max+y), ∂z/∂min = −1/(max+y).
 */
function logTailLargeA(p: ParetoNbdParams, x: number, y: number, out: Float64Array, offset: number): number {
  const { r, alpha, s, beta } = p;
  const n = r + s + x;
  const first = alpha >= beta;
  const big = (first ? alpha : beta) + y;
  const w = ((first ? beta : alpha) + y) / big;
  const f = logHyp2f1LargeA(n, first ? s + 1 : r + x, Math.abs(alpha - beta) / big, w);
  const lnBig = Math.log(big);
  const dBig = (f.dz * w) / big - n / big;
  const dSmall = -f.dz / big;
  out[offset] = (first ? f.da : f.da + f.db) - lnBig;
  out[offset + 1] = first ? dBig : dSmall;
  out[offset + 2] = (first ? f.da + f.db : f.da) - lnBig;
  out[offset + 3] = first ? dSmall : dBig;
  return f.value - n * lnBig;
}

/** logTail and its gradient in (r, α, s, β) by central differences with relative steps 1e-5. */
function logTailNumericGradient(p: ParetoNbdParams, x: number, y: number, out: Float64Array, offset: number): number {
  const keys = ['r', 'alpha', 's', 'beta'] as const;
  for (let i = 0; i < 4; i++) {
    const h = 1e-5 * p[keys[i]];
    const up = logTail({ ...p, [keys[i]]: p[keys[i]] + h }, x, y);
    const down = logTail({ ...p, [keys[i]]: p[keys[i]] - h }, x, y);
    out[offset + i] = (up - down) / (2 * h);
  }
  return logTail(p, x, y);
}

/** −(r+x) ln(α+T) − s ln(β+T): ln of the "alive at T" term. */
function logAlive(p: ParetoNbdParams, x: number, T: number): number {
  return -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
}

/**
 * ln[2F1(n, b; n+1; z(y)) / (m+y)^n], n = r+s+x, the two terms of A0 at y = t_x
 * and y = T. For α ≥ β: b = s+1, m = α, z = (α−β)/(α+y); for α < β: b = r+x,
 * m = β, z = (β−α)/(β+y). Both keep z in [0, 1); at α = β, z = 0.
 */
function logTail(p: ParetoNbdParams, x: number, y: number): number {
  return logPowerTail(p.r + x, p.alpha, p.s + 1, p.beta, y);
}

/**
 * ln[n ∫_y^∞ (α+τ)^(−e1) (β+τ)^(−e2) dτ], n = e1 + e2 − 1 > 0, through
 * n ∫ = 2F1(n, b; n+1; z) / (max(α,β)+y)^n with b the exponent of the
 * smaller of α, β and z = |α−β|/(max(α,β)+y) (substitute τ = (max+y)/u − max).
 * 1 − z = (min+y)/(max+y) is passed on exactly: with t_x = 0 and β/α below
 * 1e-16, z itself rounds to 1.
 */
function logPowerTail(e1: number, alpha: number, e2: number, beta: number, y: number): number {
  const n = e1 + e2 - 1;
  const first = alpha >= beta;
  const big = (first ? alpha : beta) + y;
  const small = (first ? beta : alpha) + y;
  return logHyp2f1APlusOne(n, first ? e2 : e1, Math.abs(alpha - beta) / big, small / big) - n * Math.log(big);
}

/** ln(e^l1 − e^l2) for the A0 difference; −Infinity when rounding makes l2 ≥ l1 (t_x ≈ T). */
function logDiff(l1: number, l2: number): number {
  return l2 < l1 ? l1 + Math.log(-Math.expm1(l2 - l1)) : -Infinity;
}

/**
 * ln of the bracket of the likelihood (Fader & Hardie 2005, "A note on
 * deriving the Pareto/NBD model and related expressions", eq. 22):
 *   1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A0,
 * with A0 a difference of two hypergeometric terms. For α ≥ β:
 *   A0 = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
 *      − 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^(r+s+x);
 * for α < β the roles swap: 2F1(r+s+x, r+x; r+s+x+1; (β−α)/(β+y)) / (β+y)^(r+s+x).
 * Both branches keep z in [0, 1); at α = β, z = 0 and they coincide.
 * Returned in log form with the two parts, for P(alive). (The fit uses the
 * same pieces through indexPairs.)
 */
function logBracket(p: ParetoNbdParams, x: number, t_x: number, T: number): { total: number; alive: number; dead: number } {
  const alive = logAlive(p, x, T);
  const dead = Math.log(p.s) - Math.log(p.r + p.s + x) + logDiff(logTail(p, x, t_x), logTail(p, x, T));
  return { total: logAddExp(alive, dead), alive, dead };
}

/**
 * Probability that a customer with history (x, t_x, T) is alive at T:
 *   P = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A0)   (Fader & Hardie 2005, eq. 18).
 * Stable for large x and for α far from β (log form; 0 rather than NaN when
 * a very active customer has gone quiet).
 *
 * Throws CvError('paretoNbdProbabilityAlive', 'value') for invalid input,
 * and CvError('logHyp2f1APlusOne', 'convergence') only outside the region
 * its series, split integral and quadrature cover (see logHyp2f1APlusOne
 * and hyp2f1APlusOneLongSeries); none of the fits in the tests and benches
 * (CDNOW, and flat simulated data at the model's limits) reaches it.
 *
 * @example
 * paretoNbdProbabilityAlive({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 2, 30.43, 38.86); // ≈ 0.70
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, t_x: number, T: number): number {
  checkParams('paretoNbdProbabilityAlive', params);
  checkRow('paretoNbdProbabilityAlive', -1, x, t_x, T);
  return pAlive(params, x, t_x, T);
}

/** Unchecked P(alive). */
export function pAlive(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  return logistic(-logOddsDead(p, x, t_x, T));
}

/** ln(P(dead)/P(alive)) at T: what pAlive and noPurchase are made of (unchecked). */
export function logOddsDead(p: ParetoNbdParams, x: number, t_x: number, T: number): number {
  const b = logBracket(p, x, t_x, T);
  return b.dead - b.alive;
}

/**
 * logOddsDead with its two hypergeometric terms from `tail(x, y)`, which
 * must give logTail(p, x, y): a caller scoring many customers remembers them
 * per (x, y) pair, which far fewer than the customers' (x, t_x, T) histories
 * (CDNOW master: 5,119 pairs for 9,895 histories before the holdout).
 */
export function logOddsDeadBy(p: ParetoNbdParams, x: number, t_x: number, T: number, tail: (x: number, y: number) => number): number {
  const alive = logAlive(p, x, T);
  const dead = Math.log(p.s) - Math.log(p.r + p.s + x) + logDiff(tail(x, t_x), tail(x, T));
  return dead - alive;
}

/** Unchecked ln[2F1(…) / (max(α,β)+y)^(r+s+x)], the term of the likelihood at y = t_x and y = T (see logTail). */
export function paretoLogTail(p: ParetoNbdParams, x: number, y: number): number {
  return logTail(p, x, y);
}

/**
 * Probability of no purchase in (T, T+t] for a customer with history
 * (x, t_x, T): the churn risk over a horizon of t model periods.
 *
 * Given alive at T, λ ~ Gamma(r', α') and μ ~ Gamma(s, β') independently
 * (r' = r+x, α' = α+T, β' = β+T), and the remaining lifetime is exponential
 * with rate μ, so P(≥ 1 purchase in t | λ, μ) = λ/(λ+μ) (1 − e^(−(λ+μ)t))
 * = ∫₀ᵗ λ e^(−(λ+μ)w) dw. Averaging λ e^(−λw) and e^(−μw) over their gammas:
 *   J = P(≥ 1 purchase in t | alive) = ∫₀ᵗ (r'/α') (α'/(α'+w))^(r'+1) (β'/(β'+w))^s dw,
 * and P = 1 − P(alive) + P(alive) (1 − J). The integral is the difference of
 * two tails ∫_y^∞ (α'+w)^(−(r'+1)) (β'+w)^(−s) dw at y = 0 and y = t, each a
 * 2F1(n, b; n+1; z) / (max+y)^n with n = r'+s (the same function as the
 * likelihood's), formed in logs.
 *
 * Throws CvError('paretoNbdProbabilityNoPurchase', 'value') for invalid
 * input; 'convergence' from the hypergeometric series (see logHyp2f1APlusOne).
 *
 * @example
 * paretoNbdProbabilityNoPurchase({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39, 2, 30.43, 38.86);
 */
export function paretoNbdProbabilityNoPurchase(params: ParetoNbdParams, t: number, x: number, t_x: number, T: number): number {
  const fn = 'paretoNbdProbabilityNoPurchase';
  checkParams(fn, params);
  checkRow(fn, -1, x, t_x, T);
  checkHorizon(fn, t);
  return noPurchase(params, t, x, t_x, T);
}

/** Unchecked P(no purchase in (T, T+t]); `stay` is a precomputed noPurchaseIfAlive(p, t, x, T). */
export function noPurchase(p: ParetoNbdParams, t: number, x: number, t_x: number, T: number, stay?: number): number {
  if (t === 0) return 1;
  return combineNoPurchase(logOddsDead(p, x, t_x, T), stay ?? noPurchaseIfAlive(p, t, x, T));
}

/**
 * Unchecked 1 − J: P(no purchase in (T, T+t] | alive at T). Depends on
 * (x, T) only, so callers can share it between customers.
 */
export function noPurchaseIfAlive(p: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 1;
  const r1 = p.r + x;
  const a1 = p.alpha + T;
  const b1 = p.beta + T;
  const n = r1 + p.s;
  const l0 = logPowerTail(r1 + 1, a1, p.s, b1, 0);
  const lt = logPowerTail(r1 + 1, a1, p.s, b1, t);
  const logJ = Math.log(r1) + r1 * Math.log(a1) + p.s * Math.log(b1) - Math.log(n) + l0 + Math.log(-Math.expm1(lt - l0));
  // J < E[λ/(λ+μ)] < 1; above 1 only by rounding, which is all that is absorbed here.
  if (!(logJ <= 1e-12)) {
    throw new CvError('paretoNbdProbabilityNoPurchase', 'num', msg('model.outsideAccurateRange', { what: `P(purchase | alive) = e^${logJ}` }));
  }
  return Math.max(-Math.expm1(logJ), 0);
}

/**
 * Expected purchases in (T, T+t] given (x, t_x, T) (Fader & Hardie 2005, eq. 19):
 *   E = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
 * with the limit (r+x)/(α+T) · (β+T) ln((β+T+t)/(β+T)) at s = 1.
 *
 * Throws CvError('paretoNbdConditionalExpected', 'value') for invalid input.
 *
 * @example
 * paretoNbdConditionalExpected({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39, 2, 30.43, 38.86);
 */
export function paretoNbdConditionalExpected(params: ParetoNbdParams, t: number, x: number, t_x: number, T: number): number {
  checkParams('paretoNbdConditionalExpected', params);
  checkRow('paretoNbdConditionalExpected', -1, x, t_x, T);
  checkHorizon('paretoNbdConditionalExpected', t);
  return conditionalExpected(params, t, x, t_x, T, pAlive(params, x, t_x, T));
}

/**
 * Unchecked expected purchases in (T, T+t] of a customer known to be alive
 * at T; depends on (x, T) only. The conditional expectation is this times P(alive).
 */
export function expectedIfAlive(p: ParetoNbdParams, t: number, x: number, T: number): number {
  return conditionalExpected(p, t, x, 0, T, 1);
}

/** Unchecked conditional expectation given an already computed P(alive). */
export function conditionalExpected(p: ParetoNbdParams, t: number, x: number, _t_x: number, T: number, alive: number): number {
  if (t === 0 || alive === 0) return 0;
  const L = Math.log1p(t / (p.beta + T));
  const u = p.s - 1;
  // [1 − e^(−uL)] / u, continuous through u = 0.
  const g = Math.abs(u) < 1e-12 ? L : -Math.expm1(-u * L) / u;
  return ((p.r + x) / (p.alpha + T)) * (p.beta + T) * g * alive;
}

/**
 * Expected purchases in (0, t] of a new customer:
 *   E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]   (Fader & Hardie 2005, eq. 17).
 *
 * @example
 * paretoNbdExpected({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39);
 */
export function paretoNbdExpected(params: ParetoNbdParams, t: number): number {
  checkParams('paretoNbdExpected', params);
  checkHorizon('paretoNbdExpected', t);
  const L = Math.log1p(t / params.beta);
  const u = params.s - 1;
  const g = Math.abs(u) < 1e-12 ? L : -Math.expm1(-u * L) / u;
  return (params.r / params.alpha) * params.beta * g;
}

/** Throw CvError(fn, 'value') unless all four parameters are positive and finite. */
export function checkParams(fn: string, p: ParetoNbdParams): void {
  for (const k of NAMES) {
    const v = p[k];
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
}

/**
 * −LL/N of the data at θ = ln(r, α, s, β) with its analytic gradient in θ —
 * the objective of fitParetoNbd, exposed so tests can check the gradient
 * against finite differences.
 */
export function paretoNbdObjective(data: RepeatData, theta: Float64Array, grad?: Float64Array): number {
  return negMeanLogLikelihood(indexPairs(groupRepeatData('paretoNbdObjective', data)), theta, grad);
}
