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
import { CvError } from '../errors.ts';
import { fitBgNbd } from '../models/bg-nbd.ts';
import { groupRepeatData, groupedOnce, type RepeatData, type RepeatInput } from '../models/customer-data.ts';
import { fitMbgNbd } from '../models/mbg-nbd.ts';
import { fitParetoNbd } from '../models/pareto-nbd.ts';
import type { WarmStart } from '../models/fit-driver.ts';
import { purchaseModel, type PurchaseModelFit } from '../models/purchase-model.ts';
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
}

/** The name errors in validating the model inputs carry. */
const FN = 'selectPurchaseModel';

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
 * Fits and chooses. Throws only for programming errors; data that no model
 * can use give `fit: undefined` and the reason.
 */
export function selectPurchaseModel(input: SelectionInput): SelectionResult {
  const { requested, penalizer } = input;
  // Grouped once for every model fitted on all the data (one, or three by likelihood or fallback).
  let grouped: RepeatInput = input.data;
  const data = (): RepeatInput => (grouped = groupedOnce(FN, grouped));
  const steps = new Steps();
  const candidates: CandidateReport[] = [];
  if (requested === 'none') {
    return { selection: { requested, chosen: 'none', method: 'heuristic', ...said(msg('select.heuristicAsked')), candidates, ...steps.done() } };
  }

  let order: FittedModelName[];
  let method: ModelSelection['method'] = 'requested';
  let reason = msg('select.heuristicScores');
  let holdoutInfo: ModelSelection['holdout'];
  const calibrationFits = new Map<FittedModelName, PurchaseModelFit>();
  // Where each model's fit before the holdout ended: the refit on all the data starts there.
  const warm = new Map<FittedModelName, WarmStart>();
  if (requested !== 'auto') {
    order = [requested, ...PURCHASE_MODELS.filter((m) => m !== requested)];
  } else {
    const judged = input.holdout ? judgeOnHoldout(input.holdout, penalizer, candidates, calibrationFits, warm) : { why: input.noHoldout ?? msg('select.noHoldout') };
    if ('order' in judged) {
      order = judged.order;
      method = 'holdout';
      holdoutInfo = judged.info;
      const best = candidates.find((c) => c.model === order[0])?.holdout;
      reason = msg('select.byHoldout', { model: MODEL_TITLES[order[0]], days: holdoutInfo.days, logLoss: String(best?.logLoss.toFixed(4)), n: order.length });
    } else {
      // Fit all on everything; rank by likelihood.
      candidates.length = 0;
      const fits = new Map<FittedModelName, PurchaseModelFit>();
      for (const m of PURCHASE_MODELS) {
        try {
          const fit = fitPurchaseModel(m, data(), penalizer);
          fits.set(m, fit);
          candidates.push({ model: m, logLikelihood: fit.logLikelihood, evaluations: fit.evaluations });
        } catch (e) {
          candidates.push({ model: m, ...dataProblem(e) });
        }
      }
      const ranked = candidates.filter((c) => c.logLikelihood !== undefined).sort((a, b) => (b.logLikelihood as number) - (a.logLikelihood as number));
      if (ranked.length === 0) return heuristic(requested, candidates, steps);
      const best = ranked[0];
      method = 'likelihood';
      const ll = (best.logLikelihood as number).toFixed(2);
      reason = msg('select.byLikelihoodNoHoldout', { model: MODEL_TITLES[best.model], ll, why: judged.why });
      return { fit: fits.get(best.model), selection: { requested, chosen: best.model, method, ...said(reason), candidates, ...steps.done() } };
    }
  }

  for (const m of order) {
    try {
      const fit = fitPurchaseModel(m, data(), penalizer, warm.get(m));
      // On the holdout route the candidates already carry their calibration figures.
      if (!candidates.some((c) => c.model === m)) candidates.push({ model: m, logLikelihood: fit.logLikelihood, evaluations: fit.evaluations });
      if (method === 'requested') {
        reason = m === requested ? msg('select.asAsked', { model: MODEL_TITLES[m] }) : msg('select.instead', { model: MODEL_TITLES[m], requested: MODEL_TITLES[requested as FittedModelName] });
      }
      return {
        fit,
        selection: { requested, chosen: m, method, ...said(reason), candidates, ...steps.done(), holdout: holdoutInfo },
        calibrationFits: method === 'holdout' ? calibrationFits : undefined,
      };
    } catch (e) {
      const problem = dataProblem(e);
      steps.add(msg('select.notFitted', { model: MODEL_TITLES[m], why: problem.errorMessage ?? problem.error }));
      if (!candidates.some((c) => c.model === m)) candidates.push({ model: m, ...problem });
    }
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

/** Fits every model on the calibration part and orders them by holdout log loss (best first). */
function judgeOnHoldout(
  h: NonNullable<SelectionInput['holdout']>,
  penalizer: number,
  candidates: CandidateReport[],
  fits: Map<FittedModelName, PurchaseModelFit>,
  warm: Map<FittedModelName, WarmStart>,
): { order: FittedModelName[]; info: NonNullable<ModelSelection['holdout']> } | { why: Message } {
  const { histories: s } = h;
  const customers = s.x.length;
  let repeat = 0;
  for (const x of s.x) if (x > 0) repeat++;
  if (customers < HOLDOUT_MIN_CUSTOMERS || repeat < HOLDOUT_MIN_REPEAT) {
    return { why: msg('select.fewBeforeHoldout', { customers, repeat, minCustomers: HOLDOUT_MIN_CUSTOMERS, minRepeat: HOLDOUT_MIN_REPEAT }) };
  }
  const length = (h.asOf - h.calibrationEnd) / h.periodDays;
  // Grouped once for the three fits, and each customer's group to score the holdout by: customers
  // with the same (x, t_x, T) get the same predictions, computed once per group.
  const g = groupRepeatData(FN, s, { rowGroups: true });
  const rowGroup = g.rowGroup as Int32Array;
  const groups = g.x.length;
  const p0 = new Float64Array(groups);
  const expected = new Float64Array(groups);
  for (const m of PURCHASE_MODELS) {
    try {
      const start: WarmStart = {};
      const fit = fitPurchaseModel(m, g, penalizer, start);
      fits.set(m, fit);
      warm.set(m, start);
      const pm = purchaseModel(fit);
      for (let k = 0; k < groups; k++) {
        p0[k] = pm.noPurchase(length, g.x[k], g.t_x[k], g.T[k]);
        expected[k] = pm.pAlive(g.x[k], g.t_x[k], g.T[k]) * pm.expectedIfAlive(length, g.x[k], g.T[k]);
      }
      // Summed per customer in their order, as before grouping: the same sums to the last bit.
      let logLoss = 0;
      let mae = 0;
      for (let i = 0; i < customers; i++) {
        const k = rowGroup[i];
        // Probabilities of exactly 0 or 1 would make one customer's loss infinite; 1e-12 is far below any real doubt.
        const p = Math.min(Math.max(s.holdout[i] === 0 ? p0[k] : 1 - p0[k], 1e-12), 1);
        logLoss -= Math.log(p);
        mae += Math.abs(expected[k] - s.holdout[i]);
      }
      candidates.push({ model: m, logLikelihood: fit.logLikelihood, evaluations: fit.evaluations, holdout: { logLoss: logLoss / customers, purchasesMae: mae / customers } });
    } catch (e) {
      candidates.push({ model: m, ...dataProblem(e) });
    }
  }
  const ranked = candidates.filter((c) => c.holdout).sort((a, b) => (a.holdout as { logLoss: number }).logLoss - (b.holdout as { logLoss: number }).logLoss);
  if (ranked.length === 0) return { why: msg('select.noCalibrationFit') };
  return {
    order: ranked.map((c) => c.model),
    info: { calibrationEnd: h.calibrationEnd, asOf: h.asOf, days: h.asOf - h.calibrationEnd, customers },
  };
}

/**
 * The reason a model could not be fitted or scored on these data: too few
 * of them ('data'), no settled fit ('convergence'), or parameters where a
 * special function cannot be evaluated accurately ('num', which the
 * numerics throw instead of returning a wrong number). Anything else is a
 * bug and is rethrown.
 */
function dataProblem(e: unknown): { error: string; errorMessage?: Message } {
  if (isModelProblem(e)) return e.problem !== undefined ? { error: e.reason, errorMessage: e.problem } : { error: e.reason };
  throw e;
}

/** A model that cannot be fitted or evaluated on these data ('data', 'convergence' or 'num'), as opposed to a bug. */
export function isModelProblem(e: unknown): e is CvError {
  return e instanceof CvError && (e.kind === 'data' || e.kind === 'convergence' || e.kind === 'num');
}
