/**
 * Hostile data: customer names, companies and CSV cells carrying markup and
 * script must reach the rep as text — in badges and cards on the CRM page,
 * in the options page's import report, and in the popup's search results —
 * and never run. Run `npm run build:extension` first (npm test does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeTexts, importThroughOptions, inContentWorld, openCardTexts, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import { adapterOf, listUrl } from './ext/crm-scenario.ts';
import { HOSTILE_NAME, listRows, makeListPage } from '../fixtures/crm/make-list.ts';

const EVIL_NAME = `<img src=x onerror="window.pwned='name'">Mallory`;
const EVIL_COMPANY = `<script>window.pwned='company'</script>Evil & Co`;
const EVIL_DATE = `<b onmouseover="window.pwned='report'">soon</b>`;
const HOSTILE_ROW = 2;

const rows = listRows('salesforce', 6, { hostileRow: HOSTILE_ROW });
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const csv = [
  'customer_id,date,amount,name,email,company,crm_ids',
  ...rows.map((r, i) => `H${i},2024-02-0${i + 1},${100 + i},${q(i === HOSTILE_ROW ? EVIL_NAME : r.name)},${r.email ?? ''},${q(i === HOSTILE_ROW ? EVIL_COMPANY : r.company)},${r.crmId}`),
  `H9,${q(EVIL_DATE)},5,x,,,`,
].join('\n');

let L: Launched;
let options: Page;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: adapterOf('salesforce').origins });
  await serveCrmPages(L.context, { [listUrl('salesforce')]: { html: makeListPage('salesforce', rows.length, { hostileRow: HOSTILE_ROW }) } });
  options = await openOptions(L);
  await importThroughOptions(options, { name: 'evil.csv', text: csv });
}, 60_000);
afterAll(async () => L?.close());

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: string }).pwned ?? null);

describe('hostile data', () => {
  it('shows a rejected cell with markup as text in the import report', async () => {
    const cell = await options.textContent('#rejected');
    expect(cell).toContain(EVIL_DATE);
    expect(await options.locator('#rejected b').count()).toBe(0);
    await options.locator('#rejected td').last().hover();
    expect(await pwned(options)).toBeNull();
  });

  it('badges the row whose page name is markup, and shows the customer’s markup name as text on the card', async () => {
    const page = await L.context.newPage();
    await page.goto(listUrl('salesforce'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n, rows.length);
    const badges = await badgeTexts(page);
    expect(badges).toHaveLength(rows.length);
    // The fixture's own hostile row name, escaped by the page, stays text too.
    expect(await page.textContent('table[role=grid]')).toContain(HOSTILE_NAME);

    const host = page.locator('[data-cvlens-badge]').nth(HOSTILE_ROW);
    await host.click();
    expect((await openCardTexts(page))[0]).toContain(EVIL_NAME);
    const inCard = await inContentWorld(page, (i) => {
      const host = document.querySelectorAll('[data-cvlens-badge]')[i];
      const root = (globalThis as unknown as { cvlensBadgeRoot(h: Element): ShadowRoot | undefined }).cvlensBadgeRoot(host)!;
      return { title: root.querySelector('.card .title')?.textContent, markup: root.querySelectorAll('.card img, .card script').length };
    }, HOSTILE_ROW);
    expect(inCard).toEqual({ title: EVIL_NAME, markup: 0 });
    await page.waitForTimeout(200);
    expect(await pwned(page)).toBeNull();
    await page.close();
  });

  it('lists the customer with the markup name as text in the popup search', async () => {
    const popup = await L.context.newPage();
    await popup.goto(`chrome-extension://${L.extensionId}/popup.html`);
    await popup.fill('#search', 'mallory');
    await popup.waitForSelector('#results li');
    expect(await popup.textContent('#results li strong')).toBe(EVIL_NAME);
    expect(await popup.locator('#results img, #results script').count()).toBe(0);
    expect(await pwned(popup)).toBeNull();
    await popup.close();
  });
});
