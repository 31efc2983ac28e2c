/**
 * Every cell of the segment workbook, read back with exceljs (another
 * program's reader, not ours), equals what the core's report tables hold:
 * the customer list cell by cell and column by column (value, number format,
 * real dates), and each small table (tier summary, concentration, curve,
 * model and settings, holdout, rejected rows, read me) row by row. The sheets
 * are written as SpreadsheetML text for speed, so this is what keeps the
 * speed from changing what an analyst reads.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeTransactions,
  cellFormat,
  compareCalibration,
  concentrationCurve,
  concentrationTable,
  createCalibrationSplit,
  customerColumns,
  customerFormat,
  dayToExcelSerial,
  EXCEL_NUMBER_FORMATS,
  holdoutTable,
  isoToDay,
  parseScoreSpec,
  readMeTable,
  readTransactions,
  rejectedTable,
  segmentCell,
  settingsTable,
  tierSummaryTable,
  type Analysis,
  type HoldoutComparison,
  type Lang,
  type ReadResult,
  type ReportTable,
  type SourceFacts,
  type Transaction,
} from '../core/index.ts';
import { runCli } from './run-cli.ts';
import { SHEETS, segmentWorkbook } from './workbook.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-content-'));
const demo = join(dir, 'demo.csv');
const source: SourceFacts = { file: 'demo.csv', transactions: 0 };
let analysis: Analysis;
let holdout: HoldoutComparison;
let read: ReadResult;

beforeAll(() => {
  const made = runCli(['demo', '--out', demo, '--customers', '600', '--seed', '11']);
  expect(made.code, made.stderr).toBe(0);
  // Rows no reader can use, one with text that XML cannot hold as it is: they reach the rejected-rows sheet.
  appendFileSync(demo, 'C0000001,not a date,12.50,,\nC0000002,2025-03-01,1\u000b2 <&>,,\n');
  const rows: Transaction[] = [];
  const split = createCalibrationSplit({ calibrationEnd: isoToDay('2026-01-31'), unit: 'week' });
  read = readTransactions(readFileSync(demo), {
    onTransaction: (t) => {
      rows.push(t);
      split.add(t);
    },
  });
  source.transactions = read.rowsAccepted;
  // Every kind of customer column: names, e-mails, companies, dates, model outputs, the composite score and its rank.
  analysis = analyzeTransactions(rows, { model: 'bgnbd', score: parseScoreSpec('value:0.5,frequency:0.3,recency:0.2') });
  const fit = analysis.models.purchase;
  if (!fit) throw new Error('the demo data should fit BG/NBD');
  holdout = compareCalibration(fit, split.finish());
}, 120_000);

async function workbook(lang: Lang): Promise<ExcelJS.Workbook> {
  const bytes = await segmentWorkbook({ analysis, lang, rejected: read.rejected, holdout, source });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Excel's serial day (days since 1899-12-30) as exceljs gives a date cell back. */
function serialDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
}

function expectCell(cell: ExcelJS.Cell, value: string | number | null, numFmt: string | undefined, where: string): void {
  if (numFmt === 'yyyy-mm-dd' && typeof value === 'number') {
    expect(cell.value, where).toEqual(serialDate(value));
  } else {
    expect(cell.value ?? null, where).toBe(value);
  }
  if (typeof value === 'number') expect(cell.numFmt ?? 'General', where).toBe(numFmt ?? 'General');
}

/** The table found on the sheet by its heading row, compared row by row. */
function expectTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  let head = 0;
  sheet.eachRow((row, n) => {
    if (head === 0 && table.headers.every((h, j) => row.getCell(j + 1).value === h)) head = n;
  });
  expect(head, `${sheet.name}: heading row of ${table.id}`).toBeGreaterThan(0);
  table.rows.forEach((row, i) => {
    row.cells.forEach((value, j) => {
      const numFmt = EXCEL_NUMBER_FORMATS[cellFormat(table, row, j)];
      expectCell(sheet.getCell(head + 1 + i, j + 1), value, numFmt, `${sheet.name}!R${head + 1 + i}C${j + 1} (${table.id})`);
    });
  });
}

describe.each(['en', 'zh'] as const)('the workbook read back with exceljs (%s)', (lang) => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await workbook(lang);
  }, 60_000);

  it('holds every customer cell as the core computed it, with its column format', () => {
    const sheet = wb.getWorksheet(SHEETS.customers[lang])!;
    const customers = analysis.segment.customers;
    const keys = customerColumns(customers);
    expect(keys).toContain('composite');
    expect(keys).toContain('email');
    expect(sheet.rowCount).toBe(customers.length + 1);
    const formats = keys.map((k) => EXCEL_NUMBER_FORMATS[customerFormat(k)]);
    let compared = 0;
    customers.forEach((c, i) => {
      const row = sheet.getRow(i + 2);
      keys.forEach((k, j) => {
        expectCell(row.getCell(j + 1), segmentCell(c, k, lang, dayToExcelSerial), formats[j], `${k} of ${c.id}`);
        compared++;
      });
    });
    expect(compared).toBe(customers.length * keys.length);
    // Empty cells typed below the table take the column's format too.
    keys.forEach((_, j) => expect(sheet.getColumn(j + 1).numFmt, keys[j]).toBe(formats[j]));
  });

  it('holds the tier summary, concentration, curve, settings, holdout, rejected rows and read me tables as the core made them', () => {
    const { segment, settings } = analysis;
    const summary = wb.getWorksheet(SHEETS.summary[lang])!;
    expectTable(summary, tierSummaryTable(segment, settings.tierRule, lang));
    expectTable(summary, concentrationTable(segment, lang));
    expectTable(summary, concentrationCurve(segment, lang));
    expectTable(wb.getWorksheet(SHEETS.model[lang])!, settingsTable(analysis, source, lang));
    expectTable(wb.getWorksheet(SHEETS.holdout[lang])!, holdoutTable(holdout, segment.totals.unit, lang));
    const rejected = rejectedTable(read.rejected, lang);
    expect(rejected.rows).toHaveLength(2);
    expectTable(wb.getWorksheet(SHEETS.rejected[lang])!, rejected);
    expectTable(wb.getWorksheet(SHEETS.readMe[lang])!, readMeTable(customerColumns(segment.customers), lang, segment.totals, settings));
  });
});
