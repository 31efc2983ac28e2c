/**
 * The worker thread behind cli/fit-worker-runner.ts: runs the model fits it
 * is given (core's fit jobs, plain data in and out) while the main thread
 * runs the others, and posts their results back. Started before the file is
 * read, so that the thread's start and the loading of the models overlap
 * the reading; it then waits for its one batch of jobs.
 */
import { parentPort } from 'node:worker_threads';
import { runFitJob, type FitJob, type FitJobResult } from '../core/index.ts';

/** What the main thread posts: the jobs to run here. */
export interface FitWorkerRequest {
  jobs: FitJob[];
}

/** What this thread posts back: the results in the jobs' order, or why there are none. */
export type FitWorkerReply = { results: FitJobResult[] } | { error: string };

const port = parentPort;
if (port) {
  port.once('message', (request: FitWorkerRequest) => {
    let reply: FitWorkerReply;
    try {
      reply = { results: request.jobs.map(runFitJob) };
    } catch (error) {
      // A bug, not a model problem: the main thread runs the jobs itself and meets it there.
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
