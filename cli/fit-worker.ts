/**
 * The worker thread behind cli/fit-worker-runner.ts: runs the model fits it
 * is given (core's fit jobs, plain data in and out) while the main thread
 * runs the others, and posts their results back. Started before the file is
 * read, so that the thread's start and the loading of the models overlap
 * the reading; it then waits for its one batch of jobs.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { practiceJob, runFitJob, type FitJob, type FitJobResult } from '../core/index.ts';

/** What the thread is started with: which kind of job to practise on made-up data while it waits (core/analysis/practice-jobs.ts). */
export interface FitWorkerData {
  practice?: 'candidate' | 'spend';
}

/** What the main thread posts: the jobs to run here. */
export interface FitWorkerRequest {
  jobs: FitJob[];
}

/** What this thread posts back: the results in the jobs' order, or why there are none. */
export type FitWorkerReply = { results: FitJobResult[]; seconds: number; cpuSeconds?: number; startedAt: number } | { error: string };

/** This thread's CPU seconds so far (Linux: /proc/thread-self/schedstat), or undefined elsewhere: to measure what the worker costs. */
function threadCpu(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return undefined;
  }
}

const port = parentPort;
if (port) {
  port.once('message', (request: FitWorkerRequest) => {
    let reply: FitWorkerReply;
    const t0 = performance.now();
    // On the clock both threads share (ms since the epoch): how long the batch waited for this thread to be ready.
    const startedAt = performance.timeOrigin + t0;
    const c0 = threadCpu();
    try {
      const results = request.jobs.map(runFitJob);
      const c1 = threadCpu();
      reply = { results, startedAt, seconds: (performance.now() - t0) / 1000, cpuSeconds: c0 !== undefined && c1 !== undefined ? c1 - c0 : undefined };
    } catch (error) {
      // A bug, not a model problem: the main thread runs the jobs itself and meets it there.
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
  // Run before the batch can be taken (it waits in the queue meanwhile): a few tens of milliseconds, while the main thread reads.
  const practice = (workerData as FitWorkerData | undefined)?.practice;
  if (practice) {
    try {
      runFitJob(practiceJob(practice));
    } catch {
      // Practice only: whatever it met, the real jobs meet on their own.
    }
  }
}
