/**
 * node:worker_threads, loaded when a worker is first started: the module and
 * those it pulls in took 3–4 ms to load (measured), and most runs of the
 * command start no worker (the fit and parse workers are opt-in).
 */
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';

let loaded: typeof WorkerThreads | undefined;

export function workerThreads(): typeof WorkerThreads {
  return (loaded ??= createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads);
}
