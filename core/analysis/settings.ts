/**
 * The one settings type of an analysis, its defaults and its validation.
 * Every product (command line, Excel pane and functions, browser extension)
 * maps its own inputs onto {@link AnalysisSettingsInput}, and
 * {@link resolveSettings} fills in the same defaults for all of them, so the
 * same file gives the same numbers everywhere.
 *
 * Units are decided here once: every horizon is in **days** (whatever the
 * time unit the models are fitted in), the discount rate is **per year**.
 */
import { CvError } from '../errors.ts';
import { COMPOSITE_FIELDS } from '../score/score-spec.ts';
import type { CompositeIndicator, ValueBasis } from '../segment/segment.ts';
import { DEFAULT_TIER_RULE, tierRuleParams, type TierRule } from '../tiers/rule.ts';
import type { DayNumber, TimeUnit } from '../types.ts';

/**
 * Which purchase model scores churn risk and CLV. 'auto' chooses among the
 * three by evidence (see select-model.ts); 'none' uses the own-rate
 * heuristic for everybody.
 */
export type PurchaseModelName = 'auto' | 'bgnbd' | 'mbgnbd' | 'pnbd' | 'none';

/** The fitted models, in the order 'auto' tries them. */
export const PURCHASE_MODELS = ['bgnbd', 'mbgnbd', 'pnbd'] as const;
export type FittedModelName = (typeof PURCHASE_MODELS)[number];

/** Display names of the purchase models. */
export const MODEL_TITLES: Readonly<Record<FittedModelName, string>> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  pnbd: 'Pareto/NBD',
};

/** Settings as a product gives them: anything left out takes its default. */
export interface AnalysisSettingsInput {
  /** Unit of recency, T and the models' periods; default 'week'. */
  unit?: TimeUnit;
  /** The day the analysis is taken; default the latest transaction day. */
  asOf?: DayNumber;
  /** Margin rate 0..1 for rows without cost (and for model CLV); default: from known costs, else 1. */
  marginRate?: number;
  /** Default: profit when every customer's profit is known, else revenue. */
  valueBasis?: ValueBasis;
  /** Default: contribution with cut points 4, 2, 1. */
  tierRule?: TierRule;
  /**
   * The composite weighted score (综合评价法): weighted indicators, parsed
   * from text by parseScoreSpec. When given, every customer gets `composite`
   * and `compositeRank` (1 = best). Default: none (the key-indicator method,
   * value alone).
   */
  score?: readonly CompositeIndicator[];
  /** Default 'auto'. */
  model?: PurchaseModelName;
  /** Fit Gamma-Gamma for spend per purchase; default true. */
  spendModel?: boolean;
  /** CLV horizon in days; default 365. */
  horizonDays?: number;
  /** Discount rate per year; default 0.1. */
  annualDiscount?: number;
  /** Churn risk is the probability of no purchase in the next this many days; default 90. */
  churnHorizonDays?: number;
  /** L2 penalty on the model parameters (as lifetimes' penalizer_coef); default 0. */
  penalizer?: number;
  /** Churn level thresholds (low below the first, high from the second); default [0.3, 0.7]. */
  churnThresholds?: readonly [number, number];
}

/** Every setting, defaults filled in and validated. */
export interface AnalysisSettings {
  unit: TimeUnit;
  asOf: DayNumber | undefined;
  marginRate: number | undefined;
  valueBasis: ValueBasis | undefined;
  tierRule: TierRule;
  score: readonly CompositeIndicator[] | undefined;
  model: PurchaseModelName;
  spendModel: boolean;
  horizonDays: number;
  annualDiscount: number;
  churnHorizonDays: number;
  penalizer: number;
  churnThresholds: readonly [number, number];
}

export const DEFAULT_SETTINGS: Readonly<AnalysisSettings> = Object.freeze({
  unit: 'week',
  asOf: undefined,
  marginRate: undefined,
  valueBasis: undefined,
  tierRule: DEFAULT_TIER_RULE,
  score: undefined,
  model: 'auto',
  spendModel: true,
  horizonDays: 365,
  annualDiscount: 0.1,
  churnHorizonDays: 90,
  penalizer: 0,
  churnThresholds: [0.3, 0.7] as const,
});

const FN = 'settings';
const UNITS: readonly TimeUnit[] = ['day', 'week', 'month'];
const MODELS: readonly PurchaseModelName[] = ['auto', ...PURCHASE_MODELS, 'none'];

/**
 * Defaults filled in, every setting checked. The error names the setting
 * and what it must be, in words a user of any product understands.
 *
 * @throws CvError('settings', 'value') for an unknown unit, model or basis;
 *   'num' for a number outside its range.
 * @example resolveSettings({ horizonDays: 730 }).churnHorizonDays // 90
 */
export function resolveSettings(input: AnalysisSettingsInput = {}): AnalysisSettings {
  const s: AnalysisSettings = {
    unit: input.unit ?? DEFAULT_SETTINGS.unit,
    asOf: input.asOf,
    marginRate: input.marginRate,
    valueBasis: input.valueBasis,
    tierRule: input.tierRule ?? DEFAULT_SETTINGS.tierRule,
    score: input.score,
    model: input.model ?? DEFAULT_SETTINGS.model,
    spendModel: input.spendModel ?? DEFAULT_SETTINGS.spendModel,
    horizonDays: input.horizonDays ?? DEFAULT_SETTINGS.horizonDays,
    annualDiscount: input.annualDiscount ?? DEFAULT_SETTINGS.annualDiscount,
    churnHorizonDays: input.churnHorizonDays ?? DEFAULT_SETTINGS.churnHorizonDays,
    penalizer: input.penalizer ?? DEFAULT_SETTINGS.penalizer,
    churnThresholds: input.churnThresholds ?? DEFAULT_SETTINGS.churnThresholds,
  };
  if (!UNITS.includes(s.unit)) throw new CvError(FN, 'value', `the time unit must be day, week or month, not "${String(s.unit)}"`);
  if (!MODELS.includes(s.model)) throw new CvError(FN, 'value', `the model must be one of ${MODELS.join(', ')}, not "${String(s.model)}"`);
  if (s.valueBasis !== undefined && s.valueBasis !== 'revenue' && s.valueBasis !== 'profit') {
    throw new CvError(FN, 'value', `the value basis must be revenue or profit, not "${String(s.valueBasis)}"`);
  }
  if (s.asOf !== undefined && !Number.isInteger(s.asOf)) throw new CvError(FN, 'value', 'the as-of date must be a date');
  if (s.marginRate !== undefined && !(Number.isFinite(s.marginRate) && s.marginRate >= 0 && s.marginRate <= 1)) {
    throw new CvError(FN, 'num', `the margin rate must be between 0 and 1 (e.g. 0.3 for 30 %), got ${s.marginRate}`);
  }
  if (!(Number.isFinite(s.horizonDays) && s.horizonDays > 0)) {
    throw new CvError(FN, 'num', `the CLV horizon must be a positive number of days, got ${s.horizonDays}`);
  }
  if (!(Number.isFinite(s.churnHorizonDays) && s.churnHorizonDays > 0)) {
    throw new CvError(FN, 'num', `the churn horizon must be a positive number of days, got ${s.churnHorizonDays}`);
  }
  if (!(Number.isFinite(s.annualDiscount) && s.annualDiscount >= 0 && s.annualDiscount < 10)) {
    throw new CvError(FN, 'num', `the discount rate must be a yearly rate from 0 (e.g. 0.1 for 10 %), got ${s.annualDiscount}`);
  }
  if (!(Number.isFinite(s.penalizer) && s.penalizer >= 0)) throw new CvError(FN, 'num', `the penalizer must be a number ≥ 0, got ${s.penalizer}`);
  const [low, high] = s.churnThresholds;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low > 0 && low < high && high < 1)) {
    throw new CvError(FN, 'num', `the churn thresholds must satisfy 0 < low < high < 1, got ${low} and ${high}`);
  }
  tierRuleParams(s.tierRule);
  if (s.score !== undefined) checkScore(s.score);
  return s;
}

function checkScore(score: readonly CompositeIndicator[]): void {
  if (score.length === 0) throw new CvError(FN, 'value', 'the composite score needs at least one indicator');
  for (const ind of score) {
    if (!(COMPOSITE_FIELDS as readonly string[]).includes(ind.field)) {
      throw new CvError(FN, 'value', `"${String(ind.field)}" is not a field of the composite score; the fields are ${COMPOSITE_FIELDS.join(', ')}`);
    }
    if (!(Number.isFinite(ind.weight) && ind.weight >= 0)) throw new CvError(FN, 'num', `the weight of ${ind.field} must be a number ≥ 0, got ${ind.weight}`);
  }
  if (!score.some((ind) => ind.weight > 0)) throw new CvError(FN, 'num', 'at least one weight of the composite score must be above 0');
}

/**
 * A duration as users write it, in days: a bare number is days; a suffix
 * d, w, m or y (or 天, 周, 月, 年) gives the unit — "90", "90d", "13w",
 * "3m", "1y". Months are 365.25/12 days and years 365.25 days, as
 * everywhere in cvlens.
 *
 * @throws CvError('settings', 'value') for text that is not such a duration.
 * @example parseDuration('13w') // 91
 */
export function parseDuration(text: string, what = 'the horizon'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(d|days?|w|weeks?|m|months?|y|years?|天|日|周|星期|个月|月|年)?\s*$/i.exec(text);
  if (!m) throw new CvError(FN, 'value', `${what} must be a number of days, or a number with d, w, m or y (e.g. 90, 13w, 3m, 1y), not "${text}"`);
  const n = Number(m[1]);
  const u = (m[2] ?? 'd').toLowerCase();
  const days = u.startsWith('d') || u === '天' || u === '日' ? 1 : u.startsWith('w') || u === '周' || u === '星期' ? 7 : u.startsWith('m') || u.endsWith('月') ? 365.25 / 12 : 365.25;
  return n * days;
}

/**
 * Three cut points as users write them, in every product: numbers separated
 * by commas, semicolons or spaces ("4,2,1", "4; 2; 1", "0.05 0.2 0.5"), a
 * percent sign allowed on each ("5%,20%,50%"). Which order they must be in
 * depends on the method (tierRuleParams checks it).
 *
 * @throws CvError('settings', 'value') when there are not exactly three numbers.
 * @example parseCutPoints('5%, 20%, 50%') // [0.05, 0.2, 0.5]
 */
export function parseCutPoints(text: string): [number, number, number] {
  const parts = text
    .split(/[\s,;，；]+/)
    .filter((p) => p !== '')
    .map((p) => (p.endsWith('%') ? Number(p.slice(0, -1)) / 100 : Number(p)));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) {
    throw new CvError(FN, 'value', `cut points must be three numbers separated by commas, e.g. 4,2,1 — not "${text}"`);
  }
  return [parts[0], parts[1], parts[2]];
}
