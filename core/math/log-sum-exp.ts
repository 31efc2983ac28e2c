/**
 * Log-domain arithmetic: sums of quantities that are stored as logarithms
 * and would overflow or underflow as plain numbers (likelihood terms such as
 * (α+T)^−(r+x) for large x).
 */

/**
 * ln(e^a + e^b) without overflow. −Infinity stands for a zero term.
 *
 * @example
 * logAddExp(1000, 1000); // 1000 + ln 2
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const m = a > b ? a : b;
  if (m === Infinity) return Infinity;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * ln Σ e^{v_i} over a list without overflow; −Infinity for an empty list.
 *
 * @example
 * logSumExp([0, 0, 0, 0]); // ln 4
 */
export function logSumExp(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i] - m);
  return m + Math.log(s);
}

/**
 * ln(1 − e^x) for x ≤ 0, accurate both near 0 and for very negative x
 * (Mächler's switch at −ln 2). Returns −Infinity at 0, NaN for x > 0.
 *
 * @example
 * log1mExp(-1e-20); // ln(1e-20) = −46.0517…
 */
export function log1mExp(x: number): number {
  if (x > 0 || Number.isNaN(x)) return NaN;
  if (x === 0) return -Infinity;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/**
 * ln(e^a − e^b) for a ≥ b; −Infinity when a = b, NaN when a < b.
 *
 * @example
 * logDiffExp(Math.log(3), Math.log(1)); // ln 2
 */
export function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (a < b || Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === b) return -Infinity;
  return a + log1mExp(b - a);
}
