/**
 * The summary store's customer ids (summary-store.ts) as UTF-8 bytes in
 * chunks of one arena, a start and a length per customer, where a string
 * each had been the largest part of the JavaScript heap once DuckDB's
 * output was read: 3,765,060 ids like "B12-0000001" took about 150 MiB as
 * strings (40 bytes each and the array holding them), and take about
 * 11 bytes each plus 8 here (docs/scale.md). A string is made only when a
 * product shows the customer (`id(i)`).
 *
 * Order is that of the ids' strings (`<`, UTF-16 code units), which is the
 * order every summary builder sorts by, computed on the bytes: UTF-8 bytes
 * compare as code points, which differ from code units only between
 * U+E000–U+FFFF (lead bytes 0xEE, 0xEF) and characters past U+FFFF (lead
 * bytes 0xF0–0xF4, surrogates U+D800–U+DFFF in UTF-16, so before them).
 */
import { ByteArena } from './byte-arena.ts';
import type { CustomerIds } from './summary-table.ts';

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** A differing byte's rank in UTF-16 order: the lead bytes of U+E000–U+FFFF move past those of U+10000 and up. */
function rank(byte: number): number {
  return byte === 0xee || byte === 0xef ? byte + 0x10 : byte;
}

/**
 * Whether `t` is well-formed UTF-16 (no lone surrogate), so that its UTF-8
 * bytes give it back: a lone surrogate would come back as U+FFFD.
 */
function wellFormed(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const d = t.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * Ids in arrival order, kept as bytes; {@link StoredIds.sorted} sorts them.
 *
 * @example
 * const ids = new StoredIds(2);
 * ids.addText('b'); ids.addText('a');
 * ids.sorted().view.id(0) // 'a'
 */
export class StoredIds {
  private readonly arena = new ByteArena(CHUNK_BITS, 4096, 2);
  private readonly chunks = this.arena.chunks;
  /** Per customer, by arrival: where its bytes start (chunk · 2^20 + offset) and how many. */
  private at: Uint32Array;
  private len: Int32Array;
  /** Ids kept as strings, by arrival index: not well-formed UTF-16, or longer than a chunk (rare). */
  private readonly strings = new Map<number, string>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  private scratch = new Uint8Array(256);
  length = 0;

  /**
   * @param keyBytes How many bytes a sort key takes at most (default 4; see
   *   sortRun). Only tests set it lower, to sort on fewer bytes at a time.
   */
  constructor(
    capacity = 1024,
    private readonly keyBytes = 4,
  ) {
    this.at = new Uint32Array(Math.max(1, capacity));
    this.len = new Int32Array(Math.max(1, capacity));
  }

  /** Adds the id whose UTF-8 bytes are b[s … e−1] (valid UTF-8, as a database gives text). */
  add(b: Uint8Array, s: number, e: number): void {
    const k = this.slot();
    const n = e - s;
    if (n > CHUNK) {
      this.strings.set(k, this.decoder.decode(b.subarray(s, e)));
      return;
    }
    const place = this.arena.append(b, s, e);
    // Places are kept in a Uint32Array: 4 GiB of ids at the most.
    if (place >= 2 ** 32) throw new RangeError('the customer ids take more than 4 GiB');
    this.at[k] = place;
    this.len[k] = n;
  }

  /** Adds an id given as a string (a driver's text, a test). */
  addText(t: string): void {
    if (!wellFormed(t)) {
      this.strings.set(this.slot(), t);
      return;
    }
    if (this.scratch.length < t.length * 3) this.scratch = new Uint8Array(t.length * 3);
    const { written } = this.encoder.encodeInto(t, this.scratch);
    this.add(this.scratch, 0, written);
  }

  /** Customer k's id (by arrival) as a string. */
  text(k: number): string {
    const t = this.strings.size > 0 ? this.strings.get(k) : undefined;
    if (t !== undefined) return t;
    const a = this.at[k];
    return this.decoder.decode(this.chunks[a >>> CHUNK_BITS].subarray(a & MASK, (a & MASK) + this.len[k]));
  }

  /** Customer j's id against customer k's (by arrival) in UTF-16 code-unit order: negative, 0 or positive. */
  compare(j: number, k: number): number {
    if (this.strings.size > 0 && (this.strings.has(j) || this.strings.has(k))) {
      const x = this.text(j);
      const y = this.text(k);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const a = this.at[j];
    const b = this.at[k];
    const ca = this.chunks[a >>> CHUNK_BITS];
    const cb = this.chunks[b >>> CHUNK_BITS];
    const oa = a & MASK;
    const ob = b & MASK;
    const la = this.len[j];
    const lb = this.len[k];
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const x = ca[oa + i];
      const y = cb[ob + i];
      if (x !== y) return x < 0xee || y < 0xee ? x - y : rank(x) - rank(y);
    }
    return la - lb;
  }

  /**
   * The ids in order: `order[i]` is the arrival index of the i-th smallest
   * (undefined when they came in order), and the view a {@link CustomerIds}
   * over them, known to ascend when they do strictly (the summary query's
   * GROUP BY gives each id once).
   */
  sorted(): { order: Int32Array | undefined; view: CustomerIds } {
    const n = this.length;
    let inOrder = true;
    let strictly = true;
    for (let i = 1; i < n && inOrder; i++) {
      const c = this.compare(i - 1, i);
      inOrder = c <= 0;
      if (c === 0) strictly = false;
    }
    let order: Int32Array | undefined;
    if (!inOrder) {
      order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      if (this.strings.size > 0) {
        // An id kept as a string has no bytes to take keys from: compared whole (rare).
        const o = Array.from(order).sort((x, y) => this.compare(x, y) || x - y);
        order.set(o);
        strictly = true;
        for (let i = 1; i < n && strictly; i++) strictly = this.compare(order[i - 1], order[i]) < 0;
      } else {
        strictly = !this.sortRun(order, 0, n, 0);
      }
    }
    const o = order;
    const view: CustomerIds = {
      length: n,
      id: o === undefined ? (i) => this.text(i) : (i) => this.text(o[i]),
      compare: o === undefined ? (i, j) => this.compare(i, j) : (i, j) => this.compare(o[i], o[j]),
      ascending: strictly,
    };
    return { order, view };
  }

  /**
   * Sorts order[from … to−1], ids that agree on their first `depth` bytes,
   * by the next few: each id's next bytes as one number (base 257, 0 past
   * its end) times the run's length plus its place in the run, one double
   * each, sorted natively (Float64Array.prototype.sort, no comparator), and
   * each run of equal bytes that goes on past them sorted again further on.
   * Four bytes while 257^4 · m < 2^53 (m ≤ 2,062,000 ids), three up to 5·10^8.
   * A comparator sort over millions of ids read their bytes from all over
   * the arena at every comparison (8 s for 3,765,060 ids of 11 bytes,
   * measured), and a radix order on six bytes held six more arrays of the
   * ids' number at once (~160 MiB at that size). Stable: the place in the
   * run is part of each number, so equal ids keep their order. Returns
   * whether two ids were equal.
   */
  private sortRun(order: Int32Array, from: number, to: number, depth: number): boolean {
    const m = to - from;
    if (m < 2) return false;
    if (m <= 16) {
      // A short run by insertion (stable: an id moves only past greater ones).
      let ties = false;
      for (let i = from + 1; i < to; i++) {
        const k = order[i];
        let j = i - 1;
        let c = 1;
        while (j >= from && (c = this.compare(order[j], k)) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        if (c === 0 && j >= from) ties = true;
        order[j + 1] = k;
      }
      return ties;
    }
    if (depth > 64) {
      // Ids sharing more than 64 bytes, by comparison.
      const run = Array.from(order.subarray(from, to)).sort((x, y) => this.compare(x, y) || x - y);
      order.set(run, from);
      for (let i = 1; i < m; i++) if (this.compare(run[i - 1], run[i]) === 0) return true;
      return false;
    }
    let width = this.keyBytes;
    while (width > 1 && 257 ** width * m > 2 ** 53) width--;
    const keys = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const k = order[from + i];
      const a = this.at[k];
      const chunk = this.chunks[a >>> CHUNK_BITS];
      const start = (a & MASK) + depth;
      const left = this.len[k] - depth;
      let key = 0;
      for (let d = 0; d < width; d++) key = key * 257 + (d < left ? rank(chunk[start + d]) + 1 : 0);
      keys[i] = key * m + i;
    }
    const members = order.slice(from, to);
    // Distinct numbers (the place is part of each): the sort's order is the only one.
    keys.sort();
    for (let i = 0; i < m; i++) {
      const p = keys[i] % m;
      order[from + i] = members[p];
      keys[i] = (keys[i] - p) / m;
    }
    // A run of equal keys whose last byte is there goes on past these bytes; one whose last byte is not is equal ids.
    let ties = false;
    for (let s = 0, i = 1; i <= m; i++) {
      if (i === m || keys[i] !== keys[s]) {
        if (i - s > 1) {
          if (keys[s] % 257 !== 0) ties = this.sortRun(order, from + s, from + i, depth + width) || ties;
          else ties = true;
        }
        s = i;
      }
    }
    return ties;
  }

  private slot(): number {
    const k = this.length++;
    if (k === this.at.length) {
      const at = new Uint32Array(this.at.length * 2);
      at.set(this.at);
      this.at = at;
      const len = new Int32Array(this.len.length * 2);
      len.set(this.len);
      this.len = len;
    }
    return k;
  }
}
