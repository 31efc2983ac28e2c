/**
 * Time to badge a 1,000-row CRM list view, in Debian's Chromium with the
 * built extension and 50,000 imported customers (every row of the list is
 * one of them):
 * - after a page load, from the page's load event until every row on screen
 *   shows its badge in a painted frame;
 * - after an SPA re-render of the whole list (the CRM replaces its rows),
 *   from the re-render until the rows on screen show their badges again;
 * - the same page without the extension, for the page's own cost;
 * - after scrolling to the end, that the rows there are badged too;
 * - the longest main-thread task after the load event (the page's and the
 *   extension's together).
 * Two layouts: Lightning's fixed-layout grid (as Salesforce renders list
 * views) and a bare table whose columns size to their content, where any
 * badge that widens the name column makes the browser lay out every row.
 */
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { buildExtension } from '../extension/build.ts';
import { makeListPage } from '../test/fixtures/crm/make-list.ts';
import { builtExtension, importThroughOptions, launchWithExtension, openOptions, serveCrmPages } from '../test/e2e/ext/harness.ts';
import { adapterOf, listUrl } from '../test/e2e/ext/crm-scenario.ts';
import { LIST, syntheticCsv } from './extension.ts';

const ROUNDS = 5;
/** The same list on an origin the extension has no access to: the page's own cost. */
const PLAIN_URL = 'https://intranet.example.test/contacts';

/**
 * Page-side probe (main world, before the page's scripts; plain JavaScript
 * so that no bundler helper leaks into the page): notes which name links are
 * on screen at load, then checks every frame whether each has its badge; the
 * time kept is the next frame's, when the badged frame has been laid out and
 * painted. Also keeps the longest task since `since`.
 */
const PROBE = `(() => {
  const anchors = () => [...document.querySelectorAll('tbody th a')];
  const p = { inView: [], paintedAt: undefined, since: 0, longest: 0, ownFrame: NaN };
  p.watch = (since) => {
    p.since = since;
    p.paintedAt = undefined;
    const tick = () => {
      const all = anchors();
      if (p.inView.length > 0 && p.inView.every((i) => all[i] && all[i].closest('tr').querySelector('[data-cvlens-badge]'))) {
        requestAnimationFrame(() => { p.paintedAt = performance.now(); });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  window.cvProbe = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime >= p.since) p.longest = Math.max(p.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('load', () => {
    p.inView = anchors().flatMap((a, i) => {
      const r = a.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight ? [i] : [];
    });
    // The page's own first frame after load, painted (the next frame's start).
    requestAnimationFrame(() => requestAnimationFrame(() => { p.ownFrame = performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd; }));
    // The load event's own handlers end before loadEventEnd; start from there.
    setTimeout(() => p.watch(performance.getEntriesByType('navigation')[0].loadEventEnd));
  });
})();`;

/** What PROBE keeps on the page's window, as the bench reads it back. */
interface Probe {
  inView: number[];
  paintedAt?: number;
  since: number;
  longest: number;
  ownFrame: number;
  watch(since: number): void;
}
declare global {
  interface Window {
    cvProbe: Probe;
  }
}

type Round = { load: number; ownFrame: number; rerender: number; longest: number; inView: number; scrolledBadged: boolean };

async function round(context: BrowserContext, url: string, withExtension: boolean): Promise<Round> {
  const page: Page = await context.newPage();
  try {
    await page.addInitScript({ content: PROBE });
    await page.goto(url);
    const wait = () => page.waitForFunction(() => window.cvProbe.paintedAt !== undefined, undefined, { timeout: 30_000, polling: 20 });
    const elapsed = () => page.evaluate(() => {
      const p = window.cvProbe;
      return p.paintedAt! - p.since;
    });
    let load = NaN;
    if (withExtension) {
      await wait();
      load = await elapsed();
    }
    // Settle, then re-render the list as an SPA does: new rows, no badges.
    await page.waitForTimeout(500);
    const longest = await page.evaluate(() => window.cvProbe.longest);
    await page.evaluate(() => {
      const body = document.querySelector('table[role=grid] tbody')!;
      const fresh = body.cloneNode(true) as HTMLElement;
      fresh.querySelectorAll('[data-cvlens-badge]').forEach((b) => b.remove());
      const p = window.cvProbe;
      body.replaceWith(fresh);
      p.watch(performance.now());
      if (p.inView.length === 0) throw new Error('probe: no rows on screen');
    });
    let rerender: number;
    if (withExtension) {
      await wait();
      rerender = await elapsed();
    } else {
      // Without badges the probe never fires: the page's own re-render ends with its next painted frame.
      rerender = await page.evaluate(() => new Promise<number>((resolve) => {
        const since = window.cvProbe.since;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - since)));
      }));
    }
    const { inView, ownFrame } = await page.evaluate(() => {
      const p = window.cvProbe;
      return { inView: p.inView.length, ownFrame: p.ownFrame };
    });
    let scrolledBadged = false;
    if (withExtension) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      scrolledBadged = await page
        .waitForFunction(() => document.querySelector('tbody tr:last-child [data-cvlens-badge]') !== null, undefined, { timeout: 10_000, polling: 20 })
        .then(() => true, () => false);
    }
    return { load, ownFrame, rerender, longest, inView, scrolledBadged };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function runExtensionListBench(print: (line: string) => void): Promise<void> {
  if (!existsSync(`${builtExtension}/manifest.json`)) await buildExtension();
  const L = await launchWithExtension({ grantOrigins: adapterOf('salesforce').origins });
  try {
    const pages: Record<string, { html: string }> = {};
    const layouts = ['fixed', 'auto'] as const;
    for (const layout of layouts) {
      const html = makeListPage('salesforce', LIST, { layout });
      pages[`${listUrl('salesforce')}&layout=${layout}`] = { html };
      pages[`${PLAIN_URL}?layout=${layout}`] = { html };
    }
    await serveCrmPages(L.context, pages);
    await importThroughOptions(await openOptions(L), { name: 'bench.csv', text: syntheticCsv() }, {}, 180_000);
    print(`  Salesforce list view, ${LIST} rows; 50,000 customers imported; median of ${ROUNDS} page loads each (2 cores)`);
    for (const layout of layouts) {
      const base: Round[] = [];
      const ext: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        base.push(await round(L.context, `${PLAIN_URL}?layout=${layout}`, false));
        ext.push(await round(L.context, `${listUrl('salesforce')}&layout=${layout}`, true));
      }
      const label = layout === 'fixed' ? "Lightning's fixed-layout grid" : 'bare auto-layout table';
      print(`  ${label} (${ext[0]!.inView} rows on screen):`);
      print(`    after a page load, rows on screen badged and painted ${ms(median(ext.map((r) => r.load)))} after the load event (without the extension, the page's own first frame after load is painted at ${ms(median(base.map((r) => r.ownFrame)))})`);
      print(`    after an SPA re-render of all rows, badged and painted in ${ms(median(ext.map((r) => r.rerender)))} (without the extension, the re-render alone is painted in ${ms(median(base.map((r) => r.rerender)))})`);
      print(`    longest main-thread task after load: ${ms(median(ext.map((r) => r.longest)))} with the extension, ${ms(median(base.map((r) => r.longest)))} without; last row badged after scrolling to it: ${ext.every((r) => r.scrolledBadged) ? 'yes' : 'NO'}`);
    }
  } finally {
    await L.close();
  }
}
