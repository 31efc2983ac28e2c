import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { MATRIX_CELLS, matrixCell, valueMatrix, valueMatrixCodes } from './value-matrix.ts';

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

describe('valueMatrixCodes (the segment table\'s byte cells)', () => {
  it('gives valueMatrix\' cells and splits', () => {
    const current = [1, 2, 3, 4, 5, 5];
    const future = [4, 3, 2, 1, 9, 0];
    for (const options of [{}, { currentSplit: 2, futureSplit: 2 }]) {
      const expected = valueMatrix(current, future, options);
      const got = valueMatrixCodes(Float64Array.from(current), Float64Array.from(future), options);
      expect(Array.from(got.codes, (c) => MATRIX_CELLS[c])).toEqual(expected.cells);
      expect([got.currentSplit, got.futureSplit]).toEqual([expected.currentSplit, expected.futureSplit]);
    }
  });
});
