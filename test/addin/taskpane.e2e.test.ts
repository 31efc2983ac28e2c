/**
 * The task pane in a real Chromium, with the in-memory Excel behind it:
 * select a range, see the detected mapping, generate, see the summary in
 * the pane and the new sheet in the workbook, export the scored customers.
 * The built add-in (dist layout) is served through page.route; office.js
 * from the CDN is replaced by the mock, injected before the page scripts.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'https://cvlens.test/';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`task pane browser test skipped: no Chromium at ${CHROMIUM}`);

const D = 45292; // 2024-01-01
const rows: (string | number)[][] = [['客户编号', '交易日期', '金额']];
for (let c = 0; c < 40; c++) for (let k = 0; k <= c % 4; k++) rows.push([`K${String(c).padStart(3, '0')}`, D + c + k * 30, c === 0 ? 9000 : 50 + c * 5]);

async function mockBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: path.join(here, 'excel-mock/browser.ts'), formats: ['iife'], name: 'excelMock', fileName: () => 'mock.js' } },
  });
  const result = Array.isArray(out) ? out[0] : out;
  if (!('output' in result)) throw new Error('unexpected vite build result');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no mock bundle');
  return chunk.code;
}

describe.skipIf(!haveChromium)('task pane in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dist: string;
  let mock: string;
  const errors: string[] = [];

  /** A page with the built pane and an in-memory workbook set up as given. */
  async function openPane(setup: object): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '/* office.js replaced by the in-memory Excel */' }));
    await p.route(`${ORIGIN}**`, (route) => {
      const rel = new URL(route.request().url()).pathname.slice(1);
      const file = path.join(dist, rel);
      if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      const type = rel.endsWith('.html') ? 'text/html' : rel.endsWith('.js') ? 'text/javascript' : rel.endsWith('.css') ? 'text/css' : 'application/octet-stream';
      return route.fulfill({ contentType: type, body: readFileSync(file) });
    });
    await p.addInitScript({ content: `window.__excelMockSetup = ${JSON.stringify(setup)};\n${mock}` });
    await p.goto(`${ORIGIN}taskpane.html`);
    return p;
  }

  beforeAll(async () => {
    dist = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-pane-')), 'dist');
    await buildAddin({ outDir: dist, baseUrl: ORIGIN, minify: false });
    mock = await mockBundle();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await openPane({ displayLanguage: 'en-US', sheet: { name: 'Sheet1', rows }, select: `A1:C${rows.length}` });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('detects the columns of the selected range (Chinese headers) and previews it', async () => {
    await page.getByRole('button', { name: 'Use selection' }).click();
    await expect.poll(() => page.getByTestId('selection').textContent()).toContain(`Sheet1!A1:C${rows.length}`);
    expect(await page.locator('select[data-role="customerId"]').inputValue()).toBe('0');
    expect(await page.locator('select[data-role="date"]').inputValue()).toBe('1');
    expect(await page.locator('select[data-role="amount"]').inputValue()).toBe('2');
    expect(await page.locator('[data-testid="preview"] th').allTextContents()).toEqual(['客户编号', '交易日期', '金额']);
    expect(await page.locator('[data-testid="preview"] tbody tr').count()).toBe(5);
  });

  it('generates the segment sheet and shows the tier summary', async () => {
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('tier-summary').waitFor();
    const tiers = await page.locator('[data-testid="tier-summary"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tier')));
    expect(tiers).toEqual(['VIP', 'Major', 'Ordinary', 'Small']);
    const counts = await page.locator('[data-testid="tier-summary"] tbody td:nth-child(2)').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(40);
    expect(await page.getByRole('status').last().textContent()).toMatch(/Sheet "Segments" written: 40 customers/);

    const book = await page.evaluate(() => {
      const m = window.__excelMock;
      const s = m.state.sheet('Segments');
      return { sheets: m.state.sheets.map((x) => x.name), tables: s?.tables.map((t) => t.name), charts: s?.charts.length, first: s?.get(18, 0), syncs: m.stats.syncs };
    });
    expect(book.sheets).toEqual(['Sheet1', 'Segments']);
    expect(book.tables).toEqual(['TierSummary', 'Segments']);
    expect(book.charts).toBe(1);
    expect(book.first).toBe('K000');
    expect(errors).toEqual([]);
  });

  it('downloads the scored-customers CSV for the browser extension', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export for the browser extension' }).click()]);
    expect(download.suggestedFilename()).toBe('cvlens-scored-customers.csv');
    const file = await download.path();
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header.split(',')[0]).toBe('cvlens_id');
    expect(lines).toHaveLength(40);
    expect(lines[0].startsWith('K000,')).toBe(true);
  });

  it('speaks Chinese when Office does, and segments one-row-per-customer data', async () => {
    const customers: (string | number)[][] = [['客户编号', '重复购买次数', '首末购买间隔', '客户年龄', '销售额']];
    for (let c = 0; c < 30; c++) customers.push([`C${c}`, c % 4, (c % 4) * 5, 30, c === 0 ? 5000 : 100 + c]);
    const zh = await openPane({ displayLanguage: 'zh-CN', sheet: { name: 'Sheet1', rows: customers }, select: `A1:E${customers.length}` });
    await zh.getByRole('button', { name: '使用所选区域' }).click();
    await expect.poll(() => zh.getByTestId('kind').inputValue()).toBe('customers');
    expect(await zh.locator('select[data-role="T"]').inputValue()).toBe('3');
    await zh.getByRole('button', { name: '生成', exact: true }).click();
    await zh.getByTestId('tier-summary').waitFor();
    expect(await zh.locator('[data-testid="tier-summary"] tbody td:first-child').allTextContents()).toEqual(['VIP客户', '主要客户', '普通客户', '小客户']);
    const sheet = await zh.evaluate(() => {
      const s = window.__excelMock.state.sheet('客户分层');
      return { rows: s?.usedRect()?.rows, vip: s?.get(18, 0) };
    });
    expect(sheet.vip).toBe('C0');
    expect(errors).toEqual([]);
    await zh.context().close();
  });

  it('says what is missing, in the display language, where Excel lacks ExcelApi 1.7, instead of failing at the first click', async () => {
    const old = await openPane({ displayLanguage: 'zh-CN', unsupported: ['ExcelApi 1.7'], sheet: { name: 'Sheet1', rows }, select: 'A1:C5' });
    const notice = old.getByTestId('requirements');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('它不支持 ExcelApi 1.7');
    expect(await old.getByRole('button', { name: '使用所选区域' }).count()).toBe(0);
    await old.context().close();
    const noMessages = await openPane({ displayLanguage: 'en-US', unsupported: ['CustomFunctionsRuntime 1.2'], sheet: { name: 'Sheet1', rows }, select: 'A1:C5' });
    await noMessages.getByTestId('requirements').waitFor();
    expect(await noMessages.getByTestId('requirements').textContent()).toMatch(/CustomFunctionsRuntime 1\.2.*CV functions may show errors/);
    expect(await noMessages.getByRole('button', { name: 'Use selection' }).count()).toBe(1);
    await noMessages.context().close();
    expect(errors).toEqual([]);
  });
});
