/**
 * Model-based customer lifetime value: expected future purchases (BG/NBD or
 * Pareto/NBD) × expected spend per purchase (Gamma-Gamma) × margin,
 * discounted step by step over a finite horizon.
 *
 * TIME UNITS — the convention, decided once (mixing them up is the classic
 * bug of the reference libraries, where a "monthly" discount rate meets a
 * model fitted in weeks or days):
 * - The purchase model lives in its **model period**, the unit of the t_x
 *   and T it was fitted on; `periodDays` says how many days that is
 *   (7 for weeks, 1 for days, 365.25/12 for months).
 * - The **horizon** is given in days (`horizonDays`), independent of the model.
 * - The **discount rate is per year** (`annualDiscountRate`, 0.1 = 10 %).
 *   It is applied in **steps** of `stepDays` days (default one month,
 *   365.25/12): the rate per step is (1 + d_year)^(stepDays/365.25) − 1,
 *   so the yearly effect is the same whatever the step.
 * - Purchases expected in step k, the interval (t_{k−1}, t_k], are
 *   discounted by (1 + d_step)^k — cash at the end of the step. The last step
 *   is shortened to end at the horizon and discounted by its fractional
 *   length.
 * The result therefore does not change when the same data are fitted in
 * days instead of weeks, nor (up to the within-step timing) with the step.
 */
import { CvError } from '../errors.ts';
import type { TimeUnit } from '../types.ts';

export interface ClvOptions {
  /** Length of one model period in days (7 when x, t_x, T were in weeks). */
  periodDays: number;
  /** Prediction horizon in days (e.g. 365 for one year). */
  horizonDays: number;
  /** Discount rate per year, ≥ 0 (0.1 = 10 % a year). */
  annualDiscountRate: number;
  /** Share of spend that is profit, 0..1. */
  marginRate: number;
  /** Length of one discounting step in days; default 365.25/12 (a month). */
  stepDays?: number;
}

/** Days per calendar unit: day 1, week 7, month 365.25/12. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'day' ? 1 : unit === 'week' ? 7 : 365.25 / 12;
}

/**
 * Discount rate per step of `stepDays` days equivalent to an annual rate:
 * (1 + annual)^(stepDays / 365.25) − 1.
 *
 * @example
 * discountRatePerStep(0.1, 365.25 / 12); // 0.00797414… (10 %/year, monthly)
 */
export function discountRatePerStep(annualRate: number, stepDays: number): number {
  return Math.expm1((stepDays / 365.25) * Math.log1p(annualRate));
}

/**
 * Discounted expected purchases over the horizon:
 *   Σ_k [E(t_k) − E(t_{k−1})] / (1 + d_step)^(k_eff),
 * where E(t) is the cumulative expected number of purchases in the next t
 * model periods and t_k = k·stepDays/periodDays. Multiply by spend and margin
 * to get CLV (see modelClv).
 *
 * Throws CvError('discountedPurchases', 'value') for invalid options.
 *
 * @example
 * // one purchase a week, one year, no discount: 365/7 purchases
 * discountedPurchases((t) => t, { periodDays: 7, horizonDays: 365, annualDiscountRate: 0, marginRate: 1 }); // 52.142857
 */
export function discountedPurchases(cumulativeExpected: (t: number) => number, options: ClvOptions): number {
  const { periodDays, horizonDays, annualDiscountRate } = checkOptions('discountedPurchases', options);
  const stepDays = options.stepDays ?? 365.25 / 12;
  const logStep = Math.log1p(annualDiscountRate) / 365.25; // ln discount per day
  let total = 0;
  let prev = 0;
  for (let start = 0; start < horizonDays - 1e-9; start += stepDays) {
    const end = Math.min(start + stepDays, horizonDays);
    const cum = cumulativeExpected(end / periodDays);
    // Discount at the end of the step: (1 + d_year)^(end/365.25) = (1 + d_step)^k.
    total += (cum - prev) * Math.exp(-logStep * end);
    prev = cum;
  }
  return total;
}

/**
 * CLV = margin × spend per purchase × discounted expected purchases.
 *
 * Throws CvError('modelClv', 'value') for invalid options or a negative or
 * non-finite spend.
 *
 * @example
 * modelClv((t) => t, 20, { periodDays: 7, horizonDays: 365, annualDiscountRate: 0, marginRate: 0.3 }); // 312.857…
 */
export function modelClv(cumulativeExpected: (t: number) => number, spendPerPurchase: number, options: ClvOptions): number {
  checkOptions('modelClv', options);
  if (!(Number.isFinite(spendPerPurchase) && spendPerPurchase >= 0)) {
    throw new CvError('modelClv', 'value', `spend per purchase must be a number ≥ 0, got ${spendPerPurchase}`);
  }
  return options.marginRate * spendPerPurchase * discountedPurchases(cumulativeExpected, options);
}

/** Validate ClvOptions, throwing CvError(fn, 'value') with the offending field. */
export function checkOptions(fn: string, o: ClvOptions): ClvOptions {
  if (!(Number.isFinite(o.periodDays) && o.periodDays > 0)) {
    throw new CvError(fn, 'value', `periodDays must be a positive number of days, got ${o.periodDays}`);
  }
  if (!(Number.isFinite(o.horizonDays) && o.horizonDays >= 0)) {
    throw new CvError(fn, 'value', `horizonDays must be a number ≥ 0, got ${o.horizonDays}`);
  }
  if (!(Number.isFinite(o.annualDiscountRate) && o.annualDiscountRate >= 0)) {
    throw new CvError(fn, 'value', `annualDiscountRate must be a number ≥ 0 (per year), got ${o.annualDiscountRate}`);
  }
  if (!(Number.isFinite(o.marginRate) && o.marginRate >= 0 && o.marginRate <= 1)) {
    throw new CvError(fn, 'value', `marginRate must lie in [0, 1], got ${o.marginRate}`);
  }
  if (o.stepDays !== undefined && !(Number.isFinite(o.stepDays) && o.stepDays > 0)) {
    throw new CvError(fn, 'value', `stepDays must be a positive number of days, got ${o.stepDays}`);
  }
  return o;
}
