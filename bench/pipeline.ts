/**
 * Core throughput: raw transaction text → read → summarise → fit BG/NBD and
 * Gamma-Gamma → predict → segment, on the CDNOW master file (69,659
 * transactions, 23,570 customers) and on a generated file of about a
 * million transactions. Streams rows from the reader into the summary
 * builder, so memory follows customers, not transactions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeCustomers,
  createSummaryBuilder,
  isoToDay,
  readTransactions,
  simulateTransactionsCsv,
  type ReadOptions,
} from '../core/index.ts';

type Print = (line: string) => void;

const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function rate(n: number, seconds: number): string {
  return `${Math.round(n / seconds).toLocaleString('en')}/s`;
}

/** One end-to-end run, timed per stage. */
function run(print: Print, name: string, input: Uint8Array | string, options: ReadOptions = {}): void {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const t0 = performance.now();
  const builder = createSummaryBuilder({ unit: 'week' });
  const read = readTransactions(input, { ...options, onTransaction: (t) => builder.add(t), onProgress: sample });
  const t1 = performance.now();
  const summaries = builder.finish();
  sample();
  const t2 = performance.now();
  const analysis = analyzeCustomers(summaries, { unit: 'week', model: 'bgnbd' });
  sample();
  const t3 = performance.now();
  const seconds = (t3 - t0) / 1000;
  const fit = analysis.models.purchase;
  print(`  ${name}: ${read.rowsAccepted.toLocaleString('en')} transactions, ${summaries.length.toLocaleString('en')} customers, ${read.rejected.length} rejected`);
  print(`    read + summarise  ${((t2 - t0) / 1000).toFixed(3)} s   (${rate(read.rowsAccepted, (t2 - t0) / 1000)} rows)`);
  print(`      of which read   ${((t1 - t0) / 1000).toFixed(3)} s`);
  print(`    fit + score       ${((t3 - t2) / 1000).toFixed(3)} s   (BG/NBD ${fit ? (fit.seconds * 1000).toFixed(0) + ' ms' : 'not fitted'}, Gamma-Gamma ${analysis.models.spend ? (analysis.models.spend.seconds * 1000).toFixed(0) + ' ms' : 'not fitted'})`);
  // What is left of fit + score once the two fits are taken out: P(alive)/CLV prediction and the segment table.
  const fitSeconds = (fit?.seconds ?? 0) + (analysis.models.spend?.seconds ?? 0);
  print(`      of which score  ${((t3 - t2) / 1000 - fitSeconds).toFixed(3)} s   (predict + segment table, ${rate(summaries.length, (t3 - t2) / 1000 - fitSeconds)} customers)`);
  print(`    end to end        ${seconds.toFixed(3)} s   (${rate(read.rowsAccepted, seconds)} rows, ${rate(summaries.length, seconds)} customers)`);
  print(`    memory            rss ${mb(rssBefore)} → peak ${mb(peak)}`);
}

export async function runPipelineBench(print: Print): Promise<void> {
  if (existsSync(CDNOW)) {
    const bytes = readFileSync(CDNOW);
    run(print, 'CDNOW master (warm-up)', bytes);
    run(print, 'CDNOW master', bytes);
  } else {
    print(`  CDNOW master: skipped (${CDNOW} not found)`);
  }
  const t0 = performance.now();
  const csv = simulateTransactionsCsv({
    seed: 42,
    customers: 350_000,
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start: isoToDay('2024-01-01'),
    days: 78 * 7,
  });
  print(`  (generated ${mb(csv.length)} of CSV in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  run(print, 'generated file', csv);
}
