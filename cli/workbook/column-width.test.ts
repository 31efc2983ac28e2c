import { describe, expect, it } from 'vitest';
import { cellWidth, columnWidth, grouped, textWidth } from './column-width.ts';

describe('column widths', () => {
  it('counts Chinese characters as two', () => {
    expect(textWidth('VIP客户')).toBe(7);
    expect(textWidth('iris.martin@redwood-energy.com')).toBe(30);
  });

  it('measures numbers as Excel shows them with their format', () => {
    for (const v of [0, 7, 999, 1000, 123456, 1234567, -1234.5, 0.25]) {
      expect(grouped(v)).toBe(Math.trunc(Math.abs(v)).toLocaleString('en').length + (v < 0 ? 1 : 0));
    }
    expect(cellWidth(1234.5, 'money')).toBe('1,234.50'.length);
    expect(cellWidth(0.638, 'share')).toBe('63.8%'.length);
    expect(cellWidth(0.604, 'ratio')).toBe('0.604'.length);
    expect(cellWidth(45356, 'date')).toBe('2024-03-05'.length);
  });

  it('is never narrower than the longest word of the heading, and never cuts an e-mail below the cap', () => {
    expect(columnWidth([1, 2], 'count', { heading: 'Contribution (value ÷ mean value)' })).toBeGreaterThanOrEqual('Contribution'.length);
    expect(columnWidth(['iris.martin@redwood-energy.com'], 'text', { heading: 'Email', max: 60 })).toBeGreaterThanOrEqual(30);
    expect(columnWidth(['x'.repeat(200)], 'text', { max: 40 })).toBe(40);
  });
});
