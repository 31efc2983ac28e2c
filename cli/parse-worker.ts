/**
 * The worker thread behind cli/parse-worker-source.ts: reads a CSV a piece
 * at a time by the byte lane's rules and hands each piece's rows, recorded
 * into typed arrays (core/read/scanned-rows.ts), to the main thread, which
 * summarises them meanwhile. The two share a counter pair: pieces posted
 * and pieces taken; the worker runs at most {@link AHEAD} pieces ahead, so
 * memory holds a few pieces, never the file.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { pieceBuffers, recordByteRows, type ByteLanePlan } from '../core/index.ts';
import { openFileSource } from './file-source.ts';

/** Pieces (4 MiB each) the worker may have posted and the main thread not yet taken. */
const AHEAD = 3;

export interface ParseWorkerData {
  path: string;
  plan: ByteLanePlan;
  pieceBytes?: number;
  port: MessagePort;
  /** Int32 ×3: pieces posted, pieces taken, 1 once this module runs. */
  counters: SharedArrayBuffer;
}

const { path, plan, pieceBytes, port, counters } = workerData as ParseWorkerData;
const count = new Int32Array(counters);
Atomics.store(count, 2, 1);
const posted = () => {
  const made = Atomics.add(count, 0, 1) + 1;
  Atomics.notify(count, 0);
  return made;
};
try {
  const source = openFileSource(path);
  try {
    recordByteRows(
      source,
      plan,
      (piece) => {
        port.postMessage(piece, pieceBuffers(piece));
        const made = posted();
        for (let taken = Atomics.load(count, 1); made - taken > AHEAD; taken = Atomics.load(count, 1)) Atomics.wait(count, 1, taken);
      },
      pieceBytes,
    );
  } finally {
    source.close();
  }
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  posted();
}
port.close();
