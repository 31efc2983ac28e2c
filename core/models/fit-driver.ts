import { CvError } from '../errors.ts';
import { bfgs, nelderMead, type Objective } from '../math/minimize.ts';

// core has no DOM or Node types; performance.now() exists in both.
declare const performance: { now(): number };

/** Seconds since an arbitrary origin, for FitResult.seconds. */
export function nowSeconds(): number {
  return performance.now() / 1000;
}

/** ln(1e5): how far from its scale a parameter may go before it counts as diverging. */
const MAX_LOG_RATIO = Math.log(1e5);

export interface MaximizeResult {
  theta: Float64Array;
  /** The maximised log-likelihood (sum over customers). */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/**
 * Maximise a log-likelihood over log-parameters θ (every model parameter is
 * positive, so θ = ln(param) is unconstrained). `negMeanLL(θ, g?)` returns
 * −LL/N (and its gradient when g is given and `analytic`), N the number of
 * customers, which keeps tolerances independent of the sample size.
 *
 * BFGS first; if it stalls, Nelder–Mead from where it stopped, then BFGS
 * again. Throws CvError(fn, 'convergence') when that fails too, or when a
 * parameter runs off to 0 or ∞: beyond a factor 1e5 from its `scales` entry
 * (1 for shape parameters; the data's time or money scale for α, β, γ), a
 * sign that the data cannot pin it down (e.g. nobody ever drops out).
 */
export function maximizeLogLikelihood(
  fn: string,
  names: readonly string[],
  negMeanLL: Objective,
  theta0: ArrayLike<number>,
  customers: number,
  analytic: boolean,
  scales: readonly number[] = names.map(() => 1),
): MaximizeResult {
  let res = bfgs(negMeanLL, theta0, { analyticGradient: analytic, gradientTolerance: 1e-9, maxIterations: 400 });
  let iterations = res.iterations;
  if (!res.converged || !Number.isFinite(res.value)) {
    const start = Number.isFinite(res.value) ? res.x : Float64Array.from(theta0);
    const nm = nelderMead((t) => negMeanLL(t), start, { maxIterations: 2000, valueTolerance: 1e-13 });
    iterations += nm.iterations;
    res = bfgs(negMeanLL, nm.x, { analyticGradient: analytic, gradientTolerance: 1e-9, maxIterations: 400 });
    iterations += res.iterations;
  }
  if (!Number.isFinite(res.value)) {
    throw new CvError(fn, 'convergence', 'the log-likelihood is not finite anywhere the optimiser looked');
  }
  for (let i = 0; i < names.length; i++) {
    const logRatio = res.x[i] - Math.log(scales[i]);
    if (Math.abs(logRatio) > MAX_LOG_RATIO) {
      throw new CvError(
        fn,
        'convergence',
        `parameter ${names[i]} runs to ${logRatio > 0 ? 'infinity' : 'zero'} (${Math.exp(res.x[i]).toPrecision(3)}): the data do not identify it`,
      );
    }
  }
  if (!res.converged) {
    throw new CvError(fn, 'convergence', `the optimiser did not converge (${res.reason}) after ${iterations} iterations`);
  }
  return { theta: res.x, logLikelihood: -res.value * customers, iterations, converged: true };
}
