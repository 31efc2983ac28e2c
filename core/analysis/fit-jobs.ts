/**
 * The model choice's fits as jobs: each candidate model's work, and the
 * spend model's fit, is one pure function of plain data (typed arrays,
 * numbers, plain objects) returning plain data, so that a product with a
 * second thread can run some of them there (cli/fit-worker.ts) while the
 * rest run here. The fits do not depend on each other: a job gives the same
 * doubles wherever it runs. Choosing among the results is select-model.ts'.
 */
import { CvError } from '../errors.ts';
import type { Message } from '../i18n/messages.ts';
import { fitBgNbd } from '../models/bg-nbd.ts';
import { groupedOnce, type GroupedRepeatData, type RepeatInput } from '../models/customer-data.ts';
import type { WarmStart } from '../models/fit-driver.ts';
import { fitGammaGamma, type GammaGammaFit } from '../models/gamma-gamma.ts';
import { fitMbgNbd } from '../models/mbg-nbd.ts';
import { fitParetoNbd } from '../models/pareto-nbd.ts';
import { purchaseModel, type PurchaseModelFit } from '../models/purchase-model.ts';
import type { FittedModelName } from './settings.ts';

/** The name errors in validating the model inputs carry. */
export const SELECT_FN = 'selectPurchaseModel';

/** The histories before a holdout, grouped once for every candidate, and what customers did in the holdout. */
export interface HoldoutJudging {
  /** groupRepeatData of the calibration histories with rowGroups: customer i is in group rowGroup[i]. */
  grouped: GroupedRepeatData & { rowGroup: Int32Array };
  /** Each customer's purchases in the holdout, in the calibration histories' order. */
  holdout: ArrayLike<number>;
  /** The holdout's length in model periods. */
  length: number;
  /**
   * The churn horizon in model periods, when the chosen model's churn risk
   * is to be corrected on the holdout (analyze.ts): an `ahead` job also
   * gives each group's risk there.
   */
  churnLength?: number;
}

/** One candidate purchase model's work. */
export interface CandidateJob {
  kind: 'candidate';
  model: FittedModelName;
  penalizer: number;
  /** All the data, in model periods (grouped or not). */
  data: RepeatInput;
  /** Fit on the histories before this holdout and judge the fit on it, first. */
  holdout?: HoldoutJudging;
  /** Fit on all of `data` (after a calibration fit, from where it ended). */
  refit: boolean;
  /** Where to start the fit on all the data: a calibration fit's end, for a refit asked for later. */
  warm?: WarmStart;
  /**
   * Also do now what only the chosen model will need: its fit on all the
   * data and its churn risk per calibration group. For a runner with a
   * thread to spare; on one thread this is waste, so the choice never asks.
   */
  ahead?: boolean;
}

/** The spend model's fit on the repeat buyers with spend: independent of the purchase model. */
export interface SpendJob {
  kind: 'spend';
  x: Float64Array;
  zbar: Float64Array;
  penalizer: number;
}

export type FitJob = CandidateJob | SpendJob;

/** Why a model could not be fitted or scored, as CandidateReport says it. */
export interface ModelProblem {
  error: string;
  errorMessage?: Message;
}

/** A fit, or why there is none. */
export type FitOutcome = { fit: PurchaseModelFit } | ModelProblem;

export interface CandidateResult {
  kind: 'candidate';
  model: FittedModelName;
  /** The fit before the holdout (holdout jobs). */
  calibration?: FitOutcome;
  /** Its mean log loss of P(no purchase) and mean absolute error of purchases, per customer, on the holdout. */
  judged?: { logLoss: number; purchasesMae: number };
  /** Where the calibration fit ended, for a refit asked for later. */
  warm?: WarmStart;
  /** P(no purchase within the churn horizon) per calibration group, from the calibration fit (`ahead` jobs). */
  churnRisk?: Float64Array;
  /** The fit on all the data, when asked or done ahead. */
  all?: FitOutcome;
}

export type SpendResult = { kind: 'spend'; fit: GammaGammaFit } | { kind: 'spend'; problem: { reason: string; problem?: Message } };

export type FitJobResult = CandidateResult | SpendResult;

/**
 * Runs fit jobs, here or elsewhere; results in the jobs' order, each the
 * one {@link runFitJob} gives. A runner that fails should run the jobs
 * here instead: the choice cannot tell where a result was made.
 */
export interface FitRunner {
  run(jobs: readonly FitJob[]): Promise<FitJobResult[]>;
}

/** Runs every job here, in order: what the analysis does without a runner. */
export const inlineRunner: FitRunner = {
  run: async (jobs) => jobs.map(runFitJob),
};

export function runFitJob(job: FitJob): FitJobResult {
  return job.kind === 'spend' ? runSpendJob(job) : runCandidate(job);
}

/**
 * Fits one named model; a fit that fails for want of data throws CvError
 * 'data' or 'convergence'. `data` may be grouped already (groupRepeatData),
 * to fit several models on it without grouping it each time.
 */
export function fitPurchaseModel(name: FittedModelName, data: RepeatInput, penalizer: number, warm?: WarmStart): PurchaseModelFit {
  switch (name) {
    case 'bgnbd':
      return fitBgNbd(data, { penalizer });
    case 'mbgnbd':
      return fitMbgNbd(data, { penalizer, warm });
    case 'pnbd':
      return fitParetoNbd(data, { penalizer, warm });
  }
}

/**
 * One candidate: its calibration fit and holdout judgement (with a
 * holdout), its fit on all the data (when asked or ahead, and its
 * calibration fit, if any, worked), and ahead, its churn risk per group.
 * Model problems are results; anything else is a bug and is thrown.
 */
export function runCandidate(job: CandidateJob): CandidateResult {
  const result: CandidateResult = { kind: 'candidate', model: job.model };
  let warm = job.warm;
  if (job.holdout) {
    const h = job.holdout;
    const start: WarmStart = {};
    let fit: PurchaseModelFit;
    try {
      fit = fitPurchaseModel(job.model, h.grouped, job.penalizer, start);
      result.calibration = { fit };
      result.judged = judge(fit, h);
    } catch (e) {
      result.calibration = modelProblem(e);
      result.judged = undefined;
      return result;
    }
    warm = result.warm = start;
    if (job.ahead && h.churnLength !== undefined) {
      try {
        result.churnRisk = churnRiskPerGroup(fit, h.grouped, h.churnLength);
      } catch (e) {
        // Left to the analysis, which says why when this model is the one chosen.
        modelProblem(e);
      }
    }
  }
  if (job.refit || job.ahead) {
    try {
      result.all = { fit: fitPurchaseModel(job.model, groupedOnce(SELECT_FN, job.data), job.penalizer, warm) };
    } catch (e) {
      result.all = modelProblem(e);
    }
  }
  return result;
}

/**
 * P(no purchase within `t` periods) of each group of histories under `fit`:
 * customers with the same (x, t_x, T) get the same prediction, computed once
 * (CDNOW's 23,570 customers before the holdout are 9,895 groups).
 */
export function churnRiskPerGroup(fit: PurchaseModelFit, g: GroupedRepeatData, t: number): Float64Array {
  const pm = purchaseModel(fit);
  const perGroup = new Float64Array(g.x.length);
  for (let k = 0; k < perGroup.length; k++) perGroup[k] = pm.noPurchase(t, g.x[k], g.t_x[k], g.T[k]);
  return perGroup;
}

/** The fit's mean log loss of P(no purchase in the holdout) and mean absolute error of its expected purchases. */
function judge(fit: PurchaseModelFit, h: HoldoutJudging): { logLoss: number; purchasesMae: number } {
  const g = h.grouped;
  const rowGroup = g.rowGroup;
  const groups = g.x.length;
  const customers = rowGroup.length;
  const p0 = new Float64Array(groups);
  const expected = new Float64Array(groups);
  const pm = purchaseModel(fit);
  for (let k = 0; k < groups; k++) {
    p0[k] = pm.noPurchase(h.length, g.x[k], g.t_x[k], g.T[k]);
    expected[k] = pm.pAlive(g.x[k], g.t_x[k], g.T[k]) * pm.expectedIfAlive(h.length, g.x[k], g.T[k]);
  }
  // Summed per customer in their order, as before grouping: the same sums to the last bit.
  let logLoss = 0;
  let mae = 0;
  for (let i = 0; i < customers; i++) {
    const k = rowGroup[i];
    // Probabilities of exactly 0 or 1 would make one customer's loss infinite; 1e-12 is far below any real doubt.
    const p = Math.min(Math.max(h.holdout[i] === 0 ? p0[k] : 1 - p0[k], 1e-12), 1);
    logLoss -= Math.log(p);
    mae += Math.abs(expected[k] - h.holdout[i]);
  }
  return { logLoss: logLoss / customers, purchasesMae: mae / customers };
}

function runSpendJob(job: SpendJob): SpendResult {
  try {
    return { kind: 'spend', fit: fitGammaGamma({ x: job.x, zbar: job.zbar }, { penalizer: job.penalizer }) };
  } catch (error) {
    if (!(error instanceof CvError && (error.kind === 'data' || error.kind === 'convergence'))) throw error;
    return { kind: 'spend', problem: error.problem !== undefined ? { reason: error.reason, problem: error.problem } : { reason: error.reason } };
  }
}

/**
 * The reason a model could not be fitted or scored on these data: too few
 * of them ('data'), no settled fit ('convergence'), or parameters where a
 * special function cannot be evaluated accurately ('num', which the
 * numerics throw instead of returning a wrong number). Anything else is a
 * bug and is rethrown.
 */
export function modelProblem(e: unknown): ModelProblem {
  if (isModelProblem(e)) return e.problem !== undefined ? { error: e.reason, errorMessage: e.problem } : { error: e.reason };
  throw e;
}

/** A model that cannot be fitted or evaluated on these data ('data', 'convergence' or 'num'), as opposed to a bug. */
export function isModelProblem(e: unknown): e is CvError {
  return e instanceof CvError && (e.kind === 'data' || e.kind === 'convergence' || e.kind === 'num');
}
