import { describe, expect, it } from 'vitest';
import { churnrisk } from './churn.ts';

// core/churn/overdue.ts: gap = recency / frequency, o = since_last / gap, risk = o²/(1+o²).
describe('CV.CHURNRISK', () => {
  it('is 0.5 one gap after the last purchase and 0.8 two gaps after', () => {
    expect(churnrisk(4, 40, 10, 50)[0][0]).toBeCloseTo(0.5, 12);
    expect(churnrisk(4, 40, 20, 60)[0][0]).toBeCloseTo(0.8, 12);
  });

  it('uses the typical gap for a one-time buyer', () => {
    expect(churnrisk(0, 0, 14, 14, 7)[0][0]).toBeCloseTo(0.8, 12);
  });

  it('uses the population gap across a range (median of repeat customers\' gaps)', () => {
    // Repeat gaps 10 and 20 → median 15; the one-time buyer at 15 is one gap overdue.
    const out = churnrisk([[4], [2], [0]], [[40], [40], [0]], [[10], [20], [15]], [[50], [60], [15]]);
    expect(out[2][0]).toBeCloseTo(0.5, 12);
    expect(out[1][0]).toBeCloseTo(0.5, 12);
  });

  it('returns the level on request, and blanks for blank rows', () => {
    expect(churnrisk([[4], [null]], [[40], [null]], [[30], [null]], [[70], [null]], null, true)).toEqual([[expect.stringMatching(/high/i)], ['']]);
    expect(churnrisk(4, 40, 30, 70, null, 'TRUE')[0][0]).toMatch(/high/i);
  });

  it('is #NUM! for negative times and #VALUE! for text', () => {
    expect(() => churnrisk(4, 40, -1, 50)).toThrow(expect.objectContaining({ code: '#NUM!' }));
    expect(() => churnrisk('x', 40, 1, 50)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
