/**
 * One long computation of the pane (the CSV parse, the analysis) run in a
 * Web Worker that Cancel terminates: work that is one synchronous call
 * cannot look at an AbortSignal while it runs, and on the pane's thread it
 * would also hold the Cancel click itself until it ends. Where the webview
 * has no workers (and in Node, for tests) the work runs here instead.
 */
import { CvError, type Message } from '../../core/index.ts';

/** What a task's worker posts back. */
export type WorkerReply<R> =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: R }
  | { type: 'error'; cvError?: { fn: string; kind: CvError['kind']; reason: string; problem?: Message }; message?: string };

export interface TaskOptions {
  signal?: AbortSignal;
  /** Share of the work done, 0..1, where the task reports it. */
  onProgress?: (fraction: number) => void;
}

export const aborted = (): DOMException => new DOMException('Cancelled', 'AbortError');

/** Whether workers can be started here. */
export const haveWorkers = (): boolean => typeof Worker === 'function';

/**
 * Posts `request` to a fresh worker from `make` and settles with its reply;
 * `signal` terminates the worker and rejects with an AbortError.
 */
export function runInWorker<R>(make: () => Worker, request: unknown, transfer: Transferable[], options: TaskOptions = {}): Promise<R> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(aborted());
  return new Promise<R>((resolve, reject) => {
    const worker = make();
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerReply<R>>) => {
      const reply = event.data;
      if (reply.type === 'progress') return onProgress?.(reply.fraction);
      finish();
      if (reply.type === 'done') resolve(reply.result);
      else reject(reply.cvError ? new CvError(reply.cvError.fn, reply.cvError.kind, reply.cvError.problem ?? reply.cvError.reason) : new Error(reply.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the worker failed'));
    };
    worker.postMessage(request, transfer);
  });
}

/** The worker side: answers each request with `work`'s result, or its error (a CvError keeps its kind). */
export function serveInWorker<Q, R>(work: (request: Q, progress: (fraction: number) => void) => R): void {
  const post = (reply: WorkerReply<R>) => (self as unknown as { postMessage(m: WorkerReply<R>): void }).postMessage(reply);
  self.addEventListener('message', (event: Event) => {
    try {
      const result = work((event as MessageEvent<Q>).data, (fraction) => post({ type: 'progress', fraction }));
      post({ type: 'done', result });
    } catch (e) {
      post(
        e instanceof CvError
          ? { type: 'error', cvError: { fn: e.fn, kind: e.kind, reason: e.reason, problem: e.problem } }
          : { type: 'error', message: e instanceof Error ? e.message : String(e) },
      );
    }
  });
}
