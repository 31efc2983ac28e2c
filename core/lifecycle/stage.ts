import { CvError } from '../errors.ts';
import type { LifecycleStage } from '../types.ts';

/** What the stage rules read about one customer. */
export interface StageInput {
  /** Distinct purchase days. */
  purchaseDays: number;
  /** Days from the first purchase to the as-of date. */
  ageDays: number;
  /** Churn risk 0..1: the probability of no purchase in the churn horizon. */
  churnRisk: number;
  /** Relative change in spend per visit (see valueTrend); undefined when unknown. */
  valueTrend?: number;
}

export interface StageOptions {
  /** Churn risk from which a customer is in decline (default 0.7, the "high" churn level). */
  declineRisk?: number;
  /** A one-purchase customer at most this many days old is still being explored (default 90). */
  youngDays?: number;
  /** A repeat customer at most this many days old is still forming (default 365). */
  formationDays?: number;
  /** A value trend at least this large means the relationship is still growing (default 0.1). */
  growthTrend?: number;
}

/**
 * Lifecycle stage (seed 001: 考察期 → 形成期 → 稳定期 → 退化期), by the first
 * rule that holds:
 *
 * 1. decline — churnRisk ≥ declineRisk (0.7): the relationship is fading;
 * 2. exploration — a single purchase day and ageDays ≤ youngDays (90);
 * 3. formation — two or more purchase days and either ageDays ≤
 *    formationDays (365) or valueTrend ≥ growthTrend (0.1): a young or
 *    still-growing relationship;
 * 4. stability — everything else (established, not growing, not fading;
 *    this includes an old one-time buyer whose risk is below the decline line).
 *
 * @throws CvError('lifecycleStage', 'value') for a non-finite input; 'num' for
 *   a churn risk outside 0..1 or negative counts or ages.
 * @example lifecycleStage({ purchaseDays: 1, ageDays: 10, churnRisk: 0.1 }) // "exploration"
 */
export function lifecycleStage(c: StageInput, options: StageOptions = {}): LifecycleStage {
  const fn = 'lifecycleStage';
  // Three checks, not [..].every(): this runs once per customer in the segment table.
  if (!(Number.isFinite(c.purchaseDays) && Number.isFinite(c.ageDays) && Number.isFinite(c.churnRisk))) {
    throw new CvError(fn, 'value', 'inputs must be finite numbers');
  }
  if (c.churnRisk < 0 || c.churnRisk > 1) throw new CvError(fn, 'num', `churn risk ${c.churnRisk} is outside 0..1`);
  if (c.purchaseDays < 0 || c.ageDays < 0) throw new CvError(fn, 'num', 'purchase days and age must not be negative');
  return LIFECYCLE_STAGES[stageCode(c.purchaseDays, c.ageDays, c.churnRisk, c.valueTrend ?? Number.NaN, stageRules(options))];
}

/** The stages as {@link stageCode} numbers them. */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['exploration', 'formation', 'stability', 'decline'];

/** {@link StageOptions} with every default filled in. */
export type StageRules = Required<StageOptions>;

/** The options with their defaults, resolved once for a whole table. */
export function stageRules(options: StageOptions = {}): StageRules {
  const { declineRisk = 0.7, youngDays = 90, formationDays = 365, growthTrend = 0.1 } = options;
  return { declineRisk, youngDays, formationDays, growthTrend };
}

/**
 * Internal (not re-exported from core): the rules of {@link lifecycleStage}
 * on inputs it has checked, as an index into {@link LIFECYCLE_STAGES}; a
 * valueTrend of NaN is an unknown trend. The segment table calls it once a
 * customer with numbers from its columns, without an input object each.
 *
 * @example LIFECYCLE_STAGES[stageCode(1, 30, 0.2, Number.NaN, stageRules())] // "exploration"
 */
export function stageCode(purchaseDays: number, ageDays: number, churnRisk: number, valueTrend: number, rules: StageRules): number {
  if (churnRisk >= rules.declineRisk) return 3;
  if (purchaseDays <= 1) return ageDays <= rules.youngDays ? 0 : 2;
  if (ageDays <= rules.formationDays) return 1;
  // NaN (unknown) and ±Infinity fail the finite check, as undefined did.
  if (valueTrend - valueTrend === 0 && valueTrend >= rules.growthTrend) return 1;
  return 2;
}
