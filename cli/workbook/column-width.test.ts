import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL, type CellColumn, type CellFormat, type ReportCell } from '../../core/index.ts';
import { cellColumnWidth, cellWidth, columnWidth, grouped, textWidth } from './column-width.ts';

describe('column widths', () => {
  it('counts Chinese characters as two', () => {
    expect(textWidth('VIP客户')).toBe(7);
    expect(textWidth('iris.martin@redwood-energy.com')).toBe(30);
    // A character outside the basic plane counts once, not as its two UTF-16 halves; Hangul jamo (U+1100) is wide.
    expect(textWidth('ok 😀')).toBe(4);
    expect(textWidth('\u10ff\u1100')).toBe(3);
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

  it('measures only the smallest and largest number and gets the width of measuring every cell', () => {
    const formats: CellFormat[] = ['number', 'count', 'integer', 'money', 'share', 'ratio', 'decimal', 'date', 'score'];
    const cell = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: -2, max: 2 }),
      fc.integer({ min: -2_000_000, max: 2_000_000 }),
      fc.constant(-0),
      fc.constant(null),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(cell as fc.Arbitrary<ReportCell>), fc.constantFrom(...formats), (values, format) => {
        const everyCell = values.reduce((w: number, v) => Math.max(w, cellWidth(v, format)), 0);
        expect(columnWidth(values, format, { max: 1000, min: 0 })).toBe(Math.min(1000, Math.max(0, everyCell + 2)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gets the same width from a column kept as codes and numbers as from its cells', () => {
    const formats: CellFormat[] = ['number', 'count', 'money', 'share', 'decimal', 'text'];
    const cell = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -2, max: 2 }), fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constant(null), fc.string(), fc.constantFrom('VIP', '重要客户'));
    fc.assert(
      fc.property(fc.array(cell as fc.Arbitrary<ReportCell>), fc.constantFrom(...formats), fc.constantFrom(undefined, 'Lifetime value (next 365 days)'), (values, format, heading) => {
        const texts = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
        const column: CellColumn = {
          key: 'clv',
          kinds: Uint8Array.from(values, (v) => (v === null ? CELL.empty : typeof v === 'number' ? CELL.number : CELL.text)),
          numbers: Float64Array.from(values, (v) => (typeof v === 'number' ? v : 0)),
          codes: Int32Array.from(values, (v) => (typeof v === 'string' ? texts.indexOf(v) : 0)),
          texts,
        };
        expect(cellColumnWidth(column, format, { heading, max: 60 })).toBe(columnWidth(values, format, { heading, max: 60 }));
      }),
      { numRuns: 2000 },
    );
  });
});
