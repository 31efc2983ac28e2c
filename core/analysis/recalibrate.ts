/**
 * A map from a model's churn risk to a risk that comes true on the user's
 * own data, learned on (predicted probability, observed outcome) pairs — the
 * internal holdout that already chooses the model (select-model.ts).
 *
 * Two maps, both fitted on the log loss the model choice uses:
 *
 * - 'platt' (default): logit p' = a + b·logit p (Platt 1999, applied to a
 *   probability's logit as in Niculescu-Mizil & Caruana 2005). Two numbers,
 *   hard to overfit, and strictly increasing whenever b > 0, so the ranking
 *   of customers (the AUC) is exactly kept.
 * - 'isotonic': the non-decreasing step function of least squared error
 *   (pool-adjacent-violators, Barlow et al. 1972), linearly interpolated
 *   between its steps and clipped at the ends, as scikit-learn's
 *   IsotonicRegression does. More flexible, but flat stretches tie
 *   customers the model had ordered (the AUC drops a little), and on CDNOW
 *   it put most customers on one step and left the deciles worse than the
 *   raw model (bench/recalibration.ts); it is kept for comparison.
 *
 * The map is only honest at the horizon it was learned at: learned on a
 * 90-day holdout and applied to a 273-day risk it did not help on CDNOW
 * (bench/recalibration.ts), so callers learn it at the churn horizon and
 * skip it when the holdout is shorter.
 *
 * A map learned where the data cannot support it would be worse than none,
 * so too few customers, outcomes all alike or a fit that would reverse the
 * ranking throw CvError('recalibrate', 'data' | 'convergence'): the caller
 * keeps the model's own risk and says why.
 */
import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';

export type RecalibrationMethod = 'platt' | 'isotonic';

export interface RecalibrationReport {
  method: RecalibrationMethod;
  /** Customers the map was learned on, and how many of them made no purchase. */
  customers: number;
  noPurchase: number;
  /** Platt: logit p' = a + b·logit p. */
  a?: number;
  b?: number;
  /** Isotonic: number of steps (distinct fitted values). */
  steps?: number;
  /** Mean log loss on the learning pairs before and after the map. */
  logLossBefore: number;
  logLossAfter: number;
  /**
   * Platt: the likelihood-ratio statistic 2n(logLossBefore − logLossAfter)
   * against the identity map (a = 0, b = 1), and its p-value (χ² with 2
   * degrees of freedom, whose survival function is exp(−x/2)).
   */
  deviance?: number;
  pValue?: number;
  /** Whether apply changes the risk: false when the map is no better than chance would make it (Platt, p-value above alpha). */
  applied: boolean;
}

export interface Recalibration {
  /** The recalibrated probability of p (p itself is checked by the caller; NaN gives NaN). */
  apply(p: number): number;
  report: RecalibrationReport;
  /** One sentence for the user. */
  description: string;
  /** The sentence as a message, to say it in any language. */
  descriptionMessage: Message;
}

/** Fewest customers, and fewest of each outcome, a map is learned from. */
export const RECALIBRATION_MIN_CUSTOMERS = 100;
export const RECALIBRATION_MIN_EACH = 10;
/**
 * Platt's map is applied only when the holdout shows, at this level, that
 * the model's own risk is off: on bases simulated from a well-specified
 * BG/NBD a map fitted to noise moved the worst decile by up to 1.5 points
 * (bench/recalibration.ts).
 */
export const RECALIBRATION_ALPHA = 0.01;

/**
 * Probabilities are kept this far from 0 and 1 before taking logits: a
 * model's 1 − 1e-15 carries no more information than 1 − 1e-9, and the
 * bound keeps a single customer from dominating the fit.
 */
const EDGE = 1e-9;

const FN = 'recalibrate';

/**
 * Learns a recalibration map from predicted P(no purchase) and what happened.
 *
 * @throws CvError('recalibrate', 'value') for arrays of different length or a
 *   prediction that is not a probability; 'data' for fewer than 100 customers,
 *   fewer than 10 with either outcome, or (Platt) a fitted slope ≤ 0, i.e.
 *   predictions that rank the wrong way round on these data; 'convergence'
 *   when the Platt fit does not settle (predictions that separate the
 *   outcomes perfectly).
 * `alpha`: Platt's map is applied only when its likelihood-ratio test
 * against the identity has a p-value ≤ alpha (default 0.01); 1 always
 * applies it. Otherwise `apply` returns p unchanged and `report.applied` is
 * false.
 *
 * @example
 * const map = fitRecalibration(holdoutRisk, holdoutNoPurchase);
 * map.apply(0.62); // the risk to show for a customer the model gave 0.62
 */
export function fitRecalibration(
  predicted: ArrayLike<number>,
  noPurchase: ArrayLike<boolean>,
  method: RecalibrationMethod = 'platt',
  alpha: number = RECALIBRATION_ALPHA,
): Recalibration {
  const n = predicted.length;
  if (noPurchase.length !== n) throw new CvError(FN, 'value', `predictions (${n}) and outcomes (${noPurchase.length}) must have the same length`);
  if (!(alpha >= 0 && alpha <= 1)) throw new CvError(FN, 'value', `the significance level must be between 0 and 1, got ${alpha}`);
  let yes = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i];
    if (!(p >= 0 && p <= 1)) throw new CvError(FN, 'value', `prediction #${i + 1} (${p}) is not a probability between 0 and 1`);
    if (noPurchase[i]) yes++;
  }
  if (n < RECALIBRATION_MIN_CUSTOMERS) {
    throw new CvError(FN, 'data', `only ${n} customers to learn the churn-risk correction from; at least ${RECALIBRATION_MIN_CUSTOMERS} are needed`);
  }
  if (yes < RECALIBRATION_MIN_EACH || n - yes < RECALIBRATION_MIN_EACH) {
    throw new CvError(
      FN,
      'data',
      `${yes} of ${n} customers made no purchase; at least ${RECALIBRATION_MIN_EACH} with and ${RECALIBRATION_MIN_EACH} without a purchase are needed to correct the churn risk`,
    );
  }
  const before = meanLogLoss(predicted, noPurchase, (p) => p);
  const map = method === 'platt' ? fitPlatt(predicted, noPurchase) : fitIsotonic(predicted, noPurchase);
  const after = meanLogLoss(predicted, noPurchase, map.apply);
  const report: RecalibrationReport = { method, customers: n, noPurchase: yes, ...map.params, logLossBefore: before, logLossAfter: after, applied: true };
  if (method === 'platt') {
    const deviance = Math.max(0, 2 * n * (before - after));
    report.deviance = deviance;
    report.pValue = Math.exp(-deviance / 2);
    report.applied = report.pValue <= alpha;
  }
  if (!report.applied) {
    const m = msg('recalibration.notBetter', { n, none: yes, p: (report.pValue as number).toFixed(2) });
    return { apply: (p) => p, report, description: formatMessage(m, 'en'), descriptionMessage: m };
  }
  const how =
    method === 'platt'
      ? msg('recalibration.logistic', { a: fmt(report.a as number), b: fmt(report.b as number) })
      : msg('recalibration.steps', { steps: report.steps as number });
  const m = msg('recalibration.applied', { n, none: yes, how, before: before.toFixed(4), after: after.toFixed(4) });
  return { apply: map.apply, report, description: formatMessage(m, 'en'), descriptionMessage: m };
}

const fmt = (v: number): string => v.toFixed(3);

const clampP = (p: number): number => Math.min(Math.max(p, EDGE), 1 - EDGE);
const logit = (p: number): number => Math.log(p / (1 - p));
/** The logistic function, written to not overflow for either sign. */
function expit(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function meanLogLoss(predicted: ArrayLike<number>, outcome: ArrayLike<boolean>, f: (p: number) => number): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) {
    const q = clampP(f(predicted[i]));
    sum -= Math.log(outcome[i] ? q : 1 - q);
  }
  return sum / predicted.length;
}

interface FittedMap {
  apply(p: number): number;
  params: Partial<RecalibrationReport>;
}

/**
 * Unpenalised logistic regression of the outcome on logit p by Newton's
 * method (the log loss is convex in (a, b), so Newton from the identity map
 * a = 0, b = 1 converges; a step that does not lower the loss is halved).
 * Equivalent to scikit-learn's LogisticRegression(penalty=None) on the one
 * feature logit p.
 */
function fitPlatt(predicted: ArrayLike<number>, outcome: ArrayLike<boolean>): FittedMap {
  const n = predicted.length;
  const z = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = logit(clampP(predicted[i]));
    y[i] = outcome[i] ? 1 : 0;
  }
  const loss = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const eta = a + b * z[i];
      // log(1 + e^η) − yη, stable for large |η|.
      s += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
    }
    return s;
  };
  let a = 0;
  let b = 1;
  let current = loss(a, b);
  let converged = false;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const q = expit(a + b * z[i]);
      const r = q - y[i];
      const w = q * (1 - q);
      ga += r;
      gb += r * z[i];
      haa += w;
      hab += w * z[i];
      hbb += w * z[i] * z[i];
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    let da = -(hbb * ga - hab * gb) / det;
    let db = -(haa * gb - hab * ga) / det;
    let next = loss(a + da, b + db);
    let halvings = 0;
    while (!(next <= current) && halvings < 30) {
      da /= 2;
      db /= 2;
      next = loss(a + da, b + db);
      halvings++;
    }
    if (!(next <= current)) break;
    a += da;
    b += db;
    const gain = current - next;
    current = next;
    if (Math.abs(da) < 1e-10 * (1 + Math.abs(a)) && Math.abs(db) < 1e-10 * (1 + Math.abs(b))) {
      converged = true;
      break;
    }
    if (gain < 1e-13 * (1 + Math.abs(current)) && Math.abs(ga) + Math.abs(gb) < 1e-8 * n) {
      converged = true;
      break;
    }
  }
  if (!converged || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(b) > 1e3) {
    throw new CvError(FN, 'convergence', 'the correction of the churn risk did not settle (the held-out outcomes are too cleanly separated to estimate it)');
  }
  if (!(b > 0)) {
    throw new CvError(FN, 'data', 'on the held-out customers a higher churn risk did not go with fewer purchases, so the risk cannot be corrected');
  }
  return {
    apply: (p) => (Number.isNaN(p) ? NaN : expit(a + b * logit(clampP(p)))),
    params: { a, b },
  };
}

/**
 * Pool-adjacent-violators on the predictions in ascending order (equal
 * predictions first merged into their mean outcome, as scikit-learn does),
 * then linear interpolation between the fitted points, clipped outside them.
 */
function fitIsotonic(predicted: ArrayLike<number>, outcome: ArrayLike<boolean>): FittedMap {
  const n = predicted.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => predicted[i] - predicted[j]);
  // Unique predictions with weight and mean outcome.
  const xs: number[] = [];
  const ws: number[] = [];
  const ys: number[] = [];
  for (const i of order) {
    const p = predicted[i];
    const v = outcome[i] ? 1 : 0;
    const k = xs.length - 1;
    if (k >= 0 && xs[k] === p) {
      ys[k] = (ys[k] * ws[k] + v) / (ws[k] + 1);
      ws[k]++;
    } else {
      xs.push(p);
      ws.push(1);
      ys.push(v);
    }
  }
  // Blocks on a stack: mean, weight, number of unique points covered.
  const mean: number[] = [];
  const weight: number[] = [];
  const size: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    mean.push(ys[k]);
    weight.push(ws[k]);
    size.push(1);
    while (mean.length > 1 && mean[mean.length - 2] >= mean[mean.length - 1]) {
      const w = weight[mean.length - 2] + weight[mean.length - 1];
      const m = (mean[mean.length - 2] * weight[mean.length - 2] + mean[mean.length - 1] * weight[mean.length - 1]) / w;
      const s = size[mean.length - 2] + size[mean.length - 1];
      mean.pop();
      weight.pop();
      size.pop();
      mean[mean.length - 1] = m;
      weight[weight.length - 1] = w;
      size[size.length - 1] = s;
    }
  }
  const fitted = new Float64Array(xs.length);
  let k = 0;
  for (let blk = 0; blk < mean.length; blk++) for (let j = 0; j < size[blk]; j++) fitted[k++] = mean[blk];
  const x = Float64Array.from(xs);
  const last = x.length - 1;
  const apply = (p: number): number => {
    if (Number.isNaN(p)) return NaN;
    if (p <= x[0]) return fitted[0];
    if (p >= x[last]) return fitted[last];
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= p) lo = mid;
      else hi = mid;
    }
    const t = (p - x[lo]) / (x[hi] - x[lo]);
    return fitted[lo] + t * (fitted[hi] - fitted[lo]);
  };
  return { apply, params: { steps: mean.length } };
}
