import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { rocAuc } from '../evaluate/auc.ts';
import { fitRecalibration } from './recalibrate.ts';

interface Case {
  name: string;
  p: number[];
  y: number[];
  platt: { a: number; b: number; logLossBefore: number; logLossAfter: number; pValue: number; queries: number[]; values: number[] };
  isotonic: { queries: number[]; values: number[]; steps: number };
}
// Reference: scikit-learn LogisticRegression (no penalty) on logit p, IsotonicRegression(out_of_bounds='clip'),
// scipy.stats.chi2.sf; written by fixtures/recalibrate.py.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/recalibrate.json', import.meta.url), 'utf8')) as { cases: Case[] };

const outcomes = (c: Case): boolean[] => c.y.map((v) => v === 1);

describe('fitRecalibration, Platt in logit space', () => {
  for (const c of fixture.cases) {
    it(`matches scikit-learn's logistic regression: ${c.name}`, () => {
      const map = fitRecalibration(c.p, outcomes(c), 'platt', 1);
      expect(map.report.a).toBeCloseTo(c.platt.a, 6);
      expect(map.report.b).toBeCloseTo(c.platt.b, 6);
      expect(map.report.logLossBefore).toBeCloseTo(c.platt.logLossBefore, 10);
      expect(map.report.logLossAfter).toBeCloseTo(c.platt.logLossAfter, 10);
      expect(map.report.pValue).toBeCloseTo(c.platt.pValue, 6);
      c.platt.queries.forEach((q, i) => expect(map.apply(q)).toBeCloseTo(c.platt.values[i], 7));
    });
  }

  it('keeps the ranking: the AUC of the corrected risk is the AUC of the model', () => {
    const c = fixture.cases[0];
    const map = fitRecalibration(c.p, outcomes(c));
    expect(map.report.applied).toBe(true);
    expect(rocAuc(c.p.map(map.apply), outcomes(c))).toBe(rocAuc(c.p, outcomes(c)));
  });

  it('leaves a calibrated risk as it is when the correction is no better than chance', () => {
    const c = fixture.cases.find((k) => k.name === 'calibrated') as Case;
    expect(c.platt.pValue).toBeGreaterThan(0.01);
    const map = fitRecalibration(c.p, outcomes(c));
    expect(map.report.applied).toBe(false);
    expect(map.apply(0.37)).toBe(0.37);
    expect(map.description).toMatch(/left as the model gives it/);
  });
});

describe('fitRecalibration, isotonic', () => {
  for (const c of fixture.cases) {
    it(`matches scikit-learn's IsotonicRegression: ${c.name}`, () => {
      const map = fitRecalibration(c.p, outcomes(c), 'isotonic');
      expect(map.report.steps).toBe(c.isotonic.steps);
      c.isotonic.queries.forEach((q, i) => expect(map.apply(q)).toBeCloseTo(c.isotonic.values[i], 12));
    });
  }
});

describe('fitRecalibration, refusals', () => {
  const base = fixture.cases[0];
  const refused = (f: () => unknown, kind: string, reason: RegExp): void => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(CvError);
      expect((e as CvError).kind).toBe(kind);
      expect((e as CvError).reason).toMatch(reason);
      return;
    }
    throw new Error('expected a CvError');
  };

  it('needs 100 customers', () => {
    refused(() => fitRecalibration(base.p.slice(0, 99), outcomes(base).slice(0, 99)), 'data', /only 99 customers.*at least 100/);
  });

  it('needs both outcomes', () => {
    refused(() => fitRecalibration(base.p, base.p.map(() => true)), 'data', /400 of 400 customers made no purchase/);
  });

  it('refuses a risk that ranks the wrong way round', () => {
    const c = fixture.cases[0];
    refused(() => fitRecalibration(c.p.map((p) => 1 - p), outcomes(c)), 'data', /higher churn risk did not go with fewer purchases/);
  });

  it('refuses perfectly separated outcomes', () => {
    const p = Array.from({ length: 200 }, (_, i) => (i + 0.5) / 200);
    refused(() => fitRecalibration(p, p.map((v) => v > 0.5)), 'convergence', /did not settle/);
  });

  it('names caller mistakes', () => {
    refused(() => fitRecalibration([0.5, 0.5], [true]), 'value', /same length/);
    refused(() => fitRecalibration([...base.p.slice(0, 150), 1.2], [...outcomes(base).slice(0, 151)]), 'value', /#151 \(1.2\) is not a probability/);
    refused(() => fitRecalibration(base.p, outcomes(base), 'platt', 2), 'value', /significance level/);
  });
});
