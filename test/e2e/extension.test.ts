/**
 * End to end in Debian's Chromium: the built extension, CRM pages served on
 * their real host names, data imported through the options page as a user
 * would, badges checked on every CRM's record and list pages, after SPA
 * navigation, and the extension's own network traffic (none) watched.
 * Run `npm run build:extension` first (npm test does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeTexts, importThroughOptions, openCardTexts, inExtension, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import './ext/chrome-global.ts';
import { CRMS, LIST_ROWS, RECORD_URLS, adapterOf, listPage, listUrl, recordCustomerId, rowCustomerId, scenarioCsv } from './ext/crm-scenario.ts';
import { buildImport, previewImport } from '../../extension/options/import-job.ts';
import { scoredChurnShort, scoredChurnText } from './ext/churn-text.ts';
import type { StoredCustomer } from '../../extension/store/stored-customer.ts';
import { companyRecords } from '../../extension/store/company-records.ts';

const csv = scenarioCsv();
// The oracle: what the core computes from the same file, outside the browser.
const bytes = new TextEncoder().encode(csv);
const expected = new Map(buildImport(bytes, { fileName: 'x', encoding: 'auto', identity: previewImport(bytes, 'auto').guess, tierMethod: 'contribution', model: 'auto' }).rows.map((r) => [r.id, r]));
const badgeOf = (c: StoredCustomer) => `${c.tier} ${scoredChurnText(c)}`;
// The companies the import must have built, from the same oracle rows.
const companies = companyRecords([...expected.values()], 'contribution');
/** Record fixtures that show an account (Dynamics' is `etn=account`): their badge is the company's, never a person's. */
const ACCOUNT_PAGES = new Set<string>(['dynamics']);
/** The company badge of the company a customer belongs to: tier among companies, "Company · n customers", value-weighted churn. */
function companyBadgeOf(c: StoredCustomer): string {
  const co = companies.find((x) => x.keys.some((k) => c.keys.includes(k)));
  if (!co) throw new Error(`oracle customer ${c.id} is in no company`);
  return `${co.tier} Company · ${co.customers} customer${co.customers === 1 ? '' : 's'} ${scoredChurnText(co)}`;
}
const crmOrigins = CRMS.flatMap((crm) => adapterOf(crm).origins);
/** A single other site enabled for the generic (e-mail address) adapter. */
const MAIL_SITE = 'https://mail.example.org/*';
const MAIL_URL = 'https://mail.example.org/inbox/thread/1842';

let L: Launched;
let options: Page;
let report = '';

beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [...crmOrigins, MAIL_SITE] });
  const pages: Parameters<typeof serveCrmPages>[1] = {};
  for (const crm of CRMS) {
    pages[RECORD_URLS[crm]] = { file: `${crm}-record.html` };
    // Row 1's name is longer than the name column: the CRM cuts it short, the badge must stay in view.
    pages[listUrl(crm)] = { html: listPage(crm, { longNameRow: 1 }) };
  }
  pages[MAIL_URL] = { file: 'generic-page.html' };
  await serveCrmPages(L.context, pages);
  options = await openOptions(L);
  report = await importThroughOptions(options, { name: 'transactions.csv', text: csv });
}, 60_000);

afterAll(async () => L?.close());

/** Opens a URL and waits until badges stop changing. */
async function visit(url: string): Promise<Page> {
  const page = await L.context.newPage();
  await page.goto(url);
  await settle(page);
  return page;
}
async function settle(page: Page, want?: number): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify(await badgeTexts(page));
    if (now === last && (want === undefined || (await badgeTexts(page)).length === want)) return;
    last = now;
  }
}
const plain = (t: string) => t.replace(/\s+/g, ' ').trim();

describe('options page', () => {
  it('imports the file and reports customers, rows and the rejected row', async () => {
    expect(report).toContain(`${expected.size} customers`);
    expect(await options.textContent('#rejected')).toMatch(/date/);
  });

  it('shows the tier summary table and its chart', async () => {
    const tiers = await options.$$eval('#tier-summary tbody tr', (rows) => rows.map((r) => r.getAttribute('data-tier')));
    expect(tiers).toEqual(['VIP', 'Major', 'Ordinary', 'Small']);
    const vipCount = await options.textContent('#tier-summary tr[data-tier=VIP] td:nth-child(2)');
    expect(Number(vipCount)).toBe([...expected.values()].filter((c) => c.tier === 'VIP').length);
    expect(await options.locator('svg[role=img] rect').count()).toBeGreaterThanOrEqual(8);
  });

  it('says plainly that nothing leaves the browser', async () => {
    expect(await options.textContent('#privacy')).toMatch(/stays in this browser.*no network requests/);
  });

  it('shows the granted CRMs enabled and registers content scripts for exactly their origins', async () => {
    for (const crm of CRMS) expect(await options.isChecked(`input[data-crm=${crm}]`)).toBe(true);
    expect(await options.locator('#sites li').allTextContents()).toEqual([`${MAIL_SITE} Remove`]);
    const registered = await inExtension(L, () => chrome.scripting.getRegisteredContentScripts(), null);
    expect(registered.map((s) => s.id).sort()).toEqual([...CRMS.map((c) => `crm-${c}`), 'crm-generic'].sort());
    for (const s of registered) {
      const want = s.id === 'crm-generic' ? [MAIL_SITE] : adapterOf(s.id.slice(4) as (typeof CRMS)[number]).origins;
      expect(s.matches?.sort()).toEqual([...want].sort());
    }
  });
});

describe.each(CRMS)('%s', (crm) => {
  it('record page: one badge with the record’s tier and churn risk, matched on the CRM id (an account’s: its company’s)', async () => {
    const page = await visit(RECORD_URLS[crm]);
    const badges = await badgeTexts(page);
    const c = expected.get(recordCustomerId(crm))!;
    expect(badges).toHaveLength(1);
    if (ACCOUNT_PAGES.has(crm)) {
      expect(plain(badges[0].text)).toBe(companyBadgeOf(c));
      expect(badges[0].label).toMatch(/^Company · \d+ customers? · .* · via CRM id$/);
    } else {
      expect(plain(badges[0].text)).toBe(`${badgeOf(c)} via CRM id`);
    }
    await page.close();
  });

  it('list page: one badge per row, each with that row’s customer', async () => {
    const page = await visit(listUrl(crm));
    const badges = await badgeTexts(page);
    expect(badges).toHaveLength(LIST_ROWS);
    // Compact in a list cell: tier and churn as a number; level and what matched in the accessible name and on the card.
    const rows = Array.from({ length: LIST_ROWS }, (_, i) => expected.get(rowCustomerId(crm, i))!);
    expect(badges.map((b) => plain(b.text))).toEqual(rows.map((c) => `${c.tier} ${scoredChurnShort(c)}`));
    expect(badges.map((b) => b.label)).toEqual(rows.map((c) => `${c.tier} · ${scoredChurnText(c)} · via CRM id`));
    // Not cut off by the cell's truncation, not hidden: the reader sees each badge on screen, and the last one once scrolled to.
    const onScreen = badges.filter((b) => b.seen !== null);
    expect(onScreen.length).toBeGreaterThan(0);
    expect(onScreen.map((b) => b.seen)).toEqual(onScreen.map(() => true));
    await page.evaluate(() => [...document.querySelectorAll('[data-cvlens-badge]')].at(-1)!.scrollIntoView({ block: 'center' }));
    expect((await badgeTexts(page)).at(-1)!.seen).toBe(true);
    await page.close();
  });
});

describe('a single other site (generic adapter)', () => {
  it('badges the e-mail addresses it shows, and none in places it must not read', async () => {
    const page = await visit(MAIL_URL);
    const badges = await badgeTexts(page);
    // Every CRM's list has a jane.doe@acme.com; the index answers with the lowest customer id holding the key.
    const jane = [...expected.values()].filter((c) => c.keys.includes('email:jane.doe@acme.com')).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    expect(badges.find((b) => b.entity === 'email:jane.doe@acme.com')?.text).toBe(`${badgeOf(jane)} via e-mail`);
    const hidden = await page.evaluate(() => document.querySelectorAll('textarea [data-cvlens-badge], [contenteditable] [data-cvlens-badge], noscript [data-cvlens-badge]').length);
    expect(hidden).toBe(0);
    await page.close();
  });
});

describe('badge card', () => {
  it('opens on click with CLV, RFM, stage, matrix and the suggested action for the tier', async () => {
    const page = await visit(RECORD_URLS.salesforce);
    // A real click on the badge (its shadow root is closed: the host's centre is the badge).
    await page.locator('[data-cvlens-badge]').click();
    const card = plain((await openCardTexts(page))[0] ?? '');
    const c = expected.get(recordCustomerId('salesforce'))!;
    expect(card).toContain('Record Holdings salesforce');
    expect(card).toMatch(/CLV[\d,.]+/);
    expect(card).toContain(`RFM${c.rfmCell}`);
    expect(card).toMatch(/Stage(Exploration|Formation|Stability|Decline)/);
    expect(card).toMatch(/Matrix(Gold|Platinum|Iron|Lead)/);
    expect(card).toContain('Suggested action: Top priority');
    // The number says what it is: the chance of no purchase within the import's churn horizon.
    expect(card).toMatch(/Churn risk(Low|Medium|High) \(\d+%\): chance of no purchase in the next 90 days/);
    if (process.env.CVLENS_SCREENSHOTS) await page.screenshot({ path: `${process.env.CVLENS_SCREENSHOTS}/salesforce-record-card.png` });
    await page.close();
  });
});

describe('SPA navigation', () => {
  it('keeps exactly one badge per entity across pushState navigations between records and the list', async () => {
    const page = await visit(RECORD_URLS.salesforce);
    const list = listPage('salesforce');
    const recordHtml = await page.evaluate(() => document.body.innerHTML);
    const otherRecord = new URL(RECORD_URLS.salesforce);
    const row3 = expected.get(rowCustomerId('salesforce', 3))!;
    const row3Id = (row3.keys.find((k) => k.startsWith('crm:sf:')) ?? '').slice('crm:sf:'.length);
    otherRecord.pathname = `/lightning/r/Contact/${row3Id}/view`;

    for (let round = 0; round < 3; round++) {
      // Another record in the same page shell: the record badge follows the URL.
      await page.evaluate((url) => history.pushState({}, '', url), otherRecord.href);
      await settle(page);
      let badges = await badgeTexts(page);
      expect(badges).toHaveLength(1);
      expect(plain(badges[0].text)).toBe(`${badgeOf(row3)} via CRM id`);

      // To the list view, re-rendered by the "app".
      await page.evaluate(({ url, html }) => {
        history.pushState({}, '', url);
        document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
      }, { url: listUrl('salesforce'), html: list });
      await settle(page, LIST_ROWS);
      badges = await badgeTexts(page);
      expect(badges).toHaveLength(LIST_ROWS);
      expect(new Set(badges.map((b) => b.entity)).size).toBe(LIST_ROWS);

      // Back to the first record with the back button.
      await page.goBack();
      await page.goBack();
      await page.evaluate((html) => (document.body.innerHTML = html), recordHtml);
      await settle(page, 1);
      badges = await badgeTexts(page);
      expect(badges).toHaveLength(1);
      expect(plain(badges[0].text)).toBe(`${badgeOf(expected.get(recordCustomerId('salesforce'))!)} via CRM id`);
    }
    await page.close();
  });
});

describe('privacy', () => {
  it('the extension made no network request: only its own files, and only the test’s page loads went out', () => {
    const fromExtension = L.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://'));
    expect(fromExtension).toEqual([]);
    const nonDocuments = L.requests.filter((r) => !r.url.startsWith('chrome-extension://') && r.type !== 'document');
    expect(nonDocuments).toEqual([]);
  });
});
