/**
 * The summary store's e-mails, companies and names (summary-store.ts) as
 * UTF-8 bytes, by arrival index, in less memory than a place and a length
 * per customer (8 bytes each, plus the bytes): at 3,765,060 customers the
 * e-mails had taken 128 MiB and the companies, 1,384 distinct names for
 * 2.26 million customers, 75 MiB (docs/scale.md).
 *
 * Two forms, chosen by the texts themselves:
 * - a dictionary while the texts repeat (companies, names of a B2B file):
 *   each distinct text once, and a 2-byte code per customer;
 * - plain once they do not (e-mails, ids of people): the bytes one after
 *   another in arrival order, a 1-byte length per customer and, every 32
 *   customers, where that block's bytes start. A text is found by adding
 *   up to 31 lengths: texts are read only when a product shows a customer.
 * The dictionary gives way to the plain form (its texts copied over, once)
 * when it holds more than {@link DICTIONARY_LIMIT} texts, or more than
 * {@link DICTIONARY_TRIAL} and over half of the texts kept are distinct.
 */

import { hashBytes } from '../read/byte-rows.ts';

/** Largest text kept as bytes: its length + 1 fits a byte; longer ones the caller keeps as strings. */
export const MAX_TEXT_BYTES = 254;
/** Distinct texts a dictionary may hold: a code + 1 fits 2 bytes. */
export const DICTIONARY_LIMIT = 0xfffe;
/** Distinct texts after which a dictionary must pay: at most one per two texts kept. */
export const DICTIONARY_TRIAL = 4096;

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const BLOCK_BITS = 5;

/** Distinct texts, each once, found by their bytes through an open-addressing hash table. */
class Dictionary {
  count = 0;
  bytes = new Uint8Array(4096);
  private used = 0;
  start = new Int32Array(256);
  len = new Uint8Array(256);
  /** Entry + 1 per slot (0: empty), a power of two at least twice the entries. */
  private slots = new Int32Array(512);
  /** Each entry's string once it has been read. */
  readonly strings: (string | undefined)[] = [];

  /** The entry holding b[s … e−1], added when new. */
  code(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const mask = this.slots.length - 1;
    for (let p = hashBytes(b, s, e) & mask; ; p = (p + 1) & mask) {
      const k = this.slots[p] - 1;
      if (k < 0) {
        const added = this.add(b, s, e);
        this.slots[p] = added + 1;
        if (this.count * 2 > this.slots.length) this.rehash();
        return added;
      }
      if (this.len[k] !== n) continue;
      const at = this.start[k];
      let i = 0;
      while (i < n && this.bytes[at + i] === b[s + i]) i++;
      if (i === n) return k;
    }
  }

  private add(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const k = this.count++;
    if (k === this.start.length) {
      const start = new Int32Array(k * 2);
      start.set(this.start);
      this.start = start;
      const len = new Uint8Array(k * 2);
      len.set(this.len);
      this.len = len;
    }
    if (this.used + n > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    }
    this.bytes.set(b.subarray(s, e), this.used);
    this.start[k] = this.used;
    this.len[k] = n;
    this.used += n;
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      const at = this.start[k];
      let p = hashBytes(this.bytes, at, at + this.len[k]) & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = k + 1;
    }
    this.slots = slots;
  }
}

/**
 * Texts by arrival index, each set at most once, in increasing index order
 * (the store's customers as they come).
 *
 * @example
 * const t = new StoredTexts(4);
 * t.set(0, new TextEncoder().encode('Acme'), 0, 4);
 * t.text(0) // 'Acme'; t.text(1) // undefined
 */
export class StoredTexts {
  /** Texts kept. */
  size = 0;
  private capacity: number;
  private dictionary: Dictionary | undefined = new Dictionary();
  /** Dictionary form: entry + 1 per customer (0: none). Made on the first text. */
  private codes: Uint16Array | undefined;
  /** Plain form: length + 1 per customer (0: none). */
  private lens: Uint8Array | undefined;
  /** Plain form: where each block of 32 customers' bytes start, in the bytes as one run across chunks. */
  private starts: Float64Array | undefined;
  private chunks: Uint8Array[] = [];
  /** Bytes written in the plain form. */
  private used = 0;
  /** Blocks whose start is set. */
  private blocks = 0;
  /** One past the highest index set. */
  private end = 0;
  private decoder: TextDecoder | undefined;

  /**
   * @param trial Distinct texts after which the dictionary must pay (default
   *   {@link DICTIONARY_TRIAL}); only tests set it lower, to reach the plain form with few texts.
   */
  constructor(
    capacity = 1024,
    private readonly trial = DICTIONARY_TRIAL,
  ) {
    this.capacity = Math.max(32, capacity);
  }

  /** Whether the texts are kept as a dictionary (tests, measurements). */
  get dictionaryForm(): boolean {
    return this.dictionary !== undefined;
  }

  /** Keeps b[s … e−1] for customer k; false when it is longer than {@link MAX_TEXT_BYTES} (the caller keeps it). */
  set(k: number, b: Uint8Array, s: number, e: number): boolean {
    if (e - s > MAX_TEXT_BYTES) return false;
    if (k >= this.capacity) this.grow(k + 1);
    this.size++;
    this.end = k + 1;
    const d = this.dictionary;
    if (d !== undefined) {
      const code = d.code(b, s, e);
      (this.codes ??= new Uint16Array(this.capacity))[k] = code + 1;
      if (d.count > DICTIONARY_LIMIT || (d.count > this.trial && d.count * 2 > this.size)) this.toPlain();
      return true;
    }
    this.append(k, b, s, e);
    return true;
  }

  /** Customer k's text, decoded now (undefined when none). */
  text(k: number): string | undefined {
    const d = this.dictionary;
    if (d !== undefined) {
      const code = this.codes === undefined || k >= this.capacity ? 0 : this.codes[k];
      if (code === 0) return undefined;
      const e = code - 1;
      return (d.strings[e] ??= this.decode(d.bytes, d.start[e], d.len[e]));
    }
    const lens = this.lens!;
    if (k >= this.capacity || lens[k] === 0) return undefined;
    let p = this.starts![k >>> BLOCK_BITS];
    for (let j = (k >>> BLOCK_BITS) << BLOCK_BITS; j < k; j++) if (lens[j] !== 0) p += lens[j] - 1;
    const n = lens[k] - 1;
    const c = Math.floor(p / CHUNK);
    const off = p - c * CHUNK;
    if (off + n <= CHUNK) return this.decode(this.chunks[c], off, n);
    // Across two chunks: copied together first.
    const whole = new Uint8Array(n);
    const head = CHUNK - off;
    whole.set(this.chunks[c].subarray(off));
    whole.set(this.chunks[c + 1].subarray(0, n - head), head);
    return this.decode(whole, 0, n);
  }

  private decode(b: Uint8Array, s: number, n: number): string {
    this.decoder ??= new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return this.decoder.decode(b.subarray(s, s + n));
  }

  private grow(least: number): void {
    let capacity = this.capacity * 2;
    while (capacity < least) capacity *= 2;
    this.capacity = capacity;
    if (this.codes !== undefined) {
      const codes = new Uint16Array(capacity);
      codes.set(this.codes);
      this.codes = codes;
    }
    if (this.lens !== undefined) {
      const lens = new Uint8Array(capacity);
      lens.set(this.lens);
      this.lens = lens;
      const starts = new Float64Array(Math.ceil(capacity / (1 << BLOCK_BITS)));
      starts.set(this.starts!);
      this.starts = starts;
    }
  }

  /** The dictionary's texts copied into the plain form, in arrival order; the dictionary let go. */
  private toPlain(): void {
    const d = this.dictionary!;
    const codes = this.codes!;
    this.dictionary = undefined;
    this.codes = undefined;
    for (let k = 0; k < this.end; k++) {
      const code = codes[k];
      if (code !== 0) this.append(k, d.bytes, d.start[code - 1], d.start[code - 1] + d.len[code - 1]);
    }
  }

  private append(k: number, b: Uint8Array, s: number, e: number): void {
    const lens = (this.lens ??= new Uint8Array(this.capacity));
    const starts = (this.starts ??= new Float64Array(Math.ceil(this.capacity / (1 << BLOCK_BITS))));
    // Blocks from the last one started up to k's start here: customers between had no text.
    for (const block = k >>> BLOCK_BITS; this.blocks <= block; this.blocks++) starts[this.blocks] = this.used;
    lens[k] = e - s + 1;
    let c = Math.floor(this.used / CHUNK);
    let off = this.used - c * CHUNK;
    let chunk = this.room(c, off + (e - s));
    for (let i = s; i < e; i++) {
      if (off === CHUNK) {
        chunk = this.room(++c, e - i);
        off = 0;
      }
      chunk[off++] = b[i];
    }
    this.used += e - s;
  }

  /** Chunk c, made or grown to hold `need` bytes: the first grows by doubling up to a whole chunk, so a small table stays small. */
  private room(c: number, need: number): Uint8Array {
    let chunk = this.chunks[c];
    if (chunk === undefined) {
      chunk = new Uint8Array(c === 0 ? Math.min(CHUNK, Math.max(4096, need)) : CHUNK);
      this.chunks[c] = chunk;
    } else if (chunk.length < CHUNK && chunk.length < need) {
      let size = chunk.length * 2;
      while (size < need) size *= 2;
      const grown = new Uint8Array(Math.min(CHUNK, size));
      grown.set(chunk);
      this.chunks[c] = chunk = grown;
    }
    return chunk;
  }
}
