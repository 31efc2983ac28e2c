/**
 * Unconstrained minimisers for smooth functions of a few variables (the
 * model likelihoods, in log-parameter space so every parameter stays
 * positive). BFGS is the workhorse; Nelder–Mead is the derivative-free
 * fallback for starting points where BFGS stalls.
 */

/** The value of f at x; may also fill `gradient` when one is passed. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

export interface MinimizeOptions {
  /** Iteration budget; default 500 (BFGS) or 200·n (Nelder–Mead). */
  maxIterations?: number;
  /** Stop when the largest |gradient component| falls below this; default 1e-8. */
  gradientTolerance?: number;
  /** Stop when f improves relatively by less than this in an iteration; default 1e-14. */
  valueTolerance?: number;
  /**
   * True when the objective fills its gradient argument (analytic gradient);
   * otherwise central differences are used.
   */
  analyticGradient?: boolean;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why the loop stopped, for error messages. */
  reason: string;
}

/**
 * Central-difference gradient of f at x with step h·max(1, |x_i|).
 * Non-finite values of f propagate as non-finite components.
 *
 * @example
 * numericalGradient((x) => x[0] * x[0], Float64Array.of(3)); // ≈ [6]
 */
export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const step = h * Math.max(1, Math.abs(x[i]));
    y[i] = x[i] + step;
    const up = f(y);
    y[i] = x[i] - step;
    const down = f(y);
    y[i] = x[i];
    g[i] = (up - down) / (2 * step);
  }
  return g;
}

/**
 * Minimise f by BFGS (inverse-Hessian update) with a backtracking Armijo line
 * search. Non-finite values of f are treated as "too far" and the step is
 * shortened, so f may return Infinity outside its domain.
 *
 * @example
 * bfgs((x) => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, Float64Array.of(0, 0)).x; // ≈ [1, −2]
 */
export function bfgs(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gTol = options.gradientTolerance ?? 1e-8;
  const fTol = options.valueTolerance ?? 1e-14;
  let evaluations = 0;
  const evalWithGradient = (x: Float64Array, g: Float64Array): number => {
    if (options.analyticGradient) {
      evaluations++;
      return f(x, g);
    }
    evaluations += 1 + 2 * n;
    g.set(numericalGradient((y) => f(y), x));
    return f(x);
  };

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = evalWithGradient(x, g);
  if (!Number.isFinite(fx)) {
    return { x, value: fx, iterations: 0, evaluations, converged: false, reason: 'objective not finite at the start' };
  }
  const H = identity(n);
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let reason = 'iteration budget exhausted';
  let converged = false;
  let iter = 0;
  let stalls = 0;
  for (; iter < maxIterations; iter++) {
    if (maxAbs(g) < gTol) {
      converged = true;
      reason = 'gradient below tolerance';
      break;
    }
    // p = −H g
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      p[i] = s;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      resetIdentity(H, n);
      for (let i = 0; i < n; i++) p[i] = -g[i];
      slope = dot(p, g);
    }
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      if (options.analyticGradient) {
        fNew = evalWithGradient(xNew, gNew);
      } else {
        fNew = f(xNew);
        evaluations++;
      }
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        if (!options.analyticGradient) {
          gNew.set(numericalGradient((v) => f(v), xNew));
          evaluations += 2 * n;
        }
        if (allFinite(gNew)) {
          accepted = true;
          break;
        }
      }
      step *= Number.isFinite(fNew) ? 0.5 : 0.1;
    }
    if (!accepted) {
      if (stalls++ > 0) {
        reason = 'line search failed';
        // At a minimum within rounding the gradient is small already.
        converged = maxAbs(g) < Math.sqrt(gTol);
        break;
      }
      resetIdentity(H, n);
      continue;
    }
    stalls = 0;
    const improvement = fx - fNew;
    // BFGS update of the inverse Hessian with s = xNew − x, y = gNew − g.
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-300) {
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += H[i * n + j] * y[j];
        Hy[i] = acc;
      }
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += (1 + yHy * rho) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    fx = fNew;
    if (improvement <= fTol * (Math.abs(fx) + fTol) && maxAbs(g) < Math.sqrt(gTol)) {
      converged = true;
      reason = 'no further improvement';
      iter++;
      break;
    }
  }
  return { x, value: fx, iterations: iter, evaluations, converged, reason };
}

/**
 * Minimise f by the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½),
 * starting from a simplex with steps `scale` along each axis. Derivative-free
 * and robust to a rough start; slow to polish, so follow it with BFGS.
 *
 * @example
 * nelderMead((x) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2, [0, 0]).x; // ≈ [1, 2]
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: MinimizeOptions & { scale?: number } = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200 * n;
  const fTol = options.valueTolerance ?? 1e-12;
  const scale = options.scale ?? 0.5;
  const val = (x: Float64Array): number => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const pts: Float64Array[] = [];
  const fs: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += scale;
    pts.push(p);
    fs.push(val(p));
  }
  let evaluations = n + 1;
  let iter = 0;
  let converged = false;
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((i, j) => fs[i] - fs[j]);
    const p2 = idx.map((i) => pts[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = p2[i];
      fs[i] = f2[i];
    }
  };
  const along = (c: Float64Array, worst: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = c[j] + t * (worst[j] - c[j]);
    return out;
  };
  for (; iter < maxIterations; iter++) {
    order();
    const spread = Math.abs(fs[n] - fs[0]);
    if (Number.isFinite(fs[n]) && spread <= fTol * (Math.abs(fs[0]) + 1e-300)) {
      converged = true;
      break;
    }
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j] += pts[i][j] / n;
    const xr = along(c, pts[n], -1);
    const fr = val(xr);
    evaluations++;
    if (fr < fs[0]) {
      const xe = along(c, pts[n], -2);
      const fe = val(xe);
      evaluations++;
      if (fe < fr) {
        pts[n] = xe;
        fs[n] = fe;
      } else {
        pts[n] = xr;
        fs[n] = fr;
      }
    } else if (fr < fs[n - 1]) {
      pts[n] = xr;
      fs[n] = fr;
    } else {
      const outside = fr < fs[n];
      const xc = along(c, pts[n], outside ? -0.5 : 0.5);
      const fc = val(xc);
      evaluations++;
      if (fc < (outside ? fr : fs[n])) {
        pts[n] = xc;
        fs[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
          fs[i] = val(pts[i]);
        }
        evaluations += n;
      }
    }
  }
  order();
  return {
    x: pts[0],
    value: fs[0],
    iterations: iter,
    evaluations,
    converged,
    reason: converged ? 'simplex values agree' : 'iteration budget exhausted',
  };
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  resetIdentity(m, n);
  return m;
}
function resetIdentity(m: Float64Array, n: number): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return Number.isNaN(m) ? Infinity : m;
}
function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
