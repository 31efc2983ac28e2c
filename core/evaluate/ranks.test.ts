import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { CASES } from './fixtures/evaluate.ts';
import { averageRanks } from './ranks.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of their ranks', () => {
    expect([...averageRanks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    expect([...averageRanks([3, 3, 3])]).toEqual([2, 2, 2]);
    expect([...averageRanks([])]).toEqual([]);
  });
  // Reference: scipy.stats.rankdata(method='average'), fixtures/generate.py.
  it.each(CASES.map((c) => [c.name, c] as const))('matches scipy.stats.rankdata on "%s"', (_, c) => {
    expect([...averageRanks(c.p)]).toEqual(c.ranks);
  });
  it('orders infinities like any other value', () => {
    expect([...averageRanks([Infinity, -Infinity, 0, Infinity])]).toEqual([3.5, 1, 2, 3.5]);
  });
  it('rejects NaN, naming the caller', () => {
    expect(() => averageRanks([1, Number.NaN], 'rocAuc')).toThrow(/^rocAuc: value #2 is not a number/);
    expect(() => averageRanks([Number.NaN])).toThrow(CvError);
  });
});
