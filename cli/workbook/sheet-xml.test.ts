/**
 * Worksheet text as other programs read it: a tiny workbook written by
 * WorkbookPackage and read back with exceljs (values, formats, empty cells,
 * text XML cannot hold as it is), and the escaping rules of ECMA-376 part 1
 * §22.9.2.19 (ST_Xstring: _xHHHH_) checked on their own.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CELL, type CellColumn } from '../../core/index.ts';
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

  it('gives each text the index of its first use, through the growth of the table and shared slots, as a Map would', () => {
    const s = new SharedStrings();
    const first = new Map<string, number>();
    // Ids like CDNOW's, repeated labels, texts that differ in one character or only in case, the empty text.
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? ['VIP', 'vip', '', 'A', 'B'][i % 5]! : String((i * 7919) % 12_007).padStart(5, '0')));
    for (const t of texts) {
      if (!first.has(t)) first.set(t, first.size);
      expect(s.id(t)).toBe(first.get(t));
    }
    expect(s.size).toBe(first.size);
    expect(s.xml()).toContain(`count="${texts.length}" uniqueCount="${first.size}"`);
  });

  it('writes plain texts as they are and escapes or preserves the others', () => {
    const s = new SharedStrings();
    for (const t of ['07592', 'a b', ' lead', 'trail ', 'x\ny', 'a&b', '_x0041_', '会员\u3000', 'tab\t']) s.id(t);
    expect(s.xml()).toContain(
      '<si><t>07592</t></si><si><t>a b</t></si><si><t xml:space="preserve"> lead</t></si><si><t xml:space="preserve">trail </t></si>' +
        '<si><t xml:space="preserve">x\ny</t></si><si><t>a&amp;b</t></si><si><t>_x005F_x0041_</t></si><si><t xml:space="preserve">会员\u3000</t></si>' +
        '<si><t xml:space="preserve">tab\t</t></si></sst>',
    );
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

/** A CellColumn (core's customerCells) of these cells. */
function column(cells: readonly (string | number | null)[]): CellColumn {
  const texts = [...new Set(cells.filter((c): c is string => typeof c === 'string'))];
  return {
    key: 'id',
    kinds: Uint8Array.from(cells, (c) => (c === null ? CELL.empty : typeof c === 'number' ? CELL.number : CELL.text)),
    numbers: Float64Array.from(cells, (c) => (typeof c === 'number' ? c : 0)),
    codes: Int32Array.from(cells, (c) => (typeof c === 'string' ? texts.indexOf(c) : 0)),
    texts,
  };
}

describe('rows written from columns', () => {
  it('are the XML row() writes for the same cells: gaps, styled empty cells, texts, numbers and errors', async () => {
    const cells: (string | number | null)[][] = [
      ['a', 1, 0.1 + 0.2, null, 'VIP', -0],
      [null, null, 45678, 'VIP', null, Number.NaN],
      ['<&>', -173327.99620366367, 1e21, null, null, Number.POSITIVE_INFINITY],
      ['a', 2 ** 40, 5e-324, 'Small', 'a', 58.142857142857146],
    ];
    const book = new WorkbookPackage();
    const fill = book.styles.id({ fill: 'DDEBF7' });
    const pct = book.styles.id({ numFmt: '0.0%' });
    // Row 2 paints its empty fourth cell; the others leave theirs out.
    const styles = (i: number) => (i === 1 ? [0, pct, 0, fill, 0, pct] : [0, pct, 0, 0, fill, pct]);
    const setup = { columns: [{ width: 10 }], orientation: 'portrait', pagesTall: 0 } as const;
    const byRow = book.sheet('By row', setup);
    cells.forEach((values, i) => byRow.row(i + 2, values, styles(i)));
    byRow.end();
    const byColumn = book.sheet('By column', setup);
    const write = byColumn.columnRows({ columns: cells[0]!.map((_, j) => column(cells.map((r) => r[j]!))), styles }, 2);
    write(0, 2);
    write(2, 4);
    expect(() => write(1, 2)).toThrow('row 3 written after row 5');
    byColumn.end();
    const zip = await JSZip.loadAsync(await book.finish());
    const data = async (n: number) => /<sheetData>.*<\/sheetData>/.exec(await zip.file(`xl/worksheets/sheet${n}.xml`)!.async('string'))![0];
    expect(await data(2)).toBe(await data(1));
    expect(await data(1)).toContain('<row r="3"><c r="B3" s="2"/><c><v>45678</v></c><c s="1" t="s"><v>1</v></c><c r="F3" s="2" t="e"><v>#NUM!</v></c></row>');
    // Each text once in the table, every use counted.
    expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('count="14" uniqueCount="4"');
  });
});
