/**
 * A worker thread that writes the last rows of the customer sheet while the
 * main thread writes the first (row-bytes.ts): on the CDNOW master file the
 * sheet's 23,570 rows of 29 cells, with the texts of 91,230 distinct
 * non-integer numbers, were most of the workbook's time on one core, while
 * the other core only compressed.
 *
 * The worker's code is the source of row-bytes.ts's own functions, as the
 * running program has them (a bundle or the sources), so there is no
 * second copy and no extra file to ship; it is started before the rows are
 * ready, so that it is up by the time they are.
 */
import { Worker } from 'node:worker_threads';
import { ROW_CLASSES, ROW_FUNCTIONS, rowWriter, writeRows, type RowBlock } from './row-bytes.ts';

/** Bytes the worker fills before handing a piece back. */
const PIECE_BYTES = 1 << 20;

/** The worker's program: the row functions, then a handler that writes the rows it is asked for into pieces it hands back. */
function source(): string {
  const defs = [...ROW_CLASSES, ...ROW_FUNCTIONS].map((f) => `const ${f.name} = ${f.toString()};`).join('\n');
  // __name: the helper that tsx's transform (keepNames) calls from within a class body, when running from the sources.
  return `'use strict';
const __name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });
${defs}
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ block, from, to }) => {
  try {
    const w = ${rowWriter.name}(block.kinds.length);
    const pieces = [];
    for (let i = from; i < to; i = w.next) {
      const buf = new Uint8Array(Math.max(${PIECE_BYTES}, 2 * w.most));
      ${writeRows.name}(block, w, i, to, buf, 0);
      pieces.push({ buffer: buf.buffer, length: w.at });
    }
    parentPort.postMessage({ pieces }, pieces.map((p) => p.buffer));
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;
}

/** A started worker; {@link rows} may be asked once. */
export class RowWorker {
  private readonly worker: Worker;
  private failed: Error | undefined;

  constructor() {
    this.worker = new Worker(source(), { eval: true });
    // An idle worker does not keep the process alive.
    this.worker.unref();
    this.worker.on('error', (e) => {
      this.failed = e;
    });
  }

  /** The bytes of data rows from..to−1 of `block`, in pieces, in row order; the block's arrays are handed over (detached here). */
  rows(block: RowBlock, from: number, to: number): Promise<Uint8Array[]> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        reject(e);
        void this.worker.terminate();
      };
      this.worker.once('error', fail);
      this.worker.once('message', (m: { pieces?: { buffer: ArrayBuffer; length: number }[]; error?: string }) => {
        this.worker.off('error', fail);
        void this.worker.terminate();
        if (m.pieces) resolve(m.pieces.map((p) => new Uint8Array(p.buffer, 0, p.length)));
        else reject(new Error(`the row worker failed: ${m.error}`));
      });
      // The block's arrays are the worker's from now on (rowsOf in workbook.ts copies them for it): moved, not copied again.
      const arrays = [...block.kinds, ...block.numbers, ...block.codes, ...block.textIds, ...block.styleSets, block.rowSet];
      this.worker.postMessage({ block, from, to }, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
    });
  }

  stop(): void {
    void this.worker.terminate();
  }
}
