import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { lifecycleStage } from './stage.ts';

describe('lifecycleStage', () => {
  it('rule 1: high churn risk is decline, whatever else holds', () => {
    expect(lifecycleStage({ purchaseDays: 1, ageDays: 5, churnRisk: 0.7 })).toBe('decline');
    expect(lifecycleStage({ purchaseDays: 9, ageDays: 50, churnRisk: 0.95, valueTrend: 2 })).toBe('decline');
    expect(lifecycleStage({ purchaseDays: 9, ageDays: 50, churnRisk: 0.5 }, { declineRisk: 0.5 })).toBe('decline');
  });
  it('rule 2: one purchase and young is exploration; old one-timers are not', () => {
    expect(lifecycleStage({ purchaseDays: 1, ageDays: 90, churnRisk: 0.1 })).toBe('exploration');
    expect(lifecycleStage({ purchaseDays: 1, ageDays: 91, churnRisk: 0.1 })).toBe('stability');
  });
  it('rule 3: repeat buyers in their first year, or with growing spend, are forming', () => {
    expect(lifecycleStage({ purchaseDays: 2, ageDays: 30, churnRisk: 0.2 })).toBe('formation');
    expect(lifecycleStage({ purchaseDays: 5, ageDays: 365, churnRisk: 0.2 })).toBe('formation');
    expect(lifecycleStage({ purchaseDays: 5, ageDays: 800, churnRisk: 0.2, valueTrend: 0.1 })).toBe('formation');
  });
  it('rule 4: an established repeat buyer with flat spend is stable', () => {
    expect(lifecycleStage({ purchaseDays: 5, ageDays: 800, churnRisk: 0.2, valueTrend: 0 })).toBe('stability');
    expect(lifecycleStage({ purchaseDays: 5, ageDays: 366, churnRisk: 0.69 })).toBe('stability');
  });
  it('more risk never leaves decline (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0.7, max: 1, noNaN: true }), (p, a, r) => {
        expect(lifecycleStage({ purchaseDays: p, ageDays: a, churnRisk: r })).toBe('decline');
      }),
    );
  });
  it('rejects NaN and risks outside 0..1', () => {
    expect(() => lifecycleStage({ purchaseDays: 1, ageDays: Number.NaN, churnRisk: 0 })).toThrow(CvError);
    expect(() => lifecycleStage({ purchaseDays: 1, ageDays: 1, churnRisk: 2 })).toThrow(CvError);
  });
});
