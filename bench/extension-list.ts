/**
 * Time to badge a 1,000-row CRM list view, in Debian's Chromium with the
 * built extension and 50,000 imported customers (every row of the list is
 * one of them):
 * - after a page load, from the end of the document's parse
 *   (DOMContentLoaded, before which no content script that waits for the
 *   page's own scripts can run) until every row on screen shows its badge in
 *   a painted frame; beside it, the page's own first frame after its load
 *   event, the load event with and without the extension (work the
 *   extension does before it delays it), and when the browser first painted
 *   rows while streaming the page;
 * - after an SPA re-render of the whole list (the CRM replaces its rows
 *   with the same people), from the re-render until the rows on screen show
 *   their badges again; and after an SPA navigation to another list of
 *   people not looked up yet;
 * - the same page without the extension, for the page's own cost;
 * - after scrolling to the end, that the rows there are badged too;
 * - the longest main-thread task once the document is parsed (the page's and
 *   the extension's together).
 * Two layouts: Lightning's fixed-layout grid (as Salesforce renders list
 * views) and a bare table whose columns size to their content, where any
 * badge that widens the name column makes the browser lay out every row.
 */
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
 * so that no bundler helper leaks into the page).
 * - From the start of the page, every frame notes how many of the list's
 *   first rows carry a badge (a few element checks per frame). Once the page
 *   has loaded, the rows on screen are known, and the first frame whose
 *   successor was painted with all of them badged gives the cold-load time.
 * - `watch(since)` (for re-renders) checks every frame whether each row on
 *   screen has its badge; the time kept is the next frame's, when the badged
 *   frame has been laid out and painted.
 * - Keeps the document's parse end (DOMContentLoaded), the load event, the
 *   page's own first painted frame after load, and the longest task.
 */
const PROBE = `(() => {
  const anchors = () => [...document.querySelectorAll('tbody th a')];
  const badged = (row) => row.querySelector('[data-cvlens-badge]') !== null;
  const p = { inView: [], paintedAt: undefined, since: 0, tasks: [], ownFrame: NaN, parsed: NaN, loaded: NaN, firstPaint: NaN, frames: [] };
  p.longest = (since) => Math.max(0, ...p.tasks.filter(([start]) => start >= since).map(([, d]) => d));
  let body = null;
  const record = () => {
    body = body || document.querySelector('table[role=grid] tbody');
    let n = 0;
    if (body) while (n < body.rows.length && badged(body.rows[n])) n++;
    p.frames.push([performance.now(), n, body ? body.rows.length : 0]);
    if (p.frames.length < 2000) requestAnimationFrame(record);
  };
  requestAnimationFrame(record);
  /**
   * When the rows on screen were first all badged in a painted frame (the
   * start of the frame after), and when they were first all there (painted
   * by the same measure, badged or not).
   */
  const paintedWhen = (ok) => {
    const need = p.inView.length === 0 ? Infinity : Math.max(...p.inView) + 1;
    const i = p.frames.findIndex((f) => ok(f, need));
    return i >= 0 && i + 1 < p.frames.length ? p.frames[i + 1][0] : NaN;
  };
  p.coldPainted = () => paintedWhen(([, n], need) => n >= need);
  p.rowsPainted = () => paintedWhen(([, , rows], need) => rows >= need);
  p.watch = (since) => {
    p.since = since;
    p.paintedAt = undefined;
    const tick = () => {
      const all = anchors();
      if (p.inView.length > 0 && p.inView.every((i) => all[i] && badged(all[i].closest('tr')))) {
        requestAnimationFrame(() => { p.paintedAt = performance.now(); });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  window.cvProbe = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('load', () => {
    const nav = () => performance.getEntriesByType('navigation')[0];
    p.inView = anchors().flatMap((a, i) => {
      const r = a.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight ? [i] : [];
    });
    // The page's own first frame after load, painted (the next frame's start).
    requestAnimationFrame(() => requestAnimationFrame(() => { p.ownFrame = performance.now(); }));
    // The load event's own handlers end before loadEventEnd; read the timings from there.
    setTimeout(() => {
      p.parsed = nav().domContentLoadedEventEnd;
      p.parseStart = nav().domContentLoadedEventStart;
      p.loaded = nav().loadEventEnd;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      p.firstPaint = fcp ? fcp.startTime : NaN;
      p.since = p.loaded;
    });
  });
})();`;

/** What PROBE keeps on the page's window, as the bench reads it back. */
interface Probe {
  inView: number[];
  paintedAt?: number;
  since: number;
  tasks: [start: number, duration: number][];
  longest(since: number): number;
  ownFrame: number;
  parseStart: number;
  parsed: number;
  loaded: number;
  firstPaint: number;
  frames: [time: number, badged: number, rows: number][];
  coldPainted(): number;
  rowsPainted(): number;
  watch(since: number): void;
}
declare global {
  interface Window {
    cvProbe: Probe;
  }
}

/** One page load; times in ms, from the end of the document's parse (DOMContentLoaded) unless named otherwise. */
type Round = {
  /** Rows on screen badged, in a painted frame (with the extension). */
  badged: number;
  /** The same, from the frame in which those rows were first painted (unbadged). */
  afterRows: number;
  /** The page's own first frame after its load event, painted. */
  ownFrame: number;
  /** The load event. */
  loaded: number;
  /** The rows on screen first painted: the browser paints them as it streams the page (negative: before the parse ends). */
  firstPaint: number;
  rerender: number;
  /** An SPA navigation to another list of LIST rows, whose people are not yet looked up. */
  navigate: number;
  longest: number;
  inView: number;
  scrolledBadged: boolean;
};

/**
 * Without badges the probe never fires: the page's own change ends with its
 * next painted frame (the start of the frame after), timed from `watch`.
 */
function ownFrame(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    const since = window.cvProbe.since;
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - since)));
  }));
}

async function round(context: BrowserContext, url: string, withExtension: boolean, otherList: string): Promise<Round> {
  const page: Page = await context.newPage();
  try {
    await page.addInitScript({ content: PROBE });
    await page.goto(url);
    // Settle: the load event, its frames, the badges (when there is an extension).
    await page.waitForFunction(() => !Number.isNaN(window.cvProbe.ownFrame) && !Number.isNaN(window.cvProbe.loaded), undefined, { timeout: 30_000, polling: 20 });
    if (withExtension) await page.waitForFunction(() => !Number.isNaN(window.cvProbe.coldPainted()), undefined, { timeout: 30_000, polling: 20 });
    await page.waitForTimeout(500);
    const cold = await page.evaluate(() => {
      const p = window.cvProbe;
      return {
        badged: p.coldPainted() - p.parsed,
        afterRows: p.coldPainted() - p.rowsPainted(),
        ownFrame: p.ownFrame - p.parsed,
        loaded: p.loaded - p.parsed,
        firstPaint: p.rowsPainted() - p.parsed,
        longest: p.longest(p.parseStart),
      };
    });
    const wait = () => page.waitForFunction(() => window.cvProbe.paintedAt !== undefined, undefined, { timeout: 30_000, polling: 20 });
    const elapsed = () => page.evaluate(() => {
      const p = window.cvProbe;
      return p.paintedAt! - p.since;
    });
    // Re-render the list as an SPA does: new rows, no badges.
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
      rerender = await ownFrame(page);
    }
    // Navigate to another list as the SPA does: its rows (the second half of
    // a 2 × LIST list, parsed beforehand, not timed) replace the list's, then
    // the same wait.
    await page.waitForTimeout(300);
    await page.evaluate((html) => {
      const rows = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('table[role=grid] tbody tr')];
      const next = document.createElement('tbody');
      next.append(...rows.slice(rows.length / 2));
      (window as unknown as { cvNext: HTMLElement }).cvNext = next;
    }, otherList);
    await page.evaluate(() => {
      const p = window.cvProbe;
      document.querySelector('table[role=grid] tbody')!.replaceWith((window as unknown as { cvNext: HTMLElement }).cvNext);
      p.watch(performance.now());
    });
    let navigate: number;
    if (withExtension) {
      await wait();
      navigate = await elapsed();
    } else {
      navigate = await ownFrame(page);
    }
    const inView = await page.evaluate(() => window.cvProbe.inView.length);
    let scrolledBadged = false;
    if (withExtension) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      scrolledBadged = await page
        .waitForFunction(() => document.querySelector('tbody tr:last-child [data-cvlens-badge]') !== null, undefined, { timeout: 10_000, polling: 20 })
        .then(() => true, () => false);
    }
    return { ...cold, rerender, navigate, inView, scrolledBadged };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function runExtensionListBench(print: (line: string) => void): Promise<void> {
  // Always built: a build left from other code would be measured in its place.
  await buildExtension();
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
      const other = makeListPage('salesforce', 2 * LIST, { layout });
      const base: Round[] = [];
      const ext: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        base.push(await round(L.context, `${PLAIN_URL}?layout=${layout}`, false, other));
        ext.push(await round(L.context, `${listUrl('salesforce')}&layout=${layout}`, true, other));
      }
      const label = layout === 'fixed' ? "Lightning's fixed-layout grid" : 'bare auto-layout table';
      const m = (rounds: Round[], f: (r: Round) => number) => ms(median(rounds.map(f)));
      print(`  ${label} (${ext[0]!.inView} rows on screen):`);
      print(`    page load, times from the end of the document's parse (DOMContentLoaded):`);
      print(`      rows on screen painted at ${m(ext, (r) => r.firstPaint)} (streamed: before the parse ends), badged and painted at ${m(ext, (r) => r.badged)}: ${m(ext, (r) => r.afterRows)} after the rows themselves`);
      print(`      without the extension: rows on screen painted at ${m(base, (r) => r.firstPaint)}, the page's own first frame after its load event painted at ${m(base, (r) => r.ownFrame)}`);
      print(`      load event at ${m(ext, (r) => r.loaded)} with the extension, ${m(base, (r) => r.loaded)} without`);
      print(`    after an SPA re-render of all rows (the same people, scores known), badged and painted in ${m(ext, (r) => r.rerender)} (without the extension, the re-render alone is painted in ${m(base, (r) => r.rerender)})`);
      print(`    after an SPA navigation to another list of ${LIST} people, not yet looked up, badged and painted in ${m(ext, (r) => r.navigate)} (without the extension, painted in ${m(base, (r) => r.navigate)})`);
      print(`    longest main-thread task once the document is parsed: ${m(ext, (r) => r.longest)} with the extension, ${m(base, (r) => r.longest)} without; last row badged after scrolling to it: ${ext.every((r) => r.scrolledBadged) ? 'yes' : 'NO'}`);
    }
  } finally {
    await L.close();
  }
}
