/**
 * Importing exports the detection cannot read alone, through the options
 * page in Chromium as a rep does it: the column picker, the choices
 * remembered per header set, a bad cell as one rejected row, the question
 * before stored customers are touched (replace or merge) and undo.
 * Fixtures: test/fixtures/exports (headers from the vendors' documentation).
 * Run `npm run build:extension` first (npm test does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openOptions, repoRoot, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import './ext/chrome-global.ts';

const exportFile = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(path.join(repoRoot, 'test/fixtures/exports', name)) });

let L: Launched;
let options: Page;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({});
  options = await openOptions(L);
}, 60_000);
afterAll(async () => L?.close());

const pickedHeader = (name: string) => options.$eval(`select[name="${name}"]`, (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
const storedCount = () => options.textContent('#stored-count');

describe('a Shopify order export', () => {
  it('cannot be imported until the customer column is chosen (and the rep picks Created at for the date); then every good row is in, the line-item row reported', async () => {
    await options.setInputFiles('#import-file', exportFile('shopify-orders.csv'));
    await options.waitForSelector('#transaction-columns');
    // Detection found no customer column (the order's Id is no customer's) and took Paid at for the date: the rep is told, and cannot import yet.
    expect(await pickedHeader('tx-date')).toBe('Paid at');
    expect(await pickedHeader('tx-amount')).toBe('Total');
    expect(await options.textContent('#missing-columns')).toBe('Choose the customer (id, e-mail or account) column to import.');
    expect(await options.isDisabled('#import-button')).toBe(true);
    expect(await options.locator('#import-mode').count()).toBe(0); // nothing stored yet: nothing to ask
    await options.selectOption('select[name="tx-customerId"]', { label: 'Email' });
    await options.selectOption('select[name="tx-date"]', { label: 'Created at' });
    expect(await options.locator('#missing-columns').count()).toBe(0);
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report-summary'), { timeout: 20_000 }).toBe('shopify-orders.csv: 3 customers from 6 rows; 1 rows rejected.');
    expect(await options.$$eval('#rejected tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)))).toEqual([['3', 'amount is empty']]);
    await expect.poll(storedCount).toMatch(/^3 /);
  });

  it('remembers the columns for the next export with the same headers, and asks before touching the stored customers', async () => {
    await options.setInputFiles('#import-file', exportFile('shopify-orders.csv'));
    await options.waitForSelector('#remembered');
    expect(await pickedHeader('tx-customerId')).toBe('Email');
    expect(await pickedHeader('tx-date')).toBe('Created at');
    expect(await options.textContent('#import-mode legend')).toBe('3 customers are stored. What should this import do with them?');
    expect(await options.isDisabled('#import-button')).toBe(true);
    await options.check('input[name="import-mode"][value="replace"]');
    expect(await options.isDisabled('#import-button')).toBe(false);
  });
});

describe('German headers merged into the stored data, then undone', () => {
  it('imports the German invoices beside the Shopify customers, 1e400 one rejected row; undo goes back to the Shopify data', async () => {
    await options.setInputFiles('#import-file', exportFile('german-invoices.csv'));
    await options.waitForSelector('#transaction-columns');
    expect(await pickedHeader('tx-customerId')).toBe('Kundennummer');
    expect(await pickedHeader('tx-date')).toBe('Rechnungsdatum');
    await options.selectOption('select[name="tx-amount"]', { label: 'Bruttobetrag' });
    await options.check('input[name="import-mode"][value="merge"]');
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report-summary'), { timeout: 20_000 }).toMatch(/^german-invoices\.csv: 6 customers from 6 rows; 1 rows rejected\.$/);
    expect(await options.textContent('#report-merged')).toBe('Merged: 3 stored customers the file did not hold were kept; 0 were replaced by the file’s.');
    expect(await options.$$eval('#rejected tbody tr td:first-child', (cells) => cells.map((c) => c.textContent))).toEqual(['5']);
    await expect.poll(storedCount).toMatch(/^6 /);
    // Search finds both files' customers.
    const names = await options.evaluate(async () => {
      const search = async (query: string) => ((await chrome.runtime.sendMessage({ type: 'search', query })) as { customers: { id: string }[] }).customers.map((c) => c.id);
      return [...(await search('jane')), ...(await search('müller'))];
    });
    expect(names).toEqual(['jane.doe@acme.com', 'K-10001']);

    expect(await options.textContent('#undo')).toContain('Goes back to the data of shopify-orders.csv.');
    await options.click('#undo-import');
    await expect.poll(storedCount).toMatch(/^3 /);
    expect(await options.textContent('#report-summary')).toMatch(/^shopify-orders\.csv: /);
    const after = await options.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'search', query: 'müller' })) as { customers: unknown[] }).customers.length);
    expect(after).toBe(0);
  });
});
