/**
 * What the pane reads from a selection, against the in-memory Excel: error
 * values (Range.values gives "#N/A" as text; only Range.valueTypes says
 * "Error") become rejected rows with their sheet row, never data; a single
 * selected cell stands for its current region (Range.getSurroundingRegion).
 */
import { describe, expect, it } from 'vitest';
import { analyze, inspectCells, rejectedIn, type AnalysisOptions } from '../../addin/shared/analyze.ts';
import { describeSelection, readCells, type ExcelHost } from '../../addin/taskpane/excel-io.ts';
import { createExcelMock } from './excel-mock/index.ts';

const D = 45292; // 2024-01-01

/** A table at B3 (header row 3), eight customers, errors in rows 6 (id), 8 (amount) and 9 (a note column nobody uses). */
function sheetWithErrors() {
  const mock = createExcelMock();
  const rows: (string | number | null | { error: string })[][] = [[], [], [null, 'Customer', 'Date', 'Amount', 'Note']];
  for (let c = 0; c < 8; c++) rows.push([null, `c${c}`, D + c, 100 + c, 'ok']);
  rows[5][1] = { error: '#N/A' };
  rows[7][3] = { error: '#DIV/0!' };
  rows[8][4] = { error: '#REF!' };
  mock.setSheet('Sheet1', rows);
  return mock;
}

const settings = (inspection: ReturnType<typeof inspectCells>): AnalysisOptions => ({
  mapping: inspection.mapping,
  hasHeader: inspection.hasHeader,
  firstRow: 3,
  firstColumn: 1,
  unit: 'week',
  tierRule: { method: 'contribution' },
  model: 'none',
  horizonDays: 365,
  annualDiscount: 0.1,
});

describe('error values in a selection', () => {
  it('Range.valueTypes tells an error from text: the mock answers like Excel', async () => {
    const mock = sheetWithErrors();
    mock.select('Sheet1', 'B3:E11');
    const types = await mock.Excel.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange().load('values, valueTypes');
      await ctx.sync();
      return { values: r.values[3], types: r.valueTypes[3] };
    });
    expect(types).toEqual({ values: ['#N/A', D + 2, 102, 'ok'], types: ['Error', 'Double', 'Double', 'String'] });
  });

  it('become rejected rows with the sheet row and the error, and no customer is named "#N/A"', async () => {
    const mock = sheetWithErrors();
    mock.select('Sheet1', 'B3:E11');
    const host = mock.Excel as unknown as ExcelHost;
    const info = await describeSelection(host);
    const read = await readCells(host, info);
    expect(read.errors).toEqual([
      { row: 3, col: 0, error: '#N/A' },
      { row: 5, col: 2, error: '#DIV/0!' },
      { row: 6, col: 3, error: '#REF!' },
    ]);
    const inspection = inspectCells(read.values);
    expect(inspection.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2 });
    const a = analyze(read.values, { ...settings(inspection), errorCells: read.errors });
    expect(a.rejected.map((r) => ({ line: r.line, reason: r.reason }))).toEqual([
      { line: 6, reason: 'cell B6 holds the Excel error #N/A' },
      { line: 8, reason: 'cell D8 holds the Excel error #DIV/0!' },
    ]);
    expect(rejectedIn(a.rejected, 'zh').map((r) => r.reason)).toEqual(['单元格 B6 是 Excel 错误值 #N/A', '单元格 D8 是 Excel 错误值 #DIV/0!']);
    const ids = a.result.customers.map((c) => c.id).sort();
    expect(ids).toEqual(['c0', 'c1', 'c3', 'c5', 'c6', 'c7']);
  });
});

describe('a single selected cell', () => {
  it('stands for its current region: the table around it, not the blank cells beside it', async () => {
    const mock = sheetWithErrors();
    mock.select('Sheet1', 'C5');
    const info = await describeSelection(mock.Excel as unknown as ExcelHost);
    expect(info).toMatchObject({ address: 'Sheet1!B3:E11', rowIndex: 2, columnIndex: 1, rowCount: 9, columnCount: 4, expanded: true });
  });

  it('a lone cell stays itself', async () => {
    const mock = createExcelMock();
    mock.setSheet('Sheet1', [['x', null, null], [null, null, 'y']]);
    mock.select('Sheet1', 'C2');
    const info = await describeSelection(mock.Excel as unknown as ExcelHost);
    expect(info).toMatchObject({ rowCount: 1, columnCount: 1, expanded: false });
  });
});
