import { describe, expect, it } from 'vitest';
import { parseWrittenString } from '../../test/addin/excel-mock/written-string.ts';
import { excelWouldParse, textRanges } from './text-cells.ts';

describe('strings Excel would parse', () => {
  it('flags formulas, numbers, dates, booleans and error literals, not plain text', () => {
    for (const s of ['=1+1', '+ann', '-1', '@SUM(A1)', '00123', '1,234', '5%', '1e5', '2024-03-05', '3/5/2024', '5-Mar', 'Mar 5', '12:30', 'TRUE', 'false', '#N/A']) {
      expect(excelWouldParse(s), s).toBe(true);
    }
    for (const s of ['c7', 'Ann', 'a@x.cn', 'VIP', '', 'A-1', '张三']) expect(excelWouldParse(s), s).toBe(false);
  });

  it('covers everything the in-memory Excel would change', () => {
    for (const s of ['=1+1', '+ann', '-x', '00123', '123456789012345678', '2024-03-05', '3/5/2024', 'TRUE']) {
      const parsed = parseWrittenString(s);
      expect(parsed.value !== s || parsed.formula !== undefined, s).toBe(true);
      expect(excelWouldParse(s), s).toBe(true);
    }
  });

  it('formats all-text columns whole and single risky strings elsewhere', () => {
    expect(textRanges([['id', 'n'], ['00123', 1], ['a', '=1+1'], ['b', 2]])).toEqual([
      { row: 0, col: 0, rows: 4 },
      { row: 2, col: 1, rows: 1 },
    ]);
    expect(textRanges([['x'.repeat(300)], ['=1']])).toEqual([{ row: 1, col: 0, rows: 1 }]);
  });
});
