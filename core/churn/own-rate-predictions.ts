/**
 * Predictions of the own-rate heuristic (churn/own-rate.ts) in the shape a
 * fitted model gives them, so that churn risk, expected purchases and CLV
 * mean the same thing on either path: CLV = margin × spend per purchase ×
 * P(still buying) × rate, discounted monthly over the horizon exactly as
 * model-clv.ts discounts a model's expected purchases.
 */
import { expectedPurchases, ownRate, ownRateGap, probabilityNoPurchase } from './own-rate.ts';
import { discountedPurchases } from '../models/model-clv.ts';
import { unitDays } from '../summary/units.ts';
import type { CustomerPrediction, CustomerSummary, TimeUnit } from '../types.ts';

export interface HeuristicOptions {
  unit: TimeUnit;
  horizonDays: number;
  churnHorizonDays: number;
  annualDiscount: number;
  /** Share of spend that is profit, 0..1. */
  marginRate: number;
}

/**
 * One prediction per summary, in the summaries' order.
 * @example heuristicPredictions(summaries, { unit: 'week', horizonDays: 365, churnHorizonDays: 90, annualDiscount: 0.1, marginRate: 1 })[0].pNoPurchase
 */
export function heuristicPredictions(summaries: readonly CustomerSummary[], o: HeuristicOptions): CustomerPrediction[] {
  const days = unitDays(o.unit);
  const gap = ownRateGap(summaries, 1 / days);
  const horizon = o.horizonDays / days;
  const churnHorizon = o.churnHorizonDays / days;
  // Expected purchases grow linearly while still buying: discount the line t ↦ t once, scale per customer.
  const discountedLine = discountedPurchases((t) => t, { periodDays: days, horizonDays: o.horizonDays, annualDiscountRate: o.annualDiscount, marginRate: 1 });
  const out = new Array<CustomerPrediction>(summaries.length);
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i];
    const r = ownRate(s, gap);
    const spend = Math.max(s.averageSpend, 0);
    out[i] = {
      pAlive: r.pAlive,
      pNoPurchase: probabilityNoPurchase(r, churnHorizon),
      expectedPurchases: expectedPurchases(r, horizon),
      expectedSpend: spend,
      clv: o.marginRate * spend * r.pAlive * r.rate * discountedLine,
    };
  }
  return out;
}
