import { describe, expect, it } from 'vitest';
import { detectDelimiter, looksLikeHeader, readTable, scanRows } from './read-table.ts';

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1;2,5;3', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['a|b\n1|2', '|'],
    [' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n', 'whitespace'],
    ['name,amount\n"Smith, J",3\n"Lee, K",4', ','],
    ['single\nvalue', ','],
  ])('detects %j as %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('readTable', () => {
  it('reads a CSV with a header, quoted fields and CRLF', () => {
    const t = readTable('id,name,amount\r\n1,"Smith, ""JJ""",3\r\n2,Lee,4\r\n');
    expect(t.hasHeader).toBe(true);
    expect(t.headers).toEqual(['id', 'name', 'amount']);
    expect(t.rows).toEqual([['1', 'Smith, "JJ"', '3'], ['2', 'Lee', '4']]);
    expect(t.lines).toEqual([2, 3]);
    expect(t.lineCount).toBe(3);
  });

  it('skips and counts blank lines (including rows of empty cells) and keeps file line numbers', () => {
    const t = readTable('id,amount\n\n1,2\n,\n\n3,4');
    expect(t.blankLines).toBe(3);
    expect(t.lines).toEqual([3, 6]);
    expect(t.lineCount).toBe(6);
  });

  it('counts the lines of a quoted field that spans lines', () => {
    const t = readTable('id,note\n1,"two\nlines"\n2,x');
    expect(t.rows[0]).toEqual(['1', 'two\nlines']);
    expect(t.lines).toEqual([2, 4]);
  });

  it('reports an unclosed quote with its line', () => {
    const t = readTable('id,note\n1,ok\n2,"broken\n3,x');
    expect(t.rejected[0]).toMatchObject({ line: 3, reason: 'a quoted field is not closed (a " is missing)' });
  });

  it('detects a missing header from the data', () => {
    const t = readTable('00004 0001 19970101  2   29.33\n00004 0001 19970118  2   29.73');
    expect(t.hasHeader).toBe(false);
    expect(t.delimiter).toBe('whitespace');
    expect(t.rows[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
  });

  it('obeys header and delimiter options', () => {
    const t = readTable('a;b\n1;2', { header: false, delimiter: ';' });
    expect(t.rows).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('decodes bytes and strips a BOM from strings', () => {
    expect(readTable('\uFEFFid,amount\n1,2').headers).toEqual(['id', 'amount']);
    expect(readTable(new TextEncoder().encode('id,amount\n1,2')).encoding).toBe('utf-8');
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    readTable('a,b\n1,2', { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
  });
});

describe('looksLikeHeader', () => {
  it('takes known column names as a header', () => expect(looksLikeHeader(['客户', '日期', '金额'], [])).toBe(true));
  it('takes text over numbers as a header', () => expect(looksLikeHeader(['foo', 'bar'], [['1', '2'], ['3', '4']])).toBe(true));
  it('does not take a data row as a header', () => expect(looksLikeHeader(['C1', '2024-01-01', '3'], [['C2', '2024-01-02', '4']])).toBe(false));
  it('does not take a row with a written date for a header, even over numeric ids', () => {
    expect(looksLikeHeader(['A17', '2024-01-05', '10'], [['5', '2024-01-06', '3'], ['6', '2024-01-07', '4']])).toBe(false);
    expect(looksLikeHeader(['A17', '5.1.2024', '10'], [['5', '6.1.2024', '3']])).toBe(false);
  });
  it('sees decimal-comma amounts below a header as numbers', () => {
    expect(looksLikeHeader(['Kürzel', 'Wert'], [['AB', '5,25'], ['CD', '1.234,50']])).toBe(true);
  });
});

describe('scanRows', () => {
  it.each([[';'], ['whitespace']] as const)('stops where the visitor says so (%s)', (delimiter) => {
    const text = ['a', 'b', 'c', 'd'].join('\n');
    const seen: number[] = [];
    scanRows(text, delimiter, { row: (_cells, line) => (seen.push(line), line < 2), blank: () => {}, bad: () => {} });
    expect(seen).toEqual([1, 2]);
  });
});
