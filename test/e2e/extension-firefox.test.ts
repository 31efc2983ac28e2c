/**
 * Firefox smoke test: the same build, installed in Debian's Firefox ESR
 * through puppeteer-core (WebDriver BiDi), runs its background as an event
 * page, renders the options page, imports a file through its worker into
 * IndexedDB, and badges a Salesforce record page served through request
 * interception. As in Chromium, the CRM's origins are granted at install
 * (see testBuild in ext/harness.ts): no automation can click the browser's
 * permission prompt.
 *
 * Two things a reader may wonder about:
 * - The options page is opened with `--remote-allow-system-access`: without
 *   it BiDi refuses to navigate to moz-extension:// ("not allowed in this
 *   context"). The navigation then changes process, so `goto` never reports
 *   completion; the test waits for the page's content instead.
 * - The extension's internal UUID is fixed through the
 *   `extensions.webextensions.uuids` preference, so the test knows its URL.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import { crmFixtures, requireBuild, testBuild } from './ext/harness.ts';
import { RECORD_URLS, adapterOf, scenarioCsv } from './ext/crm-scenario.ts';
import { buildImport, previewImport } from '../../extension/options/import-job.ts';

const FIREFOX = '/usr/bin/firefox-esr';
const GECKO_ID = 'cvlens@cvlens.invalid';
const UUID = '0b2c6a4e-1d2f-4c3b-9a8e-7f6e5d4c3b2a';

describe.skipIf(!existsSync(FIREFOX))(`Firefox ESR (skipped: ${FIREFOX} not installed)`, () => {
  let browser: Browser;
  let page: Page;
  let tmp: string;
  let build: string;

  beforeAll(async () => {
    requireBuild();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'cvlens-ff-'));
    build = await testBuild(adapterOf('salesforce').origins);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
    if (build) await rm(build, { recursive: true, force: true });
  });

  it('installs the build under its Gecko id', async () => {
    expect(await browser.installExtension(build)).toBe(GECKO_ID);
  });

  it('renders the options page and its background answers', async () => {
    page = await browser.newPage();
    page.goto(`moz-extension://${UUID}/options.html`, { timeout: 5000 }).catch(() => {});
    // "0 customers stored." comes from the background's status reply.
    await page.waitForFunction(() => document.querySelector('#stored-count')?.textContent?.startsWith('0 '), { timeout: 15_000 });
    expect(await page.$eval('#privacy', (e) => e.textContent)).toMatch(/no network requests/);
    expect(await page.$$eval('input[data-crm]', (els) => els.length)).toBeGreaterThanOrEqual(5);
  }, 30_000);

  it('imports a transaction file through the worker into IndexedDB', async () => {
    const file = path.join(tmp, 'small.csv');
    await writeFile(file, 'customer_id,date,amount,email\n001,2024-01-01,10,a@b.com\n002,2024-02-01,20,c@d.com\n003,bad,5,\n');
    const input = (await page.$('input#import-file')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(file);
    await page.waitForSelector('#mapping', { timeout: 10_000 });
    await page.click('#import-button');
    await page.waitForSelector('#report-summary', { timeout: 15_000 });
    expect(await page.$eval('#report-summary', (e) => e.textContent)).toContain('2 customers from 3 rows; 1 rows rejected');
    await page.waitForFunction(() => document.querySelector('#stored-count')?.textContent?.startsWith('2 '), { timeout: 10_000 });
  }, 30_000);

  it('badges a Salesforce record page, in a closed shadow root, with a card that opens over the page', async () => {
    const csv = scenarioCsv();
    const file = path.join(tmp, 'scenario.csv');
    await writeFile(file, csv);
    const input = (await page.$('input#import-file')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(file);
    await page.waitForFunction(() => document.querySelector('#mapping'), { timeout: 10_000 });
    // The oracle: what the core computes from the same file, outside the browser.
    const bytes = new TextEncoder().encode(csv);
    const oracle = buildImport(bytes, { fileName: 'x', encoding: 'auto', identity: previewImport(bytes, 'auto').guess, tierMethod: 'contribution', model: 'auto' });
    // Customers are stored already: the form asks whether to replace them.
    await page.click('input[name="import-mode"][value="replace"]');
    await page.click('#import-button');
    await page.waitForFunction((n) => document.querySelector('#stored-count')?.textContent?.startsWith(`${n} `), { timeout: 15_000 }, oracle.rows.length);

    const crm = await browser.newPage();
    const html = await readFile(path.join(crmFixtures, 'salesforce-record.html'), 'utf8');
    await crm.setRequestInterception(true);
    crm.on('request', (req) => {
      if (req.url().startsWith('https://acme.lightning.force.com/')) void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else void req.abort();
    });
    await crm.goto(RECORD_URLS.salesforce);
    await crm.waitForFunction(() => document.querySelectorAll('[data-cvlens-badge]').length === 1, { timeout: 15_000 });
    // The badge's shadow root is closed to the page (and to this test, which
    // runs in the page's world): its text is checked in Chromium, through the
    // content script's world (ext/harness.ts inContentWorld). Here: the root
    // is closed, and a real click opens the card in the top layer, over the
    // page, where before the click the page itself showed.
    const host = (await crm.$('[data-cvlens-badge]'))!;
    expect(await host.evaluate((h) => h.shadowRoot === null)).toBe(true);
    const box = (await host.boundingBox())!;
    const probe = { x: box.x + 10, y: box.y + box.height + 40 };
    const ours = (p: typeof probe) => crm.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.hasAttribute('data-cvlens-badge') ?? false, p);
    expect(await ours(probe)).toBe(false);
    await crm.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await crm.waitForFunction(({ x, y }) => document.elementFromPoint(x, y)?.hasAttribute('data-cvlens-badge') ?? false, { timeout: 5_000 }, probe);
    expect(await ours(probe)).toBe(true);
    await crm.close();
  }, 45_000);
});
