/**
 * Sorting byte runs (customers' ids kept as bytes) in the order compareBytes
 * gives them, byte by byte and then by length, by their bytes rather than by
 * comparisons: a comparison sort of 376,506 ids took 7 million calls of a
 * comparator through the id store (~0.2 s at a million rows, a file not
 * sorted by customer).
 *
 * Each run's first bytes past the prefix all runs share (up to KEY of them)
 * are its key, sorted by a least-significant-byte radix sort: each pass
 * counts and places the positions by one byte of the key, the byte read
 * from an array of n bytes that stays in cache; a most-significant-byte
 * sort that looked every run's bytes up in the arena, and a pass on 16-bit
 * digits, took about as long as the comparisons (a cache miss a byte, a
 * cache miss a placed run). Runs whose keys tie (longer than the key and
 * alike in it, or one a prefix of the other ending in zero bytes) are then
 * put in order by comparisons.
 */
import { compareBytes } from '../read/compare-bytes.ts';

/** Bytes of each run (past the prefix all share) that the radix passes sort on. */
const KEY = 12;


/**
 * Sorts `order` (numbers of runs) by the runs' bytes: run k is
 * bytes[spans[2k] … spans[2k+1]−1] (ByteIds' spans). Runs with equal bytes
 * keep their relative order.
 */
export function sortByBytes(order: Int32Array, bytes: Uint8Array, spans: Int32Array): void {
  const n = order.length;
  if (n < 2) return;
  const from = commonPrefix(order, bytes, spans);
  // Past the common prefix, up to KEY bytes (fewer when every run is shorter: fresh memory is dear).
  let longest = 0;
  for (let p = 0; p < n; p++) longest = Math.max(longest, spans[2 * order[p] + 1] - spans[2 * order[p]]);
  const width = Math.min(KEY, longest - from);
  // The keys: byte d past the common prefix of the run at position p in keys[d·n + p], zero past
  // the run's end. A pass reads one byte array of n (in cache) through the positions.
  const keys = new Uint8Array(width * n);
  for (let p = 0; p < n; p++) {
    const k = order[p];
    const s = spans[2 * k] + from;
    const m = Math.min(width, spans[2 * k + 1] - s);
    for (let d = 0; d < m; d++) keys[d * n + p] = bytes[s + d];
  }
  let idx = new Int32Array(n);
  for (let p = 0; p < n; p++) idx[p] = p;
  let next = new Int32Array(n);
  const counts = new Int32Array(256);
  // The key's bytes that differ somewhere, last first: where two keys can differ.
  const varying: number[] = [];
  // From the last byte of the key to the first, a stable counting pass each.
  for (let d = width - 1; d >= 0; d--) {
    const key = keys.subarray(d * n, (d + 1) * n);
    counts.fill(0);
    for (let p = 0; p < n; p++) counts[key[p]]++;
    // A byte all runs share orders nothing.
    if (counts[key[0]] === n) continue;
    varying.push(d);
    let at = 0;
    for (let c = 0; c < 256; c++) {
      const m = counts[c];
      counts[c] = at;
      at += m;
    }
    for (let i = 0; i < n; i++) {
      const p = idx[i];
      next[counts[key[p]]++] = p;
    }
    const t = idx;
    idx = next;
    next = t;
  }
  const sorted = next;
  for (let i = 0; i < n; i++) sorted[i] = order[idx[i]];
  // Ties on the key (runs longer than it and alike in it, or alike but for trailing zero bytes): compared whole.
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && sameKey(keys, n, varying, idx[a], idx[b])) b++;
    if (b - a > 1) sortRun(sorted, a, b, from, bytes, spans);
    a = b;
  }
  order.set(sorted);
}

/** Whether the runs at positions p and q have the same key (the bytes no run differs in are the same). */
function sameKey(keys: Uint8Array, n: number, varying: readonly number[], p: number, q: number): boolean {
  for (let v = 0; v < varying.length; v++) {
    const d = varying[v];
    if (keys[d * n + p] !== keys[d * n + q]) return false;
  }
  return true;
}

/** How many leading bytes every run of `order` shares (at most the shortest run's length). */
function commonPrefix(order: Int32Array, bytes: Uint8Array, spans: Int32Array): number {
  const first = spans[2 * order[0]];
  let length = spans[2 * order[0] + 1] - first;
  for (let i = 1; i < order.length && length > 0; i++) {
    const s = spans[2 * order[i]];
    const m = Math.min(length, spans[2 * order[i] + 1] - s);
    let j = 0;
    while (j < m && bytes[s + j] === bytes[first + j]) j++;
    length = j;
  }
  return length;
}

/** runs[a … b−1] (whose bytes agree before `from`) by their bytes from `from` on; stable. */
function sortRun(runs: Int32Array, a: number, b: number, from: number, bytes: Uint8Array, spans: Int32Array): void {
  const cmp = (j: number, k: number) => {
    const sj = spans[2 * j] + from;
    const sk = spans[2 * k] + from;
    return compareBytes(bytes, sj, spans[2 * j + 1] - sj, bytes, sk, spans[2 * k + 1] - sk);
  };
  const part = Array.from(runs.subarray(a, b)).sort(cmp);
  runs.set(part, a);
}
