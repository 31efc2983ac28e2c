/**
 * Writes the segment workbook an analyst can forward: the tier summary with
 * its contribution bands, strategies and two charts (tiers, concentration
 * curve); the customer list as an Excel table with real dates and units in
 * its headings; the model and every setting; the holdout check with its
 * chart; the rows that could not be used; and a *Read me* that defines every
 * column and rule, all in the chosen language. The tables come from
 * core/report (the add-in lays out the same ones); this file only places
 * them. The sheets are written as SpreadsheetML directly (workbook/*.ts),
 * each row one string, and compressed as they are written.
 */
import { writeFileSync } from 'node:fs';
import {
  concentrationCurve,
  concentrationTable,
  customerCells,
  customerFormat,
  customerHeader,
  dayToExcelSerial,
  dayToIso,
  EXCEL_NUMBER_FORMATS,
  holdoutTable,
  readMeTable,
  rejectedTable,
  settingsTable,
  tierColors,
  tierSummaryTable,
  basisWord,
  type Analysis,
  type HoldoutComparison,
  type Lang,
  type RejectedRow,
  type ReportTable,
  type SourceFacts,
} from '../core/index.ts';
import type { ChartSpec, DataRef } from './workbook/chart-xml.ts';
import { cellColumnWidth, columnWidth } from './workbook/column-width.ts';
import { WorkbookPackage, type Sheet } from './workbook/package.ts';
import { HEADER, hex, placeTable, wrappedHeight } from './workbook/report-sheet.ts';
import { columnName } from './workbook/sheet-xml.ts';
import type { Styles } from './workbook/styles.ts';
import { groupedCount } from './grouped-number.ts';

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
const PRINT = { orientation: 'landscape', pagesTall: 0 } as const;
/** Portrait, one page wide (lists of settings and definitions). */
const PORTRAIT = { orientation: 'portrait', pagesTall: 0 } as const;

const col = columnName;

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

function title(sheet: Sheet, styles: Styles, row: number, text: string, size = 14): void {
  sheet.row(row, [text], [styles.id({ font: { bold: true, size } })]);
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
  const book = new WorkbookPackage();
  const styles = book.styles;
  // Every customer's cells in one pass over the rows, first: the pass also gives the tier summary and the
  // concentration curve their numbers, so that no table reads the rows again (core/report/segment-values.ts).
  const table = customerCells(segment, lang, dayToExcelSerial);

  // 1. Tier summary: what an analyst reads first (table 4-2 of 《课题四 分析客户的商业价值》), then the charts.
  const summaryName = SHEETS.summary[lang];
  const summary = tierSummaryTable(segment, settings.tierRule, lang);
  const concentration = concentrationTable(segment, lang);
  const curve = concentrationCurve(segment, lang);
  const w1 = widths([[summary, 1], [concentration, 1], [curve, 1]], { 1: 30, 9: 70 });
  // One page: the summary, its charts and the curve's data print together.
  const s1 = book.sheet(summaryName, { columns: w1, ...PRINT, pagesTall: 1 });
  const asOf = totals.asOf !== undefined ? dayToIso(totals.asOf) : '';
  title(
    s1,
    styles,
    1,
    zh
      ? `客户分级:${groupedCount(totals.customers)} 位客户,截至 ${asOf},价值 = ${basisWord(totals.valueBasis, lang)}`
      : `Customer tiers: ${groupedCount(totals.customers)} customers as of ${asOf}, value = ${basisWord(totals.valueBasis, lang)}`,
  );
  const hint = zh ? `每一列的含义见“${SHEETS.readMe.zh}”工作表,设置与模型见“${SHEETS.model.zh}”工作表。` : `What every column means is on the "${SHEETS.readMe.en}" sheet; settings and model on the "${SHEETS.model.en}" sheet.`;
  s1.row(2, [hint], [styles.id({ font: { italic: true, color: '595959' } })]);
  const summaryHead = 4;
  let row = placeTable(s1, styles, summary, { row: summaryHead, wrap: [9], widths: byColumn(w1) });
  const concentrationHead = row + 1;
  row = placeTable(s1, styles, concentration, { row: concentrationHead, wrap: [1], widths: byColumn(w1) });
  const italic = styles.id({ font: { italic: true } });
  for (const w of segment.warnings) s1.row(++row, [w], [italic]);
  const chartTop = row + 1; // 0-based row of the charts' top edge = one empty row below
  const chartRows = 20;
  const curveHead = chartTop + chartRows + 2;
  title(s1, styles, curveHead - 1, curve.title, 11);
  placeTable(s1, styles, curve, { row: curveHead, widths: byColumn(w1) });
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
  s1.end({
    charts: [
      { anchor: { fromCol: 0, fromRow: chartTop, toCol: 4, toRow: chartTop + chartRows }, spec: tiersChart },
      { anchor: { fromCol: 4, fromRow: chartTop, toCol: 8, toRow: chartTop + chartRows }, spec: curveChart },
    ],
  });

  // 2. The customers: an Excel table, most valuable first, real dates, units in the headings.
  const customersName = SHEETS.customers[lang];
  const { keys } = table;
  const columns = keys.map((k) => table.column(k));
  const headers = uniqueHeaders(keys.map((k) => customerHeader(k, lang, totals)));
  const formats = keys.map(customerFormat);
  // E-mails, names and ids are never cut; other text wraps past 40 characters.
  const s2Widths = keys.map((k, j) => cellColumnWidth(columns[j]!, formats[j]!, { heading: headers[j], max: k === 'email' || k === 'name' || k === 'id' ? 60 : 40 }));
  // Each column's number format, also on the column itself so that a value typed below the table takes it.
  const numFmts = formats.map((f) => EXCEL_NUMBER_FORMATS[f]);
  const columnStyles = numFmts.map((numFmt) => (numFmt === undefined ? 0 : styles.id({ numFmt })));
  const s2 = book.sheet(customersName, { columns: keys.map((_, j) => ({ width: s2Widths[j]!, style: columnStyles[j] })), frozen: { rows: 1, cols: 1 }, ...PRINT });
  s2.row(
    1,
    headers,
    numFmts.map((numFmt) => styles.id({ ...HEADER, numFmt })),
    { height: wrappedHeight(headers.map((h, j) => ({ text: h, width: s2Widths[j]!, bold: true }))) ?? 18 },
  );
  const tierAt = keys.indexOf('tier');
  // The tier cell is painted in its tier's colour: one row format per tier.
  const tierStyles = new Map<keyof typeof tierColors, number[]>();
  const rowStyles = (tier: keyof typeof tierColors): number[] => {
    let s = tierStyles.get(tier);
    if (s === undefined) tierStyles.set(tier, (s = columnStyles.map((id, j) => (j === tierAt ? styles.id({ numFmt: numFmts[j], fill: hex(tierColors[tier].fill) }) : id))));
    return s;
  };
  // Each row's formats looked up once, in row order, so the tier formats are made in the order they were before.
  const styleOfRow = tierAt >= 0 ? table.tiers.map(rowStyles) : undefined;
  const write = s2.columnRows({ columns, styles: styleOfRow ? (i) => styleOfRow[i]! : () => columnStyles }, 2);
  for (let from = 0; from < table.rows; from += 512) {
    write(from, Math.min(from + 512, table.rows));
    // About every half megabyte of XML, the event loop turns: compressed pieces return to be filled again
    // (zip-writer.ts, PiecePool) instead of every megabyte of the sheet being written into fresh memory.
    await new Promise((resolve) => setImmediate(resolve));
  }
  s2.end({
    printTitleRows: '1:1',
    tables: [{ name: 'Customers', ref: `A1:${col(keys.length)}${table.rows + 1}`, columns: headers, style: 'TableStyleMedium2' }],
  });

  // 3. Model and settings.
  const modelName = SHEETS.model[lang];
  const settingsT = settingsTable(analysis, input.source, lang);
  const s3 = book.sheet(modelName, { columns: [{ width: 46 }, { width: 90 }], ...PORTRAIT });
  placeTable(s3, styles, settingsT, { row: 1, wrap: [1, 2], left: [2], widths: [0, 46, 90] });
  s3.end();

  // 4. The holdout check, with the chart of Fader, Hardie & Lee (2005), figure 4.
  if (input.holdout) {
    const holdoutName = SHEETS.holdout[lang];
    const table = holdoutTable(input.holdout, totals.unit, lang);
    const w4 = widths([[table, 1]], { 1: 24 });
    const s4 = book.sheet(holdoutName, { columns: w4, ...PRINT });
    title(s4, styles, 1, table.title, 12);
    const headRow = 3;
    placeTable(s4, styles, table, { row: headRow, widths: byColumn(w4) });
    const groups = table.rows.filter((r) => !r.total);
    const cats = ref(holdoutName, 1, headRow + 1, headRow + groups.length, texts(table, 0));
    s4.end({
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
    const s5 = book.sheet(rejectedName, { columns: [{ width: 10 }, { width: 100 }], frozen: { rows: 1, cols: 0 }, ...PORTRAIT });
    placeTable(s5, styles, table, { row: 1, wrap: [2], widths: [0, 10, 100] });
    s5.end({ printTitleRows: '1:1' });
  }

  // 6. Read me: every column and rule in the chosen language.
  const readMeName = SHEETS.readMe[lang];
  const readMe = readMeTable(keys, lang, totals, settings);
  const s6 = book.sheet(readMeName, { columns: [{ width: 36 }, { width: 100 }], ...PORTRAIT });
  placeTable(s6, styles, readMe, { row: 1, wrap: [1, 2], widths: [0, 36, 100] });
  s6.end({ printTitleRows: '1:1' });

  return book.finish();
}

/** Widths indexed by 1-based column, as placeTable takes them. */
function byColumn(columns: readonly { width: number }[]): number[] {
  return [0, ...columns.map((c) => c.width)];
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
