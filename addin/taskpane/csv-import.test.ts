import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/addin/excel-mock/index.ts';
import { csvImportPlan, importCell } from './csv-import.ts';
import { writePlan, type ExcelHost } from './excel-io.ts';

// "客户编号,交易日期,金额\n00123,2024-01-05,12.5\n" encoded as GBK by Python's codec.
const GBK = new Uint8Array([191, 205, 187, 167, 177, 224, 186, 197, 44, 189, 187, 210, 215, 200, 213, 198, 218, 44, 189, 240, 182, 238, 10, 48, 48, 49, 50, 51, 44, 50, 48, 50, 52, 45, 48, 49, 45, 48, 53, 44, 49, 50, 46, 53, 10]);

describe('Import CSV', () => {
  it('keeps ids with leading zeros as text and reads plain numbers', () => {
    expect(importCell('00123')).toBe('00123');
    expect(importCell('12.5')).toBe(12.5);
    expect(importCell('0.5')).toBe(0.5);
    expect(importCell('2024-01-05')).toBe('2024-01-05');
    expect(importCell('1234567890123456789')).toBe('1234567890123456789');
  });

  it('decodes a GBK file and writes it to a new sheet named after the file', async () => {
    const imported = csvImportPlan('交易.csv', GBK);
    expect(imported.encoding.toLowerCase()).toMatch(/gb/);
    expect(imported.rows).toBe(1);
    const mock = createExcelMock();
    const report = await writePlan(mock.Excel as unknown as ExcelHost, imported.plan);
    expect(report.sheet).toBe('交易');
    const s = mock.state.sheet('交易');
    expect(s?.read({ row: 0, col: 0, rows: 2, cols: 3 })).toEqual([
      ['客户编号', '交易日期', '金额'],
      ['00123', '2024-01-05', 12.5],
    ]);
    expect(s?.boldAt(0, 0)).toBe(true);
  });
});
