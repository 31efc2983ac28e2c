/**
 * Worksheet text as other programs read it: a tiny workbook written by
 * WorkbookPackage and read back with exceljs (values, formats, empty cells,
 * text XML cannot hold as it is), and the escaping rules of ECMA-376 part 1
 * §22.9.2.19 (ST_Xstring: _xHHHH_) checked on their own.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { WorkbookPackage } from './package.ts';
import { columnName, SharedStrings, xmlText } from './sheet-xml.ts';

describe('columnName', () => {
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('xmlText', () => {
  it('escapes markup, writes control characters as _xHHHH_ and protects a literal _xHHHH_', () => {
    expect(xmlText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(xmlText('tab\tline\nvt\u000bnul\u0000')).toBe('tab\tline\nvt_x000B_nul_x0000_');
    expect(xmlText('_x0041_ and _x00')).toBe('_x005F_x0041_ and _x00');
  });
});

describe('SharedStrings', () => {
  it('keeps each text once and counts every use', () => {
    const s = new SharedStrings();
    expect([s.id('VIP'), s.id('Small'), s.id('VIP')]).toEqual([0, 1, 0]);
    expect(s.xml()).toContain('count="3" uniqueCount="2"><si><t>VIP</t></si><si><t>Small</t></si></sst>');
  });
});

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('a sheet written as text, read back with exceljs', () => {
  it('holds numbers exactly, text, dates, empty and styled cells, and row heights', async () => {
    const book = new WorkbookPackage();
    const { styles } = book;
    const sheet = book.sheet('Data', { columns: [{ width: 12 }, { width: 20, style: styles.id({ numFmt: '0.0%' }) }], frozen: { rows: 1, cols: 0 }, orientation: 'landscape', pagesTall: 0 });
    const date = styles.id({ numFmt: 'yyyy-mm-dd' });
    sheet.row(1, ['Name', 'Share'], [styles.id({ font: { bold: true } }), 0], { height: 33 });
    sheet.row(2, ['  spaced  ', 0.1 + 0.2], [0, styles.id({ numFmt: '0.0%' })]);
    sheet.row(4, [null, 45678], [styles.id({ fill: 'DDEBF7' }), date]);
    sheet.row(5, ['ctrl\u0001 <&>', Number.NaN], [0, 0]);
    expect(() => sheet.row(5, ['again'], [0])).toThrow('row 5 written after row 5');
    // Cells after a gap, and a row that starts further right, land in their own columns.
    sheet.row(6, ['a', null, 'c', 4], [0, 0, 0, 0]);
    sheet.row(7, [7, 8], [0, 0], { first: 3 });
    sheet.end();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await book.finish()) as unknown as ExcelJS.Buffer);
    const s = wb.getWorksheet('Data')!;
    expect(s.getCell('A1').value).toBe('Name');
    expect(s.getCell('A1').font?.bold).toBe(true);
    expect(s.getRow(1).height).toBe(33);
    expect(s.getCell('A2').value).toBe('  spaced  ');
    // The shortest text that reads back as the same double.
    expect(s.getCell('B2').value).toBe(0.30000000000000004);
    expect(s.getCell('B2').numFmt).toBe('0.0%');
    expect(s.getRow(3).hasValues).toBe(false);
    expect(s.getCell('A4').value).toBeNull();
    expect((s.getCell('A4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(s.getCell('B4').value).toEqual(new Date(Date.UTC(2025, 0, 21)));
    expect(s.getCell('A5').value).toBe('ctrl\u0001 <&>');
    // A number Excel cannot hold is an error cell, not a broken part.
    expect(s.getCell('B5').value).toEqual({ error: '#NUM!' });
    expect(rowValues(s, 6)).toEqual(['a', undefined, 'c', 4]);
    expect(rowValues(s, 7)).toEqual([undefined, undefined, 7, 8]);
    expect(s.getColumn(2).numFmt).toBe('0.0%');
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
  });
});
