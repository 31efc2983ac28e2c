/**
 * ln 2F1(a, b; a+1; z) and its partial derivatives in a, b and z, for large
 * a with z close to 1 but a·(1 − z) ≥ 1/2: the Pareto/NBD likelihood's
 * hypergeometric term where the Euler series of logHyp2f1APlusOne needs
 * ~37/(1 − z) terms (60,000 at r → ∞, the Poisson limit of a fit to data
 * without heterogeneity).
 *
 * Euler's integral 2F1(a, b; a+1; z) = a ∫₀¹ u^(a−1) (1 − zu)^(−b) du with
 * u = e^(−t/a) becomes
 *   F = ∫₀^∞ e^(−t) (1 − z e^(−t/a))^(−b) dt,
 * and with w = 1 − z, e = 1 − e^(−t/a): 1 − z e^(−t/a) = w + z e (a sum of
 * positive terms, no cancellation however close z is to 1), so
 *   F = w^(−b) ∫₀^∞ h(t) dt,  h(t) = exp(−t − b ln(1 + z e / w)).
 * ln h falls at rate λ = 1 + b z / (a w) at t = 0 and at rate 1 far out; in
 * s = λ t the integrand falls like e^(−s) near 0 and its curvature stays at
 * most 1/(a w) ≤ 2, so one exp-sinh (double-exponential) rule
 * s = exp(π/2 sinh x) in x with a fixed step serves the whole region.
 * The derivatives are integrals of h times positive factors
 * (differentiation under the integral sign):
 *   ∂ ln F/∂a = ⟨b z u t / (a² (w + z e))⟩,  ∂ ln F/∂b = ⟨−ln(w + z e)⟩,
 *   ∂ ln F/∂z = ⟨b u / (w + z e)⟩,  u = e^(−t/a), ⟨·⟩ the h-weighted mean,
 * so nothing cancels and the relative accuracy of the rule carries over.
 */

/** ln F and ∂ ln F/∂a, ∂ ln F/∂b, ∂ ln F/∂z. */
export interface LogHyp2f1Gradient {
  value: number;
  da: number;
  db: number;
  dz: number;
}

/**
 * Exp-sinh nodes: x_k = k·STEP; s = exp(π/2 sinh x), ds = s π/2 cosh x dx.
 * x up to 4.5 (s to e^70); from the left only nodes whose weight exceeds
 * 1e-20. Steps measured against the mpmath values of log-hyp2f1-large-a.test.ts,
 * worst relative error of ln F and its partials: 1/8 8e-9, 1/10 8e-11,
 * 1/12 8e-13, 1/14 1.5e-14, 1/16 1.1e-15.
 */
const STEP = 1 / 14;
const X_MAX = 4.5;
const NODES: { s: Float64Array; weight: Float64Array } = (() => {
  const n = Math.round(X_MAX / STEP);
  const s: number[] = [];
  const weight: number[] = [];
  // From the first node whose weight counts at all: the integrand is at most 1 there and ∫ ≥ ~1/2.
  let k = -n;
  while ((Math.PI / 2) * Math.cosh(k * STEP) * Math.exp((Math.PI / 2) * Math.sinh(k * STEP)) < 1e-20) k++;
  for (; k <= n; k++) {
    const x = k * STEP;
    const v = Math.exp((Math.PI / 2) * Math.sinh(x));
    s.push(v);
    weight.push(STEP * v * (Math.PI / 2) * Math.cosh(x));
  }
  return { s: Float64Array.from(s), weight: Float64Array.from(weight) };
})();

/**
 * ln 2F1(a, b; a+1; z) with its gradient, for a ≥ 50, 0 < b ≤ a + 1 and
 * 1/(2a) ≤ w = 1 − z ≤ 0.01, or ≤ 0.05 for a ≤ 300 (accurate to ~1e-13
 * relative there, tested against mpmath); w is passed because the callers
 * know it better than 1 − z.
 * Unchecked: the callers (logHyp2f1APlusOne, the Pareto/NBD gradient) have
 * validated their arguments and only come here inside that region.
 *
 * @example
 * logHyp2f1LargeA(1e4, 1.5, 1 - 6e-4, 6e-4).value; // the Pareto/NBD term at r → ∞
 */
export function logHyp2f1LargeA(a: number, b: number, z: number, w: number): LogHyp2f1Gradient {
  const lambda = 1 + (b * z) / (a * w);
  const zw = z / w;
  const { s, weight } = NODES;
  let sum = 0;
  let sa = 0;
  let sb = 0;
  let sz = 0;
  const lnW = Math.log(w);
  // With b ln(1/w) < 1, F is near 1 and −b ln w + ln ∫h cancels to ~1e-13 relative; there
  // ln F = ln(1 + ∫ e^(−t) ((w + z e)^(−b) − 1) dt) keeps the small part apart.
  const small = -b * lnW < 1;
  let excess = 0;
  for (let k = 0; k < s.length; k++) {
    const t = s[k] / lambda;
    const e = -Math.expm1(-t / a);
    const l = Math.log1p(zw * e); // ln((w + z e) / w)
    const h = Math.exp(-t - b * l) * weight[k];
    // The integrand falls monotonically in t and the weights grow no faster than it falls
    // past t ~ 1, so once a term is negligible (even times t, for ∂/∂a) the rest are too.
    if (t > 1 && h * t < 1e-19 * sum) break;
    sum += h;
    if (small) excess += Math.exp(-t) * Math.expm1(-b * (l + lnW)) * weight[k];
    const q = (h * (1 - e)) / (w + z * e); // h u / (1 − z u), u = e^(−t/a)
    sa += q * t;
    sz += q;
    sb += h * (l + lnW);
  }
  return {
    value: small ? Math.log1p(excess / lambda) : -b * lnW + Math.log(sum / lambda),
    da: ((b * z) / (a * a)) * (sa / sum),
    db: -sb / sum,
    dz: b * (sz / sum),
  };
}
