/**
 * The analysis (analyze.ts: core's reader, model fit, segmentation) as a
 * task that can be stopped: one synchronous call of seconds on a large
 * range with model choice, so it runs in a Web Worker (analysis-worker.ts)
 * that an abort terminates (worker-task.ts). Used by the pane's Generate and
 * by CV.SEGMENT, each of which builds the worker its own way: the pane's page
 * loads it as a file next to the page, the classic-script functions bundle
 * carries it inline.
 */
import { analyze, type Analysis, type AnalysisOptions } from './analyze.ts';
import { aborted, haveWorkers, runInWorker } from './worker-task.ts';

/** What analysis-worker.ts receives. */
export interface AnalysisRequest {
  values: readonly (readonly unknown[])[];
  options: AnalysisOptions;
}

/**
 * The analysis of `values`, in a worker from `start` where workers exist;
 * `signal` terminates it and rejects with an AbortError. Without workers it
 * runs on this thread, where an abort can only stop it before it starts.
 */
export async function analyzeCancelable(
  values: readonly (readonly unknown[])[],
  options: AnalysisOptions,
  start: () => Worker,
  signal?: AbortSignal,
): Promise<Analysis> {
  if (!haveWorkers()) {
    if (signal?.aborted) throw aborted();
    return analyze(values, options);
  }
  return runInWorker<Analysis>(start, { values, options } satisfies AnalysisRequest, [], { signal });
}
