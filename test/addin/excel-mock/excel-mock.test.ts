/**
 * The in-memory Excel keeps the Office.js rules the add-in must live with;
 * each rule here is documented Office.js / Excel on the web behaviour.
 */
import { describe, expect, it } from 'vitest';
import { createExcelMock } from './index.ts';

describe('in-memory Excel', () => {
  it('throws PropertyNotLoaded for a property read before load + sync', async () => {
    const mock = createExcelMock();
    mock.setSheet('Sheet1', [['a', 1]]);
    mock.select('Sheet1', 'A1:B1');
    await mock.Excel.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange();
      expect(() => r.values).toThrow(expect.objectContaining({ name: 'RichApi.Error', code: 'PropertyNotLoaded' }));
      r.load('values, address');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([['a', 1]]);
      expect(r.address).toBe('Sheet1!A1:B1');
      expect(() => r.rowCount).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('queues writes until sync and counts round trips (one more at the end of run)', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('B2:C2').values = [[1, 'x']];
      expect(mock.state.sheet('Sheet1')?.get(1, 1)).toBe('');
      await ctx.sync();
      expect(mock.state.sheet('Sheet1')?.read({ row: 1, col: 1, rows: 1, cols: 2 })).toEqual([[1, 'x']]);
      ws.getRange('A1').values = [['tail']];
    });
    expect(mock.state.sheet('Sheet1')?.get(0, 0)).toBe('tail');
    expect(mock.stats.syncs).toBe(2);
  });

  it('fills a whole range from one value ("single input copy")', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('A1:A3').values = [[7]];
      ws.getRange('B1:B3').numberFormat = '0.0%';
    });
    const s = mock.state.sheet('Sheet1');
    expect(s?.read({ row: 0, col: 0, rows: 3, cols: 1 })).toEqual([[7], [7], [7]]);
    expect(s?.numberFormatAt(2, 1)).toBe('0.0%');
  });

  it('rejects values whose shape does not match the range', async () => {
    const mock = createExcelMock();
    await expect(
      mock.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B2').values = [[1, 2]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('fails a request above the payload limit like Excel on the web, applying nothing', async () => {
    const mock = createExcelMock({ payloadLimit: 1000 });
    const big = Array.from({ length: 100 }, (_, i) => [`row ${i} with some text`]);
    await expect(
      mock.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:A100').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'RequestPayloadSizeLimitExceeded' });
    expect(mock.state.sheet('Sheet1')?.usedRect()).toBeUndefined();
    expect(mock.stats.failedSyncs).toBe(1);
    expect(mock.stats.requestBytes[0]).toBeGreaterThan(1000);
  });

  it('fails a response above the limit (reading too much at once)', async () => {
    const mock = createExcelMock({ payloadLimit: 2000 });
    mock.setSheet('Sheet1', Array.from({ length: 200 }, (_, i) => [`customer ${i}`, i]));
    await expect(
      mock.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B200').load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('adds sheets, refuses duplicate names, and reports missing ones as null objects', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Segments');
      const present = ctx.workbook.worksheets.getItemOrNullObject('sheet1');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      ctx.workbook.worksheets.add('Segments');
      await ctx.sync();
    });
    await expect(mock.Excel.run(async (ctx) => void ctx.workbook.worksheets.add('segments'))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(mock.state.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Segments']);
  });

  it('keeps tables, their unique names, charts and formats', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('A1:B3').values = [['k', 'v'], ['a', 1], ['b', 2]];
      const t = ws.tables.add('A1:B3', true);
      t.name = 'Customers';
      ws.getRange('A2:B2').format.fill.color = '#FFD700';
      ws.getRange('A1:B1').format.font.bold = true;
      ws.getRange('B2:B3').numberFormat = [['0.00'], ['0.00']];
      const c = ws.charts.add('Line', ws.getRange('A1:B3'), 'Columns');
      c.title.text = 'Trend';
      c.setPosition('D2', 'J15');
      t.load('name');
      await ctx.sync();
      expect(t.name).toBe('Customers');
    });
    const s = mock.state.sheet('Sheet1');
    expect(s?.tables).toEqual([{ name: 'Customers', rect: { row: 0, col: 0, rows: 3, cols: 2 }, hasHeaders: true }]);
    expect(s?.fillAt(1, 0)).toBe('#FFD700');
    expect(s?.fillAt(2, 0)).toBeUndefined();
    expect(s?.boldAt(0, 1)).toBe(true);
    expect(s?.numberFormatAt(2, 1)).toBe('0.00');
    expect(s?.charts[0]).toMatchObject({ type: 'Line', title: 'Trend', position: { start: 'D2', end: 'J15' } });
    await expect(
      mock.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getActiveWorksheet();
        ws.tables.add('D1:E2', true).name = 'customers';
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('derives ranges: getCell, getResizedRange, getOffsetRange', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getActiveWorksheet().getRange('B2');
      const r = a.getResizedRange(2, 1).load('address');
      const c = a.getResizedRange(2, 1).getCell(1, 1).load('address');
      const o = a.getOffsetRange(1, 0).load('address, rowCount, columnCount');
      await ctx.sync();
      expect([r.address, c.address, o.address, o.rowCount, o.columnCount]).toEqual(['Sheet1!B2:C4', 'Sheet1!C3', 'Sheet1!B3', 1, 1]);
    });
  });

  // Each rule's source is cited in written-string.ts.
  it('parses strings written with Range.values as Excel does: formulas, numbers (15 digits), ISO dates, booleans', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:G1').values = [['=1+1', '00123', '123456789012345678', '2024-03-05', 'TRUE', '-x', 'plain']];
    });
    const s = mock.state.sheet('Sheet1');
    if (!s) throw new Error('no sheet');
    const row = s.read({ row: 0, col: 0, rows: 1, cols: 7 })[0];
    expect(s.formulaAt(0, 0)).toBe('=1+1');
    expect(row.slice(1)).toEqual([123, 123456789012345000, 45356, true, '-x', 'plain']);
    expect(s.formulaAt(0, 5)).toBe('=-x');
    expect(s.numberFormatAt(0, 3)).toBe('yyyy-mm-dd');
    expect(s.formulaAt(0, 6)).toBeUndefined();
  });

  it('keeps strings verbatim in cells formatted as Text ("@") before the write', async () => {
    const mock = createExcelMock();
    await mock.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('A1:E1').numberFormat = '@';
      ws.getRange('A1:E1').values = [['=1+1', '00123', '123456789012345678', '2024-03-05', 'TRUE']];
    });
    const s = mock.state.sheet('Sheet1');
    expect(s?.read({ row: 0, col: 0, rows: 1, cols: 5 })[0]).toEqual(['=1+1', '00123', '123456789012345678', '2024-03-05', 'TRUE']);
    expect(s?.formulas.size).toBe(0);
  });
});
