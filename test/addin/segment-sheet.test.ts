/**
 * The segment sheet generator against the in-memory Excel: what lands on the
 * new sheet, and how many round trips (syncs) it takes.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisOptions } from '../../addin/shared/analyze.ts';
import { inspectCells } from '../../addin/shared/analyze.ts';
import { CHUNK_ROWS, describeSelection, MAX_READ_CELLS, readValues, SelectionTooLargeError, type ExcelHost } from '../../addin/taskpane/excel-io.ts';
import { generateSegmentSheet } from '../../addin/taskpane/generate.ts';
import { CUSTOMERS_ROW, TIER_COLOURS } from '../../addin/taskpane/segment-plan.ts';
import { formatMessage } from '../../core/index.ts';
import { createExcelMock, type ExcelMock } from './excel-mock/index.ts';

const hostOf = (mock: ExcelMock) => mock.Excel as unknown as ExcelHost;
const D = 45292; // 2024-01-01

const options = (inspection: ReturnType<typeof inspectCells>): AnalysisOptions => ({
  mapping: inspection.mapping,
  hasHeader: inspection.hasHeader,
  firstRow: 1,
  unit: 'week',
  tierRule: { method: 'contribution' },
  model: 'none',
  horizonDays: 365,
  annualDiscount: 0.1,
});

/** Ten customers: c0 buys most; one bad row (text amount). */
function smallSheet(): (string | number)[][] {
  const rows: (string | number)[][] = [['Customer ID', 'Order date', 'Amount']];
  for (let c = 0; c < 10; c++) {
    for (let k = 0; k <= c % 3; k++) rows.push([`c${c}`, D + c * 3 + k * 20, c === 0 ? 5000 : 100 + c * 10]);
  }
  rows.push(['c99', D, 'n/a']);
  return rows;
}

async function selectAndGenerate(mock: ExcelMock) {
  const host = hostOf(mock);
  const info = await describeSelection(host);
  const values = await readValues(host, info);
  const inspection = inspectCells(values);
  return { info, inspection, generated: await generateSegmentSheet(host, values, options(inspection), 'en') };
}

describe('segment sheet on the in-memory Excel', () => {
  it('writes the summary, the customer table, the chart, tier colours and rejected rows', async () => {
    const mock = createExcelMock();
    const rows = smallSheet();
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const { inspection, generated } = await selectAndGenerate(mock);
    expect(inspection.mapping).toEqual({ customerId: 0, date: 1, amount: 2 });
    expect(generated.write.sheet).toBe('Segments');

    const s = mock.state.sheet('Segments');
    if (!s) throw new Error('no sheet');
    expect(String(s.get(0, 0))).toMatch(/^Customer segments: 10 customers, as of 2024-/);
    // Tier summary at A4 (core/report's, as in the command line's workbook): header + VIP, Major, Ordinary, Small; counts add up to 10.
    expect(s.read({ row: 3, col: 0, rows: 1, cols: 9 })[0]).toEqual([
      'Tier', 'Contribution (value ÷ mean value)', 'Customers', 'Share of customers', 'Net sales', 'Share of net sales',
      'Average net sales per customer', 'Lifetime value (next 365 days)', 'Management strategy',
    ]);
    expect(s.read({ row: 4, col: 0, rows: 4, cols: 2 })).toEqual([['VIP', '> 4'], ['Major', '(2, 4]'], ['Ordinary', '(1, 2]'], ['Small', '≤ 1']]);
    const counts = s.read({ row: 4, col: 2, rows: 4, cols: 1 }).flat() as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    // c0 (5000 of ~6,600) is the only VIP by contribution (> 4 × mean).
    expect(counts[0]).toBe(1);
    expect(s.fillAt(4, 0)).toBe(TIER_COLOURS.VIP);

    // Customer table: header row at row 18, most valuable first.
    const wide = s.read({ row: CUSTOMERS_ROW, col: 0, rows: 1, cols: 60 })[0];
    const header = wide.slice(0, wide.indexOf(''));
    expect(header.slice(0, 3)).toEqual(['Customer', 'First purchase', 'Last purchase']);
    for (const h of ['R score', 'Value', 'Lifetime value', 'Churn risk (no purchase in 90 days)', 'Tier', 'Value matrix', 'Lifecycle stage']) expect(header).toContain(h);
    const col = (h: string) => header.indexOf(h);
    expect(s.get(CUSTOMERS_ROW + 1, 0)).toBe('c0');
    expect(s.get(CUSTOMERS_ROW + 1, col('Net sales'))).toBe(5000);
    expect(s.get(CUSTOMERS_ROW + 1, col('First purchase'))).toBe(D);
    expect(s.get(CUSTOMERS_ROW + 1, col('Tier'))).toBe('VIP');
    expect(s.fillAt(CUSTOMERS_ROW + 1, col('Tier'))).toBe(TIER_COLOURS.VIP);
    expect(s.fillAt(CUSTOMERS_ROW + 10, col('Tier'))).toBe(TIER_COLOURS.Small);
    expect(s.numberFormatAt(CUSTOMERS_ROW + 5, col('First purchase'))).toBe('yyyy-mm-dd');
    expect(s.numberFormatAt(CUSTOMERS_ROW + 5, col('Churn risk (no purchase in 90 days)'))).toBe('0.0%');
    expect(s.get(CUSTOMERS_ROW + 11, 0)).toBe('');

    // Excel tables over the summary and the customers.
    expect(s.tables.map((t) => [t.name, t.rect, t.hasHeaders])).toEqual([
      ['TierSummary', { row: 3, col: 0, rows: 5, cols: 9 }, true],
      ['Segments', { row: CUSTOMERS_ROW, col: 0, rows: 11, cols: header.length }, true],
    ]);
    // Concentration block (one column right of the summary) and its chart.
    expect(s.read({ row: 3, col: 10, rows: 1, cols: 2 })[0]).toEqual(['Top customers', 'Share of value']);
    expect(s.get(13, 10)).toBe(1);
    expect(s.get(13, 11)).toBeCloseTo(1, 12);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({ type: 'Line', title: 'Value concentration', source: { row: 3, col: 10, rows: 11, cols: 2 } });

    // The rejected row, with its sheet row number and reason, right of the table.
    const rej = header.length + 1;
    expect(s.get(CUSTOMERS_ROW, rej)).toBe('Sheet row');
    expect(s.get(CUSTOMERS_ROW + 1, rej)).toBe(rows.length);
    expect(String(s.get(CUSTOMERS_ROW + 1, rej + 1))).toMatch(/amount/i);
    expect(mock.state.sheets[mock.state.active].name).toBe('Segments');
  });

  it('makes a fresh sheet, and fresh table names, when run again', async () => {
    const mock = createExcelMock();
    const rows = smallSheet();
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    await selectAndGenerate(mock);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const again = await selectAndGenerate(mock);
    expect(again.generated.write.sheet).toBe('Segments (2)');
    expect(again.generated.write.tables).toEqual(['TierSummary_2', 'Segments_2']);
    expect(mock.state.sheets.map((x) => x.name)).toEqual(['Sheet1', 'Segments', 'Segments (2)']);
  });

  it('reads and writes 100,000 rows in the number of syncs the 5,000-row chunks imply', async () => {
    const mock = createExcelMock();
    const rows: (string | number)[][] = [['id', 'date', 'amount']];
    // 25,000 customers × 4 purchases.
    for (let i = 0; i < 100_000; i++) rows.push([`C${i % 25_000}`, D + (i % 300), 10 + (i % 97)]);
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const { generated } = await selectAndGenerate(mock);
    const s = mock.state.sheet('Segments');
    if (!s) throw new Error('no sheet');
    expect(s.get(CUSTOMERS_ROW + 25_000, 0)).not.toBe('');
    expect(s.get(CUSTOMERS_ROW + 25_001, 0)).toBe('');

    // Reading: 1 sync to size the selection + ⌈100,001 / 5,000⌉ = 21 chunks.
    const readSyncs = 1 + Math.ceil(rows.length / CHUNK_ROWS);
    // Writing: sheet names, add sheet, ⌈all block rows / 5,000⌉ value syncs, 1 format sync.
    const planned = 1 /* title */ + (s.get(1, 0) === '' ? 0 : 1) + 5 /* summary */ + 11 /* concentration */ + 25_001;
    const writeSyncs = 2 + Math.ceil(planned / CHUNK_ROWS) + 1;
    expect(generated.write.syncs).toBe(writeSyncs);
    expect(mock.stats.syncs).toBe(readSyncs + writeSyncs);
    expect(mock.stats.failedSyncs).toBe(0);
    expect(Math.max(...mock.stats.requestBytes)).toBeLessThan(5 * 1024 * 1024);
  });

  it('halves the chunk when a request is too large, and still writes everything', async () => {
    const mock = createExcelMock({ payloadLimit: 400_000 });
    const rows: (string | number)[][] = [['id', 'date', 'amount']];
    for (let i = 0; i < 12_000; i++) rows.push([`customer-with-a-long-id-${i}`, D + (i % 200), 10 + (i % 13)]);
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const { generated } = await selectAndGenerate(mock);
    expect(mock.stats.failedSyncs).toBeGreaterThan(0);
    expect(generated.write.chunkRows).toBeLessThan(CHUNK_ROWS);
    const s = mock.state.sheet('Segments');
    expect(s?.get(CUSTOMERS_ROW + 12_000, 0)).not.toBe('');
    expect(s?.tables.find((t) => t.name === 'Segments')?.rect.rows).toBe(12_001);
  });

  it('refuses a selection above the read limit before reading anything', async () => {
    const mock = createExcelMock();
    const info = { sheet: 'Sheet1', address: 'Sheet1!A1:Z200000', rowIndex: 0, columnIndex: 0, rowCount: 200_000, columnCount: 26, expanded: false };
    expect(info.rowCount * info.columnCount).toBeGreaterThan(MAX_READ_CELLS);
    await expect(readValues(hostOf(mock), info)).rejects.toBeInstanceOf(SelectionTooLargeError);
    expect(mock.stats.syncs).toBe(0);
  });

  it('deletes the half-written sheet when cancelled', async () => {
    const mock = createExcelMock();
    const rows: (string | number)[][] = [['id', 'date', 'amount']];
    for (let i = 0; i < 30_000; i++) rows.push([`C${i}`, D + (i % 50), 5]);
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const host = hostOf(mock);
    const values = await readValues(host, await describeSelection(host));
    const controller = new AbortController();
    const run = generateSegmentSheet(host, values, options(inspectCells(values)), 'en', {
      signal: controller.signal,
      onProgress: (f) => f > 0 && f < 1 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(mock.state.sheets.map((x) => x.name)).toEqual(['Sheet1']);
  });

  it('writes customer ids as text: leading zeros, 18 digits and formula-like ids survive, and no formula is made', async () => {
    const mock = createExcelMock();
    const ids = ['00123', '123456789012345678', '=1+1', '-5', '2024-01-02', 'TRUE', 'c7', 'c8', 'c9', 'c10'];
    const rows: (string | number)[][] = [['Customer ID', 'Order date', 'Amount']];
    ids.forEach((id, c) => {
      for (let k = 0; k <= c % 3; k++) rows.push([id, D + c * 3 + k * 20, 100 + c * 10]);
    });
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    await selectAndGenerate(mock);
    const s = mock.state.sheet('Segments');
    if (!s) throw new Error('no sheet');
    const written = s.read({ row: CUSTOMERS_ROW + 1, col: 0, rows: ids.length, cols: 1 }).flat();
    expect([...written].sort()).toEqual([...ids].sort());
    expect(s.formulas.size).toBe(0);
  });
  it('says every core sentence on the sheet in Chinese: the notes (the model choice) and each rejected row\'s reason', async () => {
    const mock = createExcelMock();
    const rows = smallSheet();
    rows.push(['', D, 12]);
    mock.setSheet('Sheet1', rows);
    mock.select('Sheet1', `A1:C${rows.length}`);
    const host = hostOf(mock);
    const info = await describeSelection(host);
    const values = await readValues(host, info);
    const inspection = inspectCells(values);
    // 'auto' with ten customers cannot fit a model: the note says why, which is core's selection message.
    const generated = await generateSegmentSheet(host, values, { ...options(inspection), model: 'auto' }, 'zh');
    const s = mock.state.sheet('客户分层');
    if (!s) throw new Error('no sheet');
    const notes = String(s.get(1, 0));
    const reason = generated.analysis.models.selection.reasonMessage;
    expect(notes).toContain(formatMessage(reason, 'zh'));
    expect(notes).not.toContain(generated.analysis.models.selection.reason);
    // Every note is said from its message: the Chinese sentence is there, the English one is not.
    const messages = generated.analysis.result.warningMessages;
    expect(messages.length).toBe(generated.analysis.result.warnings.length);
    for (const m of messages) {
      expect(notes).toContain(formatMessage(m, 'zh'));
      expect(notes).not.toContain(formatMessage(m, 'en'));
    }
    // Core's model notes and a fit error's own reason inside a note are messages too: no English word is left but model names.
    const english = notes.replace(/MBG\/NBD|BG\/NBD|Pareto\/NBD|Gamma-Gamma|Pearson|Poisson|AIC|BIC|NBD/g, '');
    expect(english.match(/[A-Za-z]{4,}[^。]*/g)).toBeNull();
    const wide = s.read({ row: CUSTOMERS_ROW, col: 0, rows: 1, cols: 60 })[0];
    const at = wide.indexOf('原因');
    expect(at).toBeGreaterThan(0);
    const reasons = s.read({ row: CUSTOMERS_ROW + 1, col: at - 1, rows: 2, cols: 2 });
    expect(reasons).toEqual([
      [rows.length - 1, '金额“n/a”不是数字'],
      [rows.length, '客户编号为空'],
    ]);
  });
});
