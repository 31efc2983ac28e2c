/**
 * The badge card as a reader meets it and as a hostile page meets it, in
 * Debian's Chromium with the built extension (run `npm run build:extension`
 * first):
 * - opened from a badge in a list cell that hides its overflow (as
 *   Salesforce, HubSpot and Dynamics cells do, issue 13), the card is wholly
 *   visible: what shows at each of its corners is the card;
 * - it is reachable by keyboard: Tab to the badge, Enter opens, Escape
 *   closes, focus stays on the badge;
 * - a page script that writes candidate `mailto:` links into its own DOM
 *   learns nothing of the scores: no shadow root, no text, no card opened by
 *   synthetic events, nothing caught by patching `attachShadow` first;
 * - enumerating thousands of candidates, it learns which are customers for
 *   no more of them than the page's lookup budget (what a list view could
 *   ever show), and the toolbar icon of its tab says lookups were stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importThroughOptions, inContentWorld, inExtension, launchWithExtension, openCardTexts, openOptions, serveCrmPages, type ContentWorld, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import './ext/chrome-global.ts';
import { LOOKUP_BUDGET } from '../../extension/background/lookup-budget.ts';
import { adapterOf, listPage, listUrl, scenarioCsv } from './ext/crm-scenario.ts';

const CLIPPING_CRMS = ['salesforce', 'hubspot', 'dynamics'] as const;
const MAIL_SITE = 'https://mail.example.org/*';
const ATTACK_URL = 'https://mail.example.org/attack';
/**
 * More imported customers than a page may look up in a minute, each with an
 * address of its own: the candidates an enumeration would confirm.
 */
const BULK = LOOKUP_BUDGET.distinct + 600;
const bulkEmail = (i: number) => `buyer${i}@bulk-customers.com`;
const csv = scenarioCsv() + Array.from({ length: BULK }, (_, i) => `BULK${i},2024-0${1 + (i % 6)}-0${1 + (i % 9)},${10 + (i % 50)},${bulkEmail(i)},,`).join('\n') + '\n';
/** Addresses of imported customers: the candidates a harvesting page would hope to confirm. */
const customerEmails = [...new Set(csv.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [])];

let L: Launched;

beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [...CLIPPING_CRMS.flatMap((crm) => adapterOf(crm).origins), MAIL_SITE] });
  const pages: Parameters<typeof serveCrmPages>[1] = { [ATTACK_URL]: { html: '<!DOCTYPE html><html><head><title>Inbox</title></head><body><main id="m"></main></body></html>' } };
  for (const crm of CLIPPING_CRMS) pages[listUrl(crm)] = { html: listPage(crm) };
  await serveCrmPages(L.context, pages);
  const options = await openOptions(L);
  await importThroughOptions(options, { name: 'transactions.csv', text: csv }, {}, 60_000);
  await options.close();
}, 120_000);

afterAll(async () => L?.close());

async function badged(url: string): Promise<Page> {
  const page = await L.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[data-cvlens-badge]').length > 0, undefined, { timeout: 15_000 });
  return page;
}

/** Share of the open card's corners and centre (just inside) at which the card itself is what shows. */
function cardVisibility(page: Page): Promise<{ hits: number; points: number; inViewport: boolean }> {
  return inContentWorld(page, () => {
    const { cvlensBadgeRoot } = globalThis as unknown as ContentWorld;
    for (const host of document.querySelectorAll('[data-cvlens-badge]')) {
      const root = cvlensBadgeRoot(host);
      const card = root?.querySelector<HTMLElement>('.card');
      if (!root || !card || card.hidden) continue;
      const r = card.getBoundingClientRect();
      const points = [
        // 5 px in: inside the card's rounded corners (8 px radius).
        [r.left + 5, r.top + 5],
        [r.right - 5, r.top + 5],
        [r.left + 5, r.bottom - 5],
        [r.right - 5, r.bottom - 5],
        [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
      ];
      const missed = points.filter(([x, y]) => {
        const hit = root.elementFromPoint(x, y);
        return !(hit !== null && card.contains(hit));
      }).map(([x, y]) => `${Math.round(x)},${Math.round(y)}: ${root.elementFromPoint(x, y)?.outerHTML.slice(0, 80)} card ${JSON.stringify(r)}`);
      if (missed.length) return { hits: points.length - missed.length, points: points.length, inViewport: false, missed } as { hits: number; points: number; inViewport: boolean };
      const hits = points.length;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      return { hits, points: points.length, inViewport: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh };
    }
    return { hits: 0, points: 0, inViewport: false };
  }, undefined);
}

describe('card opened from a list cell that hides its overflow', () => {
  for (const crm of CLIPPING_CRMS) {
    it(`${crm}: is wholly visible, beside its badge`, async () => {
      const page = await badged(listUrl(crm));
      // Every cell clips, as in the CRMs' own grids (not only the fixture's truncating wrappers).
      await page.addStyleTag({ content: 'td, th, [role=gridcell], [role=cell], [role=row] { overflow: hidden !important; }' });
      const host = page.locator('[data-cvlens-badge]').first();
      await host.click();
      expect(await openCardTexts(page)).toHaveLength(1);
      expect(await cardVisibility(page)).toEqual({ hits: 5, points: 5, inViewport: true });

      // The last row's badge, scrolled to the viewport's bottom edge: the card flips above and stays whole.
      await page.keyboard.press('Escape');
      const last = page.locator('[data-cvlens-badge]').last();
      await last.evaluate((h) => window.scrollBy(0, h.getBoundingClientRect().bottom - innerHeight + 2));
      await last.click();
      expect(await cardVisibility(page)).toEqual({ hits: 5, points: 5, inViewport: true });
      await page.close();
    });
  }
});

describe('keyboard', () => {
  it('Tab reaches a badge, Enter opens its card, Escape closes it and focus stays on the badge', async () => {
    const page = await badged(listUrl('salesforce'));
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let onBadge = false;
    for (let i = 0; i < 40 && !onBadge; i++) {
      await page.keyboard.press('Tab');
      onBadge = await page.evaluate(() => document.activeElement?.hasAttribute('data-cvlens-badge') ?? false);
    }
    expect(onBadge).toBe(true);
    await page.keyboard.press('Enter');
    expect(await openCardTexts(page)).toHaveLength(1);
    await page.keyboard.press('Escape');
    expect(await openCardTexts(page)).toHaveLength(0);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-cvlens-badge') ?? false)).toBe(true);
    await page.keyboard.press(' ');
    expect(await openCardTexts(page)).toHaveLength(1);
    await page.close();
  });
});

describe('a page harvesting scores', () => {
  it('learns no score of the addresses it plants, by any script means', async () => {
    const page = await L.context.newPage();
    // Before any other script (the content script included): catch every shadow root the page's realm makes.
    await page.addInitScript(() => {
      const caught: ShadowRoot[] = [];
      (window as unknown as { caught: ShadowRoot[] }).caught = caught;
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        const root = attach.call(this, { ...init, mode: 'open' });
        caught.push(root);
        return root;
      };
    });
    await page.goto(ATTACK_URL);
    const real = customerEmails.slice(0, 8);
    expect(real.length).toBe(8);
    const fake = real.map((_, i) => `nobody${i}@nowhere.example`);
    const learned = await page.evaluate(async (candidates) => {
      const m = document.getElementById('m')!;
      for (const address of candidates) {
        const a = document.createElement('a');
        a.href = `mailto:${address}`;
        a.textContent = address;
        const p = document.createElement('p');
        p.append(a);
        m.append(p);
      }
      const hosts = async () => {
        for (let i = 0; i < 50; i++) {
          const found = [...document.querySelectorAll('[data-cvlens-badge]')];
          if (found.length > 0) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
        return [];
      };
      const found = await hosts();
      await new Promise((r) => setTimeout(r, 300));
      const read = () =>
        found.map((h) => ({
          shadow: h.shadowRoot !== null,
          text: h.textContent ?? '',
          inner: (h as HTMLElement).innerText ?? '',
          attrs: h.getAttributeNames().filter((n) => n !== 'data-cvlens-badge' && n !== 'data-compact' && n !== 'data-mark').map((n) => `${n}=${h.getAttribute(n)}`).join(' '),
          children: h.children.length,
        }));
      const before = read();
      // Synthetic events and programmatic focus, as the probe did.
      for (const h of found) {
        for (const type of ['mouseenter', 'mouseover', 'pointerenter', 'focus', 'focusin']) h.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
        h.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        h.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        (h as HTMLElement).click();
        (h as HTMLElement).focus();
      }
      await new Promise((r) => setTimeout(r, 300));
      return {
        badges: found.length,
        before,
        after: read(),
        caught: (window as unknown as { caught: ShadowRoot[] }).caught.map((r) => r.textContent ?? ''),
        body: document.body.innerText,
        popovers: document.querySelectorAll(':popover-open').length,
      };
    }, [...real, ...fake]);

    // The badges are there by design (that is what the page can still tell: which addresses are customers).
    expect(learned.badges).toBe(real.length);
    for (const seen of [...learned.before, ...learned.after]) expect(seen).toEqual({ shadow: false, text: '', inner: '', attrs: '', children: 0 });
    expect(learned.caught).toEqual([]);
    expect(learned.popovers).toBe(0);
    expect(learned.body).not.toMatch(/CLV|RFM|churn|%|VIP|Suggested/i);
    // Nor did any of its events open a card.
    expect(await openCardTexts(page)).toEqual([]);
    // A real pointer still does.
    await page.locator('[data-cvlens-badge]').first().hover();
    expect(await openCardTexts(page)).toHaveLength(1);
    await page.close();
  });

  it('confirms no more customers than the page’s lookup budget, however many it plants, and the toolbar says lookups stopped', async () => {
    const page = await L.context.newPage();
    await page.goto(ATTACK_URL);
    const candidates = Array.from({ length: BULK }, (_, i) => bulkEmail(i));
    // The probe, in batches of 200 (what the page adapter reads per scan),
    // each written on screen in tiny type, read back from the badges' hosts, then removed.
    const confirmed = await page.evaluate(async (all) => {
      let learned = 0;
      const perBatch: number[] = [];
      for (let start = 0; start < all.length; start += 200) {
        const box = document.createElement('div');
        box.style.cssText = 'font-size: 3px; line-height: 4px';
        for (const address of all.slice(start, start + 200)) {
          const a = document.createElement('a');
          a.href = `mailto:${address}`;
          a.textContent = address;
          box.append(a, ' ');
        }
        document.getElementById('m')!.append(box);
        const count = () => box.querySelectorAll('[data-cvlens-badge]').length;
        // Until the badges stop coming, or 3 s with none.
        let last = -1;
        for (let waited = 0; waited < 3000; waited += 250) {
          await new Promise((r) => setTimeout(r, 250));
          const now = count();
          if (now > 0 && now === last) break;
          last = now;
        }
        perBatch.push(count());
        learned += count();
        box.remove();
        await new Promise((r) => setTimeout(r, 150));
      }
      return { learned, perBatch };
    }, candidates);
    // Every candidate is a customer: a page without a budget would have confirmed all of them.
    expect(confirmed.learned).toBeLessThanOrEqual(LOOKUP_BUDGET.distinct);
    // The budget, not anything else, is what stopped it: it got its first thousand, and nothing in its last batch.
    expect(confirmed.learned).toBeGreaterThanOrEqual(1000);
    expect(confirmed.perBatch.at(-1)).toBe(0);
    const signal = await inExtension(L, async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
    }, ATTACK_URL);
    expect(signal.text).toBe('!');
    expect(signal.title).toMatch(/stopped looking customers up on this page/);
    await page.close();
  }, 120_000);
});
