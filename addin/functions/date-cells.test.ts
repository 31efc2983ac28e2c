import { afterEach, describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/addin/excel-mock/index.ts';
import { DATE_FORMAT, dateCell, dateCellKind } from './date-cells.ts';

/** Office.context.requirements of an Excel lacking `unsupported` ("ExcelApi 1.19": that version and every later one). */
const excelLacking = (...unsupported: string[]) => createExcelMock({ unsupported }).Office.context.requirements;

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('dateCellKind', () => {
  it('gives DoubleCellValue dates to an Excel with CustomFunctionsRuntime 1.4 and ExcelApi 1.19', () => {
    expect(dateCellKind(excelLacking())).toBe('double');
  });

  it('gives the older FormattedNumberCellValue to an Excel whose API stops between 1.16 and 1.19', () => {
    expect(dateCellKind(excelLacking('ExcelApi 1.19'))).toBe('formattedNumber');
  });

  it('gives serials where Excel would show the object as #VALUE!: no CustomFunctionsRuntime 1.4, or an API before 1.16', () => {
    // Office 2021 (volume-licensed) has CustomFunctionsRuntime 1.3 at most ("Custom Functions requirement sets").
    expect(dateCellKind(excelLacking('CustomFunctionsRuntime 1.4'))).toBe('serial');
    expect(dateCellKind(excelLacking('ExcelApi 1.16'))).toBe('serial');
  });

  it('gives serials outside Office, and when the checker throws (before Office.onReady)', () => {
    expect(dateCellKind(undefined)).toBe('serial');
    expect(dateCellKind({ isSetSupported: () => { throw new Error('not ready'); } })).toBe('serial');
  });

  it("asks the running Office's requirements when given no checker", () => {
    expect(dateCellKind()).toBe('serial');
    (globalThis as { Office?: unknown }).Office = createExcelMock().Office;
    expect(dateCellKind()).toBe('double');
    (globalThis as { Office?: unknown }).Office = createExcelMock({ unsupported: ['CustomFunctionsRuntime 1.4'] }).Office;
    expect(dateCellKind()).toBe('serial');
  });
});

describe('dateCell', () => {
  // 45356 is 2024-03-05: Excel's DATE(2024,3,5).
  it('keeps the serial as the value and adds the ISO date format', () => {
    expect(dateCell(45356, 'double')).toEqual({ type: 'Double', basicValue: 45356, numberFormat: 'yyyy-mm-dd' });
    expect(dateCell(45356, 'formattedNumber')).toEqual({ type: 'FormattedNumber', basicValue: 45356, numberFormat: DATE_FORMAT });
  });

  it('is the bare serial where Excel cannot take a formatted number', () => {
    expect(dateCell(45356, 'serial')).toBe(45356);
  });
});
