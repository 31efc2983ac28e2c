/**
 * End to end in Debian's Chromium: a one-row-per-customer CSV (id, x, t_x,
 * T, average spend, e-mail, company, CRM ids) imported through the options
 * page as a user would — the kind detected and shown, the bad row reported by
 * line and reason — then badges on a HubSpot record (matched on the CRM id)
 * and on a mail page (matched on the e-mail address). Then a CRM account
 * export (a value list: a value, no purchases) imported the same way: tiers
 * by value, its bad line reported, and badges and popup rows that say
 * "churn unknown" with no level and no number.
 * Run `npm run build:extension` first (npm test does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeTexts, chooseImportMode, launchWithExtension, openCardTexts, openOptions, repoRoot, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import { RECORD_URLS, adapterOf, recordCrmIds } from './ext/crm-scenario.ts';
import { buildImport, previewImport } from '../../extension/options/import-job.ts';
import { scoredChurnText } from './ext/churn-text.ts';
import type { StoredCustomer } from '../../extension/store/stored-customer.ts';

const fixtures = path.join(repoRoot, 'test/fixtures/customers');
const customersCsv = readFileSync(path.join(fixtures, 'crm-customers.csv'));
const accountsCsv = readFileSync(path.join(fixtures, 'crm-accounts.csv'));
// The oracle: what the core computes from the same file, outside the browser, with the form's defaults.
const oracle = buildImport(new Uint8Array(customersCsv), {
  fileName: 'crm-customers.csv', encoding: 'auto', identity: previewImport(new Uint8Array(customersCsv), 'auto').guess, tierMethod: 'contribution', model: 'auto',
});
const byKey = (key: string) => oracle.rows.find((r) => r.keys.includes(key))!;
// The same for the account export, read as a value list.
const accountsOracle = buildImport(new Uint8Array(accountsCsv), {
  fileName: 'crm-accounts.csv', encoding: 'auto', identity: previewImport(new Uint8Array(accountsCsv), 'auto').guess, tierMethod: 'contribution', model: 'auto',
});
const accountByKey = (key: string) => accountsOracle.rows.find((r) => r.keys.includes(key))!;
const badgeOf = (c: StoredCustomer) => `${c.tier} ${scoredChurnText(c)}`;
const MAIL_SITE = 'https://mail.example.org/*';
const MAIL_URL = 'https://mail.example.org/inbox/thread/1842';
const plain = (t: string) => t.replace(/\s+/g, ' ').trim();

let L: Launched;
let options: Page;

beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [...adapterOf('hubspot').origins, ...adapterOf('salesforce').origins, MAIL_SITE] });
  await serveCrmPages(L.context, {
    [RECORD_URLS.hubspot]: { file: 'hubspot-record.html' },
    [RECORD_URLS.salesforce]: { file: 'salesforce-record.html' },
    [MAIL_URL]: { file: 'generic-page.html' },
  });
  options = await openOptions(L);
}, 60_000);
afterAll(async () => L?.close());

async function choose(name: string, bytes: Buffer): Promise<void> {
  await options.setInputFiles('#import-file', { name, mimeType: 'text/csv', buffer: bytes });
}

/** Waits until the badges of a page stop changing. */
async function settledBadges(page: Page, want: (b: { entity: string; text: string }[]) => boolean) {
  await expect.poll(async () => want(await badgeTexts(page)), { timeout: 15_000 }).toBe(true);
  return badgeTexts(page);
}

describe('options page: a CSV of customers', () => {
  it('recognises a CRM account export as a value list, says churn risk is unknown for it, allows the import, and lets the user change the kind', async () => {
    await choose('accounts.csv', accountsCsv);
    await options.waitForSelector('#mapping[data-detected=values]');
    expect(await options.inputValue('#file-kind')).toBe('values');
    expect(await options.inputValue('select[name=map-value]')).toBe('4');
    expect(await options.inputValue('select[name=map-company]')).toBe('1');
    expect(await options.textContent('#kind-note')).toMatch(/churn risk is unknown/);
    expect(await options.isDisabled('#import-button')).toBe(false);
    // Tiers are cut by the chosen method; there is no churn model to choose for a list without purchases.
    expect(await options.locator('#tier-method').count()).toBe(1);
    expect(await options.locator('#model').count()).toBe(0);
    // The user says it is something else: the customer-table columns and the model appear.
    await options.selectOption('#file-kind', 'customers');
    await options.waitForSelector('#customer-columns');
    expect(await options.locator('#model').count()).toBe(1);
    expect(await options.isDisabled('#import-button')).toBe(false);
  });

  it('detects a customer table, guesses its columns, imports it and reports the bad row by line and reason', async () => {
    await choose('crm-customers.csv', customersCsv);
    await options.waitForSelector('#mapping[data-detected=customers]');
    expect(await options.inputValue('#file-kind')).toBe('customers');
    const picked = async (role: string) => options.$eval(`select[name=map-${role}]`, (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(await Promise.all(['customerId', 'frequency', 'recency', 'T', 'monetary', 'email', 'company', 'crmIds'].map(picked))).toEqual(['customer_id', 'x', 't_x', 'T', 'zbar', 'email', 'company', 'crm_ids']);
    expect(await options.inputValue('#unit')).toBe('week');

    await options.click('#import-button');
    await options.waitForSelector('#report-summary', { timeout: 20_000 });
    await options.waitForFunction(() => !document.querySelector('#import-progress'));
    expect(await options.textContent('#report-summary')).toBe(`crm-customers.csv: ${oracle.rows.length} customers from 12 rows; 1 rows rejected.`);
    const rejected = await options.$$eval('#rejected tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(rejected).toEqual([['10', expect.stringMatching(/recency \(t_x\) must be a number between 0 and T, got "41.00"/)]]);
    const vip = await options.textContent('#tier-summary tr[data-tier=VIP] td:nth-child(2)');
    expect(Number(vip)).toBe(oracle.rows.filter((r) => r.tier === 'VIP').length);
  });
});

describe('badges for the imported customers', () => {
  it('HubSpot record: the customer with that CRM id, its tier and churn risk from the import', async () => {
    const page = await L.context.newPage();
    await page.goto(RECORD_URLS.hubspot);
    const c = byKey(`crm:${recordCrmIds('hubspot')[0]}`);
    expect(c.id).toBe('007');
    const badges = await settledBadges(page, (b) => b.length === 1);
    expect(plain(badges[0].text)).toBe(`${badgeOf(c)} via CRM id`);
    await page.locator('[data-cvlens-badge]').click();
    expect(plain((await openCardTexts(page))[0] ?? '')).toContain('Suggested action: ');
    await page.close();
  });

  it('a mail page: the customer with that e-mail address', async () => {
    const page = await L.context.newPage();
    await page.goto(MAIL_URL);
    const c = byKey('email:jane.doe@acme.com');
    expect(c.id).toBe('012');
    const badges = await settledBadges(page, (b) => b.some((x) => x.entity === 'email:jane.doe@acme.com'));
    expect(plain(badges.find((b) => b.entity === 'email:jane.doe@acme.com')!.text)).toBe(`${badgeOf(c)} via e-mail`);
    await page.close();
  });
});

// Last: importing the account export replaces the customer table above.
describe('a value list (CRM account export) imported through the options page', () => {
  it('imports the accounts tiered by value, reports the bad line, and says churn risk is unknown', async () => {
    expect(accountsOracle.rows.every((r) => r.churnRisk === undefined)).toBe(true);
    await choose('crm-accounts.csv', accountsCsv);
    await options.waitForSelector('#mapping[data-detected=values]');
    await chooseImportMode(options);
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report-summary'), { timeout: 20_000 }).toBe('crm-accounts.csv: 2 customers from 3 rows; 1 rows rejected.');
    await options.waitForFunction(() => !document.querySelector('#import-progress'));
    const rejected = await options.$$eval('#rejected tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(rejected).toEqual([['4', 'the value "n/a" is not a number']]);
    expect(await options.textContent('#report')).toMatch(/churn risk is unknown/);
    for (const tier of ['VIP', 'Major', 'Ordinary', 'Small'] as const) {
      const n = await options.textContent(`#tier-summary tr[data-tier=${tier}] td:nth-child(2)`);
      expect(Number(n), tier).toBe(accountsOracle.rows.filter((r) => r.tier === tier).length);
    }
    expect(await options.textContent('#stored-count')).toMatch(/^2 customers stored/);
  });

  it('a mail page: the accounts matched by e-mail show their tier and "churn unknown", the card no CLV or percentage', async () => {
    const page = await L.context.newPage();
    await page.goto(MAIL_URL);
    const emails = ['jane.doe@acme.com', 'olivia.brown@brownconsulting.co.uk'];
    const badges = await settledBadges(page, (b) => emails.every((e) => b.some((x) => x.entity === `email:${e}`)));
    for (const e of emails) {
      const c = accountByKey(`email:${e}`);
      expect(plain(badges.find((b) => b.entity === `email:${e}`)!.text)).toBe(`${c.tier} churn unknown via e-mail`);
    }
    // One badge per entity, as for any import.
    expect(badges.filter((b) => b.entity === 'email:jane.doe@acme.com')).toHaveLength(1);
    await page.locator('[data-cvlens-badge="email:jane.doe@acme.com"]').click();
    const card = plain((await openCardTexts(page))[0] ?? '');
    expect(card).toContain('Acme Inc');
    expect(card).toContain('Churn riskunknown');
    expect(card).toMatch(/Value1,200,000|Value1200000/);
    expect(card).not.toMatch(/%|CLV|RFM|Stage|Matrix/);
    await page.close();
  });

  it('a Salesforce contact record of Jane Doe at Acme: one badge, the Acme account’s tier and "churn unknown"', async () => {
    const page = await L.context.newPage();
    await page.goto(RECORD_URLS.salesforce);
    const badges = await settledBadges(page, (b) => b.length === 1);
    const c = accountByKey('email:jane.doe@acme.com');
    expect(plain(badges[0].text)).toBe(`${c.tier} churn unknown via e-mail`);
    await page.close();
  });

  it('the popup search lists the account with "churn unknown", no level and no percentage', async () => {
    const popup = await L.context.newPage();
    await popup.goto(`chrome-extension://${L.extensionId}/popup.html`);
    await popup.fill('#search', 'acme');
    await popup.waitForSelector('#results li');
    const row = plain((await popup.textContent('#results li')) ?? '');
    expect(row).toContain('churn unknown');
    expect(row).not.toMatch(/%|low|medium|high/i);
    await popup.close();
  });
});

// Last of all: a CRM's own export, whose record ids carry no site prefix.
describe('a HubSpot export with bare record ids', () => {
  const hubspotId = recordCrmIds('hubspot')[0].slice('hubspot:'.length);
  const csv = `Record ID,Company name,Annual Revenue\n${hubspotId},Record Holdings,90000\n7001,Other Co,100\n7002,Third Co,100\n`;

  it('asks which CRM the ids belong to; with HubSpot chosen, the HubSpot record is badged on its CRM id', async () => {
    await choose('hubspot-companies.csv', Buffer.from(csv));
    await options.waitForSelector('#mapping[data-detected=values]');
    // Numbers alone name no CRM: the form offers the choice, recognising by shape until made.
    expect(await options.inputValue('#crm-site')).toBe('');
    await options.selectOption('#crm-site', { label: 'HubSpot' });
    await chooseImportMode(options);
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report-summary'), { timeout: 20_000 }).toBe('hubspot-companies.csv: 3 customers from 3 rows; 0 rows rejected.');
    expect(await options.textContent('#report')).not.toMatch(/could not be read/);

    const page = await L.context.newPage();
    await page.goto(RECORD_URLS.hubspot);
    const badges = await settledBadges(page, (b) => b.length === 1 && b[0].text !== '');
    // The oracle: the same file and choice, imported outside the browser.
    const { rows } = buildImport(new TextEncoder().encode(csv), { fileName: 'x', encoding: 'auto', identity: { crmIds: 0, company: 1 }, crmSite: 'hubspot', kind: 'values', tierMethod: 'contribution', model: 'none' });
    const c = rows.find((r) => r.keys.includes(`crm:hubspot:${hubspotId}`))!;
    expect(plain(badges[0].text)).toBe(`${c.tier} churn unknown via CRM id`);
    await page.close();
  });

  it('without the choice, reports the ids it could not read by line instead of dropping them silently', async () => {
    await choose('hubspot-companies.csv', Buffer.from(csv));
    await options.waitForSelector('#mapping[data-detected=values]');
    // The form remembers the choice for these headers; the rep takes it back.
    expect(await options.inputValue('#crm-site')).toBe('hubspot');
    await options.selectOption('#crm-site', '');
    await chooseImportMode(options);
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report'), { timeout: 20_000 }).toMatch(/3 CRM ids could not be read and were left out \(line 2: "\d+", line 3: "7001", line 4: "7002"\)/);
  });
});
