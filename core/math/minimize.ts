/**
 * Minimisers for smooth functions of a few variables (the model
 * likelihoods, in log-parameter space so every parameter stays positive).
 * BFGS is the workhorse; Nelder–Mead is the derivative-free fallback for
 * starting points where BFGS stalls. Both accept a box (lower/upper bounds
 * per variable) and a budget of objective evaluations and seconds, so a fit
 * always returns: a likelihood can run towards a limit (a parameter → 0 or
 * ∞) where every evaluation gets slower, and only a budget stops that.
 */
import { CvError } from '../errors.ts';

// core has no DOM or Node types; performance.now() exists in both.
declare const performance: { now(): number };

/** The value of f at x; may also fill `gradient` when one is passed. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

export interface MinimizeOptions {
  /** Iteration budget; default 500 (BFGS) or 200·n (Nelder–Mead). */
  maxIterations?: number;
  /** Stop when the largest |projected gradient component| falls below this; default 1e-8. */
  gradientTolerance?: number;
  /** Stop when f improves relatively by less than this in an iteration; default 1e-14. */
  valueTolerance?: number;
  /**
   * True when the objective fills its gradient argument (analytic gradient);
   * otherwise central differences are used.
   */
  analyticGradient?: boolean;
  /** Lower bound of each variable (default −∞); the search never leaves [lower, upper]. */
  lower?: ArrayLike<number>;
  /** Upper bound of each variable (default +∞). */
  upper?: ArrayLike<number>;
  /** Stop (with the best point so far) after this many objective evaluations; default unlimited. */
  maxEvaluations?: number;
  /**
   * Stop (with the best point so far) once this many seconds have passed,
   * checked before each objective evaluation; default unlimited. A single
   * evaluation is not interrupted.
   */
  maxSeconds?: number;
  /**
   * BFGS only: checked at each accepted point; true ends the search there
   * with `stopped` (a caller that changes coordinates once the search
   * reaches some region).
   */
  stopWhen?: (x: Float64Array) => boolean;
  /**
   * Nelder–Mead only: stop when every vertex lies within this distance of
   * the best one in every variable; default 0 (never). Where the objective
   * is noisier than valueTolerance the simplex values never agree, and the
   * search only shrinks the simplex onto one point evaluation after evaluation.
   */
  pointTolerance?: number;
  /**
   * BFGS only: relative gain of f per step that counts as rounding noise;
   * three such steps in a row end the search ('no progress beyond
   * rounding'). Default 1e-13 (a few hundred ulps). When given, a line
   * search also gives up once the decrease it predicts falls below a tenth
   * of it (the noise floor itself).
   */
  noise?: number;
  /**
   * BFGS only: the inverse Hessian to start from (n×n, row by row), e.g.
   * where a search of a closely related function ended; default the
   * identity. A good one turns the first steps from gradient steps into
   * Newton steps.
   */
  inverseHessian?: ArrayLike<number>;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** The gradient at x (BFGS; NaN-filled from Nelder–Mead, which does not compute one). */
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** True when the evaluation or time budget ended the search. */
  outOfBudget: boolean;
  /** Why the loop stopped, for error messages. */
  reason: string;
  /** True when options.stopWhen ended the search. */
  stopped?: boolean;
  /** BFGS only: its estimate of the inverse Hessian at x (n×n, row by row). */
  inverseHessian?: Float64Array;
}

/** Thrown by a budgeted objective when the budget is spent; caught by the minimisers. */
class BudgetSpent {
  constructor(readonly reason: string) {}
}

/**
 * f with the budget of `options` enforced before each call, and a CvError
 * thrown from inside f turned into +∞: a special function that refuses an
 * argument (or gives up on a series) marks a point the search must back off
 * from, like a value outside the domain.
 */
function budgeted(f: Objective, options: MinimizeOptions): { f: Objective; calls: () => number } {
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const deadline = options.maxSeconds === undefined ? Infinity : performance.now() + options.maxSeconds * 1000;
  let calls = 0;
  const g: Objective = (x, gradient) => {
    if (calls >= maxEvaluations) throw new BudgetSpent(`evaluation budget of ${maxEvaluations} exhausted`);
    if (performance.now() > deadline) throw new BudgetSpent(`time limit of ${options.maxSeconds} s reached`);
    calls++;
    try {
      return f(x, gradient);
    } catch (e) {
      if (e instanceof CvError) {
        gradient?.fill(NaN);
        return Infinity;
      }
      throw e;
    }
  };
  return { f: g, calls: () => calls };
}

/** Bounds of n variables, ±∞ where none is given. */
function boxOf(n: number, options: MinimizeOptions): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    if (options.lower) lo[i] = options.lower[i];
    if (options.upper) hi[i] = options.upper[i];
  }
  return { lo, hi };
}

function clampInto(x: Float64Array, lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
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
 * Largest change of one variable in a single BFGS step. The first steps use
 * the identity as inverse Hessian, and an unscaled gradient step can jump to
 * a corner of the box, where a likelihood is flat, costly and misleading;
 * in log-parameter space 3 is a factor e³ ≈ 20 per iteration.
 */
const MAX_STEP = 3;

/**
 * A variable this close to a bound, pushed outwards, counts as on it: else
 * it creeps towards the bound in ever smaller steps that spoil the
 * curvature estimate of the others.
 */
const AT_BOUND = 1e-4;

/** Default relative gain of f per BFGS step that counts as rounding noise (a few hundred ulps). */
const NOISE = 1e-13;

/**
 * Minimise f by BFGS (inverse-Hessian update) with a backtracking Armijo line
 * search, projected onto the box [lower, upper]: variables held at a bound
 * by a gradient pointing outwards are frozen for the step (and the curvature
 * estimate restarts when that set changes), and convergence is judged on the
 * projected gradient. Non-finite values of f (and CvErrors thrown by f) are
 * treated as "too far" and the step is shortened, so f may return Infinity
 * outside its domain. When the budget runs out the best point so far is
 * returned with `outOfBudget`.
 *
 * @example
 * bfgs((x) => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, Float64Array.of(0, 0)).x; // ≈ [1, −2]
 */
export function bfgs(objective: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gTol = options.gradientTolerance ?? 1e-8;
  const fTol = options.valueTolerance ?? 1e-14;
  const noise = options.noise ?? NOISE;
  const { lo, hi } = boxOf(n, options);
  const budget = budgeted(objective, options);
  const f = budget.f;
  const evalWithGradient = (x: Float64Array, g: Float64Array): number => {
    if (options.analyticGradient) return f(x, g);
    const v = f(x);
    g.set(numericalGradient((y) => f(y), x));
    return v;
  };

  let x = Float64Array.from(x0);
  clampInto(x, lo, hi);
  let g = new Float64Array(n).fill(NaN);
  let fx = Infinity;
  let iter = 0;
  const H = identity(n);
  if (options.inverseHessian) H.set(options.inverseHessian);
  const result = (converged: boolean, reason: string, outOfBudget = false): MinimizeResult => ({
    x,
    value: fx,
    gradient: g,
    iterations: iter,
    evaluations: budget.calls(),
    converged,
    outOfBudget,
    reason,
    inverseHessian: H,
  });
  try {
    fx = evalWithGradient(x, g);
    if (!Number.isFinite(fx)) return result(false, 'objective not finite at the start');
    const p = new Float64Array(n);
    const pg = new Float64Array(n);
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    const held = new Uint8Array(n);
    let reason = 'iteration budget exhausted';
    let converged = false;
    let stalls = 0;
    let idle = 0;
    for (; iter < maxIterations; iter++) {
      // Variables at a bound whose gradient points out of the box.
      for (let i = 0; i < n; i++) {
        const h = (x[i] <= lo[i] + AT_BOUND && g[i] > 0) || (x[i] >= hi[i] - AT_BOUND && g[i] < 0) ? 1 : 0;
        // A variable held or released forgets its curvature; the others keep theirs (a full
        // reset each time one variable touched its bound made the rest crawl along a ridge).
        if (h !== held[i]) forget(H, n, i);
        held[i] = h;
        pg[i] = h ? 0 : g[i];
      }
      if (maxAbs(pg) < gTol) {
        converged = true;
        reason = 'gradient below tolerance';
        break;
      }
      // p = −H pg on the free variables.
      for (let i = 0; i < n; i++) {
        let s = 0;
        if (!held[i]) for (let j = 0; j < n; j++) s -= H[i * n + j] * pg[j];
        p[i] = s;
      }
      if (!(dot(p, pg) < 0)) {
        // Not a descent direction: restart from steepest descent.
        resetIdentity(H, n);
        for (let i = 0; i < n; i++) p[i] = -pg[i];
      }
      let step = Math.min(1, MAX_STEP / maxAbs(p));
      let fNew = Infinity;
      let accepted = false;
      for (let ls = 0; ls < 60; ls++) {
        for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
        clampInto(xNew, lo, hi);
        let decrease = 0;
        let moved = 0;
        for (let i = 0; i < n; i++) {
          decrease += g[i] * (xNew[i] - x[i]);
          moved = Math.max(moved, Math.abs(xNew[i] - x[i]) / (1 + Math.abs(x[i])));
        }
        // Steps below this move nothing a likelihood can resolve; more halvings only cost evaluations.
        if (moved < 1e-10) break;
        // A predicted decrease below the noise floor the caller gave (a tenth of `noise`)
        // cannot be told from rounding: halving on only spends evaluations (20 and more per
        // failed search, far out on a ridge).
        if (options.noise !== undefined && -decrease < 0.1 * noise * (Math.abs(fx) + noise)) break;
        if (options.analyticGradient) {
          fNew = f(xNew, gNew);
        } else {
          fNew = f(xNew);
        }
        if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
          if (!options.analyticGradient) gNew.set(numericalGradient((v) => f(v), xNew));
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
          converged = maxAbs(pg) < Math.sqrt(gTol);
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
      if (options.stopWhen?.(x)) {
        iter++;
        return { ...result(false, 'stopped by the caller'), stopped: true };
      }
      if (improvement <= fTol * (Math.abs(fx) + fTol) && maxAbs(projected(g, x, lo, hi)) < Math.sqrt(gTol)) {
        converged = true;
        reason = 'no further improvement';
        iter++;
        break;
      }
      // Steps that gain only rounding noise: the gradient is too inaccurate to go further.
      idle = improvement <= noise * (Math.abs(fx) + noise) ? idle + 1 : 0;
      if (idle >= 3) {
        reason = 'no progress beyond rounding';
        converged = maxAbs(projected(g, x, lo, hi)) < Math.sqrt(gTol);
        iter++;
        break;
      }
    }
    return result(converged, reason);
  } catch (e) {
    if (e instanceof BudgetSpent) return result(false, e.reason, true);
    throw e;
  }
}

/** g with the components that push a variable out of the box at its bound set to 0. */
function projected(g: Float64Array, x: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  const out = Float64Array.from(g);
  for (let i = 0; i < g.length; i++) if ((x[i] <= lo[i] + AT_BOUND && g[i] > 0) || (x[i] >= hi[i] - AT_BOUND && g[i] < 0)) out[i] = 0;
  return out;
}

/**
 * Minimise f by the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½),
 * starting from a simplex with steps `scale` along each axis, every vertex
 * projected into the box. Derivative-free and robust to a rough start; slow
 * to polish, so follow it with BFGS. When the budget runs out the best
 * vertex is returned with `outOfBudget`.
 *
 * @example
 * nelderMead((x) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2, [0, 0]).x; // ≈ [1, 2]
 */
export function nelderMead(
  objective: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: MinimizeOptions & { scale?: number } = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200 * n;
  const fTol = options.valueTolerance ?? 1e-12;
  const xTol = options.pointTolerance ?? 0;
  const scale = options.scale ?? 0.5;
  const { lo, hi } = boxOf(n, options);
  const budget = budgeted((x) => objective(x), options);
  const val = (x: Float64Array): number => {
    clampInto(x, lo, hi);
    const v = budget.f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const pts: Float64Array[] = [];
  const fs: number[] = [];
  let iter = 0;
  let converged = false;
  let reason = 'iteration budget exhausted';
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((i, j) => fs[i] - fs[j]);
    const p2 = idx.map((i) => pts[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i < fs.length; i++) {
      pts[i] = p2[i];
      fs[i] = f2[i];
    }
  };
  const along = (c: Float64Array, worst: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = c[j] + t * (worst[j] - c[j]);
    return out;
  };
  const result = (reason: string, outOfBudget: boolean): MinimizeResult => {
    order();
    const x = pts.length > 0 ? pts[0] : Float64Array.from(x0);
    return {
      x,
      value: fs.length > 0 ? fs[0] : Infinity,
      gradient: new Float64Array(n).fill(NaN),
      iterations: iter,
      evaluations: budget.calls(),
      converged,
      outOfBudget,
      reason,
    };
  };
  try {
    for (let i = 0; i <= n; i++) {
      const p = Float64Array.from(x0);
      if (i > 0) {
        // Step inwards when the start sits on the upper bound, so the simplex keeps its volume.
        p[i - 1] += p[i - 1] + scale > hi[i - 1] ? -scale : scale;
      }
      const v = val(p);
      pts.push(p);
      fs.push(v);
    }
    for (; iter < maxIterations; iter++) {
      order();
      const spread = Math.abs(fs[n] - fs[0]);
      if (Number.isFinite(fs[n]) && spread <= fTol * (Math.abs(fs[0]) + 1e-300)) {
        converged = true;
        reason = 'simplex values agree';
        break;
      }
      if (xTol > 0 && Number.isFinite(fs[n]) && diameter(pts) <= xTol) {
        converged = true;
        reason = 'simplex collapsed onto a point';
        break;
      }
      const c = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j] += pts[i][j] / n;
      const xr = along(c, pts[n], -1);
      const fr = val(xr);
      if (fr < fs[0]) {
        const xe = along(c, pts[n], -2);
        const fe = val(xe);
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
        if (fc < (outside ? fr : fs[n])) {
          pts[n] = xc;
          fs[n] = fc;
        } else {
          for (let i = 1; i <= n; i++) {
            for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
            fs[i] = val(pts[i]);
          }
        }
      }
    }
    return result(reason, false);
  } catch (e) {
    if (e instanceof BudgetSpent) return result(e.reason, true);
    throw e;
  }
}

/** Largest distance of a vertex from the first (the best) in any variable. */
function diameter(pts: Float64Array[]): number {
  let d = 0;
  for (let i = 1; i < pts.length; i++) for (let j = 0; j < pts[0].length; j++) d = Math.max(d, Math.abs(pts[i][j] - pts[0][j]));
  return d;
}

/** Row and column i of the inverse Hessian back to the identity's. */
function forget(m: Float64Array, n: number, i: number): void {
  for (let j = 0; j < n; j++) {
    m[i * n + j] = 0;
    m[j * n + i] = 0;
  }
  m[i * n + i] = 1;
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
