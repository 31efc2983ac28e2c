/**
 * The second core for `cvlens segment`'s model fits (issue 14, item 3): a
 * worker thread (cli/fit-worker.ts) takes the fit that costs most — the
 * Pareto/NBD candidate, with what only the chosen model needs done ahead
 * (its fit on all the data, its churn risk at the churn horizon), or, when
 * one purchase model is asked for, Gamma-Gamma — while the main thread fits
 * the rest. The worker gives the same doubles the main thread would (the
 * same code on the same numbers); if it fails or dies, its jobs are run
 * here and the result is the same. docs/cli-speed.md has what it gains.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { workerThreads } from './worker-threads.ts';
import { runFitJob, type FitJob, type FitJobResult, type FitRunner } from '../core/index.ts';
import type { FitWorkerData, FitWorkerReply, FitWorkerRequest } from './fit-worker.ts';

/**
 * Below this many bytes of input the fits take a few milliseconds on one
 * thread, less than a worker costs to start.
 */
export const FIT_WORKER_MIN_BYTES = 256 * 1024;

/** A started fit worker: its runner, and close() to end it (idempotent; the runner ends it after its batch). */
export interface FitWorker {
  runner: FitRunner;
  close(): void;
  /** Settles when the thread has ended, with its exit code. */
  exited: Promise<number>;
  /** How the runner's batch went: jobs the worker ran (and its seconds on them), and why it fell back to this thread, if it did. */
  report(): { onWorker: number; workerSeconds?: number; workerCpuSeconds?: number; fallback?: string };
}

export interface FitWorkerOptions {
  /** The worker's script (tests give one that fails); default the bundled fit-worker.mjs, else the source through tsx. */
  script?: { script: URL | string; eval?: boolean };
  /** The kind of job it will be given, to practise on made-up data while it waits (practiceFor). */
  practice?: 'candidate' | 'spend';
}

/**
 * What the worker will be given for `model` (see workerShare), to practise
 * while the file is read: the Pareto/NBD candidate when the model is
 * chosen or asked for, else Gamma-Gamma. CVLENS_FIT_WORKER_PRACTICE=0
 * turns practice off (to measure what it gains).
 */
export function practiceFor(model: string | undefined, env: NodeJS.ProcessEnv = process.env): 'candidate' | 'spend' | undefined {
  if (env.CVLENS_FIT_WORKER_PRACTICE === '0') return undefined;
  return model === undefined || model === 'auto' || model === 'pnbd' ? 'candidate' : 'spend';
}

/**
 * Whether `cvlens segment` should start a fit worker: only when asked
 * (CVLENS_FIT_WORKER=1), as the parse worker is. Measured by turns on the
 * 2-core build machine with nothing else running (2026-12-03 18:52–18:54,
 * docs/cli-speed.md), the worker made runs slower, not faster: CDNOW master
 * in process 0.68–0.76 s with it against 0.57–0.68 s without, 1M rows
 * 2.31–2.81 s against 2.16–2.91 s; `cvlens segment` to a workbook with
 * auto 1.27–1.43 s against 1.26–1.35 s. Its start and practice take the
 * core the main thread's own compiler and collector threads use, and the
 * read slows by more than the fits gain. When asked: not for `--model none`
 * (no fits), a one-CPU machine or an input too small to pay for the
 * thread; CVLENS_FIT_WORKER=force starts it on any input (tests).
 */
export function wantFitWorker(model: string | undefined, inputBytes: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const asked = env.CVLENS_FIT_WORKER;
  if (asked !== '1' && asked !== 'force') return false;
  if (model === 'none') return false;
  if (asked === 'force') return true;
  return availableParallelism() > 1 && inputBytes >= FIT_WORKER_MIN_BYTES;
}

/**
 * Which of the jobs the worker takes: the Pareto/NBD candidate when there
 * is one (the costliest fit; its refit and churn risk done ahead, as the
 * worker would otherwise wait), else Gamma-Gamma when a purchase model
 * fits meanwhile on the main thread. Indices into `jobs`.
 */
export function workerShare(jobs: readonly FitJob[]): number[] {
  const pnbd = jobs.findIndex((j) => j.kind === 'candidate' && j.model === 'pnbd');
  if (pnbd >= 0 && jobs.length > 1) return [pnbd];
  const spend = jobs.findIndex((j) => j.kind === 'spend');
  if (spend >= 0 && jobs.some((j) => j.kind === 'candidate')) return [spend];
  return [];
}

/** Starts the worker now (so that it loads while the file is read); its runner posts one batch. */
export function startFitWorker(options: FitWorkerOptions = {}): FitWorker {
  const { script, eval: evaluate } = options.script ?? workerScript();
  const data: FitWorkerData = { practice: options.practice };
  let worker: Worker;
  try {
    worker = new (workerThreads().Worker)(script, { eval: evaluate, workerData: data });
  } catch (error) {
    // No thread to be had (a resource limit): everything here, as without a worker.
    const why = error instanceof Error ? error.message : String(error);
    return { runner: { run: async (jobs) => jobs.map(runFitJob) }, close: () => undefined, exited: Promise.resolve(0), report: () => ({ onWorker: 0, fallback: why }) };
  }
  // Never what keeps the process alive: the command ends when its work does.
  worker.unref();
  let closed = false;
  // A worker that fails before it is asked must not crash the command: its failure is met when it is asked.
  let failed: string | undefined;
  const failures = new Set<(why: string) => void>();
  const fail = (why: string) => {
    failed ??= why;
    for (const f of failures) f(why);
  };
  worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
  const exited = new Promise<number>((resolve) =>
    worker.on('exit', (code) => {
      fail(`the fit worker exited (code ${code})`);
      resolve(code);
    }),
  );
  let onWorkerCount = 0;
  let workerSeconds: number | undefined;
  let workerCpuSeconds: number | undefined;
  let askedAt = 0;
  let workerDelay: number | undefined;
  let fallback: string | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };

  const onWorker = (jobs: FitJob[]): Promise<FitJobResult[]> =>
    new Promise((resolve, reject) => {
      if (closed || failed !== undefined) {
        reject(new Error(failed ?? 'the fit worker was closed'));
        return;
      }
      failures.add(reject);
      // Held while its answer is awaited: an unreferenced worker would let the process end meanwhile.
      worker.ref();
      worker.once('message', (reply: FitWorkerReply) => {
        failures.delete(reject);
        worker.unref();
        if ('error' in reply) reject(new Error(reply.error));
        else if (reply.results?.length === jobs.length) {
          workerSeconds = reply.seconds;
          workerCpuSeconds = reply.cpuSeconds;
          workerDelay = (reply.startedAt - askedAt) / 1000;
          resolve(reply.results);
        }
        else reject(new Error('the fit worker answered with another number of results'));
      });
      const request: FitWorkerRequest = { jobs };
      askedAt = performance.timeOrigin + performance.now();
      worker.postMessage(request);
    });

  const runner: FitRunner = {
    async run(jobs) {
      const share = closed || failed !== undefined ? [] : workerShare(jobs);
      if (share.length === 0) {
        fallback = failed;
        close();
        return jobs.map(runFitJob);
      }
      const there = share.map((i) => ({ ...jobs[i], ...(jobs[i].kind === 'candidate' ? { ahead: true } : {}) }) as FitJob);
      performance.mark('cvlens:asked');
      const away = onWorker(there);
      // Caught now, met below: a rejection left unhandled while this thread fits would end the process.
      const settled = away.then(
        (results) => ({ results }),
        (error: unknown) => ({ error }),
      );
      const results: (FitJobResult | undefined)[] = jobs.map((job, i) => (share.includes(i) ? undefined : runFitJob(job)));
      // Marks on the command's timeline (bench/cli.ts): the worker asked, this thread's fits done, the worker's results here.
      performance.mark('cvlens:fitted');
      const got = await settled;
      // With what the worker spent on its jobs (wall and its thread's CPU) and how long they waited for it to be ready, for the bench.
      performance.mark('cvlens:joined', { detail: { workerSeconds, workerCpuSeconds, workerDelay } });
      close();
      if ('results' in got) onWorkerCount += share.length;
      else fallback = got.error instanceof Error ? got.error.message : String(got.error);
      share.forEach((i, k) => {
        // A worker that failed: its jobs here, as they would have been without it (nothing done ahead).
        results[i] = 'results' in got ? got.results[k] : runFitJob(jobs[i]);
      });
      return results as FitJobResult[];
    },
  };
  return { runner, close, exited, report: () => ({ onWorker: onWorkerCount, ...(workerSeconds !== undefined ? { workerSeconds } : {}),
    ...(workerCpuSeconds !== undefined ? { workerCpuSeconds } : {}), ...(fallback !== undefined ? { fallback } : {}) }) };
}

/**
 * The worker's script: the bundled one beside the command's bundle
 * (cli/dist/fit-worker.mjs, this module being in dist/ or dist/chunks/),
 * else the source, compiled by tsx.
 */
function workerScript(): { script: URL | string; eval?: boolean } {
  for (const rel of ['./fit-worker.mjs', '../fit-worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { script: url };
  }
  // The sources (tests, CVLENS_FROM_SOURCE): tsx registered in the worker, as cli/bin.js does in the main thread.
  const source = JSON.stringify(new URL('./fit-worker.ts', import.meta.url).href);
  return { script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`, eval: true };
}
