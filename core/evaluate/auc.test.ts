import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { rocAuc } from './auc.ts';
import { CASES } from './fixtures/evaluate.ts';

/** The definition by pairs: wins plus half the ties, over all positive–negative pairs. */
function byPairs(s: number[], y: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    if (!y[i]) continue;
    for (let j = 0; j < s.length; j++) {
      if (y[j]) continue;
      pairs++;
      wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  // scikit-learn's roc_auc_score documentation example.
  it('is 0.75 for the scikit-learn example', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });
  // Hanley & McNeil (1982), Radiology 143, table 1: 109 CT images rated 1–5,
  // 58 normal (33, 6, 6, 11, 2) and 51 abnormal (3, 2, 2, 11, 33); area 0.893.
  it('is 0.893 on Hanley & McNeil’s rating data (ties counted half)', () => {
    const normal = [33, 6, 6, 11, 2];
    const abnormal = [3, 2, 2, 11, 33];
    const s: number[] = [];
    const y: boolean[] = [];
    for (let r = 0; r < 5; r++) {
      for (let k = 0; k < normal[r]; k++) (s.push(r + 1), y.push(false));
      for (let k = 0; k < abnormal[r]; k++) (s.push(r + 1), y.push(true));
    }
    expect(rocAuc(s, y)).toBeCloseTo(0.893, 3);
  });
  // Reference: sklearn.metrics.roc_auc_score, fixtures/generate.py.
  it.each(CASES.map((c) => [c.name, c] as const))('matches scikit-learn on "%s"', (_, c) => {
    expect(rocAuc(c.p, c.y.map(Boolean))).toBeCloseTo(c.auc, 12);
  });
  it('agrees with the pairwise definition (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }), (rows) => {
        const y = rows.map((r) => r[1]);
        fc.pre(y.some((b) => b) && y.some((b) => !b));
        const s = rows.map((r) => r[0]);
        expect(rocAuc(s, y)).toBeCloseTo(byPairs(s, y), 12);
      }),
    );
  });
  it('is 0.5 for a constant score and 1 − AUC for the reversed score', () => {
    expect(rocAuc([3, 3, 3, 3], [true, false, true, false])).toBe(0.5);
    const s = [0.2, 0.9, 0.5, 0.1, 0.7];
    const y = [false, true, false, true, true];
    expect(rocAuc(s.map((v) => -v), y)).toBeCloseTo(1 - rocAuc(s, y), 12);
  });
  it('says when the data cannot give an area', () => {
    expect(() => rocAuc([], [])).toThrow(expect.objectContaining({ kind: 'data' }) as CvError);
    expect(() => rocAuc([0.1, 0.2], [true, true])).toThrow(expect.objectContaining({ kind: 'data' }) as CvError);
    expect(() => rocAuc([0.1, 0.2], [false, false])).toThrow(/same outcome/);
  });
  it('rejects caller mistakes', () => {
    expect(() => rocAuc([0.1, 0.2], [true])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
    expect(() => rocAuc([0.1, Number.NaN], [true, false])).toThrow(expect.objectContaining({ fn: 'rocAuc', kind: 'value' }) as CvError);
  });
});
