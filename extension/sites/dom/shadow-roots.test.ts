import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, openSitesBrowser, type SitesBrowser } from '../_test/chromium.ts';

// In real Chromium: open shadow roots exist only in a browser DOM.
const suite = chromiumAvailable ? describe : describe.skip;
if (!chromiumAvailable) console.warn(`shadow-roots.test.ts skipped: no Chromium at ${CHROMIUM_PATH}`);

let browser: SitesBrowser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await openSitesBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NESTED = `<html><body>
  <x-a id="a"><template shadowrootmode="open"><x-b id="b"><template shadowrootmode="open"><x-c id="c"><template shadowrootmode="open"><i id="deep">deep</i></template></x-c></template></x-b></template></x-a>
  <x-d id="d"><template shadowrootmode="open"><span id="d-in">d</span></template></x-d>
  <x-closed id="closed"><template shadowrootmode="closed"><span>closed</span></template></x-closed>
</body></html>`;

suite('openShadowRoots', () => {
  it('finds every open root, nested ones after their hosts\' roots, and no closed one', async () => {
    await browser.load(NESTED);
    const hosts = await browser.page.evaluate(() => {
      const sites = (window as unknown as { cvlensSites: typeof import('../index.ts') }).cvlensSites;
      return sites.openShadowRoots(document).map((r) => r.host.id);
    });
    expect(hosts).toEqual(['a', 'd', 'b', 'c']);
  });

  it('stops at its bounds: roots returned and elements examined', async () => {
    await browser.load(NESTED);
    const out = await browser.page.evaluate(() => {
      const sites = (window as unknown as { cvlensSites: typeof import('../index.ts') }).cvlensSites;
      return {
        twoRoots: sites.openShadowRoots(document, { elements: 1000, roots: 2 }).map((r) => r.host.id),
        // The document's elements up to x-a: only x-a's root is seen.
        upToA: sites.openShadowRoots(document, { elements: [...document.querySelectorAll('*')].indexOf(document.getElementById('a')!) + 1, roots: 1000 }).map((r) => r.host.id),
      };
    });
    expect(out).toEqual({ twoRoots: ['a', 'd'], upToA: ['a'] });
  });

  it('composedParent crosses from a shadow root to its host', async () => {
    await browser.load(NESTED);
    const chain = await browser.page.evaluate(() => {
      const sites = (window as unknown as { cvlensSites: typeof import('../index.ts') }).cvlensSites;
      const roots = sites.openShadowRoots(document);
      let el: Element | null = roots.find((r) => r.host.id === 'c')!.querySelector('#deep');
      const ids: string[] = [];
      while (el) {
        ids.push(el.id || el.tagName.toLowerCase());
        el = sites.composedParent(el);
      }
      return ids;
    });
    expect(chain).toEqual(['deep', 'c', 'b', 'a', 'body', 'html']);
  });
});
