import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { CASES } from './fixtures/evaluate.ts';
import { spearman } from './spearman.ts';

describe('spearman', () => {
  // The textbook example of Spearman's ρ on Wikipedia ("Spearman's rank correlation
  // coefficient"): IQ against hours of TV per week of ten people, ρ = −29/165.
  it('is −29/165 on the IQ / TV-hours example', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 14);
  });
  it('is ±1 for monotone relations, whatever their shape', () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(spearman(x, x.map((v) => Math.exp(v)))).toBeCloseTo(1, 14);
    expect(spearman(x, x.map((v) => -(v ** 3)))).toBeCloseTo(-1, 14);
  });
  // Reference: scipy.stats.spearmanr (average ranks for ties), fixtures/generate.py.
  it.each(CASES.map((c) => [c.name, c] as const))('matches scipy.stats.spearmanr on "%s"', (_, c) => {
    expect(spearman(c.v, c.w)).toBeCloseTo(c.spearman, 12);
  });
  it('says when there is no ordering to correlate', () => {
    expect(() => spearman([1], [2])).toThrow(expect.objectContaining({ kind: 'data' }) as CvError);
    expect(() => spearman([1, 2, 3], [5, 5, 5])).toThrow(/every y value is the same/);
  });
  it('rejects caller mistakes', () => {
    expect(() => spearman([1, 2], [1])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow(expect.objectContaining({ fn: 'spearman', kind: 'value' }) as CvError);
  });
});
