import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { churnRiskScores, overdueRisk, typicalGap } from './overdue.ts';

describe('overdueRisk', () => {
  it('is 0 just after a purchase, 1/2 one gap later, 4/5 two gaps later', () => {
    const c = { frequency: 4, recency: 40, T: 60, sinceLast: 0 }; // own gap 10
    expect(overdueRisk(c, 99)).toBe(0);
    expect(overdueRisk({ ...c, sinceLast: 10 }, 99)).toBe(0.5);
    expect(overdueRisk({ ...c, sinceLast: 20 }, 99)).toBeCloseTo(0.8, 12);
  });
  it("uses the population's gap for one-time buyers", () => {
    expect(overdueRisk({ frequency: 0, recency: 0, T: 6, sinceLast: 6 }, 6)).toBe(0.5);
    expect(overdueRisk({ frequency: 0, recency: 0, T: 6, sinceLast: 6 }, 0)).toBe(1);
    expect(overdueRisk({ frequency: 0, recency: 0, T: 0, sinceLast: 0 }, 0)).toBe(0);
  });
  it('is in [0, 1] and never falls as sinceLast grows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (f, rec, s1, s2, gap) => {
          const a = overdueRisk({ frequency: f, recency: rec, T: rec + s1, sinceLast: Math.min(s1, s2) }, gap);
          const b = overdueRisk({ frequency: f, recency: rec, T: rec + s1, sinceLast: Math.max(s1, s2) }, gap);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
  it('rejects NaN and negative times', () => {
    expect(() => overdueRisk({ frequency: 1, recency: 1, T: 1, sinceLast: Number.NaN }, 1)).toThrow(CvError);
    expect(() => overdueRisk({ frequency: 1, recency: 1, T: 1, sinceLast: -1 }, 1)).toThrow(CvError);
  });
});

describe('typicalGap', () => {
  it('is the median own gap of repeat customers, else the median age', () => {
    const rows = [
      { frequency: 2, recency: 10, sinceLast: 1, T: 11 },
      { frequency: 1, recency: 3, sinceLast: 1, T: 4 },
      { frequency: 4, recency: 40, sinceLast: 1, T: 41 },
      { frequency: 0, recency: 0, sinceLast: 3, T: 3 },
    ];
    expect(typicalGap(rows)).toBe(5); // gaps 5, 3, 10
    expect(typicalGap([{ frequency: 0, recency: 0, sinceLast: 3, T: 3 }, { frequency: 0, recency: 0, sinceLast: 5, T: 5 }])).toBe(4);
  });
  it('feeds churnRiskScores', () => {
    expect(churnRiskScores([{ frequency: 1, recency: 5, sinceLast: 5, T: 10 }])).toEqual([0.5]);
    expect(churnRiskScores([])).toEqual([]);
  });
});
