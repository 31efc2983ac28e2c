import { CvError } from '../errors.ts';

export type ChurnLevel = 'low' | 'medium' | 'high';

/** Default level boundaries: low < 0.3 ≤ medium < 0.7 ≤ high. */
export const CHURN_LEVEL_THRESHOLDS: readonly [number, number] = [0.3, 0.7];

/**
 * Churn level of a risk 0..1: low below `thresholds[0]` (default 0.3), high
 * from `thresholds[1]` (default 0.7), medium between. With the overdue score
 * 0.3 is about two thirds of a gap overdue and 0.7 about one and a half gaps.
 *
 * @throws CvError('churnLevel', 'value') for NaN; 'num' for a risk outside 0..1
 *   or thresholds that are not ascending within 0..1.
 * @example churnLevel(0.5) // "medium"
 */
export function churnLevel(risk: number, thresholds: readonly [number, number] = CHURN_LEVEL_THRESHOLDS): ChurnLevel {
  if (Number.isNaN(risk)) throw new CvError('churnLevel', 'value', 'risk is not a number');
  if (risk < 0 || risk > 1) throw new CvError('churnLevel', 'num', `risk ${risk} is outside 0..1`);
  // Indexing, not destructuring: destructuring goes through the array iterator, and this runs once per customer.
  const lo = thresholds[0];
  const hi = thresholds[1];
  if (!(lo >= 0 && lo <= hi && hi <= 1)) throw new CvError('churnLevel', 'num', 'thresholds must be ascending within 0..1');
  return CHURN_LEVELS[churnLevelCode(risk, lo, hi)];
}

/** The levels as {@link churnLevelCode} numbers them. */
export const CHURN_LEVELS: readonly ChurnLevel[] = ['low', 'medium', 'high'];

/**
 * Internal (not re-exported from core): {@link churnLevel}'s rule on a
 * risk and thresholds it has checked, as an index into {@link CHURN_LEVELS}.
 *
 * @example CHURN_LEVELS[churnLevelCode(0.5, 0.3, 0.7)] // "medium"
 */
export function churnLevelCode(risk: number, lo: number, hi: number): number {
  return risk >= hi ? 2 : risk >= lo ? 1 : 0;
}
