/**
 * BG/NBD fit time, cvlens vs a Python/scipy baseline on the same data
 * (bench/reference/bgnbd_scipy.py: the reference library's approach — every
 * customer evaluated, Nelder-Mead — since the library itself cannot be
 * installed here). Skipped with a message when python3 with numpy and scipy
 * is missing (Debian: apt-get install python3-scipy).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSummaryBuilder, fitBgNbd, isoToDay, modelInputs, readTransactions, simulateCustomers, type RepeatData } from '../core/index.ts';

type Print = (line: string) => void;

const SCRIPT = fileURLToPath(new URL('./reference/bgnbd_scipy.py', import.meta.url));
const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/', import.meta.url));

interface PythonFit {
  customers: number;
  params: Record<string, number>;
  logLikelihood: number;
  seconds: number;
}

function writeData(dir: string, name: string, d: RepeatData): string {
  const lines = ['x,t_x,T'];
  for (let i = 0; i < d.x.length; i++) lines.push(`${d.x[i]},${d.t_x[i]},${d.T[i]}`);
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function masterData(): RepeatData {
  const b = createSummaryBuilder({ unit: 'week', asOf: isoToDay('1997-09-30') });
  readTransactions(readFileSync(CDNOW + 'CDNOW_master.txt'), { onTransaction: (t) => b.add(t) });
  const inputs = modelInputs(b.finish(), 'week');
  return { x: inputs.map((c) => c.x), t_x: inputs.map((c) => c.t_x), T: inputs.map((c) => c.T) };
}

function sampleData(): RepeatData {
  const rows = readFileSync(CDNOW + 'cdnow_customers_summary.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r[1]!), t_x: rows.map((r) => r[2]!), T: rows.map((r) => r[3]!) };
}

function simulatedData(customers: number): RepeatData {
  const { truth } = simulateCustomers({
    seed: 11,
    customers,
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start: isoToDay('2024-01-01'),
    days: 39 * 7,
  });
  // Whole days, as a real transaction file gives them (continuous times never repeat).
  const day = (v: number) => Math.round(v * 7) / 7;
  return { x: truth.x, t_x: Array.from(truth.t_x, day), T: Array.from(truth.T, (v) => Math.max(day(v), 1 / 7)) };
}

export async function runPythonBaselineBench(print: Print): Promise<void> {
  const probe = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    print('  skipped: python3 with numpy and scipy is not installed (apt-get install python3-scipy)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cvlens-pybench-'));
  const sets: [string, () => RepeatData][] = [];
  if (existsSync(CDNOW)) sets.push(['CDNOW sample (2,357)', sampleData], ['CDNOW master (23,570)', masterData]);
  sets.push(['simulated (200,000)', () => simulatedData(200_000)]);
  print(`  ${'data'.padEnd(24)} ${'cvlens'.padStart(10)} ${'python'.padStart(10)} ${'ratio'.padStart(7)}   log-likelihood cvlens / python`);
  for (const [name, make] of sets) {
    const data = make();
    fitBgNbd(data); // warm-up: JIT
    const ts = fitBgNbd(data);
    const run = spawnSync('python3', [SCRIPT, writeData(dir, 'data', data)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) {
      print(`  ${name}: python failed: ${run.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const py = JSON.parse(run.stdout.trim()) as PythonFit;
    print(
      `  ${name.padEnd(24)} ${(ts.seconds.toFixed(3) + ' s').padStart(10)} ${(py.seconds.toFixed(3) + ' s').padStart(10)} ` +
        `${(py.seconds / ts.seconds).toFixed(0).padStart(6)}×   ${ts.logLikelihood.toFixed(2)} / ${py.logLikelihood.toFixed(2)}`,
    );
  }
}
