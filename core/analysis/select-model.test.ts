import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../models/bg-nbd.ts';
import { fitMbgNbd } from '../models/mbg-nbd.ts';
import { fitParetoNbd } from '../models/pareto-nbd.ts';
import { purchaseModel, type PurchaseModelFit } from '../models/purchase-model.ts';
import { isoToDay } from '../read/day-number.ts';
import { simulateCustomers } from '../simulate/simulate-customers.ts';
import { createColumnarSummaryBuilder } from '../summary/columnar-summary.ts';
import { holdoutPlan, selectPurchaseModel } from './select-model.ts';
import type { SplitHistories } from './purchase-days.ts';
import type { FittedModelName } from './settings.ts';

// 1,500 CDNOW-like customers (FHL 2005's BG/NBD parameters) over 18 months, with every purchase day kept for a holdout.
function histories(): { s: SplitHistories; calibrationEnd: number; asOf: number } {
  const sim = simulateCustomers({
    seed: 11,
    customers: 1500,
    params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start: isoToDay('2024-01-01'),
    days: 546,
  });
  const b = createColumnarSummaryBuilder({ unit: 'week' });
  for (const t of sim.transactions) b.add(t);
  b.finish();
  const asOf = b.report().asOf as number;
  const plan = holdoutPlan(b.firstPurchaseDay(), asOf);
  if (!('calibrationEnd' in plan)) throw new Error('the simulated span should allow a holdout');
  return { s: b.split(plan.calibrationEnd, asOf, 7), calibrationEnd: plan.calibrationEnd, asOf };
}

const FITS: Record<FittedModelName, (d: SplitHistories) => PurchaseModelFit> = { bgnbd: fitBgNbd, mbgnbd: fitMbgNbd, pnbd: fitParetoNbd };

describe('the model choice on a holdout', () => {
  const { s, calibrationEnd, asOf } = histories();
  const picked = selectPurchaseModel({ requested: 'auto', penalizer: 0, data: s, holdout: { histories: s, calibrationEnd, asOf, periodDays: 7 } });

  it('scores each model per customer exactly as one customer at a time would (computed once per group of equal histories)', () => {
    expect(picked.selection.method).toBe('holdout');
    const length = (asOf - calibrationEnd) / 7;
    for (const c of picked.selection.candidates) {
      // Each model on the rows as given, scored customer by customer: the sums must agree to the last bit.
      const fit = FITS[c.model](s);
      expect(picked.calibrationFits?.get(c.model)?.params).toEqual(fit.params);
      // What the choice cost, in the unit of the fits' budget.
      expect(c.evaluations, c.model).toBe(fit.evaluations);
      expect(c.evaluations).toBeGreaterThan(0);
      const pm = purchaseModel(fit);
      let logLoss = 0;
      let mae = 0;
      for (let i = 0; i < s.x.length; i++) {
        const p0 = pm.noPurchase(length, s.x[i], s.t_x[i], s.T[i]);
        const expected = pm.pAlive(s.x[i], s.t_x[i], s.T[i]) * pm.expectedIfAlive(length, s.x[i], s.T[i]);
        logLoss -= Math.log(Math.min(Math.max(s.holdout[i] === 0 ? p0 : 1 - p0, 1e-12), 1));
        mae += Math.abs(expected - s.holdout[i]);
      }
      expect(c.holdout, c.model).toEqual({ logLoss: logLoss / s.x.length, purchasesMae: mae / s.x.length });
    }
  });

  it('fits the chosen model on all the data as a fit on the rows would', () => {
    const chosen = picked.selection.chosen as FittedModelName;
    expect(picked.fit?.params).toEqual(FITS[chosen](s).params);
  });
});

describe('the model choice by likelihood (no holdout)', () => {
  it('fits all three models on data grouped once, each as a fit on the rows would', () => {
    const { s } = histories();
    const picked = selectPurchaseModel({ requested: 'auto', penalizer: 0, data: s });
    expect(picked.selection.method).toBe('likelihood');
    for (const c of picked.selection.candidates) expect(c.logLikelihood, c.model).toBe(FITS[c.model](s).logLikelihood);
  });
});
