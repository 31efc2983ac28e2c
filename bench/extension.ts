/**
 * Browser-extension benchmarks:
 * - import job in Node (read + segment + index keys) on a synthetic file;
 * - the same file imported through the options page in Chromium (worker
 *   parse + IndexedDB batched writes), end to end;
 * - one entity's score lookup, as a content script asks for it.
 * (The 1,000-row list view is timed in extension-list.ts.)
 * Builds the extension first when dist/extension is missing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildImport } from '../extension/options/import-job.ts';
import { RefLayoutBuilder } from '../extension/store/ref-layout.ts';
import { companyRecords } from '../extension/store/company-records.ts';
import { buildExtension } from '../extension/build.ts';
import { listRows } from '../test/fixtures/crm/make-list.ts';
import { builtExtension, importThroughOptions, launchWithExtension, openOptions } from '../test/e2e/ext/harness.ts';
import { browserCpuSeconds } from './extension-cpu.ts';

const CUSTOMERS = 50_000;
const PER_CUSTOMER = 4;
/**
 * Rows of the benchmark's list view. The synthetic file's first LIST
 * customers are its people; the next LIST are the people of a second list
 * view (the list-view bench navigates to it).
 */
export const LIST = 1000;
const CDNOW_MASTER = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

/** A transaction file: `customers` customers × PER_CUSTOMER purchases; the first 2 × LIST are the list views' people. */
export function syntheticCsv(customers = CUSTOMERS): string {
  const rows = listRows('salesforce', 2 * LIST);
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

/**
 * Imports a file through a fresh browser profile's options page; time,
 * rows/s, the time in each phase the progress bar shows (read, score, save),
 * the CPU seconds all the browser's processes spent on it (comparable on a
 * loaded machine, where wall time is not) and storage.
 */
async function importOnly(print: (line: string) => void, label: string, name: string, text: string | Buffer, rows: number, customers: number): Promise<void> {
  const L = await launchWithExtension({});
  try {
    const options = await openOptions(L);
    // Playwright passes in-memory files only up to 50 MB: larger ones go through a temporary file.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-bench-')), name);
    writeFileSync(file, text);
    const cpu = browserCpuSeconds(L.profile);
    const t = performance.now();
    await options.setInputFiles('#import-file', file, { timeout: 300_000 });
    await options.waitForSelector('#mapping', { timeout: 300_000 });
    // The phase the progress bar shows, with when it started (page clock).
    await options.evaluate(`window.cvPhases = [];
      new MutationObserver(() => {
        const p = document.querySelector('#import-progress')?.getAttribute('data-phase') ?? 'done';
        const last = window.cvPhases[window.cvPhases.length - 1];
        if (!last || last[0] !== p) window.cvPhases.push([p, performance.now()]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });`);
    await options.click('#import-button');
    await options.waitForSelector('#report-summary', { timeout: 900_000 });
    await options.waitForFunction(() => !document.querySelector('#import-progress'), undefined, { timeout: 900_000, polling: 200 });
    const ms = performance.now() - t;
    const cpuAfter = browserCpuSeconds(L.profile);
    const cpuText = cpu !== undefined && cpuAfter !== undefined ? `, ${(cpuAfter - cpu).toFixed(1)} CPU s in the browser` : '';
    const phases = (await options.evaluate('window.cvPhases')) as [string, number][];
    const spans = phases.slice(0, -1).map(([p, at], i) => `${p} ${((phases[i + 1][1] - at) / 1000).toFixed(1)} s`).join(', ');
    const summary = (await options.textContent('#report-summary')) ?? '';
    print(`  import via options page, ${label}: ${(ms / 1000).toFixed(1)} s — ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s, ${Math.round(customers / (ms / 1000)).toLocaleString('en')} customers/s (${spans}${cpuText}); ${await storageUsed(options)} (${summary.trim()})`);
  } finally {
    await L.close();
  }
}

/**
 * The import worker's own steps for a file, run in Node (the same V8 as
 * Chromium), each in CPU seconds of this process (its garbage collector's
 * threads included): on a shared machine a step's CPU time is comparable
 * from run to run where its wall time is not. Reading and scoring are
 * core's; rows, chunk layout and companies are the extension's.
 */
function importSteps(print: (line: string) => void, csv: string): void {
  const bytes = new TextEncoder().encode(csv);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const marks: [string, number][] = [['start', cpu()]];
  const { rows } = buildImport(bytes, { fileName: 'bench.csv', encoding: 'auto', identity: { email: 3, company: 4, crmIds: 5 }, tierMethod: 'contribution', model: 'auto' }, (phase, fraction) => {
    if (fraction === 1) marks.push([phase === 'read' ? 'read + analysis' : 'scores', cpu()]);
  });
  marks.push(['rows and keys', cpu()]);
  // As the store lays an import out: customer blocks as they fill, keys and search words at the end.
  let written = 0;
  const builder = new RefLayoutBuilder((b) => (written += b.text.length + b.lens.byteLength + b.lists.byteLength + b.codes.byteLength + b.num.byteLength));
  for (const r of rows) builder.add(r, true);
  marks.push(['customer blocks', cpu()]);
  const layout = builder.finish();
  marks.push(['keys and search words', cpu()]);
  companyRecords(rows, 'contribution');
  marks.push(['companies', cpu()]);
  for (const c of layout.keyChunks) written += c.checks.byteLength + c.refs.byteLength;
  for (const c of layout.termChunks.values()) written += c.terms.text.length + c.terms.lens.byteLength + c.counts.byteLength + c.refs.byteLength;
  const steps = marks.slice(1).map(([label, at], i) => `${label} ${(at - marks[i][1]).toFixed(1)}`).join(', ');
  const records = layout.customerChunks + layout.keyChunks.length + layout.termChunks.size;
  print(`  import job steps (node, CPU s), ${rows.length.toLocaleString('en')} customers: ${steps}; ${records} records to write, ${(written / 2 ** 20).toFixed(1)} MiB of text and arrays`);
}

export async function runExtensionBench(print: (line: string) => void): Promise<void> {
  const csv = syntheticCsv();
  const bytes = new TextEncoder().encode(csv);
  const rowsIn = CUSTOMERS * PER_CUSTOMER;
  print(`  synthetic file: ${rowsIn.toLocaleString('en')} transactions, ${CUSTOMERS.toLocaleString('en')} customers, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);

  let t = performance.now();
  const { rows } = buildImport(bytes, { fileName: 'bench.csv', encoding: 'auto', identity: { email: 3, company: 4, crmIds: 5 }, tierMethod: 'contribution', model: 'auto' });
  let ms = performance.now() - t;
  print(`  import job (node): ${ms.toFixed(0)} ms — ${Math.round(rowsIn / (ms / 1000)).toLocaleString('en')} rows/s, ${rows.length.toLocaleString('en')} customers`);

  // Always built: a build left from other code would be measured in its place.
  await buildExtension();
  bundleSizes(print);
  const L = await launchWithExtension({});
  try {
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

    // A list view's batch: 45 people in one message (rows on screen plus margin), each a different customer, 20 batches of different people.
    const batches = await options.evaluate(async (keys: string[]) => {
      const times: number[] = [];
      for (let b = 0; b < 20; b++) {
        const entities = keys.slice(b * 45, b * 45 + 45).map((key, i) => ({ id: `e${i}`, keys: [key] }));
        const started = performance.now();
        const reply = (await chrome.runtime.sendMessage({ type: 'lookup', entities })) as { results: Record<string, unknown> };
        times.push(performance.now() - started);
        if (Object.values(reply.results).some((r) => r === null)) throw new Error('a batch lookup missed a customer of the file');
      }
      times.sort((a, b) => a - b);
      return { median: times[10]!, max: times[19]! };
    }, listRows('salesforce', LIST).filter((r) => r.email).slice(0, 900).map((r) => `email:${r.email!.toLowerCase()}`));
    print(`  score lookup, 45 entities in one message (20 batches of different people): median ${batches.median.toFixed(0)} ms, slowest ${batches.max.toFixed(0)} ms`);

  } finally {
    await L.close();
  }

  if (existsSync(CDNOW_MASTER)) {
    await importOnly(print, 'CDNOW master (69,659 transactions)', 'CDNOW_master.txt', readFileSync(CDNOW_MASTER), 69_659, 23_570);
  } else {
    print(`  import of CDNOW master: skipped (${CDNOW_MASTER} not found)`);
  }
  // Issue 13's target: 1,000,000 rows in at most 15 s (it took 72.6 s, 61 s of it IndexedDB writes).
  importSteps(print, syntheticCsv(250_000));
  await importOnly(print, '1,000,000 transactions (target ≤ 15 s)', 'million.csv', syntheticCsv(250_000), 1_000_000, 250_000);
}
