import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, bgNbdProbabilityNoPurchase, type BgNbdParams } from './bg-nbd.ts';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { discountedPurchases, type ClvOptions } from './model-clv.ts';
import {
  paretoNbdConditionalExpected,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityNoPurchase,
  type ParetoNbdParams,
} from './pareto-nbd.ts';
import { predictColumns, predictCustomers, type PredictCustomer } from './predict.ts';

// Published CDNOW parameters (Fader, Hardie & Lee 2005).
const fit = <P extends Record<string, number>>(model: FitResult['model'], params: P): FitResult<P> => ({
  model,
  params,
  logLikelihood: 0,
  customers: 2357,
  iterations: 0,
  converged: true,
  seconds: 0,
});
const BG = fit<BgNbdParams>('bgnbd', { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 });
const PNBD = fit<ParetoNbdParams>('pnbd', { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 });
const GG = fit<GammaGammaParams>('gg', { p: 6.25, q: 3.74, gamma: 15.44 });
const OPTS: ClvOptions = { periodDays: 7, horizonDays: 365, annualDiscountRate: 0.1, marginRate: 0.3 };
const customers = [
  { id: 'A', x: 2, t_x: 30.43, T: 38.86, monetary: 22.35 },
  { id: 'B', x: 0, t_x: 0, T: 38.86, monetary: 0, averageSpend: 11.77 },
  { id: 'C', x: 2, t_x: 30.43, T: 38.86, monetary: 40 },
];

describe('predictCustomers', () => {
  it('combines BG/NBD, Gamma-Gamma and the discounting convention', () => {
    const out = predictCustomers(BG, GG, customers, OPTS);
    const a = out.get('A');
    expect(a).toBeDefined();
    const p = BG.params;
    expect(a?.pAlive).toBeCloseTo(bgNbdProbabilityAlive(p, 2, 30.43, 38.86), 12);
    expect(a?.expectedPurchases).toBeCloseTo(bgNbdConditionalExpected(p, 365 / 7, 2, 30.43, 38.86), 10);
    const spend = gammaGammaExpectedSpend(GG.params, 2, 22.35);
    expect(a?.expectedSpend).toBeCloseTo(spend, 10);
    const disc = discountedPurchases((t) => bgNbdConditionalExpected(p, t, 2, 30.43, 38.86), OPTS);
    expect(a?.clv).toBeCloseTo(0.3 * spend * disc, 8);
  });
  it('gives customers without repeats the population mean spend pγ/(q−1)', () => {
    const b = predictCustomers(BG, GG, customers, OPTS).get('B');
    expect(b?.pAlive).toBe(1);
    expect(b?.expectedSpend).toBeCloseTo((6.25 * 15.44) / 2.74, 8);
  });
  it('uses the observed spend without a spend model', () => {
    const out = predictCustomers(BG, undefined, customers, OPTS);
    expect(out.get('A')?.expectedSpend).toBe(22.35);
    expect(out.get('B')?.expectedSpend).toBe(11.77);
  });
  it('shares work between identical histories but not their spend', () => {
    const out = predictCustomers(BG, GG, customers, OPTS);
    expect(out.get('C')?.expectedPurchases).toBe(out.get('A')?.expectedPurchases);
    expect(out.get('C')?.clv).toBeGreaterThan(out.get('A')?.clv ?? Infinity);
  });
  it('works with a Pareto/NBD fit', () => {
    const a = predictCustomers(PNBD, GG, customers, OPTS).get('A');
    expect(a?.pAlive).toBeCloseTo(paretoNbdProbabilityAlive(PNBD.params, 2, 30.43, 38.86), 12);
    expect(a?.expectedPurchases).toBeCloseTo(paretoNbdConditionalExpected(PNBD.params, 365 / 7, 2, 30.43, 38.86), 10);
  });
  it('fills the churn risk P(no purchase) over churnHorizonDays (default 90), in model periods', () => {
    const bg = predictCustomers(BG, GG, customers, OPTS);
    expect(bg.get('A')?.pNoPurchase).toBe(bgNbdProbabilityNoPurchase(BG.params, 90 / 7, 2, 30.43, 38.86));
    expect(bg.get('B')?.pNoPurchase).toBe(bgNbdProbabilityNoPurchase(BG.params, 90 / 7, 0, 0, 38.86));
    const year = predictCustomers(PNBD, GG, customers, { ...OPTS, churnHorizonDays: 365 });
    expect(year.get('A')?.pNoPurchase).toBeCloseTo(paretoNbdProbabilityNoPurchase(PNBD.params, 365 / 7, 2, 30.43, 38.86), 14);
    expect(year.get('C')?.pNoPurchase).toBe(year.get('A')?.pNoPurchase);
    expect(year.get('B')?.pNoPurchase).toBeCloseTo(paretoNbdProbabilityNoPurchase(PNBD.params, 365 / 7, 0, 0, 38.86), 14);
    for (const bad of [0, -5, NaN, Infinity]) {
      expect(() => predictCustomers(BG, GG, customers, { ...OPTS, churnHorizonDays: bad })).toThrow(/churnHorizonDays/);
    }
  });
  it('rejects duplicate ids, bad rows (naming the customer) and a non-spend model', () => {
    expect(() => predictCustomers(BG, GG, [customers[0], customers[0]], OPTS)).toThrow(/appears twice/);
    expect(() => predictCustomers(BG, GG, [{ ...customers[0], t_x: 50 }], OPTS)).toThrow(/customer A: t_x/);
    expect(() => predictCustomers(BG, BG as unknown as FitResult<GammaGammaParams>, customers, OPTS)).toThrow(CvError);
  });
});

describe('predictColumns, expected purchases and spend made when read', () => {
  const GG_NO_MEAN = fit<GammaGammaParams>('gg', { p: 6.25, q: 0.9, gamma: 15.44 });
  const customer = fc.record({
    x: fc.integer({ min: 0, max: 6 }),
    t_x: fc.constantFrom(0, 1 / 7, 3, 30.43),
    T: fc.constantFrom(1 / 7, 3, 30.43, 38.86),
    monetary: fc.constantFrom(0, 0.01, 22.35, 1e6),
    averageSpend: fc.constantFrom(0, -3, 11.77),
  });

  it('gives each customer what predictCustomers gives, bit for bit, with every spend model (property)', () => {
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 40 }), fc.constantFrom(BG, PNBD), fc.constantFrom(GG, GG_NO_MEAN, undefined), (rows, model, spend) => {
        const cs: PredictCustomer[] = rows
          .filter((c) => c.t_x <= c.T)
          .map((c, i) => ({ ...c, id: `c${String(i).padStart(3, '0')}`, t_x: c.x === 0 ? 0 : c.t_x, monetary: c.x === 0 ? 0 : c.monetary }));
        let averagesRead = 0;
        const columns = predictColumns(model, spend, {
          ids: cs.map((c) => c.id),
          x: cs.map((c) => c.x),
          t_x: cs.map((c) => c.t_x),
          T: cs.map((c) => c.T),
          monetary: cs.map((c) => c.monetary),
          averageSpend: () => (averagesRead++, cs.map((c) => c.averageSpend ?? 0)),
        }, OPTS);
        const map = predictCustomers(model, spend, cs, OPTS);
        const made = columns.made!;
        cs.forEach((c, i) => {
          const p = map.get(c.id)!;
          expect([made.expectedPurchases(i), made.expectedSpend(i), columns.clv[i], columns.pAlive[i]]).toEqual([p.expectedPurchases, p.expectedSpend, p.clv, p.pAlive]);
          expect(columns.expectedPurchases[i]).toBe(p.expectedPurchases);
          expect(columns.expectedSpend[i]).toBe(p.expectedSpend);
        });
        expect(made.firstNonFinite).toBe(-1);
        // The average spend's column is asked for once at most, and only when a spend falls back on it.
        const needed = cs.some((c) => !(c.monetary > 0 && c.x > 0) && !(spend !== undefined && spend.params.q > 1) && !(c.monetary > 0));
        expect(averagesRead).toBe(needed ? 1 : 0);
      }),
      { numRuns: 200 },
    );
  });

  it('names the first customer whose expected spend is not finite', () => {
    const huge = fit<GammaGammaParams>('gg', { p: 1e300, q: 3.74, gamma: 1e300 });
    const columns = predictColumns(BG, huge, { ids: ['a', 'b', 'c'], x: [0, 2, 2], t_x: [0, 3, 3], T: [5, 5, 5], monetary: [0, 1e300, 1], averageSpend: [0, 0, 0] }, OPTS);
    expect(columns.made!.firstNonFinite).toBe(Number.isFinite(columns.expectedSpend[0]) ? 1 : 0);
    expect(Number.isFinite(columns.expectedSpend[columns.made!.firstNonFinite])).toBe(false);
  });
});
