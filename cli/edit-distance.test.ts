import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './edit-distance.ts';

describe('editDistance', () => {
  // Textbook values: kitten → sitting is 3 (Levenshtein's example, as in Jurafsky & Martin, ch. 2);
  // "ca" → "abc" is 3 for optimal string alignment (and 2 for unrestricted Damerau, the known difference).
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['horizn', 'horizon', 1],
    ['hroizon', 'horizon', 1],
    ['ca', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestMatch', () => {
  const options = ['out', 'json', 'period', 'as-of', 'margin', 'tiers', 'cuts', 'horizon', 'churn-horizon', 'columns', 'calibration-end'];
  it('suggests the option a slip of the keyboard meant', () => {
    expect(closestMatch('horizn', options)).toBe('horizon');
    expect(closestMatch('tier', options)).toBe('tiers');
    expect(closestMatch('jsno', options)).toBe('json');
    expect(closestMatch('Period', options)).toBe('period');
  });
  it('completes an unambiguous prefix', () => {
    expect(closestMatch('churn', options)).toBe('churn-horizon');
    expect(closestMatch('calib', options)).toBe('calibration-end');
  });
  it('suggests nothing for a word far from every option', () => {
    expect(closestMatch('verbose', options)).toBeUndefined();
    expect(closestMatch('x', options)).toBeUndefined();
  });
});
