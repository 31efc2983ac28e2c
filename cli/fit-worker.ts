/**
 * The worker thread behind cli/fit-worker-runner.ts: runs the model fits it
 * is given (core's fit jobs, plain data in and out) while the main thread
 * runs the others, and posts their results back. Started before the file is
 * read, so that the thread's start and the loading of the models overlap
 * the reading; it then waits for its one batch of jobs.
 */
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
export type FitWorkerReply = { results: FitJobResult[]; seconds: number } | { error: string };

const port = parentPort;
if (port) {
  port.once('message', (request: FitWorkerRequest) => {
    let reply: FitWorkerReply;
    const t0 = performance.now();
    try {
      const results = request.jobs.map(runFitJob);
      reply = { results, seconds: (performance.now() - t0) / 1000 };
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
