import { CvError } from '../errors.ts';
import { logGamma } from './log-gamma.ts';
import { logAddExp } from './log-sum-exp.ts';
import { logHyp2f1LargeA } from './log-hyp2f1-large-a.ts';

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) = Σ_k (a)_k (b)_k / ((c)_k k!) z^k
 * for real z < 1.
 *
 * The power series is summed with convergence control (stop when a term no
 * longer changes the sum, with a bound on the tail), after the transformation
 * that makes it behave:
 * - z < 0: Pfaff, 2F1(a,b;c;z) = (1−z)^−a 2F1(a, c−b; c; z/(z−1)), so the
 *   series argument lies in [0, 1);
 * - 0 ≤ z < 1 with c − a − b < 0 (the series diverges at 1 and its terms
 *   grow first): Euler, 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z).
 * Convergence is geometric with ratio z. Near z = 1, when that series would
 * need more than a million terms or loses more than 8 digits to
 * cancellation, the 1 − z connection formula (DLMF 15.8.4) is used instead.
 *
 * Allowed input: finite a, b, c with c not 0, −1, −2, … and finite z < 1.
 * Throws CvError('hyp2f1', 'value') otherwise, and 'convergence' when no
 * path gives an accurate value (a series past a million terms or losing
 * more than 10 digits to cancellation with z ≤ 1/2, or a 1 − z formula whose
 * two terms cancel to rounding noise). A true value beyond the double range
 * gives ±Infinity.
 *
 * @example
 * hyp2f1(1, 1, 2, 0.5); // −ln(1−0.5)/0.5 = 1.3862943611198906
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new CvError('hyp2f1', 'value', `parameters must be finite numbers, got (${a}, ${b}, ${c}, ${z})`);
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new CvError('hyp2f1', 'value', `c must not be 0 or a negative integer, got ${c}`);
  }
  if (z >= 1) throw new CvError('hyp2f1', 'value', `z must be below 1, got ${z}`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // Pfaff: the argument w = z/(z−1) lies in (0, 1), where all the machinery below applies.
    const f = hyp2f1(a, c - b, c, z / (z - 1));
    return f === 0 ? 0 : Math.sign(f) * Math.exp(-a * Math.log1p(-z) + Math.log(Math.abs(f)));
  }
  // Of the direct and the Euler-transformed series, prefer the one that
  // converges at z = 1; if its terms cancel badly (alternating signs), try
  // the other and keep the sum that lost fewer digits.
  const eulerFirst = c - a - b < 0;
  const first = eulerFirst ? seriesWithLoss(c - a, c - b, c, z) : seriesWithLoss(a, b, c, z);
  let best = first;
  let euler = eulerFirst;
  if (first.loss > 1e4) {
    const second = eulerFirst ? seriesWithLoss(a, b, c, z) : seriesWithLoss(c - a, c - b, c, z);
    if (second.loss < first.loss) {
      best = second;
      euler = !eulerFirst;
    }
  }
  if ((!best.converged || best.loss > 1e8) && z > 0.5) return hyp2f1NearOne(a, b, c, z);
  if (!best.converged || best.loss > 1e10) {
    throw new CvError('hyp2f1', 'convergence', `the series does not give an accurate sum at (${a}, ${b}, ${c}, ${z})`);
  }
  return scaled(euler ? (c - a - b) * Math.log1p(-z) : 0, best);
}

/**
 * 2F1 for z close to 1 through the 1 − z connection formula (DLMF 15.8.4),
 * m = c − a − b not an integer:
 *   Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) 2F1(a, b; 1−m; 1−z)
 *   + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) 2F1(c−a, c−b; m+1; 1−z).
 * Used when the series in z would need millions of terms or cancels. Gamma
 * ratios are formed in logs with their signs. When m is within 1e-6 of an
 * integer (where both terms have poles that cancel), the value at c is
 * extrapolated from c ± 1e-5 and c ± 2e-5 (the function is smooth in c);
 * the cancellation then costs about 5 digits, leaving ~1e-10 relative.
 */
function hyp2f1NearOne(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  if (Math.abs(m - Math.round(m)) < 1e-6) {
    // Symmetric means over c ± e and c ± 2e, combined by Richardson extrapolation (error O(e⁴)).
    const e = 1e-5;
    const mean = (d: number): number => (hyp2f1NearOne(a, b, c + d, z) + hyp2f1NearOne(a, b, c - d, z)) / 2;
    return (4 * mean(e) - mean(2 * e)) / 3;
  }
  const w = 1 - z;
  const lw = Math.log1p(-z);
  const part = (logFactor: number, sign: number, s: Series): number => {
    if (!s.converged) {
      throw new CvError('hyp2f1', 'convergence', `the 1 − z series did not converge within ${MAX_TERMS} terms at (${a}, ${b}, ${c}, ${z})`);
    }
    return sign === 0 ? 0 : sign * scaled(logFactor, s);
  };
  const sign1 = gammaSign(c) * gammaSign(m) * reciprocalGammaSign(c - a) * reciprocalGammaSign(c - b);
  const first =
    sign1 === 0
      ? 0
      : part(logGamma(c) + logGamma(m) - logGamma(c - a) - logGamma(c - b), sign1, seriesWithLoss(a, b, 1 - m, w));
  const sign2 = gammaSign(c) * gammaSign(-m) * reciprocalGammaSign(a) * reciprocalGammaSign(b);
  const second =
    sign2 === 0
      ? 0
      : part(m * lw + logGamma(c) + logGamma(-m) - logGamma(a) - logGamma(b), sign2, seriesWithLoss(c - a, c - b, m + 1, w));
  const value = first + second;
  // The two terms can be huge and of opposite sign; an answer made of their rounding errors is refused.
  if (!Number.isFinite(value) || Math.abs(value) < 1e-8 * Math.max(Math.abs(first), Math.abs(second))) {
    throw new CvError('hyp2f1', 'convergence', `the 1 − z connection formula cancels to no accuracy at (${a}, ${b}, ${c}, ${z})`);
  }
  return value;
}

/** Sign of Γ(x) for x not a pole. */
function gammaSign(x: number): number {
  return x > 0 || Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Sign of 1/Γ(x): 0 at the poles x = 0, −1, −2, …. */
function reciprocalGammaSign(x: number): number {
  return x <= 0 && Number.isInteger(x) ? 0 : gammaSign(x);
}

/** e^logFactor · sum · e^logScale, without overflow in the intermediate product. */
function scaled(logFactor: number, s: Series): number {
  if (s.sum === 0) return 0;
  const mag = logFactor + s.logScale + Math.log(Math.abs(s.sum));
  return Math.sign(s.sum) * Math.exp(mag);
}

/** A series sum stored as sum · e^logScale, and its cancellation factor. */
interface Series {
  sum: number;
  logScale: number;
  loss: number;
  converged: boolean;
}

const MAX_TERMS = 1_000_000;
const RESCALE = 460; // ≈ ln 1e200
const EPS = 1e-16;

/**
 * The raw power series of 2F1 for 0 ≤ z < 1 (no transformation). Exported
 * for callers that have already transformed their arguments.
 *
 * @example
 * hyp2f1Series(1, 1, 1, 0.5); // 1 / (1 − 0.5) = 2
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  const s = seriesWithLoss(a, b, c, z);
  if (!s.converged || s.loss > 1e10) {
    throw new CvError('hyp2f1Series', 'convergence', `the series does not give an accurate sum at (${a}, ${b}, ${c}, ${z})`);
  }
  return scaled(0, s);
}

/**
 * The series sum and its cancellation factor max|term| / |sum| (1 when no
 * cancellation). Terms and sum are rescaled by e^−RESCALE whenever they grow
 * past 1e280, so sums beyond the double range are still returned (as
 * sum · e^logScale).
 */
function seriesWithLoss(a: number, b: number, c: number, z: number): Series {
  let logScale = 0;
  let converged = true;
  const out = (sum: number): Series => ({ sum, logScale, loss: maxTerm / Math.abs(sum), converged });
  let maxTerm = 1;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) > 1e280 || Math.abs(sum) > 1e280) {
      term *= Math.exp(-RESCALE);
      sum *= Math.exp(-RESCALE);
      maxTerm *= Math.exp(-RESCALE);
      logScale += RESCALE;
    }
    const size = Math.abs(term);
    if (size > maxTerm) maxTerm = size;
    if (term === 0) return out(sum);
    // Past the peak, successive ratios tend to z from below or above; bound
    // the tail by a geometric series with the current ratio.
    if (Math.abs(term) <= EPS * Math.abs(sum) && k > 2) {
      const ratio = Math.abs(((a + k + 1) * (b + k + 1)) / ((c + k + 1) * (k + 2))) * z;
      if (ratio < 1 && (Math.abs(term) * ratio) / (1 - ratio) <= EPS * Math.abs(sum)) return out(sum);
    }
    if (!Number.isFinite(sum)) return out(sum);
  }
  // Not converged within the budget: the caller switches to the 1 − z
  // connection formula or throws; an estimated tail would be a guess.
  converged = false;
  return out(sum);
}

/**
 * ln 2F1(a, b; a+1; z) for a > 0 and 0 ≤ z < 1: the hypergeometric term of
 * the Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the
 * Pareto/NBD model"), where a = r+s+x can be in the thousands.
 *
 * Callers that know 1 − z more accurately than by subtraction pass it as
 * `w` (in the Pareto/NBD, w = (min(α,β)+y)/(max(α,β)+y) can be 1e-12 while z
 * rounds to 1); z = 1 is then accepted as long as w > 0.
 *
 * Two paths, with c = min(1/2, 1/(a−1)), and a third where the first is long:
 * - w ≥ min(c, 0.01): Euler's transformation 2F1(a, b; a+1; z) = (1−z)^(1−b) 2F1(1, a+1−b; a+1; z);
 *   for b > 0 every term of the new series is positive and at most z times
 *   the previous one, so it neither overflows nor cancels, and it needs
 *   about 37/w terms.
 * - w below that (z near 1, where that series would need millions of terms): the
 *   Euler integral 2F1 = a ∫₀¹ u^(a−1) (1−zu)^(−b) du with v = 1 − zu gives
 *   2F1 = a z^(−a) ∫_w^1 v^(−b) (1−v)^(a−1) dv, split at c: on [c, 1] it is
 *   2F1(a, b; a+1; 1−c) again (first path); on [w, c] the binomial series of
 *   (1−v)^(a−1) is integrated term by term. Integrating from w rather than 0
 *   avoids the poles of the 1 − z connection formula at integer b, and c ≤
 *   1/(a−1) bounds the cancellation of the alternating binomial terms by e².
 * - a ≥ 50, 0.5 ≤ a·w and w < 0.01 (w < 0.05 for a ≤ 300): the first path
 *   past 740 terms, or the second just below a·w = 1: the quadrature of
 *   logHyp2f1LargeA; also for the [c, 1] part of the second path.
 * The logarithm is returned because (1−z)^(1−b) alone can overflow.
 *
 * Allowed input: a > 0, 0 < b < a + 1, 0 ≤ z ≤ 1, 0 < w ≤ 1 with z + w = 1
 * (the Pareto/NBD always satisfies b < a + 1). Throws
 * CvError('logHyp2f1APlusOne', 'value') otherwise, and 'convergence' when a
 * series needs more than a million terms (a in the tens of thousands with z
 * within 1/a of 1).
 *
 * @example
 * Math.exp(logHyp2f1APlusOne(1, 1, 0.5)); // 2F1(1,1;2;0.5) = 1.3862943611198906
 */
export function logHyp2f1APlusOne(a: number, b: number, z: number, w: number = 1 - z): number {
  const fn = 'logHyp2f1APlusOne';
  if (![a, b, z, w].every(Number.isFinite) || !(a > 0 && b > 0 && b < a + 1 && z >= 0 && z <= 1 && w > 0 && w <= 1)) {
    throw new CvError(fn, 'value', `need a > 0, 0 < b < a + 1, 0 ≤ z < 1, got (${a}, ${b}, ${z}, 1 − z = ${w})`);
  }
  if (Math.abs(z + w - 1) > 1e-12) throw new CvError(fn, 'value', `z = ${z} and 1 − z = ${w} do not add up to 1`);
  if (z === 0) return 0;
  if (longSeries(a, w)) return logHyp2f1LargeA(a, b, z, w).value;
  if (!nearOne(a, w)) return logEulerSeries(fn, a, b, z, w);
  const c = splitPoint(a);
  // ∫_c^1 v^(−b) (1−v)^(a−1) dv = (1−c)^a / a · 2F1(a, b; a+1; 1−c).
  // At w = c = 1/(a−1) that series is ~37a terms long: for a ≥ 50, the quadrature instead.
  const upper = longSeries(a, c) ? logHyp2f1LargeA(a, b, 1 - c, c).value : logEulerSeries(fn, a, b, 1 - c, c);
  const logUpper = a * Math.log1p(-c) - Math.log(a) + upper;
  const logLower = logBinomialPart(fn, a, b, w, c);
  return Math.log(a) - a * Math.log1p(-w) + logAddExp(logUpper, logLower);
}

/**
 * True when logHyp2f1APlusOne(a, ·, 1 − w, w) takes its split-integral path,
 * so that callers differentiating the series term by term know where that
 * series would be too long (~37/w terms).
 */
export function hyp2f1APlusOneNearOne(a: number, w: number): boolean {
  return nearOne(a, w);
}

/**
 * True where logHyp2f1LargeA's quadrature (at most 122 integrand values,
 * ~3 µs) replaces the Euler series and the split integral: a ≥ 50 and
 * a·w ≥ 0.5, with w < 0.01, or w < 0.05 for a ≤ 300, where the series needs
 * 37/w = 740 to 74,000 terms and, below a·w ≈ 1, the split integral's
 * gradient is taken by central differences (nine evaluations). That is the
 * region the quadrature is checked against mpmath in
 * (log-hyp2f1-large-a.test.ts). Below a = 50 nothing changes: the CDNOW
 * fits (r+s+x ≤ 31) never come here and stay bit-identical. (At a ≈ 100–130
 * and w ≈ 0.004–0.02, a Pareto/NBD fit on 2,500 customers with one drop-out
 * rate for all spent 2 s of CPU in the series; 0.5 s now.)
 */
export function hyp2f1APlusOneLongSeries(a: number, w: number): boolean {
  return longSeries(a, w);
}

const QUADRATURE_MIN_A = 50;
const QUADRATURE_MIN_AW = 0.5;

function longSeries(a: number, w: number): boolean {
  return a >= QUADRATURE_MIN_A && a * w >= QUADRATURE_MIN_AW && w < (a <= 300 ? 0.05 : 0.01);
}

function nearOne(a: number, w: number): boolean {
  return w < Math.min(splitPoint(a), 0.01) && !longSeries(a, w);
}

/** Where the binomial part's cancellation stays below e²: c ≤ 1/(a−1). */
function splitPoint(a: number): number {
  return a > 3 ? 1 / (a - 1) : 0.5;
}

/** ln 2F1(a, b; a+1; z) by the Euler-transformed series; w = 1 − z. */
function logEulerSeries(fn: string, a: number, b: number, z: number, w: number): number {
  const m = a + 1 - b;
  const n = a + 1;
  let term = 1;
  let sum = 1;
  for (let k = 0; ; k++) {
    if (k === MAX_TERMS) {
      throw new CvError(fn, 'convergence', `the hypergeometric series did not converge within ${MAX_TERMS} terms (a = ${a}, 1 − z = ${w})`);
    }
    term *= ((m + k) / (n + k)) * z;
    sum += term;
    // Ratios increase towards z, so z bounds the tail.
    if (term * z <= EPS * sum * w) break;
  }
  return (1 - b) * Math.log(w) + Math.log(sum);
}

/**
 * ln ∫_w^c v^(−b) (1−v)^(a−1) dv for 0 < w < c ≤ 1/2 by the binomial series
 * Σ_k (1−a)_k/k! ∫_w^c v^(k−b) dv, each integral (c^δ − w^δ)/δ (δ = k+1−b)
 * formed without cancellation near δ = 0 and scaled by the larger endpoint
 * power so that nothing overflows.
 */
function logBinomialPart(fn: string, a: number, b: number, w: number, c: number): number {
  const lw = Math.log(w);
  const lc = Math.log(c);
  const span = lc - lw;
  const logScale = (1 - b) * (b > 1 ? lw : lc);
  // The binomial coefficients alone overflow for a above ~1000; carried as
  // coef_k c^k (at most e^(a c) ≤ e) against integrals divided by c^k.
  const hi = Math.exp((1 - b) * lc - logScale);
  let coef = 1;
  let sum = 0;
  let maxTerm = 0;
  for (let k = 0; ; k++) {
    if (k === MAX_TERMS) {
      throw new CvError(fn, 'convergence', `the binomial series did not converge within ${MAX_TERMS} terms (a = ${a}, b = ${b})`);
    }
    const d = k + 1 - b;
    const lo = Math.exp((1 - b) * lw - k * span - logScale);
    const integral = Math.abs(d * span) < 0.5 ? lo * (d === 0 ? span : Math.expm1(d * span) / d) : (hi - lo) / d;
    const term = coef * integral;
    sum += term;
    if (Math.abs(term) > maxTerm) maxTerm = Math.abs(term);
    const ratio = (Math.abs(k + 1 - a) / (k + 1)) * c;
    coef *= ((k + 1 - a) / (k + 1)) * c;
    if (coef === 0) break;
    if (k > b && ratio < 1 && (Math.abs(term) * ratio) / (1 - ratio) <= EPS * Math.abs(sum)) break;
  }
  if (!(sum > 0) || maxTerm > 1e6 * sum) {
    throw new CvError(fn, 'convergence', `the binomial series lost its accuracy to cancellation (a = ${a}, b = ${b})`);
  }
  return logScale + Math.log(sum);
}
