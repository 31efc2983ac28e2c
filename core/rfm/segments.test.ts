import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { RFM_SEGMENTS, rfmSegment } from './segments.ts';

describe('rfmSegment', () => {
  it('maps the textbook cells', () => {
    expect(rfmSegment(5, 5, 5)).toBe('Champions');
    expect(rfmSegment(5, 1, 1)).toBe('New');
    expect(rfmSegment(4, 1, 1)).toBe('Promising');
    expect(rfmSegment(4, 5, 4)).toBe('Loyal');
    expect(rfmSegment(3, 3, 3)).toBe('Need Attention');
    expect(rfmSegment(3, 1, 2)).toBe('About to Sleep');
    expect(rfmSegment(2, 3, 4)).toBe('At Risk');
    expect(rfmSegment(1, 5, 5)).toBe("Can't Lose");
    expect(rfmSegment(1, 1, 1)).toBe('Hibernating');
    expect(rfmSegment(5, 2, 3)).toBe('Potential Loyalists');
  });

  it('rounds (F+M)/2 half up', () => {
    expect(rfmSegment(5, 3, 4)).toBe('Champions'); // 3.5 → 4
    expect(rfmSegment(5, 1, 2)).toBe('Potential Loyalists'); // 1.5 → 2
  });

  it('covers all ten segments over the 125 cells, each cell exactly one', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('throws num for a score outside 1..5', () => {
    expect(() => rfmSegment(0, 3, 3)).toThrow(CvError);
    expect(() => rfmSegment(3, 2.5, 3)).toThrow(CvError);
  });
});
