/**
 * The task pane in a real Chromium at Office's narrowest pane width (320 px),
 * with the in-memory Excel behind it: select a range, see the detected
 * mapping, generate (progress and Cancel beside Generate), see the summary in
 * the pane and the new sheet in the workbook, export the scored customers,
 * import a CSV from the keyboard, error values and header-less ranges, Office's
 * dark theme, Chinese. The built add-in (dist layout) is served through
 * page.route; office.js from the CDN is replaced by the mock, injected before
 * the page scripts. Each state is saved as docs/screenshots/addin-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FileChooser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build.ts';
import { OFFICE_THEMES } from './excel-mock/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, mockBundle, ORIGIN, serveAddin } from './pane-host.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.resolve(here, '../../docs/screenshots');
/** Office's task pane is 320 px wide at its narrowest (Excel on Windows, default width). */
const PANE = { width: 320, height: 760 };
/** A pane the user has dragged wider. */
const WIDE = { width: 500, height: 900 };
if (!haveChromium) console.warn(`task pane browser test skipped: no Chromium at ${CHROMIUM}`);

const D = 45292; // 2024-01-01
const rows: (string | number)[][] = [['客户编号', '交易日期', '金额']];
for (let c = 0; c < 40; c++) for (let k = 0; k <= c % 4; k++) rows.push([`K${String(c).padStart(3, '0')}`, D + c + k * 30, c === 0 ? 9000 : 50 + c * 5]);

describe.skipIf(!haveChromium)('task pane in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dist: string;
  let mock: string;
  const errors: string[] = [];

  /** A page with the built pane and an in-memory workbook set up as given. */
  async function openPane(setup: NonNullable<Window['__excelMockSetup']>): Promise<Page> {
    // The webview's own locale follows Office's display language (date inputs, number formats).
    const locale = setup.displayLanguage?.startsWith('zh') ? 'zh-CN' : 'en-US';
    const context = await browser.newContext({ acceptDownloads: true, viewport: PANE, deviceScaleFactor: 1, locale });
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await serveAddin(p, dist);
    await p.addInitScript({ content: `window.__excelMockSetup = ${JSON.stringify(setup)};\n${mock}` });
    await p.goto(`${ORIGIN}taskpane.html`);
    return p;
  }

  /** A full-page screenshot of the pane as docs/screenshots/addin-NAME.png. */
  async function shot(p: Page, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await p.screenshot({ path: path.join(SHOTS, `addin-${name}.png`), fullPage: true, animations: 'disabled' });
  }

  /** Elements whose box sticks out of the 320 px pane (the preview's own scroll box and its contents excepted). */
  async function overflowing(p: Page, paneWidth = PANE.width): Promise<string[]> {
    return p.evaluate((width) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (el.closest('.scroll') || el.closest('.visually-hidden')) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
      }
      if (document.documentElement.scrollWidth > width) out.push(`page scrollWidth=${document.documentElement.scrollWidth}`);
      return out;
    }, paneWidth);
  }

  const button = (p: Page, name: string) => p.locator('fluent-button', { hasText: name });

  beforeAll(async () => {
    dist = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-pane-')), 'dist');
    await buildAddin({ outDir: dist, baseUrl: ORIGIN, minify: false });
    mock = await mockBundle();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    // Slow syncs (as on a large workbook over Excel on the web) so that progress can be seen and cancelled.
    page = await openPane({ displayLanguage: 'en-US', theme: 'colorful', sheet: { name: 'Sheet1', rows }, select: 'B7', syncDelay: 250 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('idle: the actions, reachable by keyboard, and nothing wider than the pane', async () => {
    await button(page, 'Use selection').waitFor();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'idle');
  });

  it('a single selected cell stands for its table: columns detected (Chinese headers) and previewed', async () => {
    await button(page, 'Use selection').click();
    await expect.poll(() => page.getByTestId('selection').textContent(), { timeout: 15_000 }).toContain(`Sheet1!A1:C${rows.length}`);
    expect(await page.getByTestId('message-source').textContent()).toContain(`using the table around it, Sheet1!A1:C${rows.length}`);
    expect(await page.locator('select[data-role="customerId"]').inputValue()).toBe('0');
    expect(await page.locator('select[data-role="date"]').inputValue()).toBe('1');
    expect(await page.locator('select[data-role="amount"]').inputValue()).toBe('2');
    expect(await page.locator('[data-testid="preview"] th').allTextContents()).toEqual(['客户编号', '交易日期', '金额']);
    expect(await page.locator('[data-testid="preview"] tbody tr').count()).toBe(5);
    expect(await overflowing(page)).toEqual([]);
  });

  it('running: progress and Cancel right under Generate, then the tier summary', async () => {
    await button(page, 'Generate').click();
    const progress = page.getByTestId('progress-run');
    await progress.waitFor();
    // Progress sits under the Generate button, not at the top of the pane.
    const [g, bar] = await Promise.all([button(page, 'Generate').boundingBox(), progress.boundingBox()]);
    expect(bar && g && bar.y > g.y).toBe(true);
    expect(await progress.locator('fluent-button', { hasText: 'Cancel' }).count()).toBe(1);
    await progress.scrollIntoViewIfNeeded();
    await shot(page, 'running');
    await page.getByTestId('tier-summary').waitFor({ timeout: 30_000 });
    const tiers = await page.locator('[data-testid="tier-summary"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-tier')));
    expect(tiers).toEqual(['VIP', 'Major', 'Ordinary', 'Small']);
    const counts = await page.locator('[data-testid="tier-summary"] [data-count]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(await page.getByTestId('message-run').textContent()).toMatch(/Sheet "Segments" written: 40 customers/);

    const book = await page.evaluate(() => {
      const m = window.__excelMock;
      const s = m.state.sheet('Segments');
      return { sheets: m.state.sheets.map((x) => x.name), tables: s?.tables.map((t) => t.name), charts: s?.charts.length, first: s?.get(18, 0) };
    });
    expect(book.sheets).toEqual(['Sheet1', 'Segments']);
    expect(book.tables).toEqual(['TierSummary', 'Segments']);
    expect(book.charts).toBe(1);
    expect(book.first).toBe('K000');
    expect(await overflowing(page)).toEqual([]);
    await page.getByTestId('tier-summary').scrollIntoViewIfNeeded();
    await shot(page, 'done');
    expect(errors).toEqual([]);
  });

  it('Cancel stops a running Generate and leaves no half-written sheet', async () => {
    await button(page, 'Generate').click();
    const cancel = page.getByTestId('progress-run').locator('fluent-button', { hasText: 'Cancel' });
    await cancel.waitFor();
    await cancel.click();
    await expect.poll(() => page.getByTestId('message-run').textContent(), { timeout: 15_000 }).toBe('Cancelled.');
    expect(await page.evaluate(() => window.__excelMock.state.sheets.map((s) => s.name))).toEqual(['Sheet1', 'Segments']);
  });

  it('downloads the scored-customers CSV for the browser extension', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export for the browser extension').click()]);
    expect(download.suggestedFilename()).toBe('cvlens-scored-customers.csv');
    const file = await download.path();
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header.split(',')[0]).toBe('cvlens_id');
    expect(lines).toHaveLength(40);
    expect(lines[0].startsWith('K000,')).toBe(true);
  });

  it('Import CSV from the keyboard (Tab, Enter), with progress and Cancel beside it', async () => {
    const p = await openPane({ displayLanguage: 'en-US', sheet: { name: 'Sheet1', rows: [['x']] }, select: 'A1', syncDelay: 400 });
    // Listening from the start makes Playwright intercept the file dialog before any key is pressed.
    const choosers: FileChooser[] = [];
    p.on('filechooser', (c) => choosers.push(c));
    await button(p, 'Import CSV').waitFor();
    let focused = '';
    const seen: string[] = [];
    for (let i = 0; i < 6 && focused !== 'Import CSV'; i++) {
      await p.keyboard.press('Tab');
      focused = await p.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
      seen.push(focused);
    }
    expect(focused, seen.join(' | ')).toBe('Import CSV');
    const csv = ['id,date,amount', ...Array.from({ length: 30 }, (_, i) => `00${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},${10 + i}`)].join('\n');
    await p.keyboard.press('Enter');
    await expect.poll(() => choosers.length).toBe(1);
    const chooser = choosers[0];
    await chooser.setFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => p.getByTestId('message-source').textContent(), { timeout: 15_000 }).toMatch(/Imported 30 rows .* into "orders"/);
    const ids = await p.evaluate(() => window.__excelMock.state.sheet('orders')?.read({ row: 1, col: 0, rows: 2, cols: 1 }).flat());
    expect(ids).toEqual(['000', '001']);

    // Cancel during the import's writes: no sheet is left behind.
    await button(p, 'Import CSV').click();
    await expect.poll(() => choosers.length).toBe(2);
    const again = choosers[1];
    await again.setFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const cancel = p.getByTestId('progress-source').locator('fluent-button', { hasText: 'Cancel' });
    await cancel.waitFor();
    await cancel.click();
    await expect.poll(() => p.getByTestId('message-source').textContent(), { timeout: 15_000 }).toBe('Cancelled.');
    expect(await p.evaluate(() => window.__excelMock.state.sheets.map((s) => s.name))).toEqual(['Sheet1', 'orders']);
    await p.context().close();
  });

  it('names the lines of a CSV file it could not read, in Chinese, instead of dropping them unsaid', async () => {
    const p = await openPane({ displayLanguage: 'zh-CN', sheet: { name: 'Sheet1', rows: [['x']] }, select: 'A1' });
    const choosers: FileChooser[] = [];
    p.on('filechooser', (c) => choosers.push(c));
    await button(p, '导入 CSV').click();
    await expect.poll(() => choosers.length).toBe(1);
    // Line 4 opens a quote it never closes: papaparse cannot make a row of it (or of anything after it).
    const csv = ['客户编号,交易日期,金额', 'A1,2024-01-05,12', 'A2,2024-01-06,13', 'A3,"2024-01-07,14', 'A4,2024-01-08,15'].join('\n');
    await choosers[0].setFiles({ name: '订单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const message = p.getByTestId('message-source');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toMatch(/^已将 2 行（utf-8）导入“订单”。/);
    // The message bar reflects its intent property to the attribute in its own update, after the text can show.
    await expect.poll(() => message.getAttribute('intent')).toBe('warning');
    expect(await message.textContent()).toContain('文件中有 1 行无法读取，未写入工作表：第 4 行：引号内的字段没有闭合（缺少一个 "）');
    await p.context().close();
  });

  it('Cancel ends the parse of a large CSV file at once: the parse runs in a worker, the pane stays responsive', async () => {
    const p = await openPane({ displayLanguage: 'en-US', sheet: { name: 'Sheet1', rows: [['x']] }, select: 'A1' });
    const choosers: FileChooser[] = [];
    p.on('filechooser', (c) => choosers.push(c));
    await button(p, 'Import CSV').waitFor();
    // 600,000 rows (about 25 MB): seconds of parsing even on a fast machine.
    const lines = ['customer_id,order_date,amount,email'];
    for (let i = 0; i < 600_000; i++) lines.push(`C${String(i % 50_000).padStart(6, '0')},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 997) / 10},c${i % 50_000}@example.cn`);
    // From a file on disk: Playwright hands a local browser the path, not 25 MB over its protocol.
    const big = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-csv-')), 'big.csv');
    writeFileSync(big, lines.join('\n'));
    const size = statSync(big).size;
    await button(p, 'Import CSV').click();
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0].setFiles(big);
    const progress = p.getByTestId('progress-source');
    // Wait until the parse has reported progress: it is under way, not finished.
    await expect.poll(async () => Number((await progress.locator('.percent').textContent().catch(() => '0'))?.replace(/\D/g, '') || 0), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    expect(await progress.locator('.progress-text span').first().textContent()).toBe('Reading the CSV file…');
    const atCancel = Number((await progress.locator('.percent').textContent())?.replace(/\D/g, ''));
    expect(atCancel).toBeLessThan(100);
    // The click is handled while the worker parses (the old synchronous parse held it until the end), and the
    // worker is terminated: the message comes within a fraction of a second, measured in the page.
    const latency = await p.evaluate(async () => {
      const cancel = document.querySelector('[data-testid="progress-source"] [data-testid="cancel"]') as HTMLElement;
      const started = performance.now();
      cancel.click();
      for (;;) {
        if (document.querySelector('[data-testid="message-source"]')?.textContent === 'Cancelled.') return performance.now() - started;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    console.log(`CSV cancel: ${Math.round(latency)} ms after the click, at ${atCancel} % of a ${(size / 1e6).toFixed(0)} MB file`);
    expect(latency).toBeLessThan(1000);
    expect(await p.evaluate(() => window.__excelMock.state.sheets.map((s) => s.name))).toEqual(['Sheet1']);
    // And nothing arrives later from the terminated worker.
    await p.waitForTimeout(1500);
    expect(await p.getByTestId('message-source').textContent()).toBe('Cancelled.');
    expect(await p.evaluate(() => window.__excelMock.state.sheets.map((s) => s.name))).toEqual(['Sheet1']);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 120_000);

  it('Cancel ends a long analysis at once: the model fit runs in a worker, the pane stays responsive', async () => {
    // 4,000 customers, 12,000 purchases: choosing the model (three fits and a holdout) takes seconds.
    const many: (string | number)[][] = [['Customer ID', 'Order date', 'Amount']];
    for (let c = 0; c < 4000; c++) for (let k = 0; k <= c % 5; k++) many.push([`K${c}`, D + (c % 300) + k * 41, 10 + (c % 70)]);
    const p = await openPane({ displayLanguage: 'en-US', sheet: { name: 'Sheet1', rows: many }, select: `A1:C${many.length}` });
    await button(p, 'Use selection').click();
    await p.getByTestId('selection').waitFor({ timeout: 30_000 });
    await button(p, 'Generate').click();
    const progress = p.getByTestId('progress-run');
    await progress.waitFor();
    expect(await progress.locator('.progress-text span').first().textContent()).toBe('Analysing the data…');
    const latency = await p.evaluate(async () => {
      const cancel = document.querySelector('[data-testid="progress-run"] [data-testid="cancel"]') as HTMLElement;
      const started = performance.now();
      cancel.click();
      for (;;) {
        if (document.querySelector('[data-testid="message-run"]')?.textContent === 'Cancelled.') return performance.now() - started;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    console.log(`Generate cancel during the analysis: ${Math.round(latency)} ms after the click`);
    expect(latency).toBeLessThan(1000);
    await p.waitForTimeout(1000);
    expect(await p.getByTestId('message-run').textContent()).toBe('Cancelled.');
    expect(await p.evaluate(() => window.__excelMock.state.sheets.map((s) => s.name))).toEqual(['Sheet1']);
    expect(await p.getByTestId('tier-summary').count()).toBe(0);
    await p.context().close();
  }, 120_000);

  it("follows a change of Office's theme while the pane is open (Excel fires no event: the pane reads officeTheme again)", async () => {
    const p = await openPane({ displayLanguage: 'en-US', theme: 'colorful', sheet: { name: 'Sheet1', rows }, select: `A1:C${rows.length}` });
    await button(p, 'Use selection').waitFor();
    const colours = () => p.evaluate(() => ({ theme: document.documentElement.dataset.theme, body: getComputedStyle(document.body).backgroundColor }));
    expect(await colours()).toEqual({ theme: 'light', body: 'rgb(255, 255, 255)' });
    await p.evaluate((black) => window.__excelMock.setOfficeTheme(black), OFFICE_THEMES.black);
    // No focus event, no reload: the next read of the getter (every 2 s) brings the pane into the Black theme.
    await expect.poll(colours, { timeout: 6000 }).toEqual({ theme: 'dark', body: 'rgb(41, 41, 41)' });
    // Back to Colorful when the user returns to the pane.
    await p.evaluate((colorful) => {
      window.__excelMock.setOfficeTheme(colorful);
      window.dispatchEvent(new Event('focus'));
    }, OFFICE_THEMES.colorful);
    expect(await colours()).toEqual({ theme: 'light', body: 'rgb(255, 255, 255)' });
    await p.context().close();
  });

  it('wider panes, light and dark: the same layout with room to spare (screenshots at 500 px)', async () => {
    for (const theme of ['colorful', 'black'] as const) {
      const p = await openPane({ displayLanguage: 'en-US', theme, sheet: { name: 'Sheet1', rows }, select: `A1:C${rows.length}` });
      await p.setViewportSize({ width: WIDE.width, height: WIDE.height });
      await button(p, 'Use selection').click();
      await p.getByTestId('selection').waitFor();
      await button(p, 'Generate').click();
      await p.getByTestId('tier-summary').waitFor({ timeout: 30_000 });
      expect(await overflowing(p, WIDE.width)).toEqual([]);
      await shot(p, theme === 'black' ? 'wide-dark' : 'wide-light');
      await p.context().close();
    }
  }, 120_000);

  it('error: a header-less range with error values offers column guesses, and a missing column is said in a message bar', async () => {
    const bare: (string | number | { error: string })[][] = [];
    for (let c = 0; c < 12; c++) for (let k = 0; k <= c % 3; k++) bare.push([`C${c}`, D + c * 5 + k * 20, 20 + c]);
    bare[3][0] = { error: '#N/A' };
    bare[6][2] = { error: '#DIV/0!' };
    const p = await openPane({ displayLanguage: 'en-US', sheet: { name: 'Sheet1', rows: bare }, select: `A1:C${bare.length}` });
    await button(p, 'Use selection').click();
    await p.getByTestId('no-header').waitFor();
    expect(await p.getByTestId('no-header').textContent()).toMatch(/No header row found.*Guessed: Customer id → Column A \(C0\); Date → Column B \(2024-01-01\); Amount → Column C \(20\)/);
    expect(await p.getByTestId('message-source').textContent()).toContain('2 cell(s) hold Excel errors');
    // The preview shows an error cell as the error, not as a blank.
    expect(await p.locator('[data-testid="preview"] td.cell-error').allTextContents()).toEqual(['#N/A']);
    await p.locator('select[data-role="amount"]').selectOption('');
    await button(p, 'Generate').click();
    const msg = p.getByTestId('message-run');
    await msg.waitFor();
    await expect.poll(() => msg.getAttribute('intent')).toBe('error');
    expect(await msg.textContent()).toBe('Choose a column for: Amount.');
    expect(await overflowing(p)).toEqual([]);
    await shot(p, 'error');
    // With the amount column back, the two error rows are rejected with their cells named, the rest analysed.
    await p.locator('select[data-role="amount"]').selectOption('2');
    await button(p, 'Generate').click();
    await p.getByTestId('tier-summary').waitFor({ timeout: 30_000 });
    const rejected = await p.evaluate(() => {
      const s = window.__excelMock.state.sheet('Segments');
      const used = s?.usedRect();
      if (!s || !used) return [];
      const out: string[] = [];
      for (let i = 0; i < used.rows; i++) for (let j = 0; j < used.cols; j++) {
        const v = String(s.get(i, j));
        if (v.includes('Excel error')) out.push(`${s.get(i, j - 1)}: ${v}`);
      }
      return out;
    });
    expect(rejected).toEqual(['4: cell A4 holds the Excel error #N/A', '7: cell C7 holds the Excel error #DIV/0!']);
    await p.context().close();
  });

  it('speaks Chinese when Office does, and segments one-row-per-customer data', async () => {
    const customers: (string | number)[][] = [['客户编号', '重复购买次数', '首末购买间隔', '客户年龄', '销售额']];
    for (let c = 0; c < 30; c++) customers.push([`C${c}`, c % 4, (c % 4) * 5, 30, c === 0 ? 5000 : 100 + c]);
    const zh = await openPane({ displayLanguage: 'zh-CN', sheet: { name: 'Sheet1', rows: customers }, select: `A1:E${customers.length}` });
    await button(zh, '使用所选区域').click();
    await expect.poll(() => zh.getByTestId('kind').inputValue()).toBe('customers');
    expect(await zh.locator('select[data-role="T"]').inputValue()).toBe('3');
    await button(zh, '生成').click();
    await zh.getByTestId('tier-summary').waitFor({ timeout: 30_000 });
    expect(await zh.locator('[data-testid="tier-summary"] .tier-name').allTextContents()).toEqual(['VIP客户', '主要客户', '普通客户', '小客户']);
    expect(await zh.getByTestId('message-run').textContent()).toMatch(/^已写入工作表“客户分层”：30 位客户/);
    const sheet = await zh.evaluate(() => {
      const s = window.__excelMock.state.sheet('客户分层');
      return { rows: s?.usedRect()?.rows, vip: s?.get(18, 0) };
    });
    expect(sheet.vip).toBe('C0');
    // Every word the pane itself shows is Chinese: no English sentence is left in its own text.
    const english = await zh.evaluate(() =>
      Array.from(document.querySelectorAll('h1, h2, h3, label > span, fluent-button, fluent-message-bar, .tier-count, .tier-value'))
        .map((e) => e.textContent ?? '')
        .filter((s) => /\b(the|and|of|to|for|Choose|Sheet|Use|Import|Cancel|Generate)\b/.test(s)),
    );
    expect(english).toEqual([]);
    // Core's sentences too: the notes (which model scored the customers, and why) are said from core's messages in Chinese.
    const notes = await zh.locator('[data-testid="warnings"] li').allTextContents();
    expect(notes.some((n) => /^选用 .+：/.test(n)), notes.join(' | ')).toBe(true);
    for (const n of notes) expect(n, n).toMatch(/[\u4e00-\u9fff]/);
    // Apart from model names and the Greek of a correlation, no English word is left.
    expect(notes.join(' ').replace(/MBG\/NBD|BG\/NBD|Pareto\/NBD|Gamma-Gamma|Pearson|AIC|BIC|Poisson/g, '')).not.toMatch(/[A-Za-z]{4,}/);
    expect(await overflowing(zh)).toEqual([]);
    // The notes open, to be seen in the screenshot.
    await zh.locator('[data-testid="warnings"] summary').click();
    await zh.getByTestId('tier-summary').scrollIntoViewIfNeeded();
    await shot(zh, 'zh');
    expect(errors).toEqual([]);
    await zh.context().close();
  });

  it("dark: Office's Black theme gives the pane Office's background and Fluent's dark colours", async () => {
    const dark = await openPane({ displayLanguage: 'en-US', theme: 'black', sheet: { name: 'Sheet1', rows }, select: `A1:C${rows.length}` });
    await button(dark, 'Use selection').click();
    await dark.getByTestId('selection').waitFor();
    await button(dark, 'Generate').click();
    await dark.getByTestId('tier-summary').waitFor({ timeout: 30_000 });
    const colours = await dark.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('h1') as Element).color,
    }));
    expect(colours).toEqual({ theme: 'dark', body: 'rgb(41, 41, 41)', text: 'rgb(255, 255, 255)' });
    expect(await overflowing(dark)).toEqual([]);
    await dark.getByTestId('tier-summary').scrollIntoViewIfNeeded();
    await shot(dark, 'dark');
    await dark.context().close();
  });

  it('says what is missing, in the display language, where Excel lacks ExcelApi 1.7, instead of failing at the first click', async () => {
    const old = await openPane({ displayLanguage: 'zh-CN', unsupported: ['ExcelApi 1.7'], sheet: { name: 'Sheet1', rows }, select: 'A1:C5' });
    const notice = old.getByTestId('requirements');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('它不支持 ExcelApi 1.7');
    expect(await button(old, '使用所选区域').count()).toBe(0);
    await old.context().close();
    const noMessages = await openPane({ displayLanguage: 'en-US', unsupported: ['CustomFunctionsRuntime 1.2'], sheet: { name: 'Sheet1', rows }, select: 'A1:C5' });
    await noMessages.getByTestId('requirements').waitFor();
    expect(await noMessages.getByTestId('requirements').textContent()).toMatch(/CustomFunctionsRuntime 1\.2.*CV functions may show errors/);
    expect(await button(noMessages, 'Use selection').count()).toBe(1);
    await noMessages.context().close();
    expect(errors).toEqual([]);
  });
});
