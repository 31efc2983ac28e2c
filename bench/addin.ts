/**
 * Add-in benchmark: the segment sheet generated against the in-memory Excel
 * for the CDNOW master transactions (69,659 rows; skipped when the data are
 * absent) and for 1,000,000 synthetic transaction rows. Reports the time in
 * core, the syncs (round trips), the request payload per sync and the peak
 * memory, and what handing the selection to the pane's analysis worker and
 * the analysis back costs (structured clones, as postMessage makes). The
 * in-memory Excel is not Excel: sync counts and payload sizes carry over,
 * times do not.
 *
 *   npx tsx bench/addin.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTransactions } from '../core/index.ts';
import { analyze, inspectCells, type AnalysisOptions } from '../addin/shared/analyze.ts';
import { describeSelection, readValues, type ExcelHost } from '../addin/taskpane/excel-io.ts';
import { generateSegmentSheet } from '../addin/taskpane/generate.ts';
import { excelSerial } from '../addin/shared/segment-table.ts';
import { createExcelMock } from '../test/addin/excel-mock/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CDNOW = path.resolve(here, '../../shared/data/cdnow/CDNOW_master.txt');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function runCase(name: string, rows: (string | number)[][], print: (line: string) => void): Promise<void> {
  const mock = createExcelMock();
  mock.setSheet('Data', rows);
  mock.select('Data', `A1:C${rows.length}`);
  const host = mock.Excel as unknown as ExcelHost;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const info = await describeSelection(host);
    const values = await readValues(host, info);
    const inspection = inspectCells(values);
    const options: AnalysisOptions = { mapping: inspection.mapping, hasHeader: inspection.hasHeader, firstRow: 1, unit: 'week', tierRule: { method: 'contribution' }, model: 'none', horizonDays: 365, annualDiscount: 0.1 };
    const generated = await generateSegmentSheet(host, values, options, 'en');
    const total = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const req = mock.stats.requestBytes;
    print(`addin ${name}: ${(rows.length - 1).toLocaleString('en-US')} rows → ${generated.analysis.result.customers.length.toLocaleString('en-US')} customers`);
    print(`  core ${generated.analysis.coreSeconds.toFixed(2)} s, total with the in-memory Excel ${total.toFixed(2)} s`);
    print(`  syncs ${mock.stats.syncs} (write ${generated.write.syncs}, failed ${mock.stats.failedSyncs}), chunk ${generated.write.chunkRows} rows`);
    print(`  request per sync: max ${mb(Math.max(...req))}, mean ${mb(req.reduce((a, b) => a + b, 0) / req.length)}; response max ${mb(Math.max(...mock.stats.responseBytes))} (limit 5 MB)`);
    print(`  peak RSS ${mb(peak)}`);
    // The pane runs the analysis in a worker (Cancel stops it); what crossing to it and back costs, as the
    // structured clones postMessage makes, in CPU seconds (wall time on a shared machine says little).
    const cpuOf = (work: () => unknown) => {
      const before = process.cpuUsage();
      work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1e6;
    };
    const coreCpu = cpuOf(() => analyze(values, options));
    const toWorker = cpuOf(() => structuredClone(values));
    const fromWorker = cpuOf(() => structuredClone(generated.analysis));
    const share = (cpu: number) => `${(((toWorker + fromWorker) / cpu) * 100).toFixed(0)} %`;
    print(`  worker hand-off, CPU: selection ${toWorker.toFixed(2)} s + analysis back ${fromWorker.toFixed(2)} s = ${share(coreCpu)} of the analysis with model none (${coreCpu.toFixed(2)} s)`);
    // The pane's default chooses the model (three fits and a holdout): measured where it takes seconds, not minutes.
    if (rows.length <= 200_000) {
      const autoCpu = cpuOf(() => analyze(values, { ...options, model: 'auto' }));
      print(`    and ${share(autoCpu)} of it with the pane's default model choice, auto (${autoCpu.toFixed(2)} s)`);
    }
  } finally {
    clearInterval(sampler);
  }
}

export async function runAddinBench(print: (line: string) => void): Promise<void> {
  if (existsSync(CDNOW)) {
    const read = readTransactions(readFileSync(CDNOW));
    const rows: (string | number)[][] = [['customer_id', 'date', 'dollar_value']];
    for (const t of read.transactions) rows.push([t.customerId, excelSerial(t.day), t.amount]);
    await runCase('CDNOW master', rows, print);
  } else {
    print(`addin CDNOW master: skipped (no ${CDNOW})`);
  }
  const rows: (string | number)[][] = [['id', 'date', 'amount']];
  // 1,000,000 rows: 100,000 customers over 1997–1998, amounts 5..500.
  // mulberry32: a small deterministic generator (32-bit integer arithmetic only).
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < 1_000_000; i++) rows.push([`C${Math.floor(rand() * 100_000)}`, 35431 + Math.floor(rand() * 545), Math.round((5 + rand() * 495) * 100) / 100]);
  await runCase('synthetic', rows, print);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runAddinBench((line) => console.log(line)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
