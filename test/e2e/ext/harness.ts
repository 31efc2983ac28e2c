/**
 * Helpers for the extension's end-to-end tests: a real Chromium (Debian's,
 * driven by playwright-core) with the built extension loaded, CRM fixture
 * pages served on their real host names through request routing, and the
 * options page driven as a user would.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const builtExtension = path.join(repoRoot, 'dist/extension');
export const crmFixtures = path.join(repoRoot, 'test/fixtures/crm');
export const CHROMIUM = '/usr/bin/chromium';

/** Throws a clear message when `npm run build:extension` has not been run. */
export function requireBuild(): void {
  if (!existsSync(path.join(builtExtension, 'manifest.json'))) {
    throw new Error(`No extension build at ${builtExtension}: run \`npm run build:extension\` first (npm test builds before testing).`);
  }
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The browser's profile directory (its processes carry it as --user-data-dir). */
  profile: string;
  /** Every request the browser made, with who made it. */
  requests: { url: string; fromExtension: boolean; type: string }[];
  close(): Promise<void>;
}

/**
 * Copies the build and, for the given CRM origins, moves them from
 * `optional_host_permissions` to `host_permissions`.
 *
 * Why: headless Chromium shows `permissions.request`'s dialog where no one
 * can click it — the promise stays pending forever, and no switch or
 * DevTools command accepts it (Playwright declined the feature:
 * microsoft/playwright#32755). Granting the same origins at install makes the
 * browser report them from `permissions.getAll()` exactly as after the user
 * accepted, so everything after the dialog (content-script registration for
 * exactly those origins, the options page showing the CRM enabled, badges)
 * runs unchanged.
 */
export async function testBuild(grantOrigins: readonly string[]): Promise<string> {
  requireBuild();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cvlens-ext-'));
  await cp(builtExtension, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { host_permissions?: string[]; optional_host_permissions: string[] };
  if (grantOrigins.length) manifest.host_permissions = [...grantOrigins];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Starts Chromium with the extension loaded and returns its id (read from
 * the service worker's URL). `grantOrigins` are granted as if the user had
 * accepted the permission request (see testBuild).
 */
export async function launchWithExtension(options: { grantOrigins?: readonly string[]; locale?: string } = {}): Promise<Launched> {
  const dir = await testBuild(options.grantOrigins ?? []);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'cvlens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'en-US',
    args: [
      '--headless=new',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const requests: Launched['requests'] = [];
  const fromExtension = (r: Request) => {
    const frame = (() => {
      try {
        return r.frame();
      } catch {
        return null;
      }
    })();
    // A request from a service worker has no frame; one from an extension page has its URL.
    return !frame || frame.url().startsWith('chrome-extension://');
  };
  context.on('request', (r) => requests.push({ url: r.url(), fromExtension: fromExtension(r), type: r.resourceType() }));
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    profile,
    requests,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves `pages` (URL → fixture file under test/fixtures/crm, or HTML text)
 * on their real host names; any other request to those hosts gets a 404.
 * The hosts never see the network.
 */
export async function serveCrmPages(context: BrowserContext, pages: Record<string, { file: string } | { html: string }>): Promise<void> {
  const hosts = new Set(Object.keys(pages).map((u) => new URL(u).origin));
  for (const origin of hosts) {
    await context.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      const entry = pages[`${url.origin}${url.pathname}${url.search}`] ?? pages[`${url.origin}${url.pathname}`];
      if (!entry) return route.fulfill({ status: 404, body: 'not a fixture' });
      const body = 'file' in entry ? await readFile(path.join(crmFixtures, entry.file)) : entry.html;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    });
  }
}

/**
 * Runs `fn` in an extension page (which has the same `chrome.*` APIs as the
 * background). Safer than evaluating in the service worker: Chromium stops
 * an idle worker after 30 s, and a handle to a stopped worker never answers.
 */
export async function inExtension<R, A>(launched: Launched, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    return (await page.evaluate(fn as never, arg)) as R;
  } finally {
    await page.close();
  }
}

/** Opens the options page. */
export async function openOptions(launched: Launched): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`chrome-extension://${launched.extensionId}/options.html`);
  await page.waitForSelector('#import-file');
  return page;
}

/**
 * Imports a file through the options page as a user would: choose the file,
 * wait for the column preview, optionally map identity columns by header
 * name, click Import, wait for the report.
 */
export async function importThroughOptions(
  page: Page,
  file: { name: string; text: string | Buffer },
  map: Partial<Record<'email' | 'company' | 'domain' | 'crmIds' | 'name', string>> = {},
  /** How long the import may take; the benchmark's 200k-row file needs more than a test's. */
  timeout = 20_000,
  /** What to do with customers already stored, when the form asks (it does once data is stored). */
  mode: 'replace' | 'merge' = 'replace',
): Promise<string> {
  await page.setInputFiles('#import-file', { name: file.name, mimeType: 'text/csv', buffer: Buffer.isBuffer(file.text) ? file.text : Buffer.from(file.text) }, { timeout });
  await page.waitForSelector('#mapping', { timeout });
  for (const [role, header] of Object.entries(map)) await page.selectOption(`select[name="map-${role}"]`, { label: header });
  await chooseImportMode(page, mode);
  await page.click('#import-button');
  await page.waitForSelector('#report-summary', { timeout });
  await page.waitForFunction(() => !document.querySelector('#import-progress'), undefined, { timeout });
  return (await page.textContent('#report-summary')) ?? '';
}

/** Answers the form's question about stored customers (replace or merge), when it asks. */
export async function chooseImportMode(page: Page, mode: 'replace' | 'merge' = 'replace'): Promise<void> {
  if (await page.locator('#import-mode').count()) await page.check(`input[name="import-mode"][value="${mode}"]`);
}

/** A badge as the reader meets it. */
export interface BadgeSeen {
  /** The entity id on its host. */
  entity: string;
  /** The badge's visible parts, joined by spaces. */
  text: string;
  /** Its accessible name (tier · churn · what matched). */
  label: string;
  /** Whether the badge, when wholly inside the viewport, is what shows at its centre; null when it is not on screen. */
  seen: boolean | null;
}

export async function badgeTexts(page: Page): Promise<BadgeSeen[]> {
  return inContentWorld(page, () =>
    [...document.querySelectorAll('[data-cvlens-badge]')].map((host) => {
      const { cvlensBadgeRoot } = globalThis as unknown as ContentWorld;
      const button = cvlensBadgeRoot(host)?.querySelector('.badge');
      const box = host.getBoundingClientRect();
      const onScreen = box.width > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
      return {
        entity: host.getAttribute('data-cvlens-badge') ?? '',
        text: [...(button?.children ?? [])].map((part) => part.textContent).join(' '),
        label: button?.getAttribute('aria-label') ?? '',
        // What the reader sees at the badge's centre: the badge itself, unless clipped or covered.
        seen: onScreen ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === host : null,
      };
    }),
  undefined,
  // No content script in the page: no badge of ours can be there.
  { absent: [] });
}

/** What the content script's world holds for its tests (see extension/content/index.ts). */
export interface ContentWorld {
  cvlensBadgeRoot(host: Element): ShadowRoot | undefined;
}

/**
 * Runs `fn` in the extension's content-script world of the page's main
 * frame (Chromium's isolated world, reached over CDP), where the badges'
 * closed shadow roots are readable through `cvlensBadgeRoot`. Pages cannot
 * reach that world; `page.evaluate` runs in the page's own. `fn` and its
 * result cross as source text and JSON. Where the content script does not
 * run, returns `options.absent` if given, else throws.
 */
export async function inContentWorld<R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A, options: { absent?: R } = {}): Promise<R> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as (typeof contexts)[number]));
  try {
    await cdp.send('Runtime.enable');
    const mainFrame = ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;
    for (const c of contexts) {
      if (c.auxData?.type !== 'isolated' || c.auxData.frameId !== mainFrame) continue;
      const probe = await cdp.send('Runtime.evaluate', { contextId: c.id, expression: `typeof globalThis.cvlensBadgeRoot === 'function'`, returnByValue: true });
      if (probe.result.value !== true) continue;
      const out = await cdp.send('Runtime.evaluate', { contextId: c.id, expression: `(${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'})`, returnByValue: true, awaitPromise: true });
      if (out.exceptionDetails) throw new Error(`In the content script's world: ${out.exceptionDetails.exception?.description ?? out.exceptionDetails.text}`);
      return out.result.value as R;
    }
    if ('absent' in options) return options.absent as R;
    throw new Error('The extension\'s content script does not run in this page.');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Text of every open card of the page (closed shadow roots, read in the content script's world), in document order. */
export async function openCardTexts(page: Page): Promise<string[]> {
  return inContentWorld(page, () => {
    const { cvlensBadgeRoot } = globalThis as unknown as ContentWorld;
    return [...document.querySelectorAll('[data-cvlens-badge]')]
      .map((host) => cvlensBadgeRoot(host)?.querySelector<HTMLElement>('.card'))
      .filter((card): card is HTMLElement => !!card && !card.hidden)
      .map((card) => card.textContent ?? '');
  }, undefined);
}
