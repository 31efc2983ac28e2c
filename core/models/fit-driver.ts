import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { bfgs, nelderMead, type MinimizeResult, type Objective } from '../math/minimize.ts';

// core has no DOM or Node types; performance.now() exists in both.
declare const performance: { now(): number };

/** Seconds since an arbitrary origin, for FitResult.seconds. */
export function nowSeconds(): number {
  return performance.now() / 1000;
}

/** Options every model fit accepts (fitBgNbd, fitParetoNbd, fitGammaGamma). */
export interface FitControl {
  /**
   * L2 penalty on the parameters, as `penalizer_coef` of Python lifetimes
   * 0.11: penalizer · Σ param² is added to −LL/N before minimising (with
   * time-unit parameters divided by the longest T, as lifetimes rescales
   * time so that max T = 1). Pulls parameters towards 0 and keeps a flat
   * likelihood from running to a limit. Default 0. The reported
   * logLikelihood is the unpenalised one at the penalised optimum.
   */
  penalizer?: number;
  /**
   * Give up after this many likelihood evaluations; default
   * DEFAULT_MAX_EVALUATIONS. This is the fit's budget: counted, not timed,
   * so the same data give the same fit (or the same refusal) on a quiet
   * machine and on one busy with other work.
   */
  maxEvaluations?: number;
  /**
   * Also give up after this many seconds, checked between likelihood
   * evaluations; default none. For a caller that must answer by a deadline
   * and accepts that its answer then depends on the machine's load.
   */
  maxSeconds?: number;
  /**
   * Where a fit of the same model to related data ended, to start from: a
   * fit given an empty one fills it, a fit given a filled one starts at its
   * point with its curvature. The model choice fits each model on the data
   * before its holdout and then refits the chosen one on all the data,
   * whose optimum is close by: started there, the refit of CDNOW master
   * takes a third of the evaluations. The optimum is the same to the
   * fit's tolerance.
   */
  warm?: WarmStart;
}

/** A search's end point and its inverse Hessian there, in the fit's search coordinates. */
export interface WarmStart {
  theta?: Float64Array;
  inverseHessian?: Float64Array;
}

/**
 * Far above what a fit needs (CDNOW's three models: 25–35; the hardest
 * limits in the tests: under 150), far below what a runaway search takes.
 * It replaced a default of 10 s, which on a loaded machine turned the same
 * data into a fit on one run and a fallback on the next.
 */
export const DEFAULT_MAX_EVALUATIONS = 5000;

export interface DriverOptions extends FitControl {
  /**
   * Range where each parameter is identified by ordinary data, in parameter
   * (not log) units; default scale/1e5 … scale·1e5 from `scales`. The search
   * may go BOX_MARGIN beyond it on either side: an optimum out there is a
   * boundary optimum (the parameter heads for 0 or ∞ and the likelihood has
   * flattened), reported in `boundary`.
   */
  lower?: readonly number[];
  upper?: readonly number[];
  /**
   * How far (as a factor) beyond its identified range each parameter may go;
   * default 1e3. With 1 the range is the box, and a parameter counts as a
   * boundary optimum only when held at its edge.
   */
  margin?: number | readonly number[];
  /** Multiplier of each parameter inside the penalty (1/max T for time-unit parameters); default 1. */
  penaltyScales?: readonly number[];
  /**
   * Σ (scaled parameter)² at the search coordinates (adding its gradient to
   * `grad` when given), for a model searched in coordinates other than the
   * log-parameters; replaces the default Σ (penaltyScales_i e^θ_i)².
   */
  penalty?: Objective;
  /**
   * Stop as soon as the search steps outside the identified range, returning
   * the point reached with `leftRange` instead of a fit: for a model that
   * searches its interior in one set of coordinates and its limits in
   * another (fitParetoNbd).
   */
  leaveAtRange?: boolean;
  /**
   * Relative gain of −LL/N per BFGS step below which three steps in a row
   * count as no progress (MinimizeOptions.noise); default 1e-13. For a
   * likelihood known to carry more rounding noise where it is searched.
   */
  noise?: number;
  /** Evaluations and seconds an earlier stage of the same fit spent, counted against its budget. */
  spent?: { evaluations: number; seconds: number };
}

/** Where a parameter ended up relative to its identified range. */
export type BoundarySide = 'lower' | 'upper' | null;

export interface MaximizeResult {
  theta: Float64Array;
  /** The maximised log-likelihood (sum over customers), without the penalty. */
  logLikelihood: number;
  iterations: number;
  /** Likelihood evaluations spent. */
  evaluations: number;
  converged: boolean;
  /**
   * Per parameter: 'lower' or 'upper' when it settled beyond its identified
   * range — the likelihood keeps rising (imperceptibly) towards the limit 0
   * or ∞, and the parameter is held at a finite value there. null otherwise.
   */
  boundary: BoundarySide[];
  /** True when `leaveAtRange` stopped the search outside the identified range: theta is where, not an optimum. */
  leftRange?: boolean;
}

/** Default half-width (as a factor) of a parameter's identified range around its scale. */
const RANGE = 1e5;
/** Default of DriverOptions.margin. */
const BOX_MARGIN = 1e3;
/**
 * A parameter held at the edge of the search box must have a likelihood
 * that has nearly stopped changing there: |∂(−LL/N)/∂ ln param| below this.
 * The likelihood approaches its limit like a power of the parameter, so
 * this bounds what going all the way to the limit could still gain per
 * customer. At the edges (shape parameters at 1e2 … 1e8) that is a mixing
 * distribution with a spread of 10 % or less against none: no prediction
 * changes by more than about that.
 */
const FLAT_SLOPE = 1e-2;

/** Distance in ln(param) within which a parameter counts as held at the edge of the box. */
const EDGE = 1e-3;

/**
 * Nelder–Mead stops once its simplex spans less than this in every
 * log-parameter (a relative change of 1e-10, far below anything a
 * prediction shows). Far out on a ridge the likelihood is noisier than the
 * simplex's value tolerance, and without this the fallback shrank its
 * simplex for 2,000 iterations (~9,000 evaluations) at one point.
 */
const POINT = 1e-10;

/** Gain in −LL/N below which a further round of Nelder–Mead and BFGS counts as no progress. */
const STALL = 1e-6;

/**
 * Maximise a log-likelihood over log-parameters θ (every model parameter is
 * positive, so θ = ln(param) is unconstrained). `negMeanLL(θ, g?)` returns
 * −LL/N (and its gradient when g is given and `analytic`), N the number of
 * customers, which keeps tolerances independent of the sample size.
 *
 * BFGS first, inside the box of `options` (identified range widened by `margin`);
 * if it stalls, Nelder–Mead from where it stopped, then BFGS again. A CvError
 * thrown by the objective counts as an infinite value (the search backs
 * off). The whole search is bounded by `maxEvaluations` (and `maxSeconds`, when given).
 *
 * Throws CvError(fn, 'convergence') when the budget runs out, the optimiser
 * fails, the likelihood is not finite anywhere it looked, or a parameter is
 * held at the edge of the box while the likelihood still rises beyond it.
 * A parameter that settles beyond its identified range on a flat likelihood
 * is not an error: `boundary` reports it, and the model says what it means.
 */
export function maximizeLogLikelihood(
  fn: string,
  names: readonly string[],
  negMeanLL: Objective,
  theta0: ArrayLike<number>,
  customers: number,
  analytic: boolean,
  scales: readonly number[] = names.map(() => 1),
  options: DriverOptions = {},
): MaximizeResult {
  const n = names.length;
  const maxSeconds = options.maxSeconds ?? Infinity;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const penalizer = options.penalizer ?? 0;
  if (!(maxSeconds > 0)) throw new CvError(fn, 'value', `maxSeconds must be a positive number, got ${maxSeconds}`);
  if (!(maxEvaluations >= 1)) throw new CvError(fn, 'value', `maxEvaluations must be at least 1, got ${maxEvaluations}`);
  if (!(Number.isFinite(penalizer) && penalizer >= 0)) throw new CvError(fn, 'value', `penalizer must be a number ≥ 0, got ${penalizer}`);
  const rangeLo = names.map((_, i) => Math.log(options.lower?.[i] ?? scales[i] / RANGE));
  const rangeHi = names.map((_, i) => Math.log(options.upper?.[i] ?? scales[i] * RANGE));
  const margin = names.map((_, i) => {
    const m = options.margin ?? BOX_MARGIN;
    return Math.log(typeof m === 'number' ? m : m[i]);
  });
  const lower = rangeLo.map((v, i) => v - margin[i]);
  const upper = rangeHi.map((v, i) => v + margin[i]);
  const beyondRange = (x: Float64Array): boolean => names.some((_, i) => x[i] < rangeLo[i] || x[i] > rangeHi[i]);
  const penaltyScales = options.penaltyScales ?? names.map(() => 1);

  // lifetimes' penalizer_coef · Σ params² on −LL/N; d/dθ (k e^θ)² = 2 (k e^θ)².
  const custom = options.penalty;
  const penaltyGradient = new Float64Array(n);
  let objective: Objective = negMeanLL;
  if (penalizer !== 0 && custom) {
    objective = (theta, grad) => {
      const v = negMeanLL(theta, grad);
      penaltyGradient.fill(0);
      const pen = custom(theta, grad ? penaltyGradient : undefined);
      if (grad) for (let i = 0; i < n; i++) grad[i] += penalizer * penaltyGradient[i];
      return v + penalizer * pen;
    };
  } else if (penalizer !== 0) {
    objective = (theta, grad) => {
      const v = negMeanLL(theta, grad);
      let pen = 0;
      for (let i = 0; i < n; i++) {
        const q = Math.exp(theta[i]) * penaltyScales[i];
        pen += q * q;
        if (grad) grad[i] += 2 * penalizer * q * q;
      }
      return v + penalizer * pen;
    };
  }

  const started = nowSeconds() - (options.spent?.seconds ?? 0);
  let evaluations = options.spent?.evaluations ?? 0;
  let iterations = 0;
  const timed = Number.isFinite(maxSeconds);
  const run = (minimize: (budget: { maxSeconds?: number; maxEvaluations: number }) => MinimizeResult): MinimizeResult => {
    const left = { maxEvaluations: Math.max(maxEvaluations - evaluations, 0) };
    const res = minimize(timed ? { ...left, maxSeconds: Math.max(maxSeconds - (nowSeconds() - started), 0) } : left);
    evaluations += res.evaluations;
    iterations += res.iterations;
    if (res.outOfBudget) {
      const budget = timed ? `${maxSeconds} s and ${maxEvaluations} likelihood evaluations` : `${maxEvaluations} likelihood evaluations`;
      throw new CvError(fn, 'convergence', `the fit did not settle within its budget of ${budget} (it used ${evaluations}): the data do not pin the model down`);
    }
    return res;
  };
  const leave = options.leaveAtRange ? beyondRange : undefined;
  const box = { lower, upper, analyticGradient: analytic, gradientTolerance: 1e-9, maxIterations: 400, stopWhen: leave, noise: options.noise };
  const left = (r: MinimizeResult): MaximizeResult => ({
    theta: r.x,
    // (With the penalty, if any: this is a waypoint, not a fit.)
    logLikelihood: -r.value * customers,
    iterations,
    evaluations,
    converged: false,
    boundary: names.map(() => null),
    leftRange: true,
  });
  const warm = options.warm;
  const warmed = warm?.theta?.length === n && warm.inverseHessian?.length === n * n;
  const first: ArrayLike<number> = warmed ? (warm.theta as Float64Array) : theta0;
  let res = run((b) => bfgs(objective, first, { ...box, ...b, inverseHessian: warmed ? warm.inverseHessian : undefined }));
  if (res.stopped) return left(res);
  // Far out on a flat ridge towards a boundary optimum the likelihood loses digits to
  // cancellation and no line search can verify a decrease: a search that stalls there has
  // reached the optimum to the precision the likelihood has. (Nelder–Mead would crawl on along
  // the ridge, where evaluations can get slow.)
  const stalledAtBoundary = (r: MinimizeResult): boolean =>
    Number.isFinite(r.value) && (r.reason === 'line search failed' || r.reason === 'no progress beyond rounding') && beyondRange(r.x);
  let converged = (res.converged || stalledAtBoundary(res)) && Number.isFinite(res.value);
  for (let round = 0; !converged && round < 3; round++) {
    const before = res.value;
    const start = Number.isFinite(res.value) ? res.x : Float64Array.from(first);
    const nm = run((b) => nelderMead((t) => objective(t), start, { lower, upper, maxIterations: 2000, valueTolerance: 1e-13, pointTolerance: POINT, ...b }));
    if (leave && Number.isFinite(nm.value) && leave(nm.x)) return left(nm);
    res = run((b) => bfgs(objective, nm.x, { ...box, ...b }));
    if (res.stopped) return left(res);
    // A round of both methods that gains next to nothing: optimal to the likelihood's precision.
    converged = Number.isFinite(res.value) && (res.converged || stalledAtBoundary(res) || before - res.value < STALL);
  }
  if (!Number.isFinite(res.value)) {
    throw new CvError(fn, 'convergence', msg('model.notFinite'));
  }
  const boundary: BoundarySide[] = [];
  for (let i = 0; i < n; i++) {
    const t = res.x[i];
    const atLower = t <= lower[i] + EDGE;
    const atEdge = atLower || t >= upper[i] - EDGE;
    const side: BoundarySide = t < rangeLo[i] || atLower ? 'lower' : t > rangeHi[i] || atEdge ? 'upper' : null;
    boundary.push(side);
    if (atEdge && !(Math.abs(res.gradient[i]) <= FLAT_SLOPE)) {
      throw new CvError(
        fn,
        'convergence',
        msg(side === 'upper' ? 'model.unidentifiedToInfinity' : 'model.unidentifiedToZero', {
          name: names[i],
          value: Math.exp(t).toPrecision(3),
          slope: res.gradient[i].toPrecision(2),
        }),
      );
    }
  }
  if (!converged) {
    throw new CvError(fn, 'convergence', msg('model.notConverged', { why: res.reason, iterations }));
  }
  const ll = penalizer === 0 ? -res.value * customers : -negMeanLL(res.x) * customers;
  if (warm && res.inverseHessian) {
    warm.theta = Float64Array.from(res.x);
    warm.inverseHessian = Float64Array.from(res.inverseHessian);
  }
  return { theta: res.x, logLikelihood: ll, iterations, evaluations, converged: true, boundary };
}

/**
 * What a likelihood objective returns: −LL/N, the mean the fits minimise,
 * and into `grad` (when given) its gradient in θ = ln(param) from the
 * log-likelihood's partial derivatives in the parameters themselves, by the
 * chain rule ∂/∂θ = param · ∂/∂param. A NaN likelihood counts as +Infinity,
 * so that the line search backs off rather than stops.
 */
export function meanNegLogLikelihood(
  ll: number,
  customers: number,
  grad: Float64Array | undefined,
  partials: readonly number[],
  params: readonly number[],
): number {
  if (grad) for (let i = 0; i < params.length; i++) grad[i] = (-partials[i] * params[i]) / customers;
  const v = -ll / customers;
  return Number.isNaN(v) ? Infinity : v;
}

/**
 * What each boundary optimum means, for FitResult.notes: `meaning(name, side)`
 * gives the sentence for a parameter held beyond its identified range, or
 * undefined to fall back on a generic one.
 */
export function boundaryNotes(
  names: readonly string[],
  theta: Float64Array,
  boundary: readonly BoundarySide[],
  meaning: (name: string, side: 'lower' | 'upper') => Message | undefined,
): Message[] {
  const notes: Message[] = [];
  const seen = new Set<string>();
  boundary.forEach((side, i) => {
    if (side === null) return;
    const note =
      meaning(names[i], side) ??
      msg(side === 'upper' ? 'model.boundaryToInfinity' : 'model.boundaryToZero', { name: names[i], value: Math.exp(theta[i]).toPrecision(3) });
    // Two parameters on one ridge say the same sentence once.
    const key = formatMessage(note, 'en');
    if (!seen.has(key)) {
      seen.add(key);
      notes.push(note);
    }
  });
  return notes;
}

/** FitResult's notes: the English sentences, and the same as messages for a product that speaks another language. */
export function fitNotes(messages: readonly Message[]): { notes: string[]; noteMessages: Message[] } {
  return { notes: messages.map((m) => formatMessage(m, 'en')), noteMessages: [...messages] };
}
