import { describe, expect, it } from 'vitest';
import { churnrisk } from './churn.ts';

// Every parameter is a matrix in functions.json: Excel passes a literal as a 1×1 array.
const c = (v: unknown): unknown[][] => [[v]];

// core/churn/overdue.ts: gap = recency / frequency, o = since_last / gap, risk = o²/(1+o²).
describe('CV.CHURNRISK', () => {
  it('is 0.5 one gap after the last purchase and 0.8 two gaps after', () => {
    expect(churnrisk(c(4), c(40), c(10), c(50))[0][0]).toBeCloseTo(0.5, 12);
    expect(churnrisk(c(4), c(40), c(20), c(60))[0][0]).toBeCloseTo(0.8, 12);
  });

  it('uses the typical gap for a one-time buyer', () => {
    expect(churnrisk(c(0), c(0), c(14), c(14), c(7))[0][0]).toBeCloseTo(0.8, 12);
  });

  it('uses the population gap across a range (median of repeat customers\' gaps)', () => {
    // Repeat gaps 10 and 20 → median 15; the one-time buyer at 15 is one gap overdue.
    const out = churnrisk([[4], [2], [0]], [[40], [40], [0]], [[10], [20], [15]], [[50], [60], [15]]);
    expect(out[2][0]).toBeCloseTo(0.5, 12);
    expect(out[1][0]).toBeCloseTo(0.5, 12);
  });

  it('returns the level on request, and blanks for blank rows', () => {
    expect(churnrisk([[4], [null]], [[40], [null]], [[30], [null]], [[70], [null]], c(null), c(true))).toEqual([[expect.stringMatching(/high/i)], ['']]);
    expect(churnrisk(c(4), c(40), c(30), c(70), c(null), c('TRUE'))[0][0]).toMatch(/high/i);
  });

  it('is #VALUE! (with a reason) for negative times and for text', () => {
    expect(() => churnrisk(c(4), c(40), c(-1), c(50))).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => churnrisk(c('x'), c(40), c(1), c(50))).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
