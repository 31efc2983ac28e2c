/**
 * A file as a ByteSource (core/read/byte-source.ts): read through one file
 * descriptor a piece at a time, so that a large CSV is never whole in
 * memory. Closed by the caller when the reading is done.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../core/index.ts';

export interface FileSource extends ByteSource {
  close(): void;
}

/** Opens `path` for reading in pieces (throws as openSync does). */
export function openFileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return {
      size,
      read: (into, position) => readSync(fd, into, 0, into.length, position),
      close: () => closeSync(fd),
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
