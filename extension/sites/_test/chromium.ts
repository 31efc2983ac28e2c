/**
 * Test harness: runs the site adapters against fixture pages in a real
 * Chromium (playwright-core, /usr/bin/chromium). The adapters are bundled
 * into one IIFE with vite's build API and injected into each page, so the
 * code under test is the same code that runs in the content script, and the
 * DOM is the browser's own (custom elements, `input.value`, TreeWalker, CSS
 * selector support) rather than an imitation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EntityKey } from '../types.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** What a found entity looks like once it has crossed from the page to the test. */
export interface SerializedEntity {
  id: string;
  keys: EntityKey[];
  label?: string;
  /** The adapter marked it as a company (an account page, a company row). */
  company: boolean;
  anchor: { tag: string; text: string; connected: boolean };
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../test/fixtures/crm/${name}`, import.meta.url)), 'utf8');
}

async function bundleSites(): Promise<string> {
  const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry, formats: ['iife'], name: 'cvlensSites', fileName: 'sites' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const o of outputs) {
    if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('bundleSites: vite produced no chunk');
}

export interface FindResult {
  adapter: string | undefined;
  entities: SerializedEntity[];
  /** Milliseconds findEntities took in the page (informative; speed is the benchmark's business). */
  ms: number;
  /** Whether the document's markup was the same after findEntities as before. */
  unchanged: boolean;
}

export interface SitesBrowser {
  /** Loads `html` as the page at `url` and returns what `adapterFor(url).findEntities` finds, plus the adapter id. */
  find(html: string, url: string): Promise<FindResult>;
  /** Loads `html` with the adapters bundle as `window.cvlensSites`, for tests that call other exports. */
  load(html: string): Promise<void>;
  /** `find` on the page already loaded (after a test changed it, e.g. attached shadow roots). */
  findLoaded(url: string): Promise<FindResult>;
  page: Page;
  close(): Promise<void>;
}

export async function openSitesBrowser(): Promise<SitesBrowser> {
  const code = await bundleSites();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  // The fixtures are static: no network, no scripts of their own (a hostile
  // fixture must not be able to run anything, and would show it if it did).
  await page.route('**/*', (route) => route.abort());
  const load = async (html: string) => {
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: code });
  };
  return {
    page,
    load,
    async find(html, url) {
      await load(html);
      return findLoaded(url);
    },
    findLoaded,
    async close() {
      await browser.close();
    },
  };

  function findLoaded(url: string): Promise<FindResult> {
    return page.evaluate((pageUrl) => {
      const sites = (window as unknown as { cvlensSites: typeof import('../index.ts') }).cvlensSites;
      const u = new URL(pageUrl);
      const adapter = sites.adapterFor(u);
      const before = document.documentElement.outerHTML;
      const t0 = performance.now();
      const found = adapter ? adapter.findEntities(document, u) : [];
      const ms = performance.now() - t0;
      return {
        adapter: adapter?.id,
        ms,
        unchanged: document.documentElement.outerHTML === before,
        entities: found.map((e) => ({
          id: e.id,
          keys: e.keys,
          label: e.label,
          company: e.company === true,
          anchor: { tag: e.anchor.tagName.toLowerCase(), text: (e.anchor.textContent ?? '').replace(/\s+/g, ' ').trim(), connected: e.anchor.isConnected },
        })),
      };
    }, url);
  }
}
