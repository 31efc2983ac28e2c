import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/addin/excel-mock/index.ts';
import { columnKinds, csvImportPlan, importCell } from './csv-import.ts';
import { writePlan, type ExcelHost } from './excel-io.ts';

// "客户编号,交易日期,金额\n00123,2024-01-05,12.5\n" encoded as GBK by Python's codec.
const GBK = new Uint8Array([191, 205, 187, 167, 177, 224, 186, 197, 44, 189, 187, 210, 215, 200, 213, 198, 218, 44, 189, 240, 182, 238, 10, 48, 48, 49, 50, 51, 44, 50, 48, 50, 52, 45, 48, 49, 45, 48, 53, 44, 49, 50, 46, 53, 10]);

describe('Import CSV', () => {
  it('keeps ids with leading zeros and numbers beyond 15 digits as text and reads plain numbers', () => {
    expect(importCell('00123')).toBe('00123');
    expect(importCell('12.5')).toBe(12.5);
    expect(importCell('0.5')).toBe(0.5);
    expect(importCell('2024-01-05')).toBe('2024-01-05');
    expect(importCell('1234567890123456789')).toBe('1234567890123456789');
    expect(importCell('123456789012345')).toBe(123456789012345);
    expect(importCell('1234567890123456')).toBe('1234567890123456');
  });

  it('reads a column as one kind: ids, names and e-mails as text, numbers, dates', () => {
    const rows = [
      ['1001', '2024-01-05', '12.5', 'Ann', 'a@x.cn'],
      ['1002', '2024-02-05', '7', '=1+1', 'b@x.cn'],
    ];
    expect(columnKinds(rows, { customerId: 0, date: 1, amount: 2, name: 3, email: 4 })).toEqual(['text', 'date', 'number', 'text', 'text']);
    expect(columnKinds([['00123'], ['5']], {})).toEqual(['text']);
  });

  it('writes ids, names and e-mails as text, dates as dates, and no formula (in-memory Excel parses written strings as Excel does)', async () => {
    const csv = [
      'customer_id,order_date,amount,name,email',
      '00123,2024-03-05,12.5,=HYPERLINK("http://x.example"),a@x.cn',
      '123456789012345678,2024-03-06,-3,+ann,TRUE',
      '1001,2024-03-07,7,-1,b@x.cn',
    ].join('\n');
    const imported = csvImportPlan('ids.csv', new TextEncoder().encode(csv));
    const mock = createExcelMock();
    await writePlan(mock.Excel as unknown as ExcelHost, imported.plan);
    const s = mock.state.sheet('ids');
    if (!s) throw new Error('no sheet');
    // 2024-03-05 is Excel serial 45356 (45292 = 2024-01-01, + 31 + 29 + 4).
    expect(s.read({ row: 1, col: 0, rows: 3, cols: 5 })).toEqual([
      ['00123', 45356, 12.5, '=HYPERLINK("http://x.example")', 'a@x.cn'],
      ['123456789012345678', 45357, -3, '+ann', 'TRUE'],
      ['1001', 45358, 7, '-1', 'b@x.cn'],
    ]);
    expect(s.formulas.size).toBe(0);
    expect(s.numberFormatAt(1, 1)).toBe('yyyy-mm-dd');
    expect(s.numberFormatAt(1, 0)).toBe('@');
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
      // 2024-01-05 is Excel serial 45296 (45292 = 2024-01-01).
      ['00123', 45296, 12.5],
    ]);
    expect(s?.numberFormatAt(1, 1)).toBe('yyyy-mm-dd');
    expect(s?.boldAt(0, 0)).toBe(true);
  });
});
