import { describe, expect, it } from 'vitest';
import { cdnowSummary, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { CvError } from '../errors.ts';
import { bgNbdConditionalExpected, fitBgNbd } from './bg-nbd.ts';
import { daysPerUnit, discountedPurchases, discountRatePerStep, modelClv, type ClvOptions } from './model-clv.ts';

const haveData = HAS_CDNOW;
const whyMissing = WHY_NO_CDNOW;
const cdnow = cdnowSummary;

const YEAR = { periodDays: 7, horizonDays: 365.25, annualDiscountRate: 0.1, marginRate: 1 } satisfies ClvOptions;

describe('discountRatePerStep', () => {
  it('turns 10 % a year into 0.797 % a month and compounds back to 10 %', () => {
    const m = discountRatePerStep(0.1, 365.25 / 12);
    expect(m).toBeCloseTo(0.00797414, 8);
    expect((1 + m) ** 12).toBeCloseTo(1.1, 12);
  });
});

describe('discountedPurchases', () => {
  it('is the expected count itself without discounting', () => {
    expect(discountedPurchases((t) => 2 * t, { ...YEAR, annualDiscountRate: 0 })).toBeCloseTo((2 * 365.25) / 7, 10);
  });
  it('applies an annual rate to monthly steps: Σ_k m / 1.1^(k/12)', () => {
    // A steady 1 purchase per month; the model is in weeks.
    const perWeek = 12 / (365.25 / 7);
    const got = discountedPurchases((t) => perWeek * t, YEAR);
    let want = 0;
    for (let k = 1; k <= 12; k++) want += 1 / 1.1 ** (k / 12);
    expect(got).toBeCloseTo(want, 10);
  });
  it('does not depend on the model period for the same process (days vs weeks vs months)', () => {
    const ratePerDay = 0.05;
    const results = (['day', 'week', 'month'] as const).map((u) =>
      discountedPurchases((t) => ratePerDay * daysPerUnit(u) * t, { ...YEAR, periodDays: daysPerUnit(u) }),
    );
    expect(results[1]).toBeCloseTo(results[0], 10);
    expect(results[2]).toBeCloseTo(results[0], 10);
  });
  it('discounts a one-year horizon by about the same with weekly or monthly steps', () => {
    const monthly = discountedPurchases((t) => t, YEAR);
    const weekly = discountedPurchases((t) => t, { ...YEAR, stepDays: 7 });
    // Only the timing within a step differs: weekly steps discount slightly less.
    expect(Math.abs(weekly - monthly) / monthly).toBeLessThan(0.005);
    expect(weekly).toBeGreaterThan(monthly);
  });
  it('shortens the last step to end at the horizon', () => {
    const got = discountedPurchases((t) => t, { ...YEAR, horizonDays: 45, annualDiscountRate: 0 });
    expect(got).toBeCloseTo(45 / 7, 12);
  });
});

describe('modelClv', () => {
  it('multiplies by spend and margin', () => {
    const opts = { ...YEAR, marginRate: 0.3 };
    expect(modelClv((t) => t, 20, opts)).toBeCloseTo(0.3 * 20 * discountedPurchases((t) => t, opts), 10);
  });
  it('rejects a discount rate below 0, a margin above 1 and a zero period with CvError', () => {
    expect(() => modelClv((t) => t, 1, { ...YEAR, annualDiscountRate: -0.1 })).toThrow(/annualDiscountRate/);
    expect(() => modelClv((t) => t, 1, { ...YEAR, marginRate: 2 })).toThrow(CvError);
    expect(() => modelClv((t) => t, 1, { ...YEAR, periodDays: 0 })).toThrow(/periodDays/);
    expect(() => modelClv((t) => t, -1, YEAR)).toThrow(/spend/);
  });
});

describe.skipIf(!haveData)('model CLV on CDNOW' + whyMissing, () => {
  it('is the same whether BG/NBD was fitted in weeks or in days', () => {
    const w = cdnow();
    const d = { x: w.x, t_x: w.t_x.map((v) => v * 7), T: w.T.map((v) => v * 7) };
    const fw = fitBgNbd(w).params;
    const fd = fitBgNbd(d).params;
    const clvWeeks = modelClv((t) => bgNbdConditionalExpected(fw, t, 2, 30.43, 38.86), 25, { ...YEAR, periodDays: 7 });
    const clvDays = modelClv((t) => bgNbdConditionalExpected(fd, t, 2, 30.43 * 7, 38.86 * 7), 25, {
      ...YEAR,
      periodDays: 1,
    });
    expect(Math.abs(clvDays - clvWeeks) / clvWeeks).toBeLessThan(1e-4);
  });
});
