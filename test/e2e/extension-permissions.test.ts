/**
 * Site access as a rep changes it on the options page, in Chromium with the
 * built extension: a CRM ticked badges its tabs already open, unticked stops
 * them at once (badges gone, lookups refused), twenty quick clicks end with
 * the checkbox, the browser's permissions, the registration and the open tab
 * agreeing, and an http:// site is enabled only after a warning.
 *
 * Headless Chromium shows `permissions.request`'s dialog where no one can
 * click it (see harness.ts). The user's first "Allow" is given here through
 * the browser's own extension settings (chrome://extensions, "Site access":
 * developerPrivate.addHostPermission); Chromium then grants the same
 * request again without a dialog, as it does for a user who allowed it
 * before, so every click below goes through the page's real code path.
 * Run `npm run build:extension` first (npm test does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeTexts, importThroughOptions, inContentWorld, inExtension, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import { RECORD_URLS, adapterOf, scenarioCsv } from './ext/crm-scenario.ts';
import './ext/chrome-global.ts';

const HUBSPOT = adapterOf('hubspot').origins;
const INTRANET = 'http://crm.intra.example/*';

let L: Launched;
let options: Page;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({});
  await serveCrmPages(L.context, { [RECORD_URLS.hubspot]: { file: 'hubspot-record.html' } });
  const settings = await L.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(async ({ id, hosts }) => {
    const dev = (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate;
    for (const host of hosts) await dev.addHostPermission(id, host);
  }, { id: L.extensionId, hosts: [...HUBSPOT, INTRANET] });
  await settings.close();
  options = await openOptions(L);
  await importThroughOptions(options, { name: 'transactions.csv', text: scenarioCsv() });
}, 90_000);
afterAll(async () => L?.close());

const state = () =>
  inExtension(L, async (origins) => ({
    granted: await chrome.permissions.contains({ origins }),
    registered: (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort(),
  }), HUBSPOT);
const box = 'input[data-crm=hubspot]';
/** Waits until the page has no permission change pending (the last click's render is in before it looks). */
const settled = async () => {
  await options.waitForTimeout(300);
  await options.waitForSelector('ul.crms[aria-busy=false]', { timeout: 30_000 });
};

describe('a CRM ticked and unticked on the options page', () => {
  let tab: Page;

  it('badges a tab of it that was open before it was ticked, without a reload', async () => {
    tab = await L.context.newPage();
    await tab.goto(RECORD_URLS.hubspot);
    await tab.waitForTimeout(500);
    expect(await badgeTexts(tab)).toEqual([]);
    await options.bringToFront();
    await options.click(box);
    await settled();
    expect(await state()).toEqual({ granted: true, registered: ['crm-hubspot'] });
    await expect.poll(async () => (await badgeTexts(tab)).length, { timeout: 10_000 }).toBe(1);
    expect((await badgeTexts(tab))[0].text).toMatch(/via CRM id$/);
  });

  it('stops that tab at once when unticked: its badges go, and a lookup from it is refused', async () => {
    await options.click(box);
    await settled();
    expect(await state()).toEqual({ granted: false, registered: [] });
    await expect.poll(async () => (await badgeTexts(tab)).length, { timeout: 10_000 }).toBe(0);
    // What the page's content script would send next: the background answers no more.
    const answer = await inContentWorld(tab, async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return api.sendMessage({ type: 'lookup', entities: [{ id: 'e', keys: ['email:jane.doe@acme.com'] }] }).then(() => 'answered', (e: Error) => `refused: ${e.message}`);
    }, undefined);
    expect(answer).toMatch(/^refused: .*no longer enabled/);
  });

  it('ends consistent after 21 quick clicks and 21 more: ticked, granted, registered once, the open tab badged, no error', async () => {
    for (let i = 0; i < 21; i++) await options.click(box, { force: true });
    await settled();
    expect(await options.isChecked(box)).toBe(true);
    expect(await state()).toEqual({ granted: true, registered: ['crm-hubspot'] });
    await expect.poll(async () => (await badgeTexts(tab)).length, { timeout: 10_000 }).toBe(1);
    expect(await options.locator('.error[role=alert]').count()).toBe(0);
    // And 21 more end unticked, everything off.
    for (let i = 0; i < 21; i++) await options.click(box, { force: true });
    await settled();
    expect(await options.isChecked(box)).toBe(false);
    expect(await state()).toEqual({ granted: false, registered: [] });
    await expect.poll(async () => (await badgeTexts(tab)).length, { timeout: 10_000 }).toBe(0);
    expect(await options.locator('.error[role=alert]').count()).toBe(0);
  }, 90_000);
});

describe('an http:// site', () => {
  it('is not asked for until the rep confirms a warning that it is unencrypted', async () => {
    await options.fill('#site-address', 'http://crm.intra.example/app');
    await options.click('#site-add');
    expect(await options.textContent('#site-http-warning')).toMatch(/^http:\/\/crm\.intra\.example is not encrypted \(http:\/\/\)/);
    expect(await inExtension(L, (o) => chrome.permissions.contains({ origins: [o] }), INTRANET)).toBe(false);
    await options.click('#site-http-cancel');
    expect(await options.locator('#site-http-warning').count()).toBe(0);
    expect(await inExtension(L, (o) => chrome.permissions.contains({ origins: [o] }), INTRANET)).toBe(false);

    await options.fill('#site-address', 'http://crm.intra.example/app');
    await options.click('#site-add');
    await options.click('#site-http-confirm');
    await options.waitForSelector(`#sites li[data-site="${INTRANET}"]`);
    expect(await options.textContent(`#sites li[data-site="${INTRANET}"]`)).toContain('unencrypted');
    await expect.poll(async () => (await state()).registered).toEqual(['crm-generic']);
  }, 60_000);

  it('an https:// site needs no confirmation', async () => {
    await options.fill('#site-address', 'mail.example.org');
    await options.click('#site-add');
    expect(await options.locator('#site-http-warning').count()).toBe(0);
  });
});
