/**
 * One cvlens pipeline run in a process of its own, for the side-by-side
 * table of bench/pipeline.ts: the file's bytes → createAnalysis (summary,
 * BG/NBD, Gamma-Gamma, P(alive), CLV, the segment table) — what
 * `cvlens segment FILE --model bgnbd` computes before it writes anything.
 * Prints one JSON line: in-process seconds (wall and CPU), peak RSS (bytes)
 * and a few results to check that both sides computed the same thing.
 */
import { readFileSync } from 'node:fs';
import { createAnalysis, readTransactions } from '../core/index.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: pipeline-child.ts FILE');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const analysis = createAnalysis({ unit: 'week', model: 'bgnbd' });
const read = readTransactions(readFileSync(file), { onTransaction: analysis.add });
const result = analysis.finish();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
let sumClv = 0;
for (const c of result.segment.customers) sumClv += c.clv;
process.stdout.write(
  JSON.stringify({
    rows: read.rowsAccepted,
    customers: result.segment.customers.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // resourceUsage reports maxRSS in KiB.
    peakRss: process.resourceUsage().maxRSS * 1024,
    params: result.models.purchase?.params,
    sumClv,
  }) + '\n',
);
