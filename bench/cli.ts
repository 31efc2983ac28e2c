/**
 * The command as a user starts it: `cvlens --help`, and CDNOW_master.txt →
 * a workbook, each a fresh `node cli/bin.js` process, beside an empty Node
 * process (what no command can beat) and the same analysis inside this
 * process, phase by phase: reading and summarising, the analysis (model
 * choice, prediction, segments) and the workbook. Wall time is what the
 * user waits for; CPU time (user + system, all threads, from the child
 * itself) is what the command costs, and stays comparable on a machine busy
 * with other work. Targets (issue 12): --help ≤ 0.15 s, CDNOW → workbook
 * ≤ 1 s. CVLENS_BENCH_AGAINST=<another checkout> also runs that checkout's
 * command and this one by turns (see alternate).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../cli/build.ts';
import { bundleIsFresh } from '../cli/bundle-freshness.js';
import { createAnalysis, MODEL_TITLES, readTransactions, type Analysis, type FittedModelName } from '../core/index.ts';
import { segmentWorkbook } from '../cli/workbook.ts';

type Print = (line: string) => void;

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
/**
 * Makes a child report, as it exits, its own CPU time and when (ms since it
 * started) each step the command marks ended (cli/commands/segment.ts) and
 * the exit began.
 */
const CPU_HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();' +
  'const m=performance.getEntriesByType("mark").filter(e=>e.name.startsWith("cvlens:")).map(e=>e.name.slice(7)+"="+e.startTime.toFixed(1));' +
  'process.stderr.write("\\ncvlens-bench-cpu "+(u.user+u.system)/1e6+" "+[...m,"exit="+performance.now().toFixed(1)].join(" ")+"\\n")})';

interface Run {
  wall: number;
  cpu: number;
  /** Seconds since the child started at which each marked step ended, and its exit began. */
  marks?: Record<string, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function spawnTimed(args: string[], env: Record<string, string> = {}): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_HOOK, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  // The last report: a fit worker's thread runs the hook too, and ends before the process does.
  const report = [...r.stderr.matchAll(/cvlens-bench-cpu ([\d.e-]+)([^\n]*)/g)].at(-1);
  const marks: Record<string, number> = {};
  for (const m of (report?.[2] ?? '').matchAll(/(\w+)=([\d.]+)/g)) marks[m[1]] = Number(m[2]) / 1000;
  return { wall, cpu: Number(report?.[1] ?? NaN), marks };
}

function repeat(times: number, run: () => Run): Run {
  const runs = Array.from({ length: times }, run);
  const names = Object.keys(runs[0].marks ?? {}).filter((k) => runs.every((r) => r.marks?.[k] !== undefined));
  const marks = Object.fromEntries(names.map((k) => [k, median(runs.map((r) => r.marks![k]))]));
  // The exit's end is the child's wall time as its parent saw it.
  if (names.length > 0) marks.closed = median(runs.map((r) => r.wall));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), marks };
}

/** Where the command's wall time went, from the steps it marks (median end of each step over the runs). */
function steps(r: Run): string {
  const m = r.marks ?? {};
  const order: [string, string][] = [
    ['started', 'start (Node, loading, options)'],
    ['read', 'read'],
    ['analysis', 'analysis'],
    ['printed', 'summary printed'],
    ['written', 'file written'],
    ['closed', 'exit'],
  ];
  const parts: string[] = [];
  let last = 0;
  for (const [key, label] of order) {
    if (m[key] === undefined) continue;
    parts.push(`${label} ${(m[key] - last).toFixed(3)}`);
    last = m[key];
  }
  return parts.join(' · ');
}

function line(label: string, r: Run, note = ''): string {
  return `  ${label.padEnd(48)} wall ${r.wall.toFixed(3).padStart(6)} s   cpu ${r.cpu.toFixed(3).padStart(6)} s${note ? `   ${note}` : ''}`;
}

/** The machine's load as the figures were taken: on a shared machine, wall times are comparable only at similar loads. */
function load(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min) on ${availableParallelism()} CPUs`;
}

export async function runCliBench(print: Print): Promise<void> {
  print(`  ${load()}`);
  const t0 = performance.now();
  const { bytes, inputs } = await buildCli();
  print(`  build: cli/dist ${(bytes / 1024).toFixed(0)} KiB from ${inputs} sources in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

  const node = repeat(7, () => spawnTimed(['-e', '']));
  print(line('node -e "" (no command can start faster)', node));
  const help = repeat(7, () => spawnTimed([BIN, '--help']));
  print(line('cvlens --help (compiled)', help, `${((help.wall - node.wall) * 1000).toFixed(0)} ms over node; target ≤ 0.15 s`));
  const helpSource = repeat(3, () => spawnTimed([BIN, '--help'], { CVLENS_FROM_SOURCE: '1' }));
  print(line('cvlens --help (sources through tsx, as before)', helpSource));

  if (!existsSync(CDNOW)) {
    print(`  CDNOW_master.txt not found at ${CDNOW}: the end-to-end figures are skipped.`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cvlens-bench-'));
  try {
    for (const model of ['auto', 'bgnbd'] as const) {
      const xlsx = repeat(3, () => spawnTimed([BIN, 'segment', CDNOW, '--model', model, '--out', join(dir, 'out.xlsx')]));
      const size = `${(statSync(join(dir, 'out.xlsx')).size / 2 ** 20).toFixed(1)} MB`;
      print(line(`CDNOW master → workbook (--model ${model})`, xlsx, model === 'auto' ? `target ≤ 1 s; ${size}` : size));
      print(`    where its wall time went (s, median end of each step): ${steps(xlsx)}`);
      const csv = repeat(3, () => spawnTimed([BIN, 'segment', CDNOW, '--model', model, '--out', join(dir, 'out.csv')]));
      print(line(`CDNOW master → customers CSV (--model ${model})`, csv));
      const phases = await inProcess(model);
      print(line(`  in this process (--model ${model}): read + summarise`, phases.read));
      print(line(`  in this process (--model ${model}): analysis`, phases.analysis, model === 'auto' ? 'model choice on a holdout, prediction, segments' : 'one fit, prediction, segments'));
      print(line(`  in this process (--model ${model}): workbook`, phases.workbook, 'sheets written, zip deflated on the thread pool'));
      print(line(`  core only (read + analysis, --model ${model})`, { wall: phases.read.wall + phases.analysis.wall, cpu: phases.read.cpu + phases.analysis.cpu }));
      print(`    likelihood evaluations (the same on any machine): ${phases.evaluations}`);
    }
    const against = process.env.CVLENS_BENCH_AGAINST;
    if (against) alternate(print, join(against, 'cli', 'bin.js'), dir);
    print(`  ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // An edit during the run sends the launcher to the sources: the figures would not be the compiled command's.
    if (!bundleIsFresh(new URL('../cli/dist/', import.meta.url), new URL('../', import.meta.url))) {
      print('  NOTE: a source changed during the run, so some runs used the sources through tsx; run the bench again.');
    }
  }
}

/**
 * With CVLENS_BENCH_AGAINST=<another checkout, built>: its command and this
 * one run CDNOW master → workbook (--model auto) by turns, nine times each,
 * so that both see the same load; the smallest CPU and wall of each (the
 * least disturbed run) and the medians. On a machine shared with other work
 * this is the comparison that holds.
 */
function alternate(print: Print, other: string, dir: string): void {
  if (!existsSync(other)) {
    print(`  CVLENS_BENCH_AGAINST: no ${other}`);
    return;
  }
  // This checkout twice: as it runs (the main thread alone), and with its fit worker asked for, to show what the second core does.
  const arms = { other: { bin: other, env: {} }, this: { bin: BIN, env: {} }, 'this, fit worker on': { bin: BIN, env: { CVLENS_FIT_WORKER: '1' } } } as const;
  const names = Object.keys(arms) as (keyof typeof arms)[];
  const runs = Object.fromEntries(names.map((k) => [k, [] as Run[]])) as Record<keyof typeof arms, Run[]>;
  for (let i = 0; i < 9; i++) {
    for (const k of names) runs[k].push(spawnTimed([arms[k].bin, 'segment', CDNOW, '--out', join(dir, `turn.xlsx`)], arms[k].env));
  }
  print(`  by turns with ${other} (CDNOW master → workbook, --model auto, 9 runs each):`);
  for (const k of names) {
    const r = runs[k];
    const min = (f: (x: Run) => number): string => Math.min(...r.map(f)).toFixed(3);
    const analysis = r.map((x) => (x.marks?.analysis ?? NaN) - (x.marks?.read ?? NaN));
    print(
      `    ${k.padEnd(20)}  cpu least ${min((x) => x.cpu)} s, median ${median(r.map((x) => x.cpu)).toFixed(3)} s   wall least ${min((x) => x.wall)} s, median ${median(r.map((x) => x.wall)).toFixed(3)} s` +
        `   analysis step least ${Math.min(...analysis).toFixed(3)} s, median ${median(analysis).toFixed(3)} s`,
    );
  }
}

function timed<T>(work: () => T): { result: T; run: Run } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = work();
  const c = process.cpuUsage(c0);
  return { result, run: { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 } };
}

/** What `cvlens segment --out x.xlsx` does, without the process around it: the median of three runs of each phase. */
async function inProcess(model: 'auto' | 'bgnbd'): Promise<{ read: Run; analysis: Run; workbook: Run; evaluations: string }> {
  const bytes = readFileSync(CDNOW);
  const runs: { read: Run; analysis: Run; workbook: Run }[] = [];
  let evaluations = '';
  for (let i = 0; i < 3; i++) {
    const analysis = createAnalysis({ model });
    const read = timed(() => readTransactions(bytes, { onTransaction: (t) => analysis.add(t) }));
    const done = timed(() => analysis.finish());
    evaluations = fitCosts(done.result);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await segmentWorkbook({ analysis: done.result, lang: 'en', rejected: read.result.rejected, source: { file: 'CDNOW_master.txt' } });
    const c = process.cpuUsage(c0);
    runs.push({ read: read.run, analysis: done.run, workbook: { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 } });
  }
  const med = (k: 'read' | 'analysis' | 'workbook'): Run => ({ wall: median(runs.map((r) => r[k].wall)), cpu: median(runs.map((r) => r[k].cpu)) });
  return { read: med('read'), analysis: med('analysis'), workbook: med('workbook'), evaluations };
}

/** Each fit's likelihood evaluations: the models fitted before the holdout, then the chosen one on all the data. */
function fitCosts(a: Analysis): string {
  const { selection, purchase } = a.models;
  const before = selection.method === 'holdout' ? selection.candidates.map((c) => `${MODEL_TITLES[c.model]} ${c.evaluations ?? '–'}`).join(', ') : '';
  const chosen = purchase ? `${MODEL_TITLES[selection.chosen as FittedModelName]} ${purchase.evaluations ?? '–'} on all the data` : 'no model fitted';
  return before ? `before the holdout ${before}; ${chosen}` : chosen;
}
