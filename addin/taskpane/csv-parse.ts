/**
 * "Import CSV"'s parse as a cancelable task: in a Web Worker (csv-worker.ts)
 * that Cancel terminates, so a large file stops at once instead of after the
 * whole synchronous parse; on the pane's thread only where the webview has no
 * workers (then Cancel takes effect when the parse ends).
 */
import { CvError } from '../../core/index.ts';
import { csvImportPlan, type CsvImport } from './csv-import.ts';

export interface CsvWorkerRequest {
  fileName: string;
  /** The file's bytes, transferred to the worker. */
  bytes: ArrayBuffer;
}

export type CsvWorkerReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: CsvImport }
  | { type: 'error'; cvError?: { fn: string; kind: CvError['kind']; reason: string }; message?: string };

export interface ParseOptions {
  signal?: AbortSignal;
  /** Share of the file parsed, 0..1. */
  onProgress?: (fraction: number) => void;
  /** The worker to use (default: the bundled csv-worker); `null` parses on this thread. */
  worker?: (() => Worker) | null;
}

const aborted = () => new DOMException('Cancelled', 'AbortError');

/** The bundled worker; vite builds csv-worker.ts into its own file from this `new URL(…, import.meta.url)`. */
function bundledWorker(): Worker {
  return new Worker(new URL('./csv-worker.ts', import.meta.url));
}

/**
 * Parses a CSV file's bytes into the import's sheet plan.
 * @throws DOMException AbortError when `signal` aborts; CvError as csvImportPlan.
 */
export function parseCsv(fileName: string, bytes: ArrayBuffer, options: ParseOptions = {}): Promise<CsvImport> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(aborted());
  const make = options.worker === undefined ? (typeof Worker === 'function' ? bundledWorker : null) : options.worker;
  if (make === null) return Promise.resolve(csvImportPlan(fileName, new Uint8Array(bytes), onProgress));
  return new Promise<CsvImport>((resolve, reject) => {
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
    worker.onmessage = (event: MessageEvent<CsvWorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') return onProgress?.(reply.fraction);
      finish();
      if (reply.type === 'done') resolve(reply.result);
      else reject(reply.cvError ? new CvError(reply.cvError.fn, reply.cvError.kind, reply.cvError.reason) : new Error(reply.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the CSV worker failed'));
    };
    worker.postMessage({ fileName, bytes } satisfies CsvWorkerRequest, [bytes]);
  });
}
