import { logGamma } from './log-gamma.ts';

/**
 * Natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b).
 *
 * Allowed input: a > 0, b > 0 (other values give the ln|B| of the
 * analytic continuation, +Infinity at poles, NaN for NaN). Never throws.
 *
 * @example
 * logBeta(2, 3); // ln(1/12) = −2.4849066497880004
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
