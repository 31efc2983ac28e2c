import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../core/index.ts';
import { a1, blockSize, columnLetters, reportBlock, uniqueSheetName, uniqueTableName } from './sheet-plan.ts';

describe('sheet plan helpers', () => {
  it('numbers sheets like Excel users expect: "Segments", "Segments (2)"…', () => {
    expect(uniqueSheetName('Segments', ['Sheet1'])).toBe('Segments');
    expect(uniqueSheetName('Segments', ['segments', 'Segments (2)'])).toBe('Segments (3)');
    expect(uniqueSheetName('a/b:c', [])).toBe('a b c');
    const long = 'x'.repeat(40);
    expect(uniqueSheetName(long, [long.slice(0, 31)])).toBe(`${'x'.repeat(27)} (2)`);
  });

  it('makes valid, unique table names', () => {
    expect(uniqueTableName('Segments', ['segments'])).toBe('Segments_2');
    expect(uniqueTableName('Tier summary', [])).toBe('Tier_summary');
    expect(uniqueTableName('AB12', [])).toBe('T_AB12');
    expect(uniqueTableName('2024 data', [])).toBe('T_2024_data');
  });

  it('writes A1 addresses', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(16383)).toBe('XFD');
    expect(a1(0, 0)).toBe('A1');
    expect(a1(3, 7, 11, 2)).toBe('H4:I14');
    expect(blockSize({ id: 'x', row: 0, col: 0, values: [[1], [1, 2, 3]] })).toEqual({ rows: 2, cols: 3 });
  });
});

describe('reportBlock', () => {
  const table: ReportTable = {
    id: 'TierSummary',
    title: 'Customer tiers',
    headers: ['Tier', 'Customers', 'Share of customers'],
    formats: ['text', 'count', 'share'],
    rows: [
      { tier: 'VIP', cells: ['VIP', 1, 0.1] },
      { tier: 'Small', cells: ['Small', 9, 0.9] },
      { total: true, cells: ['Total', 10, 1] },
    ],
  };

  it("lays a core report table out with Excel's number formats and the tier colours", () => {
    const { block, formats } = reportBlock(table, { id: 'summary', row: 3, col: 0 });
    expect(block.values).toEqual([['Tier', 'Customers', 'Share of customers'], ['VIP', 1, 0.1], ['Small', 9, 0.9], ['Total', 10, 1]]);
    expect(formats).toContainEqual({ block: 'summary', row: 1, col: 1, rows: 3, cols: 1, numberFormat: '#,##0' });
    expect(formats).toContainEqual({ block: 'summary', row: 1, col: 2, rows: 3, cols: 1, numberFormat: '0.0%' });
    expect(formats).toContainEqual({ block: 'summary', row: 1, col: 0, rows: 1, cols: 1, fill: '#f8e08e' });
    expect(formats).toContainEqual({ block: 'summary', row: 3, col: 0, rows: 1, cols: 3, bold: true });
  });

  it('leaves the total row out of a block that becomes an Excel table', () => {
    const { block, formats } = reportBlock(table, { id: 'summary', row: 3, col: 0 }, { totals: false });
    expect(block.values).toHaveLength(3);
    expect(formats.every((f) => f.row + f.rows <= 3)).toBe(true);
  });
});
