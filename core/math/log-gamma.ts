/**
 * Natural logarithm of the absolute value of the gamma function, ln|Γ(x)|.
 *
 * For x ≥ 10 the Stirling series with seven Bernoulli terms is used (its
 * truncation error is below 1e-17 there); smaller positive x are shifted up
 * with Γ(x) = Γ(x + n) / (x (x+1) … (x+n−1)), and negative non-integers use
 * the reflection formula. Accuracy: a few ulps relative, except near the
 * roots x = 1 and x = 2 where the error is a few ulps *absolute*.
 *
 * Allowed input: any number. Returns +Infinity at 0 and at negative
 * integers (the poles), +Infinity at +Infinity, NaN for NaN. Never throws.
 *
 * @example
 * logGamma(5); // ln 24 = 3.1780538303479458
 * logGamma(0.5); // ln √π = 0.5723649429247001
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x) || x === -Infinity) return Infinity;
    // Reflection: Γ(x) Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  if (x < 1e-8) return -Math.log(x) - EULER_GAMMA * x; // Γ(x) ≈ 1/x − γ
  if (x >= 10) return stirling(x);
  let shift = 1;
  let y = x;
  while (y < 10) {
    shift *= y;
    y += 1;
  }
  return stirling(y) - Math.log(shift);
}

const EULER_GAMMA = 0.5772156649015329;
const HALF_LOG_2PI = 0.9189385332046728;

function stirling(x: number): number {
  const z = 1 / (x * x);
  // Bernoulli-number coefficients B_2k / (2k (2k−1)).
  const series =
    (1 / 12 +
      z *
        (-1 / 360 +
          z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156))))))) /
    x;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}

/** sin(πx) with exact zeros at integers and no loss of accuracy for large |x|. */
function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // r in [0, 2)
  if (r <= 0.25) return Math.sin(Math.PI * r);
  if (r <= 0.75) return Math.cos(Math.PI * (r - 0.5));
  if (r <= 1.25) return -Math.sin(Math.PI * (r - 1));
  if (r <= 1.75) return -Math.cos(Math.PI * (r - 1.5));
  return Math.sin(Math.PI * (r - 2));
}
