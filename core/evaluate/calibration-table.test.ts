import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { calibrationTable } from './calibration-table.ts';
import { CASES } from './fixtures/evaluate.ts';

describe('calibrationTable', () => {
  it('bins at the quantiles and compares mean prediction with the observed share', () => {
    // Median of 0.1, 0.2, 0.8, 0.9 is 0.5: bins (…, 0.5] and (0.5, 0.9].
    const t = calibrationTable([0.1, 0.2, 0.8, 0.9], [false, true, true, true], 2);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]).toMatchObject({ lower: 0.1, upper: 0.5, count: 2, observedShare: 0.5 });
    expect(t.rows[0].meanPredicted).toBeCloseTo(0.15, 15);
    expect(t.rows[0].difference).toBeCloseTo(0.35, 15);
    expect(t.rows[1]).toMatchObject({ lower: 0.5, upper: 0.9, count: 2, observedShare: 1 });
    expect(t.rows[1].difference).toBeCloseTo(0.15, 15);
    expect(t.maxAbsDifference).toBeCloseTo(0.35, 15);
    expect(t.meanAbsDifference).toBeCloseTo(0.25, 15);
  });
  it('puts a value exactly at an edge in the lower bin (bins closed on the right)', () => {
    // Median of five values is the third, 0.3: bins (…, 0.3] and (0.3, 0.5].
    const t = calibrationTable([0.5, 0.4, 0.3, 0.2, 0.1], [true, true, false, false, false], 2);
    expect(t.rows.map((r) => [r.upper, r.count, r.observedShare])).toEqual([
      [0.3, 3, 0],
      [0.5, 2, 1],
    ]);
  });
  it('keeps equal predictions in one bin, so heavy ties give fewer rows', () => {
    const t = calibrationTable([0.3, 0.3, 0.3, 0.3, 0.3, 0.7], [true, false, false, false, true, true]);
    expect(t.rows.map((r) => r.count)).toEqual([5, 1]);
    expect(t.rows[0].observedShare).toBeCloseTo(0.4, 15);
    expect(calibrationTable([0.5, 0.5], [true, false]).rows).toEqual([
      { lower: 0.5, upper: 0.5, count: 2, meanPredicted: 0.5, observedShare: 0.5, difference: 0 },
    ]);
  });
  // Reference: sklearn.calibration.calibration_curve(strategy='quantile'), fixtures/generate.py.
  for (const c of CASES) {
    for (const bins of Object.keys(c.calibration)) {
      it(`matches scikit-learn's calibration_curve on "${c.name}" with ${bins} bins`, () => {
        const ref = c.calibration[bins];
        const t = calibrationTable(c.p, c.y.map(Boolean), Number(bins));
        expect(t.rows).toHaveLength(ref.observed.length);
        t.rows.forEach((r, i) => {
          expect(r.observedShare).toBeCloseTo(ref.observed[i], 12);
          expect(r.meanPredicted).toBeCloseTo(ref.predicted[i], 12);
        });
        expect(t.rows.reduce((s, r) => s + r.count, 0)).toBe(c.p.length);
        const maxAbs = Math.max(...ref.observed.map((o, i) => Math.abs(o - ref.predicted[i])));
        expect(t.maxAbsDifference).toBeCloseTo(maxAbs, 12);
      });
    }
  }
  it('rejects what is not a set of probabilities', () => {
    expect(() => calibrationTable([], [])).toThrow(expect.objectContaining({ kind: 'data' }) as CvError);
    expect(() => calibrationTable([0.2, 1.2], [true, false])).toThrow(expect.objectContaining({ kind: 'num' }) as CvError);
    expect(() => calibrationTable([Number.NaN], [true])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
    expect(() => calibrationTable([0.2], [true, false])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
    expect(() => calibrationTable([0.2], [true], 0)).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
  });
});
