/**
 * Fit jobs on made-up histories, for a thread that has nothing to do yet:
 * run once while the file is being read (cli/fit-worker.ts), they make the
 * JIT compile the likelihood and prediction code the real job will run, so
 * that its first evaluations do not run in the interpreter (in a fresh
 * process CDNOW's first Pareto/NBD evaluations took 20–37 ms each against
 * 2 ms once compiled; docs/cli-speed.md). Their results are thrown away,
 * and nothing of them reaches a real fit: the fits keep no state between
 * calls, and compiled code computes the same doubles as the interpreter.
 */
import { groupRepeatData } from '../models/customer-data.ts';
import { createRng, type Rng } from '../simulate/prng.ts';
import { sampleGamma } from '../simulate/samplers.ts';
import type { FitJob, HoldoutJudging } from './fit-jobs.ts';
import { SELECT_FN } from './fit-jobs.ts';

/**
 * A candidate job (Pareto/NBD on a holdout, with its refit and churn risk,
 * as the fit worker is given) or a spend job (Gamma-Gamma) on `customers`
 * made-up customers drawn from CDNOW-like Pareto/NBD and Gamma-Gamma
 * parameters (Fader, Hardie & Lee 2005: r 0.55, α 10.58, s 0.61, β 11.67;
 * p 6.25, q 3.74, γ 15.44), in weeks, 39 weeks before a 39-week holdout.
 */
export function practiceJob(kind: 'candidate' | 'spend', customers = 300): FitJob {
  const rng = createRng(1997);
  const x = new Float64Array(customers);
  const t_x = new Float64Array(customers);
  const T = new Float64Array(customers);
  const holdout: number[] = [];
  const zbar = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const lambda = sampleGamma(rng, 0.55, 10.58);
    const life = exponential(rng, sampleGamma(rng, 0.61, 11.67));
    // First purchases spread over the first 12 weeks, as CDNOW's cohort.
    T[i] = 27 + 12 * rng.next();
    let t = 0;
    let n = 0;
    let last = 0;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > Math.min(life, T[i])) break;
      n++;
      last = t;
    }
    x[i] = n;
    t_x[i] = last;
    let later = 0;
    for (let s = T[i] + exponential(rng, lambda); s < Math.min(life, T[i] + 39); s += exponential(rng, lambda)) later++;
    holdout.push(later);
    zbar[i] = n > 0 ? sampleGamma(rng, 6.25 * n, sampleGamma(rng, 3.74, 15.44) * n) : 0;
  }
  if (kind === 'spend') {
    const repeat = Array.from(x.keys()).filter((i) => x[i] > 0);
    return { kind: 'spend', x: Float64Array.from(repeat, (i) => x[i]), zbar: Float64Array.from(repeat, (i) => zbar[i]), penalizer: 0 };
  }
  const grouped = groupRepeatData(SELECT_FN, { x, t_x, T }, { rowGroups: true }) as HoldoutJudging['grouped'];
  return { kind: 'candidate', model: 'pnbd', penalizer: 0, data: { x, t_x, T }, holdout: { grouped, holdout, length: 39, churnLength: 13 }, refit: true, ahead: true };
}

function exponential(rng: Rng, rate: number): number {
  return rate > 0 ? -Math.log(1 - rng.next()) / rate : Infinity;
}
