/**
 * A CRM's adapter starts before the background has said which CRMs are
 * enabled (so that round trip does not delay the first badges), and must
 * stop without a badge when its CRM turns out not to be. Here the user has
 * enabled one Salesforce host as an "other site" (the generic, e-mail
 * adapter) but not Salesforce itself: the content script runs there, its
 * Salesforce adapter must never badge the record page, while an ordinary
 * page of the same host gets its e-mail badges. Run `npm run build:extension` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeTexts, importThroughOptions, inExtension, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import { RECORD_URLS, scenarioCsv } from './ext/crm-scenario.ts';
import './ext/chrome-global.ts';

const SITE = 'https://acme.lightning.force.com/*';
const OTHER_PAGE = 'https://acme.lightning.force.com/mail/thread/7';
/** Records, in the page, whether a badge was ever inserted (a flash counts). */
const WATCH = `window.cvBadgeEver = false;
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && (n.hasAttribute('data-cvlens-badge') || n.querySelector('[data-cvlens-badge]'))) window.cvBadgeEver = true;
}).observe(document, { childList: true, subtree: true });`;

let L: Launched;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [SITE] });
  await serveCrmPages(L.context, { [RECORD_URLS.salesforce]: { file: 'salesforce-record.html' }, [OTHER_PAGE]: { file: 'generic-page.html' } });
  await importThroughOptions(await openOptions(L), { name: 'transactions.csv', text: scenarioCsv() });
}, 60_000);
afterAll(async () => L?.close());

describe('a CRM host enabled only for the generic adapter', () => {
  it('runs the content script there, for the generic adapter only', async () => {
    const registered = await inExtension(L, () => chrome.scripting.getRegisteredContentScripts(), null);
    expect(registered.map((s) => [s.id, s.matches])).toEqual([['crm-generic', [SITE]]]);
    const page = await L.context.newPage();
    await page.goto(OTHER_PAGE);
    // (The fixture holds a stray, empty badge host of its own: only a real badge counts.)
    await expect.poll(async () => (await badgeTexts(page)).find((b) => b.entity === 'email:jane.doe@acme.com')?.text ?? '').toMatch(/via e-mail$/);
    await page.close();
  });

  it('never badges the Salesforce record page, not even for a moment', async () => {
    const page = await L.context.newPage();
    await page.addInitScript({ content: WATCH });
    await page.goto(RECORD_URLS.salesforce);
    // Long enough for a scan, a lookup and a write (tens of milliseconds here).
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { cvBadgeEver: boolean }).cvBadgeEver)).toBe(false);
    expect(await badgeTexts(page)).toEqual([]);
    await page.close();
  });
});
