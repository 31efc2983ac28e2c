/**
 * A file's bytes read a piece at a time on request, so that reading a file
 * never holds all of it: the 70 MB of a million-row CSV had been a sixth of
 * the whole run's peak memory (docs/scale.md). The caller supplies the
 * reading (a Node file descriptor in the command line, a Blob's slices
 * elsewhere); core stays free of file-system APIs.
 */
import { isUtf8 } from './text-pieces.ts';
import type { ByteLanePlan } from './byte-rows.ts';
import type { ScannedPiece } from './scanned-rows.ts';

/** A file to read in pieces. */
export interface ByteSource {
  /** The file's length in bytes. */
  readonly size: number;
  /**
   * Copies bytes from `position` on into `into` (as many as fit and are
   * left) and returns how many; fewer than asked only at the end.
   */
  read(into: Uint8Array, position: number): number;
  /**
   * Optional: the byte lane's rows of this file, read and cut elsewhere (the
   * command line's worker thread) by recordByteRows with this plan, as a
   * function giving each recorded piece in turn (undefined after the last);
   * undefined to have them read here.
   */
  scanRows?(plan: ByteLanePlan, pieceBytes?: number): (() => ScannedPiece | undefined) | undefined;
}

/** Whether a reader's input is a {@link ByteSource} (and not bytes or text). */
export function isByteSource(input: unknown): input is ByteSource {
  if (typeof input !== 'object' || input === null || ArrayBuffer.isView(input)) return false;
  const s = input as { size?: unknown; read?: unknown };
  return typeof s.size === 'number' && typeof s.read === 'function';
}

/** Fills `into` from `position`, or up to the end: the bytes read. */
export function readFully(source: ByteSource, into: Uint8Array, position: number): number {
  let n = 0;
  while (n < into.length && position + n < source.size) {
    const got = source.read(into.subarray(n), position + n);
    if (!(got > 0)) throw new Error(`the file ended at byte ${position + n} of ${source.size} (did it change while being read?)`);
    n += got;
  }
  return n;
}

/** The whole file as one array (a small file, or one only the text reader can read). */
export function readAll(source: ByteSource): Uint8Array {
  const out = new Uint8Array(source.size);
  readFully(source, out, 0);
  return out;
}

/**
 * Where a piece of UTF-8 b[start … end−1] may be cut so that no character
 * is split: before the lead byte of the last sequence when its bytes run
 * past `end`, else at `end`. Only bytes before `end` are looked at: the
 * byte at `end` is not read yet (in a reused buffer it is an earlier
 * piece's, and looking there had cut pieces in the middle of a character,
 * so that a valid file of non-ASCII names was taken for one the lane cannot
 * read and went whole to the text reader).
 */
export function characterBoundary(b: Uint8Array, start: number, end: number): number {
  if (end <= start) return end;
  let p = end - 1;
  // Back over at most three continuation bytes to the sequence's first byte.
  for (let k = 0; k < 3 && p > start && (b[p] & 0xc0) === 0x80; k++) p--;
  const c = b[p];
  const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  return p + length > end ? p : end;
}

/**
 * Whether the whole file is UTF-8 (as isUtf8 of all its bytes says) without
 * a double quote: the byte lane can then read it piece by piece. One pass
 * through a reused buffer (`buf`, at least pieceBytes + 4 long: the lane's
 * own afterwards, so that its pages are faulted in once).
 */
export function plainUtf8(source: ByteSource, pieceBytes: number, buf = new Uint8Array(pieceBytes + 4)): boolean {
  let carry = 0;
  let at = 0;
  while (at < source.size) {
    const n = readFully(source, buf.subarray(carry, carry + pieceBytes), at);
    at += n;
    const have = carry + n;
    const end = at < source.size ? characterBoundary(buf, 0, have) : have;
    const piece = buf.subarray(0, end);
    if (!isUtf8(piece, true)) return false;
    buf.copyWithin(0, end, have);
    carry = have - end;
  }
  return carry === 0;
}
