import { CvError } from '../errors.ts';
import { logGamma } from './log-gamma.ts';

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
 * Throws CvError('hyp2f1', 'value') otherwise. A true value beyond the
 * double range gives ±Infinity.
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
  const part = (logFactor: number, sign: number, s: Series): number => (sign === 0 ? 0 : sign * scaled(logFactor, s));
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
  return first + second;
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
  return scaled(0, seriesWithLoss(a, b, c, z));
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
  // Not converged within the budget (z extremely close to 1): add the
  // geometric estimate of the tail rather than give up.
  converged = false;
  const k = MAX_TERMS;
  const ratio = Math.min(Math.abs(((a + k) * (b + k)) / ((c + k) * (k + 1))) * z, 1 - 1e-12);
  return out(sum + (term * ratio) / (1 - ratio));
}

/**
 * ln 2F1(a, b; a+1; z) for a > 0 and 0 ≤ z < 1: the hypergeometric term of
 * the Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the
 * Pareto/NBD model"), where a = r+s+x can be in the thousands.
 *
 * Euler's transformation gives 2F1(a, b; a+1; z) = (1−z)^(1−b) 2F1(1, a+1−b; a+1; z);
 * for b > 0 every term of the new series is positive and each is at most z
 * times the previous one, so it neither overflows nor cancels, whatever x.
 * The logarithm is returned because (1−z)^(1−b) alone can overflow.
 *
 * Allowed input: a > 0, 0 < b < a + 1, 0 ≤ z < 1 (the Pareto/NBD always
 * satisfies b < a + 1). Throws CvError('logHyp2f1APlusOne', 'value') otherwise.
 *
 * @example
 * Math.exp(logHyp2f1APlusOne(1, 1, 0.5)); // 2F1(1,1;2;0.5) = 1.3862943611198906
 */
export function logHyp2f1APlusOne(a: number, b: number, z: number): number {
  if (!(a > 0 && b > 0 && b < a + 1 && z >= 0 && z < 1) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new CvError('logHyp2f1APlusOne', 'value', `need a > 0, 0 < b < a + 1, 0 ≤ z < 1, got (${a}, ${b}, ${z})`);
  }
  if (z === 0) return 0;
  const m = a + 1 - b;
  const n = a + 1;
  let term = 1;
  let sum = 1;
  let k = 0;
  for (; k < MAX_TERMS; k++) {
    const ratio = ((m + k) / (n + k)) * z;
    term *= ratio;
    sum += term;
    // Ratios increase towards z, so z bounds the tail.
    if (term * z <= EPS * sum * (1 - z)) break;
  }
  if (k === MAX_TERMS) sum += (term * z) / (1 - z);
  return (1 - b) * Math.log1p(-z) + Math.log(sum);
}
