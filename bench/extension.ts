/**
 * Browser-extension benchmarks:
 * - import job in Node (read + segment + index keys) on a synthetic file;
 * - the same file imported through the options page in Chromium (worker
 *   parse + IndexedDB batched writes), end to end;
 * - a Salesforce list view of 1,000 rows: time until every row has its badge
 *   (lookups of one scan sent together, one index hit per entity), from
 *   navigation start and from the page's own load event (what the extension
 *   adds), and after an SPA re-render of the whole list.
 * Builds the extension first when dist/extension is missing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildImport } from '../extension/options/import-job.ts';
import { buildExtension } from '../extension/build.ts';
import { listRows, makeListPage } from '../test/fixtures/crm/make-list.ts';
import { builtExtension, importThroughOptions, launchWithExtension, openOptions, serveCrmPages } from '../test/e2e/ext/harness.ts';
import { adapterOf, listUrl } from '../test/e2e/ext/crm-scenario.ts';

const CUSTOMERS = 50_000;
const PER_CUSTOMER = 4;
const LIST = 1000;
const CDNOW_MASTER = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

/** A transaction file: `customers` customers × PER_CUSTOMER purchases; the first LIST are the list view's people. */
function syntheticCsv(customers = CUSTOMERS): string {
  const rows = listRows('salesforce', LIST);
  const out = ['customer_id,date,amount,email,company,crm_ids'];
  for (let c = 0; c < customers; c++) {
    const r = rows[c];
    const email = r?.email ?? `buyer${c}@firm${c % 5000}.example`;
    const company = r ? `"${r.company.replace(/"/g, '""')}"` : `Firm ${c % 5000}`;
    const crm = r?.crmId ?? '';
    for (let k = 0; k < PER_CUSTOMER; k++) {
      const month = 1 + ((c + k * 3) % 12);
      out.push(`${c},2024-${String(month).padStart(2, '0')}-${String(1 + ((c * 7 + k) % 28)).padStart(2, '0')},${(10 + ((c * 31 + k * 17) % 900)).toFixed(2)},${email},${company},${crm}`);
    }
  }
  return out.join('\n') + '\n';
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The size of every script the build ships, raw and gzipped (what a store download costs). */
function bundleSizes(print: (line: string) => void): void {
  const files = readdirSync(builtExtension).filter((f) => f.endsWith('.js'));
  const parts = files.map((f) => {
    const bytes = readFileSync(path.join(builtExtension, f));
    return `${f} ${kib(statSync(path.join(builtExtension, f)).size)} (gzip ${kib(gzipSync(bytes).length)})`;
  });
  print(`  bundles: ${parts.join(', ')}`);
}

/** What the browser reports the extension's storage (IndexedDB) uses. */
async function storageUsed(options: Page): Promise<string> {
  const bytes = await options.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  return `${(bytes / 2 ** 20).toFixed(1)} MiB in IndexedDB`;
}

/** Imports a file through a fresh browser profile's options page; time and storage. */
async function importOnly(print: (line: string) => void, label: string, name: string, text: string | Buffer, customers: number): Promise<void> {
  const L = await launchWithExtension({});
  try {
    const options = await openOptions(L);
    // Playwright passes in-memory files only up to 50 MB: larger ones go through a temporary file.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-bench-')), name);
    writeFileSync(file, text);
    const t = performance.now();
    await options.setInputFiles('#import-file', file);
    await options.waitForSelector('#mapping');
    await options.click('#import-button');
    await options.waitForSelector('#report-summary', { timeout: 900_000 });
    await options.waitForFunction(() => !document.querySelector('#import-progress'), undefined, { timeout: 900_000, polling: 200 });
    const ms = performance.now() - t;
    const summary = (await options.textContent('#report-summary')) ?? '';
    print(`  import via options page, ${label}: ${(ms / 1000).toFixed(1)} s — ${Math.round(customers / (ms / 1000)).toLocaleString('en')} customers/s; ${await storageUsed(options)} (${summary.trim()})`);
  } finally {
    await L.close();
  }
}

export async function runExtensionBench(print: (line: string) => void): Promise<void> {
  const csv = syntheticCsv();
  const bytes = new TextEncoder().encode(csv);
  const rowsIn = CUSTOMERS * PER_CUSTOMER;
  print(`  synthetic file: ${rowsIn.toLocaleString('en')} transactions, ${CUSTOMERS.toLocaleString('en')} customers, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);

  let t = performance.now();
  const { rows } = buildImport(bytes, { fileName: 'bench.csv', encoding: 'auto', identity: { email: 3, company: 4, crmIds: 5 }, tierMethod: 'contribution', model: 'heuristic' });
  let ms = performance.now() - t;
  print(`  import job (node): ${ms.toFixed(0)} ms — ${Math.round(rowsIn / (ms / 1000)).toLocaleString('en')} rows/s, ${rows.length.toLocaleString('en')} customers`);

  if (!existsSync(path.join(builtExtension, 'manifest.json'))) await buildExtension();
  bundleSizes(print);
  const L = await launchWithExtension({ grantOrigins: adapterOf('salesforce').origins });
  try {
    await serveCrmPages(L.context, { [listUrl('salesforce')]: { html: makeListPage('salesforce', LIST) } });
    const options = await openOptions(L);
    t = performance.now();
    // A loaded machine can take longer than a test's 20 s for 200k rows; the figure is what matters here.
    await importThroughOptions(options, { name: 'bench.csv', text: csv }, {}, 180_000);
    ms = performance.now() - t;
    print(`  import via options page (chromium: worker + IndexedDB): ${ms.toFixed(0)} ms — ${Math.round(CUSTOMERS / (ms / 1000)).toLocaleString('en')} customers/s stored; ${await storageUsed(options)}`);

    // One entity's score, as a content script asks for it: message → background → one index hit → reply.
    const lookups = await options.evaluate(async (keys: string[]) => {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        await chrome.runtime.sendMessage({ type: 'lookup', entities: [{ id: 'e', keys: [keys[i % keys.length]!] }] });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { median: times[100]!, p95: times[190]! };
    }, listRows('salesforce', LIST).slice(0, 50).map((r) => `email:${r.email}`).filter((k) => k !== 'email:undefined'));
    print(`  score lookup (one entity, message round trip + IndexedDB): median ${lookups.median.toFixed(1)} ms, p95 ${lookups.p95.toFixed(1)} ms`);

    const page = await L.context.newPage();
    t = performance.now();
    await page.goto(listUrl('salesforce'));
    // Resolved in the page, by a 20 ms poll: its value is the page's clock when the last badge was there.
    const allAt = (await (await page.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n && performance.now(), LIST, { timeout: 60_000, polling: 20 })).jsonValue()) as number;
    ms = performance.now() - t;
    // The page's own parse and first layout of 1,000 rows come before any content script can run
    // (document_idle); "after load" is what the extension adds on top.
    const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    print(`  list view, ${LIST} rows: all badges ${ms.toFixed(0)} ms after navigation start, ${(allAt - loadEnd).toFixed(0)} ms after the page's load event`);

    t = performance.now();
    const rendered = await page.evaluate(() => {
      const body = document.querySelector('table[role=grid] tbody')!;
      const clone = body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-cvlens-badge]').forEach((b) => b.remove());
      body.replaceWith(clone);
      // The CRM's own re-render is done once its layout is: measure from there.
      void document.body.offsetHeight;
      return performance.now();
    });
    const backAt = (await (
      await page.waitForFunction((n) => document.querySelectorAll('[data-cvlens-badge]').length === n && document.querySelectorAll('[data-cvlens-badge]')[0]?.shadowRoot && performance.now(), LIST, { timeout: 60_000, polling: 20 })
    ).jsonValue()) as number;
    ms = performance.now() - t;
    print(`  list view re-rendered (SPA): badges back in ${ms.toFixed(0)} ms, ${(backAt - rendered).toFixed(0)} ms after the page's own re-render and layout (lookups cached per page session)`);
  } finally {
    await L.close();
  }

  if (existsSync(CDNOW_MASTER)) {
    await importOnly(print, 'CDNOW master (69,659 transactions)', 'CDNOW_master.txt', readFileSync(CDNOW_MASTER), 23_570);
  } else {
    print(`  import of CDNOW master: skipped (${CDNOW_MASTER} not found)`);
  }
  await importOnly(print, '1,000,000 transactions', 'million.csv', syntheticCsv(250_000), 250_000);
}
