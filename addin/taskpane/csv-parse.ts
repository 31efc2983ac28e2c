/**
 * "Import CSV"'s parse as a cancelable task: decoding, delimiter and header
 * detection, papaparse and the column kinds (csv-import.ts) run in a worker
 * (csv-worker.ts) that Cancel terminates, so a large file stops at once
 * instead of after the whole synchronous parse (worker-task.ts).
 */
import { csvImportPlan, type CsvImport } from './csv-import.ts';
import { aborted, haveWorkers, runInWorker, type TaskOptions } from '../shared/worker-task.ts';

export interface CsvWorkerRequest {
  fileName: string;
  /** The file's bytes, transferred to the worker. */
  bytes: ArrayBuffer;
}

/**
 * Parses a CSV file's bytes into the import's sheet plan.
 * @throws DOMException AbortError when `signal` aborts; CvError as csvImportPlan.
 */
export function parseCsv(fileName: string, bytes: ArrayBuffer, options: TaskOptions = {}): Promise<CsvImport> {
  if (!haveWorkers()) {
    if (options.signal?.aborted) return Promise.reject(aborted());
    return Promise.resolve(csvImportPlan(fileName, new Uint8Array(bytes), options.onProgress));
  }
  // vite builds csv-worker.ts into a file of its own from this `new URL(…, import.meta.url)`.
  const make = () => new Worker(new URL('./csv-worker.ts', import.meta.url));
  return runInWorker<CsvImport>(make, { fileName, bytes } satisfies CsvWorkerRequest, [bytes], options);
}
