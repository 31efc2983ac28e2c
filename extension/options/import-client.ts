import type { ImportMeta } from '../store/customer-store.ts';
import type { EncodingChoice, ImportSettings, Preview, WorkerReply, WorkerRequest } from './import-protocol.ts';

/**
 * Runs one request in a fresh import worker (import-worker.js) and settles
 * with its final reply; progress replies go to `onProgress`. A fresh worker
 * per request keeps a million-row parse off the page and frees its memory
 * when done.
 */
function run<T>(request: WorkerRequest, pick: (reply: WorkerReply) => T | undefined, onProgress?: (phase: string, fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('import-worker.js');
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') return onProgress?.(reply.phase, reply.fraction);
      worker.terminate();
      if (reply.type === 'error') return reject(new Error(reply.message));
      const value = pick(reply);
      if (value === undefined) reject(new Error(`unexpected worker reply ${reply.type}`));
      else resolve(value);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed'));
    };
    worker.postMessage(request, [request.bytes]);
  });
}

/** Headers, first rows, file kind and guessed identity columns of a file. */
export async function previewFile(file: Blob, encoding: EncodingChoice): Promise<Preview> {
  const bytes = await file.arrayBuffer();
  return run({ type: 'preview', bytes, encoding }, (r) => (r.type === 'preview' ? r.preview : undefined));
}

/** Reads, scores and stores a file, replacing the stored customers; resolves with the import record. */
export async function importFile(file: Blob, settings: ImportSettings, onProgress: (phase: string, fraction: number) => void): Promise<ImportMeta> {
  const bytes = await file.arrayBuffer();
  return run({ type: 'import', bytes, settings }, (r) => (r.type === 'done' ? r.meta : undefined), onProgress);
}
