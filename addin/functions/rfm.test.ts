import { describe, expect, it } from 'vitest';
import { rfm, rfmsegment } from './rfm.ts';

describe('CV.RFM', () => {
  // Five customers with distinct values: quintiles give 1..5 (core/rfm's rule).
  const recency = [[50], [40], [30], [20], [10]];
  const frequency = [[1], [2], [3], [4], [5]];
  const monetary = [[10], [20], [30], [40], [50]];

  it('scores each row 1..5, recency reversed', () => {
    expect(rfm(recency, frequency, monetary)).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
      [4, 4, 4],
      [5, 5, 5],
    ]);
  });

  it('returns the three-digit cell on request', () => {
    expect(rfm(recency, frequency, monetary, 'cell')[4]).toEqual(['555']);
  });

  it('leaves rows with blanks or text blank and out of the ranking', () => {
    const out = rfm([[50], [''], [10]], [[1], [3], ['x']], [[10], [5], [50]]);
    expect(out).toEqual([[1, 1, 1], ['', '', ''], ['', '', '']]);
  });

  it('is #VALUE! for ranges of different sizes and #N/A with no usable row', () => {
    expect(() => rfm([[1], [2]], [[1]], [[1]])).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => rfm([['']], [['']], [['']])).toThrow(expect.objectContaining({ code: '#N/A' }));
  });
});

describe('CV.RFMSEGMENT', () => {
  // Segment grid in core/rfm/segments.ts: R=5, FM=round((4+5)/2)=5 → Champions.
  it('names the segment of three scores', () => {
    expect(rfmsegment(5, 4, 5)).toEqual([['Champions']]);
    expect(rfmsegment(1, 1, 1)).toEqual([['Hibernating']]);
  });

  it('accepts a three-digit cell alone, as text or number', () => {
    expect(rfmsegment('545')).toEqual([['Champions']]);
    expect(rfmsegment(155)).toEqual([["Can't Lose"]]);
  });

  it('spills over ranges', () => {
    expect(rfmsegment([[5], [1]], [[4], [1]], [[5], [1]])).toEqual([['Champions'], ['Hibernating']]);
  });

  it('is #VALUE! for scores outside 1..5 and for a malformed cell', () => {
    expect(() => rfmsegment(6, 1, 1)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => rfmsegment('5x5')).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
