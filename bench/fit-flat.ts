/**
 * Benchmark of the model fits where the optimum lies at a limit of the
 * model: customers with one purchase rate and no visible drop-out
 * (test/flat-customers.ts). Prints the CPU seconds of this process (the
 * machine is shared: read those and the evaluations, not wall time) and the
 * likelihood evaluations of each fit, with BG/NBD beside the Pareto/NBD.
 * Until the Pareto/NBD searched its limits in ln(r, r/α, s, s/β), 300 such
 * customers ran out of the 10 s budget (~4,500 evaluations) and 1,000 took
 * 1.6–2.4 s CPU and 213 evaluations. Run through bench/run.ts (`npm run bench -- flat`).
 */
import { cpuUsage } from 'node:process';
import { fitBgNbd, fitParetoNbd, type FitResult } from '../core/index.ts';
import { addinCustomers, uniformDays, type Summaries } from '../test/flat-customers.ts';

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** The fit and the CPU seconds (user + system) this process spent on it. */
function timed<T>(fit: () => T): { result: T | Error; cpu: number } {
  const before = cpuUsage();
  let result: T | Error;
  try {
    result = fit();
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  const used = cpuUsage(before);
  return { result, cpu: (used.user + used.system) / 1e6 };
}

function line(print: (line: string) => void, data: string, model: string, run: { result: FitResult | Error; cpu: number }): void {
  const head = `${pad(data, 42)}${pad(model, 6)}${lpad(run.cpu.toFixed(3), 8)} s CPU`;
  if (run.result instanceof Error) {
    print(`${head}  FAILED: ${run.result.message.slice(0, 120)}`);
    return;
  }
  const f = run.result;
  print(`${head}${lpad(String(f.evaluations ?? '?'), 7)} ev${lpad(String(f.iterations), 6)} it${lpad(f.logLikelihood.toFixed(3), 14)}  ${(f.notes ?? []).length} note(s)`);
}

/** Print one line per fit: data, model, CPU seconds, evaluations, iterations, log-likelihood. */
export async function runFlatFitBench(print: (line: string) => void): Promise<void> {
  print('fits at the limits of the model (data, model, CPU seconds, evaluations, iterations, log-likelihood)');
  const sets: [string, Summaries][] = [
    ['uniform days, 100 customers', uniformDays(100)],
    ['uniform days, 300 customers', uniformDays(300)],
    ['uniform days, 1,000 customers', uniformDays(1000)],
    ['uniform days, 3,000 customers', uniformDays(3000)],
    ['uniform days, 1,000, as of last purchase', uniformDays(1000, true)],
    ["add-in tests' 300 customers", addinCustomers(300)],
    ["add-in tests' 1,000 customers", addinCustomers(1000)],
  ];
  // The fits' default budget of 10 s is wall time: on a shared machine (load 15 on 2 cores)
  // 3,000 customers overran it with 1.2 s of CPU spent. This bench measures CPU and
  // evaluations, so it gives the fits room; the budget itself is the product's business.
  const room = { maxSeconds: 300 };
  // Warm the code paths once so the first line is not charged with compilation.
  fitParetoNbd(uniformDays(100), room);
  for (const [name, data] of sets) {
    line(print, name, 'pnbd', timed(() => fitParetoNbd(data, room)));
    line(print, name, 'bgnbd', timed(() => fitBgNbd(data, room)));
  }
}
