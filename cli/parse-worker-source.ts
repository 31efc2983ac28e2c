/**
 * A large CSV's rows read and cut on a worker thread (cli/parse-worker.ts)
 * while the main thread summarises them: the ByteSource.scanRows of a file
 * source. The reader stays synchronous: the main thread takes each piece
 * with receiveMessageOnPort, waiting on a shared counter when the worker has
 * not posted it yet. Only the byte lane asks (a UTF-8 file without quotes
 * of 16 MiB or more); any other file is read on the main thread as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerThreads } from './worker-threads.ts';
import type { ByteLanePlan, ScannedPiece } from '../core/index.ts';
import type { ParseWorkerData } from './parse-worker.ts';

/** How long the worker may take to start before the reading fails with a sentence instead of hanging. */
const START_MS = 60_000;

/**
 * The worker's script: the bundled one beside the command's bundle
 * (cli/dist/parse-worker.mjs, this module being in dist/ or dist/chunks/),
 * else the source, compiled by tsx.
 */
function workerScript(): { script: URL | string; eval?: boolean } {
  for (const rel of ['./parse-worker.mjs', '../parse-worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { script: url };
  }
  // The sources (tests, CVLENS_FROM_SOURCE): tsx registered in the worker, as cli/bin.js does in the main thread.
  const source = JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href);
  return { script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`, eval: true };
}

/** Starts the worker on `path` with the lane's plan; returns each recorded piece in turn (undefined after the last). */
export function scanRowsOnWorker(path: string, plan: ByteLanePlan, pieceBytes?: number): () => ScannedPiece | undefined {
  const counters = new SharedArrayBuffer(12);
  const count = new Int32Array(counters);
  const { MessageChannel, receiveMessageOnPort, Worker } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const { script, eval: evaluate } = workerScript();
  const data: ParseWorkerData = { path, plan, pieceBytes, port: port2, counters };
  const worker = new Worker(script, { workerData: data, transferList: [port2], eval: evaluate });
  let taken = 0;
  let done = false;
  const end = () => {
    done = true;
    port1.close();
    worker.unref();
  };
  return () => {
    if (done) return undefined;
    const started = Date.now();
    for (;;) {
      const got = receiveMessageOnPort(port1);
      if (got) {
        taken++;
        Atomics.store(count, 1, taken);
        Atomics.notify(count, 1);
        const message = got.message as ScannedPiece | { error: string };
        if ('error' in message) {
          end();
          throw new Error(`reading the file on a worker thread failed: ${message.error}`);
        }
        if (message.lineCount !== undefined) end();
        return message;
      }
      // Wakes when the worker posts (the counter moves past what was taken), or to check it started.
      Atomics.wait(count, 0, taken, 1000);
      if (Atomics.load(count, 2) === 0 && Date.now() - started > START_MS) {
        end();
        void worker.terminate();
        throw new Error('the worker thread that reads the file did not start');
      }
    }
  };
}
