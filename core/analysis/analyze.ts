/**
 * The whole analysis a product runs on customer summaries: fit the chosen
 * purchase model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend model,
 * predict P(alive), purchases and CLV, and build the segment table with
 * them. When a model cannot be used (too little data, no convergence) the
 * table falls back to the heuristic churn score and says why: a model
 * failure never loses the segmentation.
 *
 * Units, decided once for every product: `horizon` counts periods of `unit`
 * (default one year); `annualDiscount` is a rate per year (default 10 %),
 * converted to the period for the classic formula and applied monthly for
 * the model CLV (see models/model-clv.ts).
 */
import { CvError } from '../errors.ts';
import { fitBgNbd } from '../models/bg-nbd.ts';
import { fitGammaGamma, type GammaGammaFit } from '../models/gamma-gamma.ts';
import { fitParetoNbd } from '../models/pareto-nbd.ts';
import { predictCustomers, type PredictCustomer } from '../models/predict.ts';
import type { PurchaseModelFit } from '../models/purchase-model.ts';
import { segmentCustomers, type SegmentOptions, type SegmentResult } from '../segment/segment.ts';
import { unitDays } from '../summary/units.ts';
import type { CustomerPrediction, CustomerSummary, TimeUnit } from '../types.ts';

export type PurchaseModelName = 'bgnbd' | 'pnbd' | 'none';

export interface AnalyzeOptions extends Omit<SegmentOptions, 'predictions' | 'horizon' | 'discount'> {
  /** Purchase model; default 'bgnbd'. 'none' uses the heuristic churn score. */
  model?: PurchaseModelName;
  /** Fit Gamma-Gamma for spend per purchase; default true. */
  spendModel?: boolean;
  /** CLV horizon in periods of `unit`; default one year. */
  horizon?: number;
  /** Discount rate per year; default 0.1. */
  annualDiscount?: number;
  /** Churn risk = P(no purchase in the next `churnHorizonDays` days); default 90. */
  churnHorizonDays?: number;
}

export interface ModelReport {
  /** The purchase model that was fitted, if any. */
  purchase?: PurchaseModelFit;
  /** The spend model, if fitted. */
  spend?: GammaGammaFit;
  /** Margin rate applied to model CLV (given, from known costs, or 1). */
  marginRate: number;
  /** Why the heuristic was used instead of the requested model, if it was. */
  fallback?: string;
}

export interface Analysis {
  segment: SegmentResult;
  models: ModelReport;
}

const MODEL_NAMES: Readonly<Record<Exclude<PurchaseModelName, 'none'>, string>> = {
  bgnbd: 'BG/NBD',
  pnbd: 'Pareto/NBD',
};

/**
 * Fits, predicts and segments. Throws only for invalid options (CvError
 * 'value'/'num' from the modules it calls); data that a model cannot use
 * produce a fallback with its reason in `models.fallback` and in the
 * segment warnings.
 *
 * @example
 * const { segment, models } = analyzeCustomers(summaries, { unit: 'week', model: 'bgnbd' });
 * models.purchase?.params; // { r, alpha, a, b }
 */
export function analyzeCustomers(summaries: readonly CustomerSummary[], options: AnalyzeOptions = {}): Analysis {
  const fn = 'analyzeCustomers';
  const unit = options.unit ?? 'week';
  const days = unitDays(unit);
  const horizon = options.horizon ?? Math.round(365 / days);
  const annualDiscount = options.annualDiscount ?? 0.1;
  if (!(Number.isFinite(horizon) && horizon >= 0)) throw new CvError(fn, 'num', `horizon must be a number ≥ 0, got ${horizon}`);
  if (!(Number.isFinite(annualDiscount) && annualDiscount > -1)) {
    throw new CvError(fn, 'num', `annual discount must be a number above −1, got ${annualDiscount}`);
  }
  const marginRate = modelMarginRate(summaries, options.marginRate);
  const models: ModelReport = { marginRate };
  const warnings: string[] = [];
  const modelName = options.model ?? 'bgnbd';

  let predictions: Map<string, CustomerPrediction> | undefined;
  if (modelName !== 'none' && summaries.length > 0) {
    const inputs = modelInputs(summaries, unit);
    try {
      const data = { x: inputs.map((c) => c.x), t_x: inputs.map((c) => c.t_x), T: inputs.map((c) => c.T) };
      models.purchase = modelName === 'pnbd' ? fitParetoNbd(data) : fitBgNbd(data);
    } catch (error) {
      if (!isDataProblem(error)) throw error;
      models.fallback = `${MODEL_NAMES[modelName]} could not be fitted (${error.reason}); churn risk and CLV use the heuristic overdue score instead.`;
      warnings.push(models.fallback);
    }
    if (models.purchase) {
      if (options.spendModel !== false) {
        const repeat = inputs.filter((c) => c.x > 0 && c.monetary > 0);
        try {
          models.spend = fitGammaGamma({ x: repeat.map((c) => c.x), zbar: repeat.map((c) => c.monetary) });
          warnings.push(...models.spend.warnings);
        } catch (error) {
          if (!isDataProblem(error)) throw error;
          warnings.push(`Gamma-Gamma could not be fitted (${error.reason}); expected spend is each customer's observed average.`);
        }
      }
      predictions = predictCustomers(models.purchase, models.spend, inputs, {
        periodDays: days,
        horizonDays: horizon * days,
        annualDiscountRate: annualDiscount,
        marginRate,
      });
    }
  }

  const segment = segmentCustomers(summaries, {
    ...options,
    unit,
    horizon,
    discount: (1 + annualDiscount) ** (days / 365.25) - 1,
    predictions,
  });
  segment.warnings.unshift(...warnings);
  segment.totals.asOf ??= options.asOf;
  return { segment, models };
}

/**
 * The models' per-customer inputs (x, t_x, T in periods of `unit`, and
 * spend) from summaries. A customer first seen on the as-of day has T = 0,
 * which the models cannot take; such a customer has been observable for up
 * to one day, so T is floored at one day.
 */
export function modelInputs(summaries: readonly CustomerSummary[], unit: TimeUnit): PredictCustomer[] {
  const minT = 1 / unitDays(unit);
  return summaries.map((s) => ({
    id: s.id,
    x: s.frequency,
    t_x: s.frequency === 0 ? 0 : s.recency,
    T: Math.max(s.T, minT),
    monetary: Math.max(s.monetary, 0),
    averageSpend: s.averageSpend,
  }));
}

/** The margin for model CLV: given, else what known costs imply, else 1 (CLV in revenue). */
function modelMarginRate(summaries: readonly CustomerSummary[], given: number | undefined): number {
  if (given !== undefined) return given;
  let revenue = 0;
  let profit = 0;
  let known = false;
  for (const s of summaries) {
    if (s.profit === undefined) continue;
    known = true;
    revenue += s.revenue;
    profit += s.profit;
  }
  return known && revenue > 0 ? Math.min(1, Math.max(0, profit / revenue)) : 1;
}

function isDataProblem(error: unknown): error is CvError {
  return error instanceof CvError && (error.kind === 'data' || error.kind === 'convergence');
}
