/**
 * Sorting byte runs (customers' ids kept as bytes) in the order compareBytes
 * gives them, byte by byte and then by length, by their bytes rather than by
 * comparisons: a comparison sort of 376,506 ids took 7 million calls of a
 * comparator through the id store (~0.2 s at a million rows, a file not
 * sorted by customer); a most-significant-byte radix sort reads each id's
 * bytes a few times.
 */
import { compareBytes } from '../read/compare-bytes.ts';

/** Ranges at most this long are sorted by insertion (comparisons), longer ones split on their next byte. */
const SMALL = 24;

/**
 * Sorts `order` (numbers of runs) by the runs' bytes: run k is
 * bytes[spans[2k] … spans[2k+1]−1] (ByteIds' spans). Runs with equal bytes
 * keep their relative order.
 */
export function sortByBytes(order: Int32Array, bytes: Uint8Array, spans: Int32Array): void {
  const n = order.length;
  if (n < 2) return;
  // Each position's run, its start and length, side by side with the order being sorted.
  const s = new Int32Array(n);
  const len = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i];
    s[i] = spans[2 * k];
    len[i] = spans[2 * k + 1] - spans[2 * k];
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const tmp = new Int32Array(n);
  // Bucket 0: runs that end before this byte (shorter first), bucket c + 1: byte c.
  const counts = new Int32Array(258);
  const stack: number[] = [0, n, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= SMALL) {
      insertionSort(idx, lo, hi, depth, bytes, s, len);
      continue;
    }
    counts.fill(0);
    for (let i = lo; i < hi; i++) {
      const p = idx[i];
      counts[(depth < len[p] ? bytes[s[p] + depth] + 1 : 0) + 1]++;
    }
    // counts[b] becomes where bucket b starts (offset by lo).
    counts[0] = lo;
    for (let b = 1; b < 258; b++) counts[b] += counts[b - 1];
    for (let i = lo; i < hi; i++) {
      const p = idx[i];
      tmp[counts[depth < len[p] ? bytes[s[p] + depth] + 1 : 0]++] = p;
    }
    idx.set(tmp.subarray(lo, hi), lo);
    // After the scatter counts[b] is where bucket b ends; bucket 0 (runs that ended) is sorted.
    let from = counts[0];
    for (let b = 1; b < 257; b++) {
      const to = counts[b];
      if (to - from > 1) stack.push(from, to, depth + 1);
      from = to;
    }
  }
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = order[idx[i]];
  order.set(sorted);
}

/** idx[lo … hi−1] by their runs' bytes from `depth` on (the bytes before it are equal), stable. */
function insertionSort(idx: Int32Array, lo: number, hi: number, depth: number, bytes: Uint8Array, s: Int32Array, len: Int32Array): void {
  for (let i = lo + 1; i < hi; i++) {
    const p = idx[i];
    const sp = s[p] + depth;
    const lp = len[p] - depth;
    let j = i - 1;
    while (j >= lo) {
      const q = idx[j];
      if (compareBytes(bytes, s[q] + depth, len[q] - depth, bytes, sp, lp) <= 0) break;
      idx[j + 1] = q;
      j--;
    }
    idx[j + 1] = p;
  }
}
