/**
 * One cvlens pipeline run in a process of its own, for the side-by-side
 * table of bench/pipeline.ts, printing one JSON line: in-process seconds
 * (wall and CPU), peak RSS (bytes) and a few results to check that both
 * sides computed the same thing.
 *
 *   pipeline-child.ts FILE         the file's bytes → createAnalysis (summary,
 *                                  BG/NBD, Gamma-Gamma, P(alive), CLV, the
 *                                  segment table as columns): what `cvlens
 *                                  segment FILE --model bgnbd` computes before
 *                                  it writes anything
 *   pipeline-child.ts FILE duckdb  the same through the DuckDB engine (`cvlens
 *                                  segment FILE --engine duckdb`): DuckDB's
 *                                  GROUP BY, then analyzeSummaryTable
 *   pipeline-child.ts FILE worker  as the first, the rows read and cut on a
 *                                  worker thread (cli/parse-worker.ts)
 *
 * The model fits run as the command runs them: all on this thread, or with
 * CVLENS_FIT_WORKER=1 Gamma-Gamma on the fit worker (cli/fit-worker.ts)
 * while BG/NBD fits here, the worker started before the reading.
 *
 * The scored table is read through its totals: a product that writes every
 * row builds each one as it writes it (SegmentResult.row).
 */
// First: V8's compiler set as the command sets it (cli/v8-tuning.js), before any of the pipeline is compiled.
import '../cli/v8-tuning.js';
import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in bytes: Linux's VmHWM, the high-water mark of
 * this program's memory since it started. Not resourceUsage().maxRSS: a
 * process started by a large one (the bench) inherits the parent's maxRSS
 * through fork, so a child of a 300 MB parent said 300 MB for a program of
 * 40 (measured); VmHWM begins again at exec.
 */
function peakRss(): number {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: maxRSS below
  }
  return process.resourceUsage().maxRSS * 1024;
}
/**
 * CPU seconds of this process's main thread alone (Linux: the scheduler's nanoseconds on a CPU in
 * /proc/self/task/PID/schedstat), or undefined elsewhere. process.cpuUsage() adds V8's compiler and
 * collector threads, which run beside the main thread on an idle core: what the in-process time waits
 * for is the main thread, and on a shared machine its CPU time is steadier than the wall time.
 */
function mainThreadCpu(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return undefined;
  }
}
import { analyzeSummaryTable, createAnalysis, readTransactions, type Analysis } from '../core/index.ts';
import { openFileSource } from '../cli/file-source.ts';
import { practiceFor, startFitWorker, wantFitWorker } from '../cli/fit-worker-runner.ts';

const [file, engine] = process.argv.slice(2);
if (!file) throw new Error('usage: pipeline-child.ts FILE [duckdb|worker]');
const cpu0 = process.cpuUsage();
const main0 = mainThreadCpu();
const t0 = performance.now();
let rows: number;
let rejected = 0;
// Reading and summarising alone (the JavaScript reader): the part a parse worker can shorten.
let readSeconds: number | undefined;
let readCpuSeconds: number | undefined;
// The main thread's CPU by then: what is left of mainCpuSeconds is the analysis' (the part the fit worker can shorten).
let readMainCpuSeconds: number | undefined;
let result: Analysis;
if (engine === 'duckdb') {
  const { summariseWithDuckdb } = await import('../cli/duckdb-input.ts');
  const input = await summariseWithDuckdb(file, 'csv', { unit: 'week' });
  rows = input.rows - input.rejected.length;
  rejected = input.rejected.length;
  result = analyzeSummaryTable(input.table, { unit: 'week', model: 'bgnbd', asOf: input.asOf });
} else {
  // Read in pieces, as `cvlens segment FILE` reads a CSV (cli/file-source.ts).
  const source = openFileSource(file, { parseWorker: engine === 'worker' });
  const analysis = createAnalysis({ unit: 'week', model: 'bgnbd' });
  const fits = wantFitWorker('bgnbd', source.size) ? startFitWorker({ practice: practiceFor('bgnbd') }) : undefined;
  try {
    const read = readTransactions(source, { into: analysis });
    rows = read.rowsAccepted;
    rejected = read.rejected.length;
    readSeconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    readCpuSeconds = (c.user + c.system) / 1e6;
    const m = mainThreadCpu();
    readMainCpuSeconds = m === undefined || main0 === undefined ? undefined : m - main0;
  } finally {
    source.close();
  }
  try {
    result = fits ? await analysis.finishAsync(fits.runner) : analysis.finish();
  } finally {
    fits?.close();
  }
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const main1 = mainThreadCpu();
process.stdout.write(
  JSON.stringify({
    rows,
    customers: result.segment.totals.customers,
    seconds,
    readSeconds,
    readCpuSeconds,
    readMainCpuSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainCpuSeconds: main0 === undefined || main1 === undefined ? undefined : main1 - main0,
    peakRss: peakRss(),
    params: result.models.purchase?.params,
    sumClv: result.segment.totals.clv,
    rejected,
  }) + '\n',
);
