/**
 * Rows of a UTF-8 transaction file read straight from its bytes, for the
 * common file: one plain ASCII delimiter (or whitespace), no double quote,
 * ids, ISO or yyyymmdd dates and plain decimal amounts. Such a row costs no
 * string: its id is looked up by its bytes among the ids already met (a
 * string is made once per customer), its date and amount are read digit by
 * digit. Decoding a 70 MB file to text and cutting a string per cell had
 * been most of reading's time and of its garbage (docs/scale.md).
 *
 * Any line this lane cannot read with certainty (a cell with spaces, a
 * currency sign, a date in another form, too few cells, the header and the
 * lines above it) is decoded and handed to the text reader's visitor as the
 * text scan would have cut it, so the result is the same row for row
 * (core/read/byte-rows.test.ts compares both on random files).
 */
import { compareBytes, compareBytesToText } from './compare-bytes.ts';
import { dayFromCivil } from './day-number.ts';
import { isByteSource, readFully, type ByteSource } from './byte-source.ts';
import { isBlank, PROGRESS_EVERY, splitWhitespaceRange, type RowVisitor } from './read-table.ts';

/** See decode-text.ts: core compiles without DOM or Node types. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

/** The text columns a summary keeps one value of per customer (its first non-empty one). */
export type TextRole = 'email' | 'company' | 'name';

/**
 * Where the byte lane puts its rows: a customer's number once per id, then
 * numbers only. The columnar summary builder is one (createAnalysis too).
 */
export interface RowSink {
  /**
   * The sink's number of a customer id; the same id always gets the same
   * number. `fresh` promises that no earlier call asked for this id (the
   * lane asks once per id it finds by bytes), which spares the sink a hash
   * map of ids that only ever come this way.
   */
  customerIndex(id: string, fresh?: boolean): number;
  /**
   * A row of customer k, as `add({ customerId, day, amount, line })` of
   * the same customer would take it; false when the row lies after a fixed
   * as-of day (its other cells are then ignored, as add ignores them).
   */
  addRow(k: number, day: number, amount: number, line: number, quantity?: number): boolean;
  /**
   * Optional: the sink's number of a customer whose id the lane read as
   * ASCII bytes b[s … e−1] (the array is reused: copy them), where
   * customerIndex(id, true) would take its string. The lane asks once per id,
   * so the sink may keep the bytes and make the string only when a product
   * shows the customer. `lane` and `id` are the lane's table and the id's
   * number in it (b is then lane.bytes): a sink may keep the table instead
   * of a copy of the bytes, which it holds until the sink lets it go
   * ({@link ByteIds.seal} drops its hash table once the read is done).
   */
  customerIndexBytes?(b: Uint8Array, s: number, e: number, lane?: ByteIds, id?: number): number;
  /** Whether customer k has no value yet of a text column (only the first non-empty one is kept). */
  lacksText(k: number, role: TextRole): boolean;
  /** Keeps a text of customer k: a string of its own (decoded from the row's bytes, not cut out of a larger text). */
  setText(k: number, role: TextRole, value: string): void;
  /**
   * Keeps a text of customer k as its UTF-8 bytes b[s … e−1] (copied: the
   * array is reused), to be decoded only when shown; offered for a cell
   * that needs no trimming ({@link LineText.plain}). A sink without it is
   * given the string (setText).
   */
  setTextBytes?(k: number, role: TextRole, b: Uint8Array, s: number, e: number): void;
  /**
   * Optional: about how many rows are to come (an estimate from the file's
   * size and the lines at its start, not a bound), told before the first
   * row, so that a sink can size its columns once instead of growing them.
   */
  expectRows?(rows: number): void;
}

/**
 * About how many rows a text of `size` bytes holds, from the lines in a
 * sample of its start, plus a quarter (a file whose later lines are
 * somewhat shorter still fits); 0 when the sample holds no line feed.
 */
export function rowsEstimate(sample: Uint8Array, size: number): number {
  let lines = 0;
  for (let i = sample.indexOf(10); i >= 0; i = sample.indexOf(10, i + 1)) lines++;
  return lines === 0 ? 0 : Math.ceil((size / sample.length) * lines * 1.25);
}

/** What the lane needs of the file and its columns (settled by the text reader from the head). */
export interface ByteLanePlan {
  /** One ASCII byte (, ; tab |), or 'whitespace'. */
  delimiter: string;
  /** The line break the text reader uses ('\n', '\r\n' or '\r'; '\n' for whitespace). */
  newline: string;
  /** Byte offset of the text (3 after a UTF-8 byte-order mark). */
  offset: number;
  idCol: number;
  dateCol: number;
  amountCol: number;
  /** The quantity column, read as amounts are (−1: none). */
  quantityCol: number;
  /** Columns of text a row may carry (email, company, name): cut for {@link LineText}. */
  texts: number[];
  /** Rows before this line, and the header line, go to the text visitor. */
  firstLine: number;
  headerLine: number;
}

/** The text cells of the row the lane just read, decoded only when asked for. */
export interface LineText {
  /** Cell `col` of the row, decoded and trimmed as the text reader's cellText gives it ('' when the row has no such cell). */
  text(col: number): string;
  /**
   * Whether cell `col` is not empty and its decoded bytes are its text as
   * text() gives it (nothing to trim: {@link plainText}); they are
   * piece[start(col) … end(col)−1].
   */
  plain(col: number): boolean;
  /** The piece of the file the row lies in (valid until the next row). */
  readonly piece: Uint8Array;
  start(col: number): number;
  end(col: number): number;
  /** How many of the row's cells were cut (the lane cuts no more than its plan needs). */
  readonly cellCount: number;
  /** The row's bytes, piece[lineStart … lineEnd−1] (no line break): what the text scan would read if the row went its way. */
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** What the text reader does with a row the lane read: add it, or say the lane may not take it now. */
export interface ByteRowTarget {
  /** False while the text reader must see rows in order itself (dates awaiting a day/month order). */
  direct(): boolean;
  /** An accepted row: the customer's number among the ids met ({@link ByteIds}), day, amount, line, and its text cells. */
  row(id: number, day: number, amount: number, line: number, cells: LineText, quantity: number | undefined): void;
  /**
   * Called when every line of a piece has been read, with the piece (valid
   * until this returns) and how far into the file it ends (0 … 1): a
   * recorder (scanned-rows.ts) sends a piece's rows on from here.
   */
  pieceDone?(piece: Uint8Array, upTo: number): void;
}

/**
 * Whether the byte lane can read a file: UTF-8, a single-byte plain
 * delimiter or whitespace, and for a delimiter no double quote anywhere
 * (a quoted cell may hold a delimiter or a line break).
 */
export function byteLaneFits(bytes: Uint8Array, encoding: string, delimiter: string): boolean {
  if (encoding !== 'utf-8') return false;
  if (delimiter === 'whitespace') return true;
  if (!(delimiter === ',' || delimiter === ';' || delimiter === '\t' || delimiter === '|')) return false;
  return bytes.indexOf(34) < 0;
}

const utf8 = (): TextDecoder => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Customer ids met so far, found by their bytes: an open-addressing hash
 * table over a byte arena, so a row's id costs a hash and a compare. An
 * ASCII id's string is made only when asked for ({@link string}); any other
 * is decoded when first met (to know whether decoding made two ids one).
 *
 * While every new id comes after the one before it in byte order (a file
 * sorted by customer, as CDNOW and many exports are), an id is new exactly
 * when it differs from the last one, so no table is kept: it is built from
 * the arena the first time an id comes out of order. At a million rows the
 * table's probes into fresh memory and its rehashes had been the largest
 * part of the lookup (docs/scale.md).
 */
/** Placeholders the constructor replaces (see there). */
const NONE = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);

export class ByteIds {
  /**
   * Open addressing: [hash, number + 1, start, end] per slot (number 0:
   * empty), side by side so that a probe reads the id's place in the arena
   * from the slot's own cache line, not from the spans (a miss per probe
   * fewer in a file not sorted by customer). Empty (length 0) while the ids
   * are ordered.
   */
  private table: Int32Array = NONE;
  /** [start, end] in the arena per id. */
  private spans: Int32Array = NONE;
  private arena: Uint8Array = NO_BYTES;
  private used = 0;
  /** The last id found and where its bytes were: rows of one customer often come together. */
  private lastBytes: Uint8Array | undefined;
  private lastS = 0;
  private lastE = 0;
  private lastK = -1;
  private count = 0;
  /** The strings of ids with a byte past ASCII, decoded when met. */
  private readonly decoded = new Map<number, string>();
  /**
   * Whether every id's string differs from every other's: ids that differ
   * in bytes differ as text unless decoding replaced bytes (invalid UTF-8
   * and a written U+FFFD both give U+FFFD).
   */
  distinct = true;
  private readonly decoder = utf8();

  constructor() {
    // The table, the spans and the arena are replaced when they grow, in the
    // middle of a read. V8 compiles code that reads a field written only once
    // as if the field were a constant, and throws that code away (or drops a
    // compile under way) when the field is written again: on CDNOW the
    // reader's line loop was compiled three times, and ran unoptimised
    // meanwhile, because the spans and the arena grew during the first two
    // compiles. Written a second time here, before any code is compiled, they
    // are variables from the start (docs/cli-speed.md, "Compiled once").
    this.table = new Int32Array(0);
    this.spans = new Int32Array(2 << 11);
    this.arena = new Uint8Array(1 << 15);
  }

  get size(): number {
    return this.count;
  }

  /** Id k's string (made now for an ASCII id: ask once per id). */
  string(k: number): string {
    const t = this.decoded.get(k);
    if (t !== undefined) return t;
    const s = this.spans[2 * k];
    const e = this.spans[2 * k + 1];
    return asciiText(this.arena, s, e) ?? this.decoder.decode(this.arena.subarray(s, e));
  }

  /** Whether id k is all ASCII: its bytes are then its UTF-16 code units. */
  ascii(k: number): boolean {
    return !this.decoded.has(k);
  }

  /** The arena id k's bytes lie in, from {@link start} to {@link end} (valid until the next new id). */
  get bytes(): Uint8Array {
    return this.arena;
  }

  start(k: number): number {
    return this.spans[2 * k];
  }

  /** Every id's [start, end] in {@link bytes}, id k's at 2k and 2k + 1 (valid until the next new id). */
  get allSpans(): Int32Array {
    return this.spans;
  }

  end(k: number): number {
    return this.spans[2 * k + 1];
  }

  /**
   * Lets go of the hash table once no id is looked up any more (the read is
   * done): a summary that keeps these ids' bytes keeps only the arena and
   * the spans, not 16 bytes a slot of a table kept half empty.
   */
  seal(): void {
    this.table = new Int32Array(4);
    this.lastBytes = undefined;
    this.sealed = true;
  }

  private sealed = false;

  /** Id j's bytes against id k's, byte by byte, then by length: for ASCII ids the order of their strings' code units. */
  compare(j: number, k: number): number {
    const sp = this.spans;
    const a = sp[2 * j];
    const b = sp[2 * k];
    return compareBytes(this.arena, a, sp[2 * j + 1] - a, this.arena, b, sp[2 * k + 1] - b);
  }

  /** Id k's bytes (ASCII) against the code units of `t`, as compare. */
  compareText(k: number, t: string): number {
    const a = this.spans[2 * k];
    return compareBytesToText(this.arena, a, this.spans[2 * k + 1] - a, t);
  }

  /** The number of the id in bytes b[s … e−1], a new one when first met. */
  find(b: Uint8Array, s: number, e: number): number {
    if (this.sealed) throw new Error('ByteIds: an id looked up after the read was done');
    if (b === this.lastBytes && e - s === this.lastE - this.lastS) {
      const ls = this.lastS;
      let i = 0;
      while (i < e - s && b[s + i] === b[ls + i]) i++;
      if (i === e - s) {
        this.lastS = s;
        this.lastE = e;
        return this.lastK;
      }
    }
    let k = -1;
    if (this.table.length === 0) {
      // Ordered so far: after the newest id means new, equal means it, before means the order ends here.
      const c = this.count === 0 ? 1 : this.afterNewest(b, s, e);
      if (c > 0) k = this.add(b, s, e, 0, -1);
      else if (c === 0) k = this.count - 1;
      else this.buildTable();
    }
    if (k < 0) {
      const h = hashBytes(b, s, e);
      const table = this.table;
      const mask = (table.length >>> 2) - 1;
      for (let j = h & mask; ; j = (j + 1) & mask) {
        const v = table[4 * j + 1];
        if (v === 0) {
          k = this.add(b, s, e, h, j);
          break;
        }
        if (table[4 * j] === h && this.same(table[4 * j + 2], table[4 * j + 3], b, s, e)) {
          k = v - 1;
          break;
        }
      }
    }
    this.lastBytes = b;
    this.lastS = s;
    this.lastE = e;
    this.lastK = k;
    return k;
  }

  /** Whether arena[a … ae−1] and b[s … e−1] are the same bytes. */
  private same(a: number, ae: number, b: Uint8Array, s: number, e: number): boolean {
    if (ae - a !== e - s) return false;
    const arena = this.arena;
    for (let i = 0; i < e - s; i++) if (arena[a + i] !== b[s + i]) return false;
    return true;
  }

  /** Adds the id b[s … e−1], with its hash and free slot in the table (slot −1: no table). */
  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const k = this.count++;
    // Grown fourfold: fresh memory costs most of a copy (a page fault per 4 KiB, ~3 ms a MB on the
    // build machine, docs/scale.md), and the part not yet written is never faulted in.
    if (2 * k === this.spans.length) {
      const c = new Int32Array(this.spans.length * 4);
      c.set(this.spans);
      this.spans = c;
    }
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const c = new Uint8Array(Math.max(this.arena.length * 4, this.used + len));
      c.set(this.arena.subarray(0, this.used));
      this.arena = c;
    }
    // Copied by a loop that also sees whether the id is ASCII: a subarray per id to copy from cost more.
    const arena = this.arena;
    let high = 0;
    for (let i = s, u = this.used; i < e; i++, u++) {
      const c = b[i];
      arena[u] = c;
      high |= c;
    }
    this.spans[2 * k] = this.used;
    this.spans[2 * k + 1] = this.used + len;
    this.used += len;
    if (high >= 0x80) this.decoded.set(k, this.text(b, s, e));
    if (slot < 0) return k;
    const t = this.table;
    t[4 * slot] = h;
    t[4 * slot + 1] = k + 1;
    t[4 * slot + 2] = this.spans[2 * k];
    t[4 * slot + 3] = this.spans[2 * k + 1];
    // Kept at most half full, so a miss ends after a probe or two.
    if ((k + 1) * 8 > t.length) this.rehash();
    return k;
  }

  /** The bytes b[s … e−1] against the newest id's, as {@link compare}: positive when they come after it. */
  private afterNewest(b: Uint8Array, s: number, e: number): number {
    const k = this.count - 1;
    const a = this.spans[2 * k];
    return compareBytes(b, s, e - s, this.arena, a, this.spans[2 * k + 1] - a);
  }

  /** The table of every id so far, when the first id out of order comes (at least 2^12 slots, at most half full). */
  private buildTable(): void {
    let slots = 1 << 12;
    while (this.count * 2 >= slots) slots *= 2;
    const table = new Int32Array(4 * slots);
    const mask = slots - 1;
    const sp = this.spans;
    for (let k = 0; k < this.count; k++) {
      const a = sp[2 * k];
      const ae = sp[2 * k + 1];
      const h = hashBytes(this.arena, a, ae);
      let t = h & mask;
      while (table[4 * t + 1] !== 0) t = (t + 1) & mask;
      table[4 * t] = h;
      table[4 * t + 1] = k + 1;
      table[4 * t + 2] = a;
      table[4 * t + 3] = ae;
    }
    this.table = table;
  }

  /** The table at twice the slots, each slot moved as it is (its hash kept in it). */
  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >>> 2) - 1;
    for (let j = 0; j < old.length; j += 4) {
      if (old[j + 1] === 0) continue;
      let t = old[j] & mask;
      while (table[4 * t + 1] !== 0) t = (t + 1) & mask;
      table[4 * t] = old[j];
      table[4 * t + 1] = old[j + 1];
      table[4 * t + 2] = old[j + 2];
      table[4 * t + 3] = old[j + 3];
    }
    this.table = table;
  }

  /** The string of bytes b[s … e−1]: from char codes when ASCII (most ids), else decoded. */
  text(b: Uint8Array, s: number, e: number): string {
    let ascii = true;
    for (let i = s; i < e && ascii; i++) ascii = b[i] < 0x80;
    if (ascii) {
      const t = asciiText(b, s, e);
      if (t !== undefined) return t;
    }
    const t = this.decoder.decode(b.subarray(s, e));
    if (t.includes('\ufffd')) this.distinct = false;
    return t;
  }
}

/** FNV-1a of b[s … e−1] (exported for a test that needs two ids of one hash). */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 16777619);
  return h;
}

const F = String.fromCharCode;

/**
 * An ASCII id of up to 16 bytes as a string made in one call: a string per
 * customer made char by char, by apply or by a decoder cost 4 to 6 times as
 * much (measured on 376,000 ids: 0.04 s against 0.15–0.24 s).
 */
function asciiText(b: Uint8Array, s: number, e: number): string | undefined {
  switch (e - s) {
    case 1:
      return F(b[s]);
    case 2:
      return F(b[s], b[s + 1]);
    case 3:
      return F(b[s], b[s + 1], b[s + 2]);
    case 4:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    case 9:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10]);
    case 12:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11]);
    case 13:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12]);
    case 14:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13]);
    case 15:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14]);
    case 16:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]);
    default:
      return undefined;
  }
}

/** 10^0 … 10^15, all exact doubles. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The amount of b[s … e−1] when it is digits with at most one '.' and an
 * optional leading '-' (1 to 15 digits): m / 10^k, which is what scanAmount
 * (plainDecimal) gives for the same text under a '.' decimal mark, since
 * both m and 10^k are exact doubles and the one division is correctly
 * rounded. NaN for anything else (the text reader decides those).
 */
export function plainAmount(b: Uint8Array, s: number, e: number): number {
  if (s >= e) return NaN;
  const negative = b[s] === 45;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (let i = negative ? s + 1 : s; i < e; i++) {
    const c = b[i];
    if (c === 46) {
      if (point >= 0) return NaN;
      point = i;
    } else if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = point < 0 ? m : m / POW10[e - 1 - point];
  return negative ? -v : v;
}

function digit(b: Uint8Array, i: number): number {
  const c = b[i] - 48;
  return c >= 0 && c <= 9 ? c : -1000000;
}

/**
 * The day of b[s … e−1] when it is `yyyy-mm-dd` or `yyyymmdd` (the forms
 * scanDateText reads first, by the same dayFromCivil), else NaN.
 */
export function plainDay(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len === 10) {
    if (b[s + 4] !== 45 || b[s + 7] !== 45) return NaN;
    const y = digit(b, s) * 1000 + digit(b, s + 1) * 100 + digit(b, s + 2) * 10 + digit(b, s + 3);
    const m = digit(b, s + 5) * 10 + digit(b, s + 6);
    const d = digit(b, s + 8) * 10 + digit(b, s + 9);
    return y < 0 || m < 0 || d < 0 ? NaN : dayFromCivil(y, m, d);
  }
  if (len === 8) {
    const y = digit(b, s) * 1000 + digit(b, s + 1) * 100 + digit(b, s + 2) * 10 + digit(b, s + 3);
    const m = digit(b, s + 4) * 10 + digit(b, s + 5);
    const d = digit(b, s + 6) * 10 + digit(b, s + 7);
    return y < 0 || m < 0 || d < 0 ? NaN : dayFromCivil(y, m, d);
  }
  return NaN;
}

/**
 * Whether a lead byte may begin a character that String.prototype.trim
 * removes: of the whitespace past ASCII, U+00A0 begins with C2, U+1680
 * with E1, U+2000–U+205F with E2, U+3000 with E3 and U+FEFF with EF.
 */
function mayBeSpace(lead: number): boolean {
  return lead === 0xc2 || lead === 0xe1 || lead === 0xe2 || lead === 0xe3 || lead === 0xef;
}

/**
 * Whether the text cell b[s … e−1] is not empty and its decoded text is
 * what trimming it gives: it begins and ends with a visible ASCII
 * character, or with a character past ASCII that is no whitespace (an
 * accented or Chinese company name). Then the cell's bytes are its text
 * and may be kept undecoded. Bytes that are not UTF-8 decode to U+FFFD,
 * which trim keeps; the answer errs only towards false.
 */
export function plainText(b: Uint8Array, s: number, e: number): boolean {
  if (e <= s) return false;
  const first = b[s];
  if (first < 0x80 ? !(first > 32 && first < 127) : mayBeSpace(first)) return false;
  const last = b[e - 1];
  if (last < 0x80) return last > 32 && last < 127;
  // The last character's lead byte: back over at most three continuation bytes.
  let j = e - 1;
  while (j > s && j > e - 4 && (b[j] & 0xc0) === 0x80) j--;
  return !mayBeSpace(b[j]);
}

/** An id the lane takes as it is: starts and ends with a visible ASCII character other than '#' first (trim and sheet errors are the text reader's). */
function plainId(b: Uint8Array, s: number, e: number): boolean {
  if (s >= e) return false;
  const first = b[s];
  const last = b[e - 1];
  return first > 32 && first < 127 && first !== 35 && last > 32 && last < 127;
}

/** Line breaks in b[from … to−1] of one byte value. */
function countByte(b: Uint8Array, v: number, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(v, from); i >= 0 && i < to; i = b.indexOf(v, i + 1)) n++;
  return n;
}

/** Bytes the lane reads from a {@link ByteSource} at a time (a line longer than this grows the buffer). */
export const LANE_PIECE_BYTES = 4 * 2 ** 20;

/**
 * Where a piece of the file may end so that it holds whole lines: just after
 * its last line break (for \r\n a \r\n, a lone \n being part of a line),
 * never in its last two bytes, so that the piece after holds at least three
 * and with them the text's final break whole. 0 when there is none.
 */
function lastLineEnd(b: Uint8Array, have: number, breakByte: number, crlf: boolean): number {
  if (have < 3) return 0;
  for (let i = b.lastIndexOf(breakByte, have - 3); i >= 0; i = i > 0 ? b.lastIndexOf(breakByte, i - 1) : -1) {
    if (!crlf || (i > 0 && b[i - 1] === 13)) return i + 1;
  }
  return 0;
}

/**
 * Reads every line of the bytes (an array, or a {@link ByteSource} a piece
 * at a time, each piece ending after a line break): a line the lane can
 * read goes to `target.row`, any other (and every line while
 * `target.direct()` is false) to `visit` as the text scan would cut it.
 * Returns the physical line count as scanPieces counts it. `scratch`, when
 * given, is reused for a source's pieces.
 *
 * The caller checked {@link byteLaneFits} (for a source: UTF-8 without a
 * quote throughout).
 */
export function scanByteRows(
  input: Uint8Array | ByteSource,
  plan: ByteLanePlan,
  ids: ByteIds,
  target: ByteRowTarget,
  visit: RowVisitor,
  onProgress?: (f: number) => void,
  pieceBytes = LANE_PIECE_BYTES,
  scratch?: Uint8Array,
): number {
  const white = plan.delimiter === 'whitespace';
  const delim = white ? -1 : plan.delimiter.charCodeAt(0);
  const newline = white ? '\n' : plan.newline;
  const decoder = utf8();
  const breakByte = newline === '\r' ? 13 : 10;
  const crlf = newline === '\r\n';
  const need = Math.max(plan.idCol, plan.dateCol, plan.amountCol, plan.quantityCol, ...plan.texts) + 1;
  const required = Math.max(plan.idCol, plan.dateCol, plan.amountCol) + 1;
  // The cells every row needs are cut as the line is read; the text cells after them only when the
  // target asks (a customer's first rows): the rest of most lines is only searched for its break.
  const eager = white ? need : Math.max(required, plan.quantityCol + 1);
  const cs = new Int32Array(need);
  const ce = new Int32Array(need);
  let count = 0;
  // Where the cells past `eager` of the row being read begin, while not yet cut (−1: all cut).
  let rest = -1;
  // The piece being read, its 32-bit words from the first aligned byte `lead` (for the break search), and its place in the file (for progress).
  let b: Uint8Array = new Uint8Array(0);
  let words: Int32Array = new Int32Array(0);
  let lead = 0;
  let base = 0;
  const total = isByteSource(input) ? input.size : input.length;
  const setPiece = (piece: Uint8Array) => {
    b = piece;
    lead = (4 - (piece.byteOffset & 3)) & 3;
    words = piece.length >= lead + 4 ? new Int32Array(piece.buffer, piece.byteOffset + lead, (piece.length - lead) >>> 2) : new Int32Array(0);
  };
  const pattern = Math.imul(breakByte, 0x01010101);
  /** The first i in [from, limit) with b[i] === breakByte, else limit: four bytes a step (a word holds the byte when word ^ pattern has a zero byte). */
  const findBreak = (from: number, limit: number): number => {
    let i = from;
    while (i < limit && ((i - lead) & 3) !== 0) {
      if (b[i] === breakByte) return i;
      i++;
    }
    if (i < limit) {
      let w = (i - lead) >> 2;
      const last = Math.min(words.length, (limit - lead) >> 2);
      for (; w < last; w++) {
        const x = words[w] ^ pattern;
        if (((x - 0x01010101) & ~x & 0x80808080) !== 0) break;
      }
      i = lead + 4 * w;
      while (i < limit && b[i] !== breakByte) i++;
    }
    return i;
  };
  /** Cuts the row's cells past `eager` (up to `need`), as the one pass over the line would have. */
  const cutRest = () => {
    let cells = eager;
    cs[cells] = rest;
    for (let i = rest; i < lineTo; i++) {
      if (b[i] === delim) {
        ce[cells++] = i;
        if (cells === need) break;
        cs[cells] = i + 1;
      }
    }
    if (cells < need) ce[cells++] = lineTo;
    count = cells;
    rest = -1;
  };
  const view: LineText = {
    text(col) {
      if (rest >= 0) cutRest();
      return col < count && ce[col] > cs[col] ? decoder.decode(b.subarray(cs[col], ce[col])).trim() : '';
    },
    plain(col) {
      if (rest >= 0) cutRest();
      return col < count && plainText(b, cs[col], ce[col]);
    },
    get piece() {
      return b;
    },
    start(col) {
      if (rest >= 0) cutRest();
      return cs[col];
    },
    end(col) {
      if (rest >= 0) cutRest();
      return ce[col];
    },
    get cellCount() {
      if (rest >= 0) cutRest();
      return count;
    },
    get lineStart() {
      return lineFrom;
    },
    get lineEnd() {
      return lineTo;
    },
  };
  let lineFrom = 0;
  let lineTo = 0;
  let lf = 0;
  let cr = 0;
  let line = 1;
  // Where the current line's cells past `eager` begin (−1: none left to cut).
  let lineRest = -1;
  const slow = (s: number, e: number) => slowLine(decoder, b, s, e, plan.delimiter, line, visit);

  /**
   * The lines of b[start … limit−1]. The last piece: its final line break
   * ends its last line and starts none (withoutFinalBreak in
   * scan-pieces.ts), and a line starts at `start` even when empty. Any other
   * piece ends just after a break, and its lines end with it.
   */
  function lines(start: number, limit: number, final: boolean): void {
    if (final) {
      if (limit - 2 >= start && b[limit - 2] === 13 && b[limit - 1] === 10) limit -= 2;
      else if (limit - 1 >= start && (b[limit - 1] === 10 || b[limit - 1] === 13)) limit -= 1;
    } else if (start >= limit) {
      return;
    }
    if (breakByte !== 10) lf += countByte(b, 10, start, limit);
    // The line count takes the \r count only when there is no \n (as countLines does): once a \n is met, no need to count.
    if (lf === 0) cr += countByte(b, 13, start, limit);
    for (;;) {
      // One pass over the line's cells that every row needs (the first
      // `eager`), then its end, the next break (for \r\n a lone \n is part
      // of the line, as in the text scan), searched four bytes a step: most
      // of a line is the e-mail and company that only a customer's first
      // rows need (cut then by cutRest). indexOf for the break cost more.
      let cells = 0;
      let i = start;
      if (white) {
        let inCell = false;
        for (; i < limit; i++) {
          const c = b[i];
          if (c === 10) break;
          const space = c === 32 || c === 9 || c === 13;
          if (space) {
            if (inCell) {
              inCell = false;
              ce[cells++] = i;
            }
          } else if (!inCell && cells < need) {
            inCell = true;
            cs[cells] = i;
          }
        }
        if (inCell) ce[cells++] = i;
      } else {
        cs[0] = start;
        let tail = -1;
        for (; i < limit; i++) {
          const c = b[i];
          if (c === delim) {
            ce[cells++] = i;
            if (cells === eager) {
              tail = i + 1;
              break;
            }
            cs[cells] = i + 1;
          } else if (c === breakByte) {
            if (!crlf || (i > start && b[i - 1] === 13)) break;
            lf++; // a lone \n inside a \r\n line
          }
        }
        if (tail >= 0) {
          // The rest of the line: only its break is looked for now.
          for (i = findBreak(tail, limit); i < limit && crlf && b[i - 1] !== 13; i = findBreak(i + 1, limit)) lf++;
          lineRest = need > eager ? tail : -1;
        } else {
          lineRest = -1;
        }
      }
      const end = i;
      if (end < limit && breakByte === 10) lf++;
      const lineEnd = crlf && end < limit ? end - 1 : end;
      if (!white && cells < eager) ce[cells++] = lineEnd;
      let read = false;
      if (cells >= required && line >= plan.firstLine && line !== plan.headerLine && target.direct()) {
        const is = cs[plan.idCol];
        const ie = ce[plan.idCol];
        const day = plainDay(b, cs[plan.dateCol], ce[plan.dateCol]);
        const amount = plainAmount(b, cs[plan.amountCol], ce[plan.amountCol]);
        // A quantity is optional: an empty cell is none, a plain number is read, anything else is the text reader's.
        const qc = plan.quantityCol;
        const noQuantity = qc < 0 || qc >= cells || cs[qc] === ce[qc];
        const quantity = noQuantity ? undefined : plainAmount(b, cs[qc], ce[qc]);
        if (day === day && amount === amount && quantity === quantity && plainId(b, is, ie)) {
          read = true;
          const id = ids.find(b, is, ie);
          count = cells;
          rest = lineRest;
          lineFrom = start;
          lineTo = lineEnd;
          target.row(id, day, amount, line, view, quantity);
          rest = -1;
        }
      }
      if (!read) slow(start, lineEnd);
      line++;
      if (onProgress && line % PROGRESS_EVERY === 0) onProgress((base + end) / total);
      if (end >= limit) return;
      start = end + 1;
      if (!final && start >= limit) return;
    }
  }

  if (!isByteSource(input)) {
    // A plain view: a Node Buffer's subarray builds a Buffer, several times dearer.
    setPiece(new Uint8Array(input.buffer, input.byteOffset, input.length));
    if (b.length === plan.offset || (b.length - plan.offset <= 2 && isOnlyBreak(b, plan.offset))) return emptyText(white, visit, onProgress);
    lines(plan.offset, b.length, true);
    target.pieceDone?.(b, 1);
  } else {
    // A scratch buffer already written (the pre-pass's) costs no page faults; the piece views start at its offset 0.
    const size = Math.max(16, Math.min(pieceBytes, total));
    let buf = scratch !== undefined && scratch.byteOffset === 0 && scratch.length >= size ? scratch.subarray(0, size) : new Uint8Array(size);
    let have = 0;
    let at = 0;
    let first = true;
    for (;;) {
      have += readFully(input, buf.subarray(have), at + have);
      const final = at + have >= total;
      const cut = final ? have : lastLineEnd(buf, have, breakByte, crlf);
      if (cut === 0) {
        // No line ends in the buffer: a line longer than it.
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf.subarray(0, have));
        buf = grown;
        continue;
      }
      // A new view for every piece: ByteIds remembers the last id by the array it was found in.
      setPiece(new Uint8Array(buf.buffer, 0, cut));
      base = at;
      const from = first ? plan.offset : 0;
      if (first && final && (cut === from || (cut - from <= 2 && isOnlyBreak(b, from)))) return emptyText(white, visit, onProgress);
      lines(from, cut, final);
      target.pieceDone?.(b, (at + cut) / total);
      first = false;
      if (final) break;
      buf.copyWithin(0, cut, have);
      have -= cut;
      at += cut;
    }
  }
  onProgress?.(1);
  const physical = 1 + (lf > 0 ? lf : cr);
  return Math.max(physical, line - 1);
}

/**
 * A line the lane does not read, b[s … e−1] without its break, handed to
 * the text reader's visitor cut as the text scan would cut it.
 */
export function slowLine(decoder: { decode(input?: Uint8Array): string }, b: Uint8Array, s: number, e: number, delimiter: string, line: number, visit: RowVisitor): void {
  const text = decoder.decode(b.subarray(s, e));
  const white = delimiter === 'whitespace';
  const cells = white ? splitWhitespaceRange(text, 0, text.length) : text.split(delimiter);
  if (white ? cells.length === 0 : isBlank(cells)) visit.blank(line);
  else visit.row(cells, line);
}

/** Whether b[from …] is nothing but one line break (\n, \r or \r\n): a text that is empty once its final break is gone. */
function isOnlyBreak(b: Uint8Array, from: number): boolean {
  const n = b.length - from;
  if (n === 1) return b[from] === 10 || b[from] === 13;
  return n === 2 && b[from] === 13 && b[from + 1] === 10;
}

/** An empty text: papaparse makes no row of it; the whitespace scan one blank line. */
function emptyText(white: boolean, visit: RowVisitor, onProgress?: (f: number) => void): number {
  if (white) visit.blank(1);
  onProgress?.(1);
  return white ? 1 : 0;
}
