/**
 * A file as a ByteSource (core/read/byte-source.ts): read through one file
 * descriptor a piece at a time, so that a large CSV is never whole in
 * memory. Closed by the caller when the reading is done.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../core/index.ts';
import { scanRowsOnWorker } from './parse-worker-source.ts';

export interface FileSource extends ByteSource {
  close(): void;
}

export interface FileSourceOptions {
  /**
   * Read and cut the rows of a large CSV on a worker thread while this one
   * summarises them (cli/parse-worker.ts; docs/scale.md for what it gains).
   */
  parseWorker?: boolean;
}

/** Opens `path` for reading in pieces (throws as openSync does). */
export function openFileSource(path: string, options: FileSourceOptions = {}): FileSource {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const source: FileSource = {
      size,
      read: (into, position) => readSync(fd, into, 0, into.length, position),
      close: () => closeSync(fd),
    };
    if (options.parseWorker) source.scanRows = (plan, pieceBytes) => scanRowsOnWorker(path, plan, pieceBytes);
    return source;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
