import { describe, expect, it } from 'vitest';
import { cvtier } from './tiers.ts';

// Population: mean 10; contributions 5, 3, 1.5, 0.5 → VIP, Major, Ordinary,
// Small by the classic cut points 4, 2, 1 (DOMAIN.md §3, table 4-2).
const all = [[50], [30], [15], [5], [0], [0], [0], [0], [0], [0]];

describe('CV.CVTIER', () => {
  it('puts values into tiers by contribution with the default cut points', () => {
    expect(cvtier(50, all)).toEqual([['VIP']]);
    expect(cvtier(30, all)).toEqual([['Major']]);
    expect(cvtier(15, all)).toEqual([['Ordinary']]);
    expect(cvtier(5, all)).toEqual([['Small']]);
  });

  it('spills a range of values, with blanks left blank', () => {
    expect(cvtier([[50], [null], [5]], all)).toEqual([['VIP'], [''], ['Small']]);
  });

  it('skips blanks and text in all_values and accepts ragged ranges', () => {
    expect(cvtier(50, [[50, 'x'], [30], [15, null, 5], [0, 0, 0, 0, 0, 0]])).toEqual([['VIP']]);
  });

  it('uses fixed thresholds, which need cut points', () => {
    expect(cvtier(60000, all, 'fixed', [[100000, 50000, 25000]])).toEqual([['Major']]);
    expect(() => cvtier(60000, all, 'threshold')).toThrow(expect.objectContaining({ code: '#N/A' }));
  });

  it('ranks a value outside all_values as one more customer', () => {
    expect(cvtier(1000, all)).toEqual([['VIP']]);
  });

  it('reports bad input as Excel errors', () => {
    expect(() => cvtier('abc', all)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => cvtier(5, [['a', null]])).toThrow(expect.objectContaining({ code: '#N/A' }));
    expect(() => cvtier(5, all, 'median')).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => cvtier(5, all, 'contribution', [[1, 2]])).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    // Ascending cut points for contribution are out of domain in the core.
    expect(() => cvtier(5, all, 'contribution', [[1, 2, 4]])).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
