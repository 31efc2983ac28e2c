/**
 * Which purchase model to trust, chosen by evidence and said in a sentence.
 *
 * - A model asked for by name is fitted; when it cannot be, the other
 *   models are tried in turn (BG/NBD, MBG/NBD, Pareto/NBD), and when none
 *   can, the own-rate heuristic scores everybody. Each step is reported.
 * - 'auto' with data long enough for a holdout: the last third of the
 *   observed span (at least four weeks) is held out, each model is fitted
 *   on the rest and scored on what customers then did — the log loss of
 *   its P(no purchase in the holdout), the probability the products show
 *   as churn risk — and the best is refitted on all the data.
 * - 'auto' otherwise: the model with the highest log-likelihood on all the
 *   data. All three have four parameters, so this is also the choice of
 *   AIC and BIC.
 */
import { groupRepeatData, groupedOnce, type RepeatData, type RepeatInput } from '../models/customer-data.ts';
import type { PurchaseModelFit } from '../models/purchase-model.ts';
import { runCandidate, SELECT_FN, type CandidateJob, type CandidateResult, type FitOutcome, type HoldoutJudging } from './fit-jobs.ts';
import type { DayNumber } from '../types.ts';
import type { SplitHistories } from './purchase-days.ts';
import { MODEL_TITLES, PURCHASE_MODELS, type FittedModelName, type PurchaseModelName } from './settings.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';

/** How one candidate model did. */
export interface CandidateReport {
  model: FittedModelName;
  /** Log-likelihood of the fit on all the data (likelihood route) or on the calibration part (holdout route). */
  logLikelihood?: number;
  /**
   * Likelihood evaluations its fit took (on the holdout route, the fit before
   * the holdout): the cost of the choice, the same on any machine.
   */
  evaluations?: number;
  /** On the holdout: mean log loss of P(no purchase) and mean absolute error of expected purchases per customer. */
  holdout?: { logLoss: number; purchasesMae: number };
  /** Why it could not be fitted. */
  error?: string;
  /** The same reason as a message, where core words it as one. */
  errorMessage?: Message;
}

export interface ModelSelection {
  requested: PurchaseModelName;
  /** The model that scored the customers, or 'none' for the heuristic. */
  chosen: FittedModelName | 'none';
  method: 'requested' | 'holdout' | 'likelihood' | 'heuristic';
  /** One sentence: which model and why. */
  reason: string;
  /** The reason as a message, to say it in any language. */
  reasonMessage: Message;
  candidates: CandidateReport[];
  /** Fallbacks taken, in order, each a sentence. */
  steps: string[];
  /** The steps as messages, in the same order. */
  stepMessages: Message[];
  /** The holdout that decided, when one did. */
  holdout?: { calibrationEnd: DayNumber; asOf: DayNumber; days: number; customers: number };
}

export interface SelectionInput {
  requested: PurchaseModelName;
  penalizer: number;
  /** All the data, in model periods. */
  data: RepeatData;
  /** Split histories for a holdout (auto only), when the data are long enough; see holdoutPlan. */
  holdout?: { histories: SplitHistories; calibrationEnd: DayNumber; asOf: DayNumber; periodDays: number };
  /** Why there is no holdout, for the reason of a choice by likelihood. */
  noHoldout?: Message;
}

export interface SelectionResult {
  fit?: PurchaseModelFit;
  selection: ModelSelection;
  /** Holdout route: each model's fit on the data before the holdout (to learn a recalibration with). */
  calibrationFits?: Map<FittedModelName, PurchaseModelFit>;
  /** Holdout route: the grouping of the histories before the holdout, the same at any holdout end. */
  judging?: HoldoutJudging;
  /** Holdout route, when done ahead: the chosen model's churn risk per group of `judging` (fit-jobs.ts). */
  churnRisk?: Float64Array;
}

export { fitPurchaseModel, isModelProblem } from './fit-jobs.ts';

/** Customers and repeat buyers a holdout needs before its verdict counts for more than the likelihood's. */
export const HOLDOUT_MIN_CUSTOMERS = 100;
export const HOLDOUT_MIN_REPEAT = 20;
/** Shortest holdout worth judging by, in days. */
export const HOLDOUT_MIN_DAYS = 28;

/**
 * Where to split for the holdout (the last third of the observed span), or
 * why not: a span under 12 weeks leaves too short a holdout.
 */
export function holdoutPlan(firstDay: number, asOf: DayNumber): { calibrationEnd: DayNumber } | { why: Message } {
  const span = asOf - firstDay;
  const days = Math.floor(span / 3);
  if (!(days >= HOLDOUT_MIN_DAYS)) return { why: msg('select.spanTooShort', { span: Math.max(span, 0), min: HOLDOUT_MIN_DAYS }) };
  return { calibrationEnd: asOf - days };
}

/**
 * The fits a choice needs before it can choose, as jobs (fit-jobs.ts), and
 * what it knows meanwhile. Made by {@link planSelection}, finished with the
 * jobs' results by {@link finishSelection}.
 */
export interface SelectionPlan {
  input: SelectionInput;
  route: 'none' | 'requested' | 'holdout' | 'likelihood';
  jobs: CandidateJob[];
  /** All the data grouped, once it has been (every fit on all the data shares it). */
  grouped: RepeatInput;
  /** Holdout route: the calibration histories' grouping the candidates were judged on (each customer's group in rowGroup). */
  judging?: HoldoutJudging;
  /** Likelihood route: why there is no holdout, for the reason. */
  why?: Message;
}

/**
 * Fits and chooses, here and now. Throws only for programming errors; data
 * that no model can use give `fit: undefined` and the reason.
 */
export function selectPurchaseModel(input: SelectionInput, churnLength?: number): SelectionResult {
  const plan = planSelection(input, churnLength);
  return finishSelection(plan, plan.jobs.map(runCandidate));
}

/**
 * The candidates' jobs: on the holdout route each model's fit before the
 * holdout and its judgement; by likelihood each model's fit on all the
 * data; as asked, the asked model's fit. `churnLength` (the churn horizon
 * in model periods, when the chosen model's churn risk will be corrected on
 * the holdout) lets a job done ahead give that risk too.
 */
export function planSelection(input: SelectionInput, churnLength?: number): SelectionPlan {
  const { requested, penalizer } = input;
  const plan: SelectionPlan = { input, route: 'none', jobs: [], grouped: input.data };
  if (requested === 'none') return plan;
  if (requested !== 'auto') {
    plan.route = 'requested';
    plan.grouped = groupedOnce(SELECT_FN, input.data);
    plan.jobs = [{ kind: 'candidate', model: requested, penalizer, data: plan.grouped, refit: true }];
    return plan;
  }
  const judging = input.holdout ? holdoutJudging(input.holdout, churnLength) : { why: input.noHoldout ?? msg('select.noHoldout') };
  if ('grouped' in judging) {
    plan.route = 'holdout';
    plan.judging = judging;
    plan.jobs = PURCHASE_MODELS.map((model) => ({ kind: 'candidate', model, penalizer, data: input.data, holdout: judging, refit: false }));
    return plan;
  }
  plan.route = 'likelihood';
  plan.why = judging.why;
  plan.grouped = groupedOnce(SELECT_FN, input.data);
  plan.jobs = likelihoodJobs(plan);
  return plan;
}

function likelihoodJobs(plan: SelectionPlan): CandidateJob[] {
  return PURCHASE_MODELS.map((model) => ({ kind: 'candidate', model, penalizer: plan.input.penalizer, data: plan.grouped, refit: true }));
}

/**
 * The choice, from the results of the plan's jobs (in the jobs' order,
 * wherever they ran). Fits still needed (the chosen model's fit on all the
 * data when it was not done ahead, fallbacks) are done here.
 */
export function finishSelection(plan: SelectionPlan, results: readonly CandidateResult[]): SelectionResult {
  const { input } = plan;
  const { requested, penalizer } = input;
  // Grouped once for every model fitted here on all the data.
  const data = (): RepeatInput => (plan.grouped = groupedOnce(SELECT_FN, plan.grouped));
  const steps = new Steps();
  const candidates: CandidateReport[] = [];
  if (plan.route === 'none') {
    return { selection: { requested, chosen: 'none', method: 'heuristic', ...said(msg('select.heuristicAsked')), candidates, ...steps.done() } };
  }

  let order: FittedModelName[] = [];
  let method: ModelSelection['method'] = 'requested';
  let reason = msg('select.heuristicScores');
  let holdoutInfo: ModelSelection['holdout'];
  const calibrationFits = new Map<FittedModelName, PurchaseModelFit>();
  const done = new Map<FittedModelName, CandidateResult>();
  for (const r of results) done.set(r.model, r);
  if (plan.route === 'requested') {
    order = [requested as FittedModelName, ...PURCHASE_MODELS.filter((m) => m !== requested)];
  } else {
    let why = plan.why;
    if (plan.route === 'holdout') {
      const judged = rankOnHoldout(plan, results, candidates, calibrationFits);
      if ('order' in judged) {
        order = judged.order;
        method = 'holdout';
        holdoutInfo = judged.info;
        const best = candidates.find((c) => c.model === order[0])?.holdout;
        reason = msg('select.byHoldout', { model: MODEL_TITLES[order[0]], days: holdoutInfo.days, logLoss: String(best?.logLoss.toFixed(4)), n: order.length });
      } else {
        why = judged.why;
      }
    }
    if (method !== 'holdout') {
      // Fit all on everything; rank by likelihood.
      candidates.length = 0;
      const all = plan.route === 'likelihood' ? results : likelihoodJobs({ ...plan, grouped: data() }).map(runCandidate);
      const fits = new Map<FittedModelName, PurchaseModelFit>();
      for (const r of all) {
        const outcome = r.all as FitOutcome;
        if ('fit' in outcome) {
          fits.set(r.model, outcome.fit);
          candidates.push({ model: r.model, logLikelihood: outcome.fit.logLikelihood, evaluations: outcome.fit.evaluations });
        } else {
          candidates.push({ model: r.model, ...outcome });
        }
      }
      const ranked = candidates.filter((c) => c.logLikelihood !== undefined).sort((a, b) => (b.logLikelihood as number) - (a.logLikelihood as number));
      if (ranked.length === 0) return heuristic(requested, candidates, steps);
      const best = ranked[0];
      method = 'likelihood';
      const ll = (best.logLikelihood as number).toFixed(2);
      reason = msg('select.byLikelihoodNoHoldout', { model: MODEL_TITLES[best.model], ll, why: why as Message });
      return { fit: fits.get(best.model), selection: { requested, chosen: best.model, method, ...said(reason), candidates, ...steps.done() } };
    }
  }

  for (const m of order) {
    const r = done.get(m);
    const outcome =
      r?.all ?? runCandidate({ kind: 'candidate', model: m, penalizer, data: data(), refit: true, warm: r?.warm }).all as FitOutcome;
    if ('fit' in outcome) {
      const fit = outcome.fit;
      // On the holdout route the candidates already carry their calibration figures.
      if (!candidates.some((c) => c.model === m)) candidates.push({ model: m, logLikelihood: fit.logLikelihood, evaluations: fit.evaluations });
      if (method === 'requested') {
        reason = m === requested ? msg('select.asAsked', { model: MODEL_TITLES[m] }) : msg('select.instead', { model: MODEL_TITLES[m], requested: MODEL_TITLES[requested as FittedModelName] });
      }
      return {
        fit,
        selection: { requested, chosen: m, method, ...said(reason), candidates, ...steps.done(), holdout: holdoutInfo },
        calibrationFits: method === 'holdout' ? calibrationFits : undefined,
        churnRisk: method === 'holdout' ? r?.churnRisk : undefined,
        judging: method === 'holdout' ? plan.judging : undefined,
      };
    }
    steps.add(msg('select.notFitted', { model: MODEL_TITLES[m], why: outcome.errorMessage ?? outcome.error }));
    if (!candidates.some((c) => c.model === m)) candidates.push({ model: m, ...outcome });
  }
  return heuristic(requested, candidates, steps);
}

function heuristic(requested: PurchaseModelName, candidates: CandidateReport[], steps: Steps): SelectionResult {
  const failures = candidates.filter((c) => c.error).map((c) => msg('select.failure', { model: MODEL_TITLES[c.model], why: c.errorMessage ?? (c.error as string) }));
  // The failures were joined by "; " before there were messages; a nested message of each keeps that.
  const reason = msg('select.noModel', { failures: joinFailures(failures) });
  steps.add(msg('select.heuristicScores'));
  return { selection: { requested, chosen: 'none', method: 'heuristic', ...said(reason), candidates, ...steps.done() } };
}

function joinFailures(failures: Message[]): Message | string {
  return failures.reduce<Message | string>((acc, f, i) => (i === 0 ? f : msg('select.failures', { first: acc, next: f })), '');
}

/** A reason as both the English sentence and its message. */
function said(m: Message): { reason: string; reasonMessage: Message } {
  return { reason: formatMessage(m, 'en'), reasonMessage: m };
}

/** Fallback steps, kept as English sentences and as messages. */
class Steps {
  private readonly steps: string[] = [];
  private readonly stepMessages: Message[] = [];
  add(m: Message): void {
    this.steps.push(formatMessage(m, 'en'));
    this.stepMessages.push(m);
  }
  done(): { steps: string[]; stepMessages: Message[] } {
    return { steps: this.steps, stepMessages: this.stepMessages };
  }
}

/** The calibration histories grouped once for the three candidates, or why they are too few to judge by. */
function holdoutJudging(h: NonNullable<SelectionInput['holdout']>, churnLength: number | undefined): HoldoutJudging | { why: Message } {
  const { histories: s } = h;
  const customers = s.x.length;
  let repeat = 0;
  for (let i = 0; i < customers; i++) if (s.x[i] > 0) repeat++;
  if (customers < HOLDOUT_MIN_CUSTOMERS || repeat < HOLDOUT_MIN_REPEAT) {
    return { why: msg('select.fewBeforeHoldout', { customers, repeat, minCustomers: HOLDOUT_MIN_CUSTOMERS, minRepeat: HOLDOUT_MIN_REPEAT }) };
  }
  // Customers with the same (x, t_x, T) get the same predictions, computed once per group.
  const grouped = groupRepeatData(SELECT_FN, s, { rowGroups: true }) as HoldoutJudging['grouped'];
  return { grouped, holdout: s.holdout, length: (h.asOf - h.calibrationEnd) / h.periodDays, churnLength };
}

/** The candidates judged on the holdout, ordered by log loss (best first). */
function rankOnHoldout(
  plan: SelectionPlan,
  results: readonly CandidateResult[],
  candidates: CandidateReport[],
  fits: Map<FittedModelName, PurchaseModelFit>,
): { order: FittedModelName[]; info: NonNullable<ModelSelection['holdout']> } | { why: Message } {
  const h = plan.input.holdout as NonNullable<SelectionInput['holdout']>;
  for (const r of results) {
    const outcome = r.calibration as FitOutcome;
    if ('fit' in outcome) fits.set(r.model, outcome.fit);
    if ('fit' in outcome && r.judged) {
      candidates.push({ model: r.model, logLikelihood: outcome.fit.logLikelihood, evaluations: outcome.fit.evaluations, holdout: r.judged });
    } else if (!('fit' in outcome)) {
      candidates.push({ model: r.model, ...outcome });
    }
  }
  const ranked = candidates.filter((c) => c.holdout).sort((a, b) => (a.holdout as { logLoss: number }).logLoss - (b.holdout as { logLoss: number }).logLoss);
  if (ranked.length === 0) return { why: msg('select.noCalibrationFit') };
  return {
    order: ranked.map((c) => c.model),
    info: { calibrationEnd: h.calibrationEnd, asOf: h.asOf, days: h.asOf - h.calibrationEnd, customers: h.histories.x.length },
  };
}
