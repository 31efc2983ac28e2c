/**
 * Real-Chromium DOM unit tests: bundles test/e2e/ext/page-entry.ts with vite
 * into one classic script, serves it with a blank page on a routed https
 * origin (so IndexedDB and secure-context APIs exist), and returns the page.
 * `window.cv` then holds the modules under test.
 */
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, repoRoot } from './harness.ts';
import { requireChromium } from './require.ts';

let bundled: Promise<string> | undefined;

async function bundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(repoRoot, 'test/e2e/ext/page-entry.ts'), formats: ['iife'], name: 'cvTest', fileName: () => 'entry.js' },
    },
  })) as { output: { code?: string }[] }[] | { output: { code?: string }[] };
  const first = Array.isArray(out) ? out[0] : out;
  const code = first.output.find((o) => o.code)?.code;
  if (!code) throw new Error('run-in-page: the bundle is empty');
  return code;
}

export const TEST_ORIGIN = 'https://dom-test.cvlens.invalid';

/** Launches Chromium and opens a page with `window.cv` loaded; close the browser when done. */
export async function openTestPage(): Promise<{ browser: Browser; page: Page }> {
  bundled ??= bundle();
  const code = await bundled;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.route(`${TEST_ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/cv.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: code });
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><head><meta charset="utf-8"></head><body><main id="root"></main><script src="/cv.js"></script></body></html>' });
  });
  await page.goto(`${TEST_ORIGIN}/`);
  await page.waitForFunction(() => 'cv' in window);
  return { browser, page };
}

/**
 * The test page for one test file: opened before its tests (failing with a
 * clear message where Chromium is missing), its browser closed after them.
 * The page returned stands for the one opened, from inside the tests on.
 *
 * @example
 * const page = useTestPage();
 * it('…', async () => expect(await page.evaluate(() => 1 + 1)).toBe(2));
 */
export function useTestPage(): Page {
  let opened: { browser: Browser; page: Page } | undefined;
  beforeAll(async () => {
    requireChromium();
    opened = await openTestPage();
  });
  afterAll(async () => opened?.browser.close());
  return new Proxy({} as Page, {
    get(_, key) {
      if (!opened) throw new Error('useTestPage: the page opens before the tests; use it inside them');
      const value: unknown = Reflect.get(opened.page, key);
      return typeof value === 'function' ? value.bind(opened.page) : value;
    },
  });
}
