/**
 * The segment workbook as an analyst gets it from `cvlens segment … --out
 * x.xlsx` (issue 12, item 2): read back with exceljs for cells, formats and
 * sheet setup, and as a zip for the parts exceljs does not read (tables,
 * charts, print titles).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTransactions, parseScoreSpec, readTransactions, type Transaction } from '../core/index.ts';
import { runCli } from './run-cli.ts';
import { segmentWorkbook } from './workbook.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-workbook-'));
const demo = join(dir, 'demo.csv');
const en = join(dir, 'en.xlsx');
const zh = join(dir, 'zh.xlsx');

beforeAll(() => {
  const made = runCli(['demo', '--out', demo, '--customers', '800', '--seed', '7']);
  expect(made.code, made.stderr).toBe(0);
  // One row no reader can use: it must reach the rejected-rows sheet with its line.
  appendFileSync(demo, 'C0000001,not a date,12.50,,\n');
  const runs = [
    runCli(['segment', demo, '--calibration-end', '2026-01-31', '--out', en]),
    runCli(['segment', demo, '--lang', 'zh', '--model', 'none', '--out', zh]),
  ];
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
}, 180_000);

async function open(path: string): Promise<{ wb: ExcelJS.Workbook; zip: JSZip }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return { wb, zip: await JSZip.loadAsync(readFileSync(path)) };
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('the segment workbook (English, with a holdout and a rejected row)', () => {
  it('has the sheets an analyst expects, summary first', async () => {
    const { wb } = await open(en);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tier summary', 'Customers', 'Model', 'Holdout', 'Rejected rows', 'Read me']);
  });

  it('shows shares as percentages and the Gini coefficient with three decimals (they showed as 1 and 1)', async () => {
    const { wb } = await open(en);
    const s = wb.getWorksheet('Tier summary')!;
    expect(rowValues(s, 4)).toEqual([
      'Tier', 'Contribution (value ÷ mean value)', 'Customers', 'Share of customers', 'Net sales', 'Share of net sales',
      'Average net sales per customer', 'Lifetime value (next 365 days)', 'Management strategy',
    ]);
    expect(rowValues(s, 5).slice(0, 2)).toEqual(['VIP', '> 4']);
    for (let r = 5; r <= 9; r++) {
      expect(s.getCell(r, 4).numFmt).toBe('0.0%');
      expect(s.getCell(r, 6).numFmt).toBe('0.0%');
      expect(s.getCell(r, 5).numFmt).toBe('#,##0.00');
      expect(s.getCell(r, 3).numFmt).toBe('#,##0');
    }
    expect(s.getCell(9, 1).value).toBe('Total');
    expect(s.getCell(9, 1).font?.bold).toBe(true);
    expect(String(s.getCell(5, 9).value)).toMatch(/^Top priority/);
    // The concentration table under it: the top-20 % label is wrapped in a row tall enough, not cut.
    expect(s.getCell(12, 1).value).toBe('Share of net sales held by the top 20 % of customers');
    expect(s.getCell(12, 2).numFmt).toBe('0.0%');
    expect(s.getCell(13, 2).numFmt).toBe('0.000');
    expect(s.getCell(13, 2).value as number).toBeGreaterThan(0.3);
    expect(s.getRow(12).height).toBeGreaterThan(15);
    expect(s.getCell(12, 1).alignment?.wrapText).toBe(true);
  });

  it('lists the customers in an Excel table with a frozen, styled header, units in the headings and real dates', async () => {
    const { wb, zip } = await open(en);
    const s = wb.getWorksheet('Customers')!;
    const header = rowValues(s, 1) as string[];
    for (const h of ['First to last purchase (weeks)', 'Customer for (weeks)', 'Since last purchase (weeks)', 'Lifetime value (next 365 days)', 'Churn risk (no purchase in 90 days)', 'Contribution (value ÷ mean value)']) {
      expect(header).toContain(h);
    }
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.getCell(1, 1).font?.bold).toBe(true);
    expect((s.getCell(1, 1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF1F4E79');

    // First purchase is an Excel date shown as a date, and it is the customer's first row of the CSV.
    const first = header.indexOf('First purchase') + 1;
    const id = String(s.getCell(2, 1).value);
    const cell = s.getCell(2, first);
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    const dates = readFileSync(demo, 'utf8').split('\n').filter((l) => l.startsWith(`${id},`)).map((l) => l.split(',')[1]!).sort();
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(dates[0]);
    expect(s.getCell(2, header.indexOf('Churn risk (no purchase in 90 days)') + 1).numFmt).toBe('0.0%');

    // E-mails are never cut: the column is at least as wide as the longest address.
    const email = header.indexOf('Email') + 1;
    let longest = 0;
    s.eachRow((row, n) => n > 1 && (longest = Math.max(longest, String(row.getCell(email).value ?? '').length)));
    expect(longest).toBeGreaterThan(20);
    expect(s.getColumn(email).width!).toBeGreaterThanOrEqual(longest);

    const table = await zip.file('xl/tables/table1.xml')!.async('string');
    const last = s.rowCount;
    expect(last).toBe(801);
    expect(table).toMatch(new RegExp(`ref="A1:[A-Z]+${last}"`));
    const names = [...table.matchAll(/<tableColumn id="\d+" name="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(names).toEqual(header);
    expect(table).toContain('TableStyleMedium2');
  });

  it('prints landscape, one page wide, with the header row on every page', async () => {
    const { wb, zip } = await open(en);
    const s = wb.getWorksheet('Customers')!;
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Customers'!$1:$1</definedName>`);
  });

  it('draws the tiers, the concentration curve and the holdout check as native charts over the sheet cells', async () => {
    const { wb, zip } = await open(en);
    const charts = await Promise.all([1, 2, 3].map((n) => zip.file(`xl/charts/chart${n}.xml`)!.async('string')));
    expect(charts[0]).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(charts[0]).toContain(`<c:f>'Tier summary'!$D$5:$D$8</c:f>`);
    expect(charts[0]).toContain(`<c:f>'Tier summary'!$F$5:$F$8</c:f>`);
    // The cached values are the cells' values.
    const s = wb.getWorksheet('Tier summary')!;
    const cached = [...charts[0]!.split(`'Tier summary'!$F$5:$F$8`)[1]!.matchAll(/<c:v>([^<]*)<\/c:v>/g)].slice(0, 4).map((m) => Number(m[1]));
    expect(cached).toEqual([5, 6, 7, 8].map((r) => s.getCell(r, 6).value));
    expect(charts[1]).toContain('<c:scatterChart>');
    expect(charts[2]).toContain('<c:lineChart>');
    expect(charts[2]).toContain(`<c:f>'Holdout'!$C$4:$C$11</c:f>`);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    for (const part of ['/xl/charts/chart1.xml', '/xl/drawings/drawing1.xml', '/xl/drawings/drawing2.xml', '/xl/tables/table1.xml']) expect(types).toContain(`PartName="${part}"`);
    const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v xmllint']).status !== 0)('writes every XML part well-formed (xmllint)', async () => {
    const { zip } = await open(en);
    const parts = Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f));
    expect(parts.length).toBeGreaterThan(15);
    for (const part of parts) {
      const file = join(dir, 'part.xml');
      writeFileSync(file, await zip.file(part)!.async('nodebuffer'));
      const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
      expect(lint.status, `${part}: ${lint.stderr}`).toBe(0);
    }
  });

  it('records every setting and the model chosen, and why', async () => {
    const { wb } = await open(en);
    const s = wb.getWorksheet('Model')!;
    const rows = new Map<string, ExcelJS.Cell>();
    s.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2)));
    expect(rows.get('Tier method and cut points')?.value).toBe('contribution = value ÷ mean value: VIP above 4, Major above 2, Ordinary above 1, Small 1 or less');
    expect(rows.get('Lifetime value horizon (days)')?.value).toBe(365);
    expect(rows.get('Churn risk horizon (days)')?.value).toBe(90);
    expect(rows.get('Discount rate per year')?.value).toBe(0.1);
    expect(rows.get('Discount rate per year')?.numFmt).toBe('0.0%');
    expect((rows.get('As of (the day the analysis is taken)')?.value as Date).toISOString().slice(0, 10)).toBe('2026-06-30');
    expect((rows.get('Holdout check: calibration end')?.value as Date).toISOString().slice(0, 10)).toBe('2026-01-31');
    expect(String(rows.get('Model used')?.value)).toMatch(/^(BG\/NBD|MBG\/NBD|Pareto\/NBD)$/);
    expect(String(rows.get('Why this model')?.value)).toMatch(/was chosen/);
    expect(rows.get('Rows that could not be used (see their sheet)')?.value).toBe(1);
  });

  it('lists the rejected row with its line, and defines every customer column on the Read me sheet', async () => {
    const { wb } = await open(en);
    const rejected = wb.getWorksheet('Rejected rows')!;
    const lines = readFileSync(demo, 'utf8').trimEnd().split('\n').length;
    expect(rowValues(rejected, 1)).toEqual(['Line', 'Reason']);
    expect(rejected.getCell(2, 1).value).toBe(lines);
    expect(String(rejected.getCell(2, 2).value)).toMatch(/date/i);
    const readMe = wb.getWorksheet('Read me')!;
    const defined = new Set<string>();
    readMe.eachRow((row) => defined.add(String(row.getCell(1).value)));
    for (const h of rowValues(wb.getWorksheet('Customers')!, 1)) expect(defined, String(h)).toContain(h);
    for (const rule of ['Tiers', 'Contribution band', 'Management strategy', 'Churn levels', 'Value matrix', 'Concentration']) expect(defined).toContain(rule);
  });
});

describe('the segment workbook in Chinese', () => {
  it('names sheets, headings, shares and the read me in Chinese', async () => {
    const { wb } = await open(zh);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['客户分级汇总', '客户', '模型', '未使用的行', '说明']);
    const s = wb.getWorksheet('客户分级汇总')!;
    expect(rowValues(s, 4).slice(0, 6)).toEqual(['客户等级', '客户贡献度(价值÷平均价值)', '客户数', '占总人数比例', '销售额', '占销售额比例']);
    const header = rowValues(wb.getWorksheet('客户')!, 1);
    expect(header).toContain('成为客户(周)');
    expect(header).toContain('首末购买间隔(周)');
    const model = new Set<string>();
    wb.getWorksheet('模型')!.eachRow((row) => model.add(String(row.getCell(1).value)));
    expect(model).toContain('分级方法与分界点');
    const readMe = new Map<string, string>();
    wb.getWorksheet('说明')!.eachRow((row) => readMe.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(readMe.get('成为客户(周)')).toContain('单位:周');
    expect(readMe.get('客户分级')).toBe('客户贡献度 = 价值 ÷ 平均价值:VIP客户 > 4,主要客户 > 2,普通客户 > 1,小客户 ≤ 1。');
  });
});

describe('the composite score (综合评价法) in the workbook', () => {
  it('adds the score and its rank beside the tier when customers have one', async () => {
    const rows: Transaction[] = [];
    readTransactions(readFileSync(demo), { onTransaction: (t) => rows.push(t) });
    // The key indicator alone as the score: the most valuable customer ranks first.
    const analysis = analyzeTransactions(rows, { model: 'none', score: parseScoreSpec('value:1') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await segmentWorkbook({ analysis, lang: 'en', rejected: [], source: {} })) as unknown as ExcelJS.Buffer);
    const s = wb.getWorksheet('Customers')!;
    const header = rowValues(s, 1) as string[];
    const score = header.indexOf('Composite score') + 1;
    const rank = header.indexOf('Rank by composite score') + 1;
    expect(score).toBeGreaterThan(0);
    expect(rank).toBe(score + 1);
    expect(header[rank]).toBe('Tier');
    // Rows come most valuable first, so the first has rank 1.
    expect(s.getCell(2, rank).value).toBe(1);
    expect(s.getCell(2, score).numFmt).toBe('0.000');
    const ranks: number[] = [];
    s.eachRow((row, n) => n > 1 && ranks.push(row.getCell(rank).value as number));
    expect(Math.max(...ranks)).toBeLessThanOrEqual(800);
  });
});
