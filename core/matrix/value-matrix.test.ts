import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { matrixCell, valueMatrix } from './value-matrix.ts';

describe('matrixCell', () => {
  it('names the four quadrants of seed 001', () => {
    expect(matrixCell(9, 9, 5, 5)).toBe('Gold');
    expect(matrixCell(9, 1, 5, 5)).toBe('Platinum');
    expect(matrixCell(1, 9, 5, 5)).toBe('Iron');
    expect(matrixCell(1, 1, 5, 5)).toBe('Lead');
  });
  it('counts a value equal to the split as low', () => {
    expect(matrixCell(5, 5, 5, 5)).toBe('Lead');
  });
});

describe('valueMatrix', () => {
  it('splits at the medians by default', () => {
    const m = valueMatrix([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(m.currentSplit).toBe(2.5);
    expect(m.cells).toEqual(['Iron', 'Iron', 'Platinum', 'Platinum']);
  });
  it('uses given splits', () => {
    expect(valueMatrix([1, 2], [1, 2], { currentSplit: 0, futureSplit: 1.5 }).cells).toEqual(['Platinum', 'Gold']);
  });
  it('rejects lists of different lengths', () => {
    expect(() => valueMatrix([1], [])).toThrow(CvError);
  });
});
