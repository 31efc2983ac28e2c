/**
 * The popup (customers on the current tab, prefix search), deleting all data
 * from the options page, and revoking a CRM's site access — in Chromium with
 * the built extension. Run `npm run build:extension` first (npm test does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeTexts, importThroughOptions, inExtension, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import './ext/chrome-global.ts';
import { LIST_ROWS, RECORD_URLS, adapterOf, listPage, listUrl, scenarioCsv } from './ext/crm-scenario.ts';
import type { PageCustomersReply } from '../../extension/shared/protocol.ts';

let L: Launched;
let options: Page;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [...adapterOf('salesforce').origins, ...adapterOf('hubspot').origins] });
  await serveCrmPages(L.context, {
    [listUrl('salesforce')]: { html: listPage('salesforce') },
    [RECORD_URLS.hubspot]: { file: 'hubspot-record.html' },
  });
  options = await openOptions(L);
  await importThroughOptions(options, { name: 'transactions.csv', text: scenarioCsv() });
}, 60_000);
afterAll(async () => L?.close());

async function openPopup(): Promise<Page> {
  const popup = await L.context.newPage();
  await popup.goto(`chrome-extension://${L.extensionId}/popup.html`);
  await popup.waitForSelector('#on-page', { state: 'attached' });
  return popup;
}

describe('popup', () => {
  it('finds imported customers by name, e-mail or company prefix', async () => {
    const popup = await openPopup();
    await popup.fill('#search', 'record holdings sales');
    await popup.waitForSelector('#results li');
    expect(await popup.locator('#results li').count()).toBe(1);
    expect(await popup.textContent('#results li')).toContain('Record Holdings salesforce');
    await popup.fill('#search', 'jane.doe@');
    await popup.waitForFunction(() => document.querySelectorAll('#results li').length > 1);
    expect(await popup.locator('#results li').count()).toBeLessThanOrEqual(20);
    await popup.fill('#search', 'zzzz');
    await popup.waitForFunction(() => document.querySelectorAll('#results li').length === 0);
    await popup.close();
  });

  it('gets the current tab’s matched customers from its content script, and only those', async () => {
    const page = await L.context.newPage();
    await page.goto(listUrl('salesforce'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n, LIST_ROWS);
    // What the popup does for the active tab, done from another extension page so the CRM tab stays the one asked.
    const reply = (await inExtension(
      L,
      async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.tabs.sendMessage(tab.id!, { type: 'page-customers' });
      },
      listUrl('salesforce'),
    )) as PageCustomersReply;
    expect(reply.adapter).toBe('salesforce');
    expect(reply.customers).toHaveLength(LIST_ROWS);
    expect(new Set(reply.customers.map((s) => s.customer.id)).size).toBe(LIST_ROWS);
    await page.close();
  });
});

describe('site access', () => {
  it('unregisters a CRM’s content script when its site access is withdrawn', async () => {
    const ext = await L.context.newPage();
    await ext.goto('chrome://extensions');
    // What the user does in the browser's extension settings ("Site access").
    await ext.evaluate(async (id) => {
      const dev = (chrome as unknown as { developerPrivate: { removeHostPermission(id: string, host: string): Promise<void> } }).developerPrivate;
      for (const host of ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*', 'https://app-ap1.hubspot.com/*']) {
        await dev.removeHostPermission(id, host);
      }
    }, L.extensionId);
    await expect
      .poll(async () => (await inExtension(L, () => chrome.scripting.getRegisteredContentScripts(), null)).map((s) => s.id).sort(), { timeout: 5000 })
      .toEqual(['crm-salesforce']);
    const page = await L.context.newPage();
    await page.goto(RECORD_URLS.hubspot);
    await page.waitForTimeout(800);
    expect(await badgeTexts(page)).toEqual([]);
    await ext.close();
    await page.close();
  });
});

describe('delete all data', () => {
  it('empties the store with one click; open and new pages then show no badge, the popup no data', async () => {
    const open = await L.context.newPage();
    await open.goto(listUrl('salesforce'));
    await open.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n, LIST_ROWS);
    await options.click('#delete-all');
    await options.waitForFunction(() => document.querySelector('#stored-count')?.textContent?.startsWith('0 '));
    // The tab already open drops its badges without a reload.
    await open.waitForFunction(() => document.querySelectorAll('[data-cvlens-badge]').length === 0, null, { timeout: 5000 });
    await open.close();
    const page = await L.context.newPage();
    await page.goto(listUrl('salesforce'));
    await page.waitForTimeout(800);
    expect(await badgeTexts(page)).toEqual([]);
    const popup = await openPopup();
    await popup.waitForSelector('#no-data');
    await page.close();
    await popup.close();
  });
});

describe('popup on a CRM list', () => {
  it('puts search first, lists the page’s customers highest value first, and counts them by tier', async () => {
    const fresh = await launchWithExtension({ grantOrigins: adapterOf('salesforce').origins });
    try {
      await serveCrmPages(fresh.context, { [listUrl('salesforce')]: { html: listPage('salesforce') } });
      await importThroughOptions(await openOptions(fresh), { name: 'transactions.csv', text: scenarioCsv() });
      const page = await fresh.context.newPage();
      await page.goto(listUrl('salesforce'));
      await page.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n, LIST_ROWS);
      const tabId = await inExtension(fresh, async (url) => (await chrome.tabs.query({ url }))[0]!.id!, listUrl('salesforce'));
      const popup = await fresh.context.newPage();
      await popup.goto(`chrome-extension://${fresh.extensionId}/popup.html?tab=${tabId}`);
      await popup.waitForSelector('#on-page li');
      // Search is the first control, and has the focus.
      expect(await popup.evaluate(() => document.querySelector('main input, main button')?.id)).toBe('search');
      expect(await popup.evaluate(() => document.activeElement?.id)).toBe('search');
      const values = await popup.$$eval('#on-page li', (rows) => rows.map((r) => Number(r.querySelector('.value')?.getAttribute('data-value'))));
      expect(values).toHaveLength(LIST_ROWS);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      // The counts add up to the customers listed, one chip per tier present.
      const counts = await popup.$$eval('#tier-counts .tier', (chips) => chips.map((c) => [c.getAttribute('data-tier'), Number(/\d+$/.exec(c.textContent ?? '')?.[0])] as const));
      const tiers = await popup.$$eval('#on-page li .tier', (chips) => chips.map((c) => c.getAttribute('data-tier')));
      expect(counts.reduce((n, [, c]) => n + c, 0)).toBe(LIST_ROWS);
      for (const [tier, n] of counts) expect(tiers.filter((x) => x === tier)).toHaveLength(n);
      // Search results too come highest value first.
      await popup.fill('#search', 'jane');
      await popup.waitForSelector('#results li');
      const found = await popup.$$eval('#results li .value', (v) => v.map((e) => Number(e.getAttribute('data-value'))));
      expect(found).toEqual([...found].sort((a, b) => b - a));
    } finally {
      await fresh.close();
    }
  }, 90_000);
});
