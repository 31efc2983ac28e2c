import { describe, expect, it } from 'vitest';
import { a1, blockSize, columnLetters, uniqueSheetName, uniqueTableName } from './sheet-plan.ts';

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
