/**
 * Reading the files analysts export, through the public API: reports with a
 * title and notes above the header, a chosen header row, and the GBK file
 * Excel on Chinese Windows saves as "CSV (逗号分隔)".
 */
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../test/encode-gbk.ts';
import { isoToDay, readTable, readTransactionCells, readTransactions } from '../index.ts';

describe('a GBK file headed as the seeds’ salon data', () => {
  const csv = '客户编号,客户姓名,消费日期,消费金额,成本\r\nC001,王芳,2023/3/5,680,210\r\nC002,李娜,2023/3/6,1280,390\r\nC001,王芳,2023/4/2,450,140\r\n';
  const bytes = encodeGbk(csv);

  it('is not UTF-8, so the test really feeds GBK', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('is decoded, its columns found and every row read', () => {
    const r = readTransactions(bytes);
    expect(r.encoding).toBe('gb18030');
    expect(r.headers).toEqual(['客户编号', '客户姓名', '消费日期', '消费金额', '成本']);
    expect(r.mapping).toEqual({ customerId: 0, name: 1, date: 2, amount: 3, cost: 4 });
    expect(r.rejected).toMatchObject([]);
    expect(r.transactions).toEqual([
      { customerId: 'C001', name: '王芳', day: isoToDay('2023-03-05'), amount: 680, cost: 210, line: 2 },
      { customerId: 'C002', name: '李娜', day: isoToDay('2023-03-06'), amount: 1280, cost: 390, line: 3 },
      { customerId: 'C001', name: '王芳', day: isoToDay('2023-04-02'), amount: 450, cost: 140, line: 4 },
    ]);
  });
});

describe('a report with a title and notes above its header', () => {
  const report = [
    '会员消费明细 2024年1月–3月',
    '导出时间: 2024-04-01 09:30,门店: 全部',
    '',
    '会员卡号,会员姓名,消费时间,实收金额',
    'A1,张三,2024-01-05 10:12,100',
    'A2,李四,2024-01-06 15:40,oops',
    'A1,张三,2024-02-11 11:02,80',
  ].join('\n');

  it('finds the header below them, skips them with a warning and keeps file line numbers', () => {
    const r = readTransactions(report);
    expect(r.headers).toEqual(['会员卡号', '会员姓名', '消费时间', '实收金额']);
    expect(r.transactions.map((t) => [t.customerId, t.amount, t.line])).toEqual([['A1', 100, 5], ['A1', 80, 7]]);
    expect(r.rejected).toMatchObject([{ line: 6, reason: expect.stringContaining('oops') }]);
    expect(r.rowsRead).toBe(3);
    expect(r.warnings).toContain(
      "the header row is line 4; lines 1–2 above it were skipped, taken for a title or notes ('会员消费明细 2024年1月–3月', '导出时间: 2024-04-01 09:30 门店: 全部').",
    );
  });

  it('takes the header row the user names, and says what it skipped', () => {
    const r = readTransactions(report, { headerRow: 4 });
    expect(r.transactions).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^the header row is line 4; lines 1–2 above it were skipped, as chosen/);
  });

  it('refuses a header row that is blank or past the end', () => {
    expect(() => readTransactions(report, { headerRow: 3 })).toThrow('the header row 3 holds no column names (it is blank or inside a quoted field).');
    expect(() => readTransactions(report, { headerRow: 40 })).toThrow('the header row 40 is past the end of the data (7 lines).');
  });

  it('reads a whitespace-aligned table below a title line', () => {
    const r = readTable('CDNOW extract\n id  date  amount\n 1 19970101 3.5\n 2 19970102 4\n');
    expect(r.delimiter).toBe('whitespace');
    expect(r.headers).toEqual(['id', 'date', 'amount']);
    expect(r.skipped).toEqual([{ line: 1, text: 'CDNOW extract' }]);
    expect(r.lines).toEqual([3, 4]);
  });

  it('leaves a file without such rows as it was', () => {
    const r = readTransactions('customer,date,amount\n7,2024-01-05,3\n');
    expect(r.warnings).toEqual([]);
    expect(r.transactions[0].line).toBe(2);
  });

  it('reads a headerless file when told there is no header row', () => {
    const r = readTransactions('7,2024-01-05,3\n8,2024-01-06,4\n', { headerRow: 0 });
    expect(r.hasHeader).toBe(false);
    expect(r.transactions.map((t) => t.line)).toEqual([1, 2]);
  });
});

describe('sheet cells with a title above the header', () => {
  const rows: unknown[][] = [
    ['Sales by customer, Q1 2024', null, null],
    ['Exported 2024-04-01', null, null],
    [null, null, null],
    ['Customer ID', 'Order Date', 'Amount'],
    ['C1', 45296, 12.5],
    ['C2', 45297, '#VALUE!'],
  ];

  it('finds the header, reports sheet rows and skips the title rows with a warning', () => {
    const r = readTransactionCells(rows);
    expect(r.headers).toEqual(['Customer ID', 'Order Date', 'Amount']);
    expect(r.transactions).toEqual([{ customerId: 'C1', day: isoToDay('2024-01-05'), amount: 12.5, line: 5 }]);
    expect(r.rejected).toMatchObject([{ line: 6, reason: 'amount is the spreadsheet error #VALUE!' }]);
    expect(r.warnings[0]).toBe(
      "the header row is row 4; rows 1–2 above it were skipped, taken for a title or notes ('Sales by customer, Q1 2024', 'Exported 2024-04-01').",
    );
    expect(r.blankLines).toBe(1);
  });

  it('takes a chosen header row in sheet numbering', () => {
    const r = readTransactionCells(rows.slice(1), { firstRow: 2, headerRow: 4 });
    expect(r.transactions[0].line).toBe(5);
    expect(() => readTransactionCells(rows, { headerRow: 3 })).toThrow('the header row 3 is blank.');
    expect(() => readTransactionCells(rows, { headerRow: 9 })).toThrow('the header row 9 is outside the data (rows 1 to 6).');
  });
});
