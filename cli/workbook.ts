/**
 * Writes the segment workbook an analyst can forward: the tier summary with
 * its contribution bands, strategies and two charts (tiers, concentration
 * curve); the customer list as an Excel table with real dates and units in
 * its headings; the model and every setting; the holdout check with its
 * chart; the rows that could not be used; and a *Read me* that defines every
 * column and rule, all in the chosen language. The tables come from
 * core/report (the add-in lays out the same ones); this file only places
 * them. Rows stream to the package, and what exceljs cannot write (tables,
 * charts, print titles) is added to the package afterwards.
 */
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  concentrationCurve,
  concentrationTable,
  customerColumns,
  customerFormat,
  customerHeader,
  dayToExcelSerial,
  dayToIso,
  EXCEL_NUMBER_FORMATS,
  holdoutTable,
  readMeTable,
  rejectedTable,
  segmentCell,
  settingsTable,
  tierColors,
  tierSummaryTable,
  basisWord,
  type Analysis,
  type HoldoutComparison,
  type Lang,
  type RejectedRow,
  type ReportCell,
  type ReportTable,
  type SourceFacts,
} from '../core/index.ts';
import type { ChartSpec, DataRef } from './workbook/chart-xml.ts';
import { columnWidth } from './workbook/column-width.ts';
import { addPackageParts, type SheetParts } from './workbook/package-parts.ts';
import { placeTable, solid, styleHeader, wrappedHeight } from './workbook/report-sheet.ts';

export interface WorkbookInput {
  analysis: Analysis;
  lang: Lang;
  rejected: readonly RejectedRow[];
  holdout?: HoldoutComparison;
  /** Where the rows came from (file, counts, encoding…), recorded on the Model sheet. */
  source: SourceFacts;
}

export const SHEETS = {
  summary: { en: 'Tier summary', zh: '客户分级汇总' },
  customers: { en: 'Customers', zh: '客户' },
  model: { en: 'Model', zh: '模型' },
  holdout: { en: 'Holdout', zh: '预测检验' },
  rejected: { en: 'Rejected rows', zh: '未使用的行' },
  readMe: { en: 'Read me', zh: '说明' },
} as const;

/** Colours of the chart series: customers in blue, value in the VIP gold's strong tone, predictions in orange. */
const BLUE = '2F6EBA';
const GOLD = 'B07A00';
const GREY = '8C8C8C';
const ORANGE = 'E07B00';

/** Landscape, one page wide, as many pages down as needed. */
const PRINT: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };

function col(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A column range of a report table placed with its heading at `headRow` (1-based rows and columns). */
function ref(sheet: string, column: number, from: number, to: number, values: readonly (string | number)[], format?: string): DataRef {
  return { sheet, range: `$${col(column)}$${from}:$${col(column)}$${to}`, values, format };
}

function nameRef(sheet: string, column: number, row: number, text: string): DataRef {
  return { sheet, range: `$${col(column)}$${row}`, values: [text] };
}

function numbers(table: ReportTable, j: number, rows = table.rows.filter((r) => !r.total)): number[] {
  return rows.map((r) => r.cells[j]).map((v) => (typeof v === 'number' ? v : 0));
}

function texts(table: ReportTable, j: number, rows = table.rows.filter((r) => !r.total)): string[] {
  return rows.map((r) => String(r.cells[j] ?? ''));
}

/** Widths of the columns of report tables stacked on one sheet (table, first column). */
function widths(placed: readonly [ReportTable, number][], caps: Readonly<Record<number, number>> = {}): { width: number }[] {
  const cols = Math.max(...placed.map(([t, c]) => c + t.headers.length - 1));
  const out: { width: number }[] = [];
  for (let c = 1; c <= cols; c++) {
    let w = 6;
    for (const [t, first] of placed) {
      const j = c - first;
      if (j < 0 || j >= t.headers.length) continue;
      w = Math.max(w, columnWidth(t.rows.map((r) => r.cells[j] ?? null), t.formats[j] ?? 'text', { heading: t.headers[j], max: caps[c] ?? 50 }));
    }
    out.push({ width: w });
  }
  return out;
}

function title(sheet: ExcelJS.Worksheet, row: number, text: string, size = 14): void {
  const r = sheet.getRow(row);
  r.getCell(1).value = text;
  r.getCell(1).font = { bold: true, size };
  r.commit();
}

export async function writeSegmentWorkbook(path: string, input: WorkbookInput): Promise<void> {
  writeFileSync(path, await segmentWorkbook(input));
}

/** The workbook as bytes of an .xlsx package. */
export async function segmentWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const { analysis, lang } = input;
  const { segment, settings } = analysis;
  const totals = segment.totals;
  const zh = lang === 'zh';
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true, zip: { store: true } }); // compressed once, at the end (package-parts.ts)
  wb.creator = 'cvlens';
  const parts: SheetParts[] = [];
  let position = 0;

  // 1. Tier summary: what an analyst reads first (table 4-2 of 《课题四 分析客户的商业价值》), then the charts.
  const summaryName = SHEETS.summary[lang];
  const summary = tierSummaryTable(segment, settings.tierRule, lang);
  const concentration = concentrationTable(segment, lang);
  const curve = concentrationCurve(segment, lang);
  // One page: the summary, its charts and the curve's data print together.
  const s1 = wb.addWorksheet(summaryName, { pageSetup: { ...PRINT, fitToHeight: 1 } });
  const w1 = widths([[summary, 1], [concentration, 1], [curve, 1]], { 1: 30, 9: 70 });
  s1.columns = w1;
  const asOf = totals.asOf !== undefined ? dayToIso(totals.asOf) : '';
  title(
    s1,
    1,
    zh
      ? `客户分级:${totals.customers.toLocaleString('en')} 位客户,截至 ${asOf},价值 = ${basisWord(totals.valueBasis, lang)}`
      : `Customer tiers: ${totals.customers.toLocaleString('en')} customers as of ${asOf}, value = ${basisWord(totals.valueBasis, lang)}`,
  );
  const hint = s1.getRow(2);
  hint.getCell(1).value = zh ? `每一列的含义见“${SHEETS.readMe.zh}”工作表,设置与模型见“${SHEETS.model.zh}”工作表。` : `What every column means is on the "${SHEETS.readMe.en}" sheet; settings and model on the "${SHEETS.model.en}" sheet.`;
  hint.getCell(1).font = { italic: true, color: { argb: 'FF595959' } };
  hint.commit();
  const summaryHead = 4;
  let row = placeTable(s1, summary, { row: summaryHead, wrap: [9], widths: byColumn(w1) });
  const concentrationHead = row + 1;
  row = placeTable(s1, concentration, { row: concentrationHead, wrap: [1], widths: byColumn(w1) });
  for (const w of segment.warnings) {
    const r = s1.getRow(++row);
    r.getCell(1).value = w;
    r.getCell(1).font = { italic: true };
    r.commit();
  }
  const chartTop = row + 1; // 0-based row of the charts' top edge = one empty row below
  const chartRows = 20;
  const curveHead = chartTop + chartRows + 2;
  title(s1, curveHead - 1, curve.title, 11);
  placeTable(s1, curve, { row: curveHead, widths: byColumn(w1) });
  s1.commit();
  const tierRows = summary.rows.filter((r) => !r.total);
  const tierCats = ref(summaryName, 1, summaryHead + 1, summaryHead + tierRows.length, texts(summary, 0));
  const tiersChart: ChartSpec = {
    kind: 'bar',
    title: zh ? `各等级客户:人数比例与${basisWord(totals.valueBasis, lang)}比例` : `Tiers: share of customers and of ${basisWord(totals.valueBasis, lang)}`,
    series: [
      { name: nameRef(summaryName, 4, summaryHead, summary.headers[3]!), x: tierCats, y: ref(summaryName, 4, summaryHead + 1, summaryHead + tierRows.length, numbers(summary, 3), '0.0%'), color: BLUE, labels: true },
      { name: nameRef(summaryName, 6, summaryHead, summary.headers[5]!), x: tierCats, y: ref(summaryName, 6, summaryHead + 1, summaryHead + tierRows.length, numbers(summary, 5), '0.0%'), color: GOLD, labels: true },
    ],
    x: { title: summary.headers[0]! },
    y: { title: zh ? '比例' : 'Share', format: '0%', min: 0 },
  };
  const curveFrom = curveHead + 1;
  const curveTo = curveHead + curve.rows.length;
  const xs = ref(summaryName, 1, curveFrom, curveTo, numbers(curve, 0, curve.rows), '0%');
  const curveChart: ChartSpec = {
    kind: 'scatter',
    title: curve.title,
    series: [
      { name: nameRef(summaryName, 2, curveHead, curve.headers[1]!), x: xs, y: ref(summaryName, 2, curveFrom, curveTo, numbers(curve, 1, curve.rows), '0%'), color: GOLD },
      { name: nameRef(summaryName, 3, curveHead, curve.headers[2]!), x: xs, y: ref(summaryName, 3, curveFrom, curveTo, numbers(curve, 2, curve.rows), '0%'), color: GREY, dashed: true },
    ],
    x: { title: curve.headers[0]!, format: '0%', min: 0, max: 1 },
    y: { title: curve.headers[1]!, format: '0%', min: 0, max: 1 },
  };
  parts.push({
    sheetId: s1.id,
    position: position++,
    sheetName: summaryName,
    charts: [
      { anchor: { fromCol: 0, fromRow: chartTop, toCol: 4, toRow: chartTop + chartRows }, spec: tiersChart },
      { anchor: { fromCol: 4, fromRow: chartTop, toCol: 8, toRow: chartTop + chartRows }, spec: curveChart },
    ],
  });

  // 2. The customers: an Excel table, most valuable first, real dates, units in the headings.
  const customersName = SHEETS.customers[lang];
  const keys = customerColumns(segment.customers);
  const headers = uniqueHeaders(keys.map((k) => customerHeader(k, lang, totals)));
  const formats = keys.map(customerFormat);
  const cells: ReportCell[][] = segment.customers.map((c, i) => keys.map((k) => segmentCell(c, k, lang, dayToExcelSerial)));
  const s2 = wb.addWorksheet(customersName, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }], pageSetup: PRINT });
  // E-mails, names and ids are never cut; other text wraps past 40 characters.
  const s2Widths = keys.map((k, j) => columnWidth(column(cells, j), formats[j]!, { heading: headers[j], max: k === 'email' || k === 'name' || k === 'id' ? 60 : 40 }));
  s2.columns = keys.map((_, j) => ({ width: s2Widths[j], style: styleOf(formats[j]!) }));
  const head = s2.getRow(1);
  headers.forEach((h, j) => (head.getCell(j + 1).value = h));
  styleHeader(head, headers.length);
  head.height = wrappedHeight(headers.map((h, j) => ({ text: h, width: s2Widths[j]!, bold: true }))) ?? 18;
  head.commit();
  const tierAt = keys.indexOf('tier');
  cells.forEach((values, i) => {
    const r = s2.addRow(values);
    if (tierAt >= 0) r.getCell(tierAt + 1).fill = solid(tierColors[segment.customers[i]!.tier].fill);
    r.commit();
  });
  s2.commit();
  parts.push({
    sheetId: s2.id,
    position: position++,
    sheetName: customersName,
    printTitleRows: '1:1',
    tables: [{ name: 'Customers', ref: `A1:${col(keys.length)}${cells.length + 1}`, columns: headers, style: 'TableStyleMedium2' }],
  });

  // 3. Model and settings.
  const modelName = SHEETS.model[lang];
  const settingsT = settingsTable(analysis, input.source, lang);
  const s3 = wb.addWorksheet(modelName, { pageSetup: { ...PRINT, orientation: 'portrait' } });
  s3.columns = [{ width: 46 }, { width: 90 }];
  placeTable(s3, settingsT, { row: 1, wrap: [1, 2], left: [2], widths: [0, 46, 90] });
  s3.commit();
  parts.push({ sheetId: s3.id, position: position++, sheetName: modelName });

  // 4. The holdout check, with the chart of Fader, Hardie & Lee (2005), figure 4.
  if (input.holdout) {
    const holdoutName = SHEETS.holdout[lang];
    const table = holdoutTable(input.holdout, totals.unit, lang);
    const s4 = wb.addWorksheet(holdoutName, { pageSetup: PRINT });
    const w4 = widths([[table, 1]], { 1: 24 });
    s4.columns = w4;
    title(s4, 1, table.title, 12);
    const headRow = 3;
    placeTable(s4, table, { row: headRow, widths: byColumn(w4) });
    s4.commit();
    const groups = table.rows.filter((r) => !r.total);
    const cats = ref(holdoutName, 1, headRow + 1, headRow + groups.length, texts(table, 0));
    parts.push({
      sheetId: s4.id,
      position: position++,
      sheetName: holdoutName,
      charts: [
        {
          anchor: { fromCol: 5, fromRow: 1, toCol: 13, toRow: 21 },
          spec: {
            kind: 'line',
            title: zh ? '检验期人均购买:实际与预测' : 'Holdout purchases per customer: actual and predicted',
            series: [
              { name: nameRef(holdoutName, 3, headRow, table.headers[2]!), x: cats, y: ref(holdoutName, 3, headRow + 1, headRow + groups.length, numbers(table, 2), '0.00'), color: BLUE },
              { name: nameRef(holdoutName, 4, headRow, table.headers[3]!), x: cats, y: ref(holdoutName, 4, headRow + 1, headRow + groups.length, numbers(table, 3), '0.00'), color: ORANGE, dashed: true },
            ],
            x: { title: table.headers[0]! },
            y: { title: zh ? '人均购买次数' : 'Purchases per customer', format: '0.0', min: 0 },
          },
        },
      ],
    });
  }

  // 5. Every row that could not be used, with its line and reason.
  if (input.rejected.length > 0) {
    const rejectedName = SHEETS.rejected[lang];
    const table = rejectedTable(input.rejected, lang);
    const s5 = wb.addWorksheet(rejectedName, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PRINT, orientation: 'portrait' } });
    s5.columns = [{ width: 10 }, { width: 100 }];
    placeTable(s5, table, { row: 1, wrap: [2], widths: [0, 10, 100] });
    s5.commit();
    parts.push({ sheetId: s5.id, position: position++, sheetName: rejectedName, printTitleRows: '1:1' });
  }

  // 6. Read me: every column and rule in the chosen language.
  const readMeName = SHEETS.readMe[lang];
  const readMe = readMeTable(keys, lang, totals, settings);
  const s6 = wb.addWorksheet(readMeName, { pageSetup: { ...PRINT, orientation: 'portrait' } });
  s6.columns = [{ width: 36 }, { width: 100 }];
  placeTable(s6, readMe, { row: 1, wrap: [1, 2], widths: [0, 36, 100] });
  s6.commit();
  parts.push({ sheetId: s6.id, position: position++, sheetName: readMeName, printTitleRows: '1:1' });

  await wb.commit();
  return addPackageParts(Buffer.concat(chunks), parts);
}

/** Widths indexed by 1-based column, as placeTable takes them. */
function byColumn(columns: readonly { width: number }[]): number[] {
  return [0, ...columns.map((c) => c.width)];
}

function column(cells: readonly ReportCell[][], j: number): Iterable<ReportCell> {
  return {
    *[Symbol.iterator]() {
      for (const r of cells) yield r[j] ?? null;
    },
  };
}

function styleOf(format: keyof typeof EXCEL_NUMBER_FORMATS): Partial<ExcelJS.Style> {
  const numFmt = EXCEL_NUMBER_FORMATS[format];
  return numFmt === undefined ? {} : { numFmt };
}

/** Excel table columns need distinct names: a repeated heading gets " (2)". */
function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h) => {
    let name = h;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${h} (${k})`;
    seen.add(name.toLowerCase());
    return name;
  });
}
