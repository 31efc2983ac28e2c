import { describe, expect, it } from 'vitest';
import { broadcast, cellsOf, choiceArg, isBlank, numberArg, numbersOf, readNumber, shapeOf } from './cells.ts';

describe('reading cells', () => {
  it('treats null, undefined and blank text as blank', () => {
    expect([null, undefined, '', '  '].every(isBlank)).toBe(true);
    expect(isBlank(0)).toBe(false);
  });

  it('reads numbers and numeric text, not other text or booleans', () => {
    expect(readNumber(3)).toBe(3);
    expect(readNumber(' 12.5 ')).toBe(12.5);
    expect(readNumber('1,234.5')).toBe(1234.5);
    expect(readNumber('-1e3')).toBe(-1000);
    expect(readNumber('12abc')).toBeUndefined();
    expect(readNumber(true)).toBeUndefined();
    expect(readNumber(Number.NaN)).toBeUndefined();
  });

  it('flattens ragged ranges row by row and skips blanks and text for numbers', () => {
    expect(cellsOf([[1, 2], [3]])).toEqual([1, 2, 3]);
    expect(cellsOf(5)).toEqual([5]);
    expect(numbersOf([[1, ''], ['x', '2'], [null]])).toEqual([1, 2]);
    expect(shapeOf([[1, 2], [3]])).toEqual([2, 2]);
  });
});

describe('numberArg', () => {
  it('returns the default for a blank or omitted argument', () => {
    expect(numberArg('F', 'n', null, { default: 7 })).toBe(7);
    expect(numberArg('F', 'n', [['']], { default: 7 })).toBe(7);
  });

  it('is #N/A when a required argument is blank', () => {
    expect(() => numberArg('F', 'n', null)).toThrow(expect.objectContaining({ code: '#N/A', message: 'F: n is required' }));
  });

  it('is #VALUE! with a reason for text, out of bounds or not whole (Excel drops the reason of a #NUM!)', () => {
    expect(() => numberArg('F', 'n', 'abc')).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => numberArg('F', 'n', 2, { max: 1 })).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => numberArg('F', 'n', 1.5, { integer: true })).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });

  it('is #VALUE! for a multi-cell range in a one-cell argument', () => {
    expect(() => numberArg('F', 'n', [[1, 2]])).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});

describe('choiceArg', () => {
  it('matches case-insensitively and falls back when blank', () => {
    expect(choiceArg('F', 'm', 'PARETO', ['contribution', 'pareto'], 'contribution')).toBe('pareto');
    expect(choiceArg('F', 'm', null, ['contribution', 'pareto'], 'contribution')).toBe('contribution');
    expect(() => choiceArg('F', 'm', 'x', ['a'], 'a')).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});

describe('broadcast', () => {
  it('broadcasts scalars against a range and keeps its shape', () => {
    expect(broadcast('F', { a: [[1, 2], [3, 4]], b: 10 }, (c) => Number(c.a) + Number(c.b))).toEqual([[11, 12], [13, 14]]);
  });

  it('pairs same-size ranges of different shapes in reading order, in the first one\'s shape', () => {
    expect(broadcast('F', { a: [[1, 2]], b: [[10], [20]] }, (c) => Number(c.a) * Number(c.b))).toEqual([[10, 40]]);
  });

  it('spills a column when the first range is ragged', () => {
    expect(broadcast('F', { a: [[1, 2], [3]] }, (c) => c.a)).toEqual([[1], [2], [3]]);
  });

  it('is #VALUE! when ranges differ in size', () => {
    expect(() => broadcast('F', { a: [[1, 2]], b: [[1, 2, 3]] }, () => 0)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });

  it('returns a 1×1 array for scalars', () => {
    expect(broadcast('F', { a: 2 }, (c) => c.a)).toEqual([[2]]);
  });
});
