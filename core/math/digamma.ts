/**
 * The digamma function ψ(x) = d/dx ln Γ(x), used for analytic likelihood
 * gradients.
 *
 * Positive x are shifted above 10 with ψ(x) = ψ(x+1) − 1/x, then the
 * asymptotic series is used; negative non-integers use the reflection
 * ψ(1−x) − ψ(x) = π cot(πx). Returns NaN at the poles (0, −1, −2, …) and for
 * NaN, +Infinity at +Infinity. Never throws.
 *
 * @example
 * digamma(1); // −γ = −0.5772156649015329
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x) || x === -Infinity) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const z = 1 / (y * y);
  // Σ B_2k / (2k y^2k) for k = 1..7; the next term is below 1e-16 for y ≥ 10.
  const series =
    z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - z * (1 / 12)))))));
  return acc + Math.log(y) - 0.5 / y - series;
}
