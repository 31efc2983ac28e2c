/**
 * What the browser tests of the add-in share: the Chromium they start, the
 * origin the built add-in (dist layout) is served from through page.route,
 * office.js from the CDN replaced by nothing (the in-memory Excel, injected
 * before the page scripts, stands in for it), and that in-memory Excel built
 * as a script for the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const ORIGIN = 'https://cvlens.test/';
export const haveChromium = existsSync(CHROMIUM);

/** The in-memory Excel (excel-mock/browser.ts) as one classic script. */
export async function mockBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: path.join(here, 'excel-mock/browser.ts'), formats: ['iife'], name: 'excelMock', fileName: () => 'mock.js' } },
  });
  const result = Array.isArray(out) ? out[0] : out;
  if (!('output' in result)) throw new Error('unexpected vite build result');
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no mock bundle');
  return chunk.code;
}

/** Serves the built add-in in `dist` at ORIGIN to page `p`, and office.js from the CDN as an empty script. */
export async function serveAddin(p: Page, dist: string): Promise<void> {
  await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '/* office.js replaced by the in-memory Excel */' }));
  await p.route(`${ORIGIN}**`, (route) => {
    const rel = new URL(route.request().url()).pathname.slice(1);
    const file = path.join(dist, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = rel.endsWith('.html') ? 'text/html' : rel.endsWith('.js') ? 'text/javascript' : rel.endsWith('.css') ? 'text/css' : rel.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: readFileSync(file) });
  });
}
