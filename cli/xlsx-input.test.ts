/**
 * `cvlens segment FILE.xlsx` as an analyst runs it on a report exported from
 * a POS or a CRM: a merged title row and a note above the header, real date
 * cells beside serial numbers, text amounts, error cells from failed
 * formulas, more than one sheet. The workbooks are written with exceljs, as
 * Excel lays them out (shared strings, date number formats, cached formula
 * results with t="e" for errors).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-xlsx-'));
const report = join(dir, 'pos-export.xlsx');
const twoSheets = join(dir, 'two-sheets.xlsx');

interface JsonOut {
  customers: { id: string; name: string | null; purchases: number; revenue: number; profit: number; firstPurchase: string; lastPurchase: string }[];
  rejected: { line: number; reason: string }[];
  warnings: string[];
  read: { rows: number; accepted: number; encoding: string };
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员消费明细');
  ws.addRow(['会员消费明细 2024年1月–3月']);
  ws.mergeCells('A1:F1');
  ws.addRow(['门店: 全部', '导出人: 店长']);
  ws.addRow(['会员卡号', '会员姓名', '消费日期', '实收金额', '成本', '备注']);
  ws.addRow(['V001', '王芳', utc(2024, 1, 5), 680, 210, null]);
  ws.addRow(['V002', '李娜', utc(2024, 1, 9), { formula: 'D4/0', result: { error: '#DIV/0!' } }, 100, null]);
  ws.addRow(['V001', '王芳', 45332, '1,280.50', 390, { error: '#N/A' }]); // 45332 = 2024-02-10; the error is in a column no role uses
  ws.addRow([{ error: '#REF!' }, '赵敏', utc(2024, 2, 12), 90, 30, null]);
  ws.addRow(['V003', '陈静', utc(2024, 3, 1), 300, { formula: 'E5*2', result: 120 }, null]);
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(report);

  const two = new ExcelJS.Workbook();
  const hidden = two.addWorksheet('Lookup', { state: 'hidden' });
  hidden.addRow(['Customer ID', 'Order Date', 'Amount']);
  hidden.addRow(['hidden', utc(2024, 5, 2), 1]);
  const q1 = two.addWorksheet('Summary');
  q1.addRow(['Customer ID', 'Order Date', 'Amount']);
  q1.addRow(['S1', utc(2024, 4, 2), 5]);
  const orders = two.addWorksheet('Orders');
  orders.addRow(['Customer ID', 'Order Date', 'Amount']);
  orders.addRow(['C1', utc(2024, 5, 2), 12.5]);
  orders.addRow(['C2', utc(2024, 5, 3), 20]);
  await two.xlsx.writeFile(twoSheets);
});

function segmentJson(args: string[]): { out: JsonOut; stderr: string } {
  const run = runCli(['segment', ...args, '--json', '--model', 'none']);
  expect(run.code, run.stderr).toBe(0);
  return { out: JSON.parse(run.stdout) as JsonOut, stderr: run.stderr };
}

describe('cvlens segment FILE.xlsx', () => {
  it('reads the first sheet below its title rows, dates as dates, and reports bad rows by sheet row', () => {
    const { out, stderr } = segmentJson([report]);
    expect(out.read).toMatchObject({ rows: 5, accepted: 3, encoding: 'cells' });
    expect(out.customers.map((c) => [c.id, c.name, c.purchases, c.revenue, c.profit, c.firstPurchase, c.lastPurchase])).toEqual([
      ['V001', '王芳', 2, 1960.5, 1360.5, '2024-01-05', '2024-02-10'],
      ['V003', '陈静', 1, 300, 180, '2024-03-01', '2024-03-01'],
    ]);
    expect(out.rejected).toMatchObject([
      { line: 5, reason: 'amount is the spreadsheet error #DIV/0!' },
      { line: 7, reason: 'customer id is the spreadsheet error #REF!, not an id' },
    ]);
    expect(stderr).toContain('2 rows could not be used:\n  row 5: amount is the spreadsheet error #DIV/0!\n  row 7: customer id is the spreadsheet error #REF!, not an id\n');
    expect(out.warnings).toContain(
      "the header row is row 3; rows 1–2 above it were skipped, taken for a title or notes ('会员消费明细 2024年1月–3月', '门店: 全部 导出人: 店长').",
    );
  });

  it('takes the header row the user names', () => {
    const { out } = segmentJson([report, '--header-row', '3']);
    expect(out.read.accepted).toBe(3);
    expect(out.warnings.some((w) => w.includes('as chosen'))).toBe(true);
  });

  it('says in one sentence when the named header row is blank or outside the sheet', () => {
    const run = runCli(['segment', report, '--header-row', '40', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cvlens: --header-row: the header row 40 is outside the data (rows 1 to 8).\n');
    const bad = runCli(['segment', report, '--header-row', '-1', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--header-row must be the line number of the column names/);
  });

  it('writes the workbook from an .xlsx, the sheet named in its notes', async () => {
    const out = join(dir, 'segments.xlsx');
    const run = runCli(['segment', report, '--model', 'none', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const values: unknown[] = [];
    wb.worksheets.forEach((ws) => ws.eachRow((row) => values.push(...(row.values as unknown[]))));
    expect(values).toContain('会员消费明细');
  });

  it('skips a hidden first sheet, and reads the sheet named with --sheet', () => {
    expect(segmentJson([twoSheets]).out.customers.map((c) => c.id)).toEqual(['S1']);
    const { out } = segmentJson([twoSheets, '--sheet', 'orders']);
    expect(out.customers.map((c) => c.id).sort()).toEqual(['C1', 'C2']);
  });

  it('names the sheets there are when --sheet names none', () => {
    const run = runCli(['segment', twoSheets, '--sheet', 'Order', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cvlens: --sheet 'Order': '${twoSheets}' has no such sheet; did you mean 'Orders'? its sheets are 'Lookup', 'Summary', 'Orders'.\n`);
  });

  it('refuses an Excel 97–2003 .xls with what to do instead, and --sheet for a CSV', () => {
    const xls = join(dir, 'old.xls');
    // The OLE2 compound-file signature every .xls begins with.
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    const run = runCli(['segment', xls, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is an Excel 97–2003 workbook (.xls) or a password-protected one; cvlens reads .xlsx and CSV');
    const csv = join(dir, 'plain.csv');
    writeFileSync(csv, 'customer,date,amount\n1,2024-01-02,3\n');
    const sheet = runCli(['segment', csv, '--sheet', 'x', '--json']);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toBe(`cvlens: --sheet is for .xlsx workbooks; '${csv}' is a text file.\n`);
  });

  it('says a broken .xlsx is not a workbook it can read', () => {
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 not really a zip'));
    const run = runCli(['segment', broken, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cvlens: cannot read '.*broken\.xlsx' as an \.xlsx workbook \(.*\); save it from Excel as \.xlsx or CSV\.\n$/);
  });

  it('reads a CSV report with a title line, and suggests --header-row when the header cannot be found', () => {
    const csv = join(dir, 'report.csv');
    writeFileSync(csv, 'Sales by customer\nExported 2024-04-01\nCustomer ID,Order Date,Amount\nC1,2024-01-05,10\nC1,2024-02-05,12\n');
    const { out } = segmentJson([csv]);
    expect(out.read.accepted).toBe(2);
    const odd = join(dir, 'odd.csv');
    writeFileSync(odd, 'Sales by customer\nwho,when,how much\nC1,2024-01-05,10\n');
    const run = runCli(['segment', odd, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/If the column names are not on the first line, give their line with --header-row N\.\n$/);
  });
});
