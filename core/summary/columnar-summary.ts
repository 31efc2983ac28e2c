/**
 * The summary step kept as typed columns: one slot per customer in a set
 * of typed arrays, updated row by row, so that no row and no object per
 * customer is kept while a file is read. Same rules, same arithmetic in the
 * same order as {@link createSummaryBuilder} (summarize.ts documents them);
 * the objects a product shows are built only when it asks for them.
 *
 * Besides the summary it keeps each customer's distinct purchase days (12
 * bytes a day, never a row), which both the same-day merge and the holdout
 * of the model choice (a split at a date known only after the last row)
 * need.
 */
import { CvError } from '../errors.ts';
import type { SplitHistories } from '../analysis/purchase-days.ts';
import type { CustomerSummary, DayNumber, ExcludedCustomer, Transaction } from '../types.ts';
import { checkSummaryOptions, onlyReturns, rowCost, type SummaryOptions, type SummaryReport } from './summarize.ts';
import type { CustomerIds, SummaryTable } from './summary-table.ts';
import type { ByteIds, RowSink, TextRole } from '../read/byte-rows.ts';
import { sortByBytes } from './sort-by-bytes.ts';
import { compareBytes, compareBytesToText } from '../read/compare-bytes.ts';
import { ByteArena } from './byte-arena.ts';

const FN = 'summarize';

/**
 * Customers with a purchase, in id order, as parallel columns: the sums kept
 * while reading and the summary fields derived from them (each computed
 * once, by the arithmetic of createSummaryBuilder; summary(i) reads them).
 */
export interface SummaryColumns extends SummaryTable {
  /** Customers with a summary. */
  length: number;
  ids: CustomerIds;
  firstDay: Float64Array;
  lastDay: Float64Array;
  purchaseDays: Int32Array;
  transactions: Int32Array;
  grossRevenue: Float64Array;
  /** Gross amount of the first purchase day (the part of gross that is not repeat spend). */
  firstDayGross: Float64Array;
  returnAmount: Float64Array;
  returns: Int32Array;
  /** Known cost (see costKnown). */
  cost: Float64Array;
  costKnown: Uint8Array;
  quantity: Float64Array;
  hasQuantity: Uint8Array;
  // Derived from the columns above when read: each read makes a new array (take it once, before a loop).
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly sinceLast: Float64Array;
  readonly revenue: Float64Array;
  readonly averageSpend: Float64Array;
  readonly monetary: Float64Array;
  readonly profit: Float64Array;
  profitKnown: Uint8Array;
  /**
   * True when every since-last is (asOf − lastDay) / unit of whole days (below 2^31 in size): then
   * distinct last days give distinct since-lasts in the reverse order, and the segment step scores
   * R on the last days instead of making a since-last column (3 MiB at its peak, a million rows).
   */
  readonly sinceLastOfLastDay: boolean;
  /** Days from the first purchase to the as-of day, as the summary's T before the unit (asOf − firstDay). */
  asOf: DayNumber;
  /** Length of the summary's time unit in days. */
  unitDays: number;
  /** The summary of customer i, as {@link createSummaryBuilder} gives it. */
  summary(i: number): CustomerSummary;
  /** All summaries, in id order (built once, on the first call). */
  summaries(): CustomerSummary[];
}

/**
 * A summary builder whose result is columns; also splits purchase days for a
 * holdout. As a {@link RowSink} it takes a reader's rows as numbers (the
 * byte lane of core/read/byte-rows.ts): no object and no string per row.
 */
export interface ColumnarSummaryBuilder extends RowSink {
  add(t: Transaction): void;
  /** The columns (the same object on every call until another row is added). */
  finish(): SummaryColumns;
  /** Counts so far (complete after finish), as {@link SummaryBuilder.report}. */
  report(): SummaryReport;
  /** Earliest purchase day on or before as-of (Infinity when none). */
  firstPurchaseDay(): number;
  /**
   * Histories as of `calibrationEnd` of the customers who had bought by
   * then, in the order of their first purchase row, with their purchase
   * days in (calibrationEnd, min(asOf, windowEnd)]: what
   * {@link createPurchaseDays} gives for the same rows.
   */
  split(calibrationEnd: DayNumber, asOf: DayNumber, periodDays: number, windowEnd?: DayNumber, alsoWithin?: DayNumber): SplitHistories;
  /**
   * Lets go of the customers' columns once their summary is made (finish):
   * an analysis holds the summary's columns and no longer needs the
   * builder's, which were a third of a million-customer run's peak memory.
   * The purchase days behind {@link split} stay when `keepDays`. No row may
   * be added after.
   */
  release(keepDays: boolean): void;
}

/**
 * Customers' columns are kept in blocks of 2^15 customers: a block is added
 * when one fills, so nothing is copied and at most one block is slack.
 * Doubling one array per column had copied every column at each step and
 * left up to half of it unused (at 376,506 customers: 16 columns grown to
 * 524,288, with the old and the new side by side while copying).
 */
const BLOCK_BITS = 15;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;
/** The most blocks a region holds (2^22 customers, 377 MB of columns, most never written). */
const REGION_BLOCKS = 128;

/** One block of customers' columns (the first block starts small and grows up to a whole block, for small files). */
class Block {
  rows: Int32Array;
  firstLine: Float64Array;
  firstDay: Float64Array;
  lastDay: Float64Array;
  firstDayGross: Float64Array;
  gross: Float64Array;
  returnAmount: Float64Array;
  cost: Float64Array;
  quantity: Float64Array;
  transactions: Int32Array;
  returns: Int32Array;
  dayCount: Int32Array;
  /** Order of the customer's first purchase row among customers (−1: none yet). */
  rank: Int32Array;
  /**
   * Bit (day mod 32) of each of the customer's listed days, or 0 while not made (dayAlreadyListed
   * makes it on the customer's first day between its first and last): a day whose bit is clear
   * is not listed, without a walk through the list.
   */
  dayBits: Int32Array;
  costUnknown: Uint8Array;
  hasQuantity: Uint8Array;

  /**
   * A block of `size` customers: its columns views of `region`'s from `at` when given (the region
   * then holds them one after another), else arrays of their own; `from` (a smaller first block)
   * copied in.
   */
  constructor(readonly size: number, from?: Block, region?: Region, at = 0) {
    const f64 = (field: F64Field, fill = 0) => {
      const b = region ? region[field].subarray(at, at + size) : new Float64Array(size);
      const a = from?.[field];
      if (fill !== 0) b.fill(fill, a?.length ?? 0);
      if (a) b.set(a);
      return b;
    };
    const i32 = (field: I32Field | 'dayBits', fill = 0) => {
      const b = region ? region[field].subarray(at, at + size) : new Int32Array(size);
      const a = from?.[field];
      if (fill !== 0) b.fill(fill, a?.length ?? 0);
      if (a) b.set(a);
      return b;
    };
    const u8 = (field: 'costUnknown' | 'hasQuantity') => {
      const b = region ? region[field].subarray(at, at + size) : new Uint8Array(size);
      const a = from?.[field];
      if (a) b.set(a);
      return b;
    };
    this.rows = i32('rows');
    this.firstLine = f64('firstLine');
    this.firstDay = f64('firstDay', Infinity);
    this.lastDay = f64('lastDay', -Infinity);
    this.firstDayGross = f64('firstDayGross');
    this.gross = f64('gross');
    this.returnAmount = f64('returnAmount');
    this.cost = f64('cost');
    this.quantity = f64('quantity');
    this.transactions = i32('transactions');
    this.returns = i32('returns');
    this.dayCount = i32('dayCount');
    this.rank = i32('rank', -1);
    this.dayBits = i32('dayBits');
    this.costUnknown = u8('costUnknown');
    this.hasQuantity = u8('hasQuantity');
  }
}

/**
 * The blocks' columns as one array each for the customers a file is
 * expected to hold (RowSink.expectRows), the blocks views of it one after
 * another: the summary of a file sorted by customer is then these arrays'
 * first n entries, not a copy of every block (15 MiB of fresh memory at a
 * million rows, its page faults the cost; docs/scale.md). The part no
 * customer reaches is never written, so it takes no memory.
 */
class Region {
  readonly rows: Int32Array;
  readonly firstLine: Float64Array;
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  readonly firstDayGross: Float64Array;
  readonly gross: Float64Array;
  readonly returnAmount: Float64Array;
  readonly cost: Float64Array;
  readonly quantity: Float64Array;
  readonly transactions: Int32Array;
  readonly returns: Int32Array;
  readonly dayCount: Int32Array;
  readonly rank: Int32Array;
  readonly dayBits: Int32Array;
  readonly costUnknown: Uint8Array;
  readonly hasQuantity: Uint8Array;

  /** `size`: a whole number of blocks. */
  constructor(readonly size: number) {
    this.rows = new Int32Array(size);
    this.firstLine = new Float64Array(size);
    this.firstDay = new Float64Array(size);
    this.lastDay = new Float64Array(size);
    this.firstDayGross = new Float64Array(size);
    this.gross = new Float64Array(size);
    this.returnAmount = new Float64Array(size);
    this.cost = new Float64Array(size);
    this.quantity = new Float64Array(size);
    this.transactions = new Int32Array(size);
    this.returns = new Int32Array(size);
    this.dayCount = new Int32Array(size);
    this.rank = new Int32Array(size);
    this.dayBits = new Int32Array(size);
    this.costUnknown = new Uint8Array(size);
    this.hasQuantity = new Uint8Array(size);
  }
}

type F64Field = 'firstLine' | 'firstDay' | 'lastDay' | 'firstDayGross' | 'gross' | 'returnAmount' | 'cost' | 'quantity';
type I32Field = 'rows' | 'transactions' | 'returns' | 'dayCount' | 'rank';
const EMPTY64 = new Float64Array(0);
const EMPTY32 = new Int32Array(0);

/** Typed columns of numbers grown in blocks of `1 << bits` (the first block doubling up to that), never copied once whole. */
class Blocked<A extends Int32Array | Uint8Array> {
  blocks: A[];
  constructor(
    private readonly bits: number,
    private readonly fill: number,
    private readonly make: (n: number) => A,
  ) {
    this.blocks = [make(1024)];
    if (fill !== 0) this.blocks[0].fill(fill);
  }

  /** Makes index i writable. */
  reserve(i: number): void {
    while (!this.has(i)) this.grow();
  }

  /** Whether index i is writable. */
  has(i: number): boolean {
    const b = i >>> this.bits;
    return b < this.blocks.length && (i & ((1 << this.bits) - 1)) < this.blocks[b].length;
  }

  get(i: number): number {
    const block = this.blocks[i >>> this.bits];
    const j = i & ((1 << this.bits) - 1);
    return block !== undefined && j < block.length ? block[j] : this.fill;
  }

  set(i: number, v: number): void {
    let block = this.blocks[i >>> this.bits];
    const j = i & ((1 << this.bits) - 1);
    if (block === undefined || j >= block.length) {
      this.reserve(i);
      block = this.blocks[i >>> this.bits];
    }
    block[j] = v;
  }

  private grow(): void {
    if (this.blocks.length === 1 && this.blocks[0].length < 1 << this.bits) {
      const c = this.make(Math.min(this.blocks[0].length * 2, 1 << this.bits));
      if (this.fill !== 0) c.fill(this.fill, this.blocks[0].length);
      c.set(this.blocks[0]);
      this.blocks[0] = c;
    } else {
      const c = this.make(1 << this.bits);
      if (this.fill !== 0) c.fill(this.fill);
      this.blocks.push(c);
    }
  }
}

class BlockedInt32 extends Blocked<Int32Array> {
  constructor(bits: number, fill = 0) {
    super(bits, fill, (n) => new Int32Array(n));
  }
}

/** Declared as in decode-text.ts: core compiles without DOM or Node types. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

/**
 * One text per customer (an e-mail, a company) kept as its UTF-8 bytes in
 * chunks of 1 MiB, decoded when a product shows it: at 376,506 customers
 * the e-mails as strings had been some 20 MB of the heap and a decode each
 * while reading (docs/scale.md).
 */
export class TextBytes {
  private static readonly CHUNK_BITS = 20;
  private readonly arena = new ByteArena(TextBytes.CHUNK_BITS, 4096, 4);
  private readonly chunks = this.arena.chunks;
  /** Per customer: where its bytes start in the chunks, plus one (0: none), and how many. */
  private readonly at = new BlockedInt32(BLOCK_BITS);
  /**
   * Per customer: how many bytes, a byte each (an e-mail or a company name is short), 255 for one
   * of 255 bytes or more, whose length is in `long`: a column of Int32 had been 1.5 MiB per text
   * column at a million rows, held to the end of the run.
   */
  private readonly len = new Blocked(BLOCK_BITS, 0, (n) => new Uint8Array(n));
  private readonly long = new Map<number, number>();
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  size = 0;

  has(k: number): boolean {
    return this.at.get(k) !== 0;
  }

  private lengthOf(k: number): number {
    const n = this.len.get(k);
    return n < 255 ? n : this.long.get(k)!;
  }

  /** Keeps b[s … e−1] for customer k; false when it is longer than a chunk (then kept as a string). */
  set(k: number, b: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (n > 1 << TextBytes.CHUNK_BITS) return false;
    this.at.set(k, this.arena.append(b, s, e) + 1);
    this.len.set(k, Math.min(n, 255));
    if (n >= 255) this.long.set(k, n);
    this.size++;
    return true;
  }

  /**
   * Customer j's bytes against customer k's, byte by byte, then by length:
   * for ASCII texts (the only ones IdStore keeps as bytes) the order of
   * their strings' code units.
   */
  compare(j: number, k: number): number {
    const W = TextBytes.CHUNK_BITS;
    const M = (1 << W) - 1;
    const a = this.at.get(j) - 1;
    const b = this.at.get(k) - 1;
    const la = this.lengthOf(j);
    const lb = this.lengthOf(k);
    return compareBytes(this.chunks[a >>> W], a & M, la, this.chunks[b >>> W], b & M, lb);
  }

  /** Customer k's bytes against the code units of `t` (k's bytes ASCII), as compare. */
  compareText(k: number, t: string): number {
    const a = this.at.get(k) - 1;
    const la = this.lengthOf(k);
    return compareBytesToText(this.chunks[a >>> TextBytes.CHUNK_BITS], a & ((1 << TextBytes.CHUNK_BITS) - 1), la, t);
  }

  /** Customer k's text, decoded now (undefined when none). */
  text(k: number): string | undefined {
    const at = this.at.get(k) - 1;
    if (at < 0) return undefined;
    const chunk = this.chunks[at >>> TextBytes.CHUNK_BITS];
    const from = at & ((1 << TextBytes.CHUNK_BITS) - 1);
    return this.decoder.decode(chunk.subarray(from, from + this.lengthOf(k)));
  }
}

/**
 * Customers' ids: one the byte lane read as ASCII bytes kept as those
 * bytes (its string made when a product shows the customer), any other as
 * its string. Both compare in UTF-16 code-unit order, the order `<` gives
 * the strings: an ASCII byte is its code unit, and a string id (any
 * character, those past U+FFFF as their two surrogates) is compared by its
 * code units.
 *
 * The bytes stay where the lane has them (its {@link ByteIds}) while every
 * customer the lane gave has the lane's number: a copy had cost a second
 * arena and two numbers a customer, and ~100 ms at a million rows
 * (docs/scale.md). Any other lane id (a second read into the same sink)
 * moves them all into a copy of their own.
 */
class IdStore {
  private readonly bytes = new TextBytes();
  private readonly strings: (string | undefined)[] = [];
  /** Where the ids of customers without a string are, while they are the lane's of the same number. */
  private lane: ByteIds | undefined;
  /** Customers below this may be the lane's. */
  private laneCount = 0;

  addString(k: number, id: string): void {
    setExtra(this.strings, k, id, true);
  }

  /** Keeps ASCII bytes b[s … e−1] as customer k's id; lane and id as RowSink.customerIndexBytes gives them. */
  addBytes(k: number, b: Uint8Array, s: number, e: number, lane?: ByteIds, id?: number): void {
    if (lane !== undefined && id === k && (this.lane === undefined ? this.laneCount === 0 && !this.copied : this.lane === lane)) {
      this.lane = lane;
      this.laneCount = k + 1;
      return;
    }
    if (this.lane !== undefined) this.copyLane();
    this.copied = true;
    if (!this.bytes.set(k, b, s, e)) this.addString(k, asciiString(b, s, e));
  }

  /** Whether any id went into the copy (the lane is then not used). */
  private copied = false;

  /** The lane's ids put into the copy, when a customer's id cannot be the lane's of its number. */
  private copyLane(): void {
    const lane = this.lane!;
    this.lane = undefined;
    for (let k = 0; k < this.laneCount; k++) {
      if (this.strings[k] !== undefined) continue;
      if (!this.bytes.set(k, lane.bytes, lane.start(k), lane.end(k))) this.addString(k, lane.string(k));
    }
    this.laneCount = 0;
  }

  id(k: number): string {
    const t = this.strings[k];
    if (t !== undefined) return t;
    if (this.lane !== undefined) return k < this.laneCount ? this.lane.string(k) : '';
    return this.bytes.text(k) ?? '';
  }

  /**
   * Sorts customer numbers by id: by the ids' bytes when they are all the
   * lane's ASCII bytes (sortByBytes), else by comparisons.
   */
  sort(order: Int32Array): void {
    const lane = this.lane;
    let bytesOnly = lane !== undefined && this.strings.length === 0;
    for (let i = 0; i < order.length && bytesOnly; i++) bytesOnly = order[i] < this.laneCount;
    if (lane !== undefined && bytesOnly) sortByBytes(order, lane.bytes, lane.allSpans);
    else order.sort((a, b) => this.compare(a, b));
  }

  compare(j: number, k: number): number {
    const a = this.strings[j];
    const b = this.strings[k];
    if (a !== undefined && b !== undefined) return byString(a, b);
    const lane = this.lane;
    if (lane !== undefined) {
      if (a === undefined && b === undefined) return lane.compare(j, k);
      return a === undefined ? lane.compareText(j, b!) : -lane.compareText(k, a);
    }
    if (a === undefined && b === undefined) return this.bytes.compare(j, k);
    return a === undefined ? this.bytes.compareText(j, b!) : -this.bytes.compareText(k, a);
  }
}

/** The string of ASCII bytes b[s … e−1]. */
function asciiString(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b.subarray(s, e));
}

/** Customers' columns in blocks. */
class Slots {
  blocks: Block[] = [new Block(1024)];
  capacity = 0;
  /** Where the blocks' columns are one array each (expect): the first region.size / BLOCK blocks. */
  region: Region | undefined;
  /** Head of each customer's list of distinct purchase days (−1: none yet): apart from the blocks, as the holdout needs it after they are let go. */
  dayHead = new BlockedInt32(BLOCK_BITS, -1);

  constructor() {
    // A second write, before any code is compiled: see ByteIds' constructor (the capacity changes as the blocks grow, mid-read).
    this.capacity = this.blocks[0].size;
  }

  /**
   * Columns for about `customers` customers in one region, made before the first block fills
   * (later, the blocks as they are grow on). Capped at 2^22 customers: past it, blocks.
   */
  expect(customers: number): void {
    if (this.region !== undefined || this.blocks.length !== 1 || this.blocks[0].size === BLOCK) return;
    const size = Math.min(Math.ceil(customers / BLOCK), REGION_BLOCKS) * BLOCK;
    if (size <= BLOCK) return;
    this.region = new Region(size);
    this.blocks[0] = new Block(BLOCK, this.blocks[0], this.region, 0);
    this.capacity = BLOCK;
  }

  /** Room for one more block's worth of customers (or a grown first block). */
  grow(): void {
    const first = this.blocks[0];
    const region = this.region;
    if (region !== undefined && this.capacity + BLOCK <= region.size) {
      this.blocks.push(new Block(BLOCK, undefined, region, this.capacity));
      this.capacity += BLOCK;
    } else if (this.blocks.length === 1 && first.size < BLOCK) {
      // Fourfold (copying a block is its fresh memory's page faults more than the copy): 2^10, 2^12, 2^14, 2^15.
      this.blocks[0] = new Block(Math.min(first.size * 4, BLOCK), first);
      this.capacity = this.blocks[0].size;
    } else {
      this.blocks.push(new Block(BLOCK));
      this.capacity += BLOCK;
    }
  }
}

/** Every customer's distinct purchase days as linked lists, in blocks of 2^16 entries. */
class DayLists {
  private static readonly BITS = 16;
  days: Float64Array[] = [new Float64Array(4096)];
  nexts: Int32Array[] = [new Int32Array(4096)];
  length = 0;

  push(day: number, next: number): number {
    const i = this.length;
    const b = i >>> DayLists.BITS;
    const j = i & 0xffff;
    if (b === this.days.length) {
      this.days.push(new Float64Array(1 << DayLists.BITS));
      this.nexts.push(new Int32Array(1 << DayLists.BITS));
    } else if (j === this.days[b].length) {
      // Only the first block grows by doubling, up to a whole block.
      const d = new Float64Array(j * 2);
      d.set(this.days[b]);
      this.days[b] = d;
      const n = new Int32Array(j * 2);
      n.set(this.nexts[b]);
      this.nexts[b] = n;
    }
    this.days[b][j] = day;
    this.nexts[b][j] = next;
    this.length++;
    return i;
  }

  day(i: number): number {
    return this.days[i >>> DayLists.BITS][i & 0xffff];
  }

  next(i: number): number {
    return this.nexts[i >>> DayLists.BITS][i & 0xffff];
  }

  has(head: number, day: number): boolean {
    for (let i = head; i >= 0; i = this.next(i)) if (this.day(i) === day) return true;
    return false;
  }
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A copy of a string that keeps nothing else alive. A cell cut out of a
 * piece of the file is, in V8, a view into the whole piece (for 13
 * characters or more): keeping a customer's e-mail would keep megabytes of
 * text. Concatenation then slicing makes a flat copy of just the string
 * (measured: 20 kept 30-character slices of 7.6 MB strings held 145 MB, the
 * copies nothing).
 */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** Sets a[k] to a copy of v, filling the gap before it with undefined (a dense array stays fast to index). */
function setExtra(a: (string | undefined)[], k: number, v: string, owned = false): void {
  while (a.length < k) a.push(undefined);
  a[k] = owned ? v : own(v);
}

/**
 * Sorts customer indices by id in code-unit order (what `<` compares). Ids
 * written in that order already (a file sorted by customer) cost one pass.
 */
function sortById(order: Int32Array, ids: IdStore): void {
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) sorted = ids.compare(order[i - 1], order[i]) < 0;
  if (!sorted) ids.sort(order);
}

/** Whether d is a whole number of days below 2^31 in size (not −0): an Int32's value. */
function wholeDay(d: number): boolean {
  return d === (d | 0) && (d !== 0 || 1 / d > 0);
}

/** Whether customers 0 … n−1 have strictly ascending ids (sortById's check, on the identity order). */
function idsAscending(n: number, ids: IdStore): boolean {
  for (let k = 1; k < n; k++) if (ids.compare(k - 1, k) >= 0) return false;
  return true;
}

/**
 * A function that puts a column's first order.length entries in the order
 * of `order` where the column is: afterwards a[i] is what a[order[i]] was,
 * every bit kept (the entries past them are left as they were). A summary
 * of customers met in another order than their ids (most files: sorted by
 * date) had copied each column through the order while the blocks' columns
 * were still held: at 3.77 million customers some 150 MB more at the finish
 * (docs/scale.md). Each column is gathered into one scratch array, reused,
 * and copied back: in place by following the permutation's cycles took
 * seconds more at that size (each step waits on the memory the one before
 * found, where a gather's reads overlap).
 */
export function gatherInPlace(order: Int32Array): (a: Float64Array | Int32Array) => void {
  const n = order.length;
  let scratch: ArrayBuffer | undefined;
  return (a) => {
    scratch ??= new ArrayBuffer(8 * n);
    if (a instanceof Float64Array) {
      const t = new Float64Array(scratch, 0, n);
      for (let i = 0; i < n; i++) t[i] = a[order[i]];
      a.set(t);
    } else {
      const t = new Int32Array(scratch, 0, n);
      for (let i = 0; i < n; i++) t[i] = a[order[i]];
      a.set(t);
    }
  };
}

/** Whether order is 0, 1, …, n−1: every customer met, in id order (a file sorted by customer). */
function isIdentity(order: Int32Array): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  return true;
}

/** Whether a[0 … n−1] are all +0 (the bits of a column never written). */
function allZero64(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v !== 0 || 1 / v < 0) return false;
  }
  return true;
}

function allZero32(a: Int32Array | Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== 0) return false;
  return true;
}

/**
 * Creates a columnar summary builder: the rules and numbers of
 * {@link createSummaryBuilder}, with memory of a few dozen bytes per
 * customer and 12 per distinct purchase day.
 *
 * @throws CvError('summarize', …) as createSummaryBuilder does.
 * @example
 * const b = createColumnarSummaryBuilder({ unit: 'day' });
 * b.add({ customerId: 'a', day: 0, amount: 10, line: 1 });
 * b.add({ customerId: 'a', day: 7, amount: 20, line: 2 });
 * b.finish().summary(0).frequency // 1 (recency 7, monetary 20)
 */
export function createColumnarSummaryBuilder(options: SummaryOptions = {}): ColumnarSummaryBuilder {
  const { unit, fixedAsOf, globalMargin } = checkSummaryOptions(options);

  const index = new Map<string, number>();
  const ids = new IdStore();
  /** Customers met, with a purchase or not. */
  let customerCount = 0;
  // Whether any row wrote these columns: one never written is all zeros without a look at it (reading
  // untouched memory had made it resident: 29 MB a column at 3.77 million customers, measured).
  let anyReturn = false;
  let anyCost = false;
  let anyQuantity = false;
  // A customer's first non-empty value wins; the arrays stay empty when a file has no such column.
  const email: (string | undefined)[] = [];
  const company: (string | undefined)[] = [];
  const name: (string | undefined)[] = [];
  const texts = { email, company, name };
  // The same texts when the byte lane gave them as bytes (setTextBytes).
  const textBytes = { email: new TextBytes(), company: new TextBytes(), name: new TextBytes() };
  const s = new Slots();
  let days = new DayLists();
  let byRank = new Int32Array(1024);
  let ranked = 0;
  let maxDay = -Infinity;
  let firstPurchase = Infinity;
  let rows = 0;
  let afterAsOf = 0;
  let finished: SummaryColumns | undefined;
  let excluded: ExcludedCustomer[] = [];
  let customersSeen = 0;
  /** Set by release(): the per-customer columns are gone, no row may come. */
  let released = false;

  // Customers below this number are in the map. The ids the byte lane gives
  // (customerIndex, customerIndexBytes) are put in only when an id comes as
  // text (add), so a file read wholly by the lane pays no hash map of its ids
  // and no string per id (the lane finds ids by their bytes); a customer added
  // as text is put in at once, and again here, under the same number.
  let indexedUpTo = 0;

  function indexAll(): void {
    for (let k = indexedUpTo; k < customerCount; k++) index.set(ids.id(k), k);
    indexedUpTo = customerCount;
  }

  function newCustomer(id: string | undefined): number {
    const k = customerCount;
    if (released) throw new CvError(FN, 'value', 'rows were added after the analysis was finished');
    if (k === s.capacity) s.grow();
    s.dayHead.reserve(k);
    if (id !== undefined) ids.addString(k, own(id));
    customerCount++;
    return k;
  }

  // Rows of one customer often come together (CDNOW is sorted by customer): one comparison spares a hash lookup.
  let lastId = '';
  let lastK = -1;
  function customer(id: string): number {
    if (id === lastId) return lastK;
    if (indexedUpTo < customerCount) indexAll();
    let k = index.get(id);
    if (k === undefined) {
      k = newCustomer(id);
      index.set(ids.id(k), k);
      indexedUpTo = customerCount;
    }
    lastId = id;
    lastK = k;
    return k;
  }

  /** RowSink.customerIndex: `fresh` promises no earlier customerIndex call had this id. */
  function customerIndex(id: string, fresh = false): number {
    if (!fresh) return customer(id);
    const k = index.size > 0 ? index.get(id) : undefined;
    if (k !== undefined) return k;
    return newCustomer(id);
  }

  /** RowSink.customerIndexBytes: an id the lane read as ASCII bytes, kept as them unless ids also came as text. */
  function customerIndexBytes(b: Uint8Array, s: number, e: number, lane?: ByteIds, id?: number): number {
    if (index.size > 0) return customerIndex(asciiString(b, s, e), true);
    const added = newCustomer(undefined);
    ids.addBytes(added, b, s, e, lane, id);
    return added;
  }

  /** The holdout orders customers by their first purchase row, after as-of or not (as PurchaseDays does). */
  function rankOf(k: number): void {
    const b = s.blocks[k >>> BLOCK_BITS];
    const j = k & MASK;
    if (b.rank[j] >= 0) return;
    if (ranked === byRank.length) {
      // Fourfold: the part not written yet costs no page faults.
      const b = new Int32Array(ranked * 4);
      b.set(byRank);
      byRank = b;
    }
    b.rank[j] = ranked;
    byRank[ranked++] = k;
  }

  /**
   * The numbers of a row of customer k (RowSink.addRow): false, and nothing
   * but the count and the holdout's order kept, when it lies after a fixed
   * as-of day.
   */
  function addRow(k: number, day: number, amount: number, line: number, quantity?: number): boolean {
    if (released) throw new CvError(FN, 'value', 'rows were added after the analysis was finished');
    if (fixedAsOf !== undefined && day > fixedAsOf) {
      afterAsOf++;
      if (amount >= 0) rankOf(k);
      return false;
    }
    numbers(k, day, amount, line);
    const b = s.blocks[k >>> BLOCK_BITS];
    const j = k & MASK;
    // A row without cost or margin: its cost is known only through a margin for the whole file (rowCost).
    if (amount !== 0) {
      if (globalMargin === undefined) b.costUnknown[j] = 1;
      else {
        b.cost[j] += amount * (1 - globalMargin);
        anyCost = true;
      }
    }
    if (quantity !== undefined && Number.isFinite(quantity)) {
      b.quantity[j] += quantity;
      b.hasQuantity[j] = 1;
      anyQuantity = true;
    }
    return true;
  }

  /** Whether any customer's dayBits were made: until then (rows in date order per customer) no push reads them. */
  let dayBitsMade = false;

  /**
   * Whether `day` is in the customer's list of days (head: its first entry). In a file not sorted
   * by date a customer's days come in any order and each day between the first and the last had
   * walked the list, entries far apart in memory (~0.2 s at a million rows); the day bits rule out
   * most new days without the walk. The first walk makes them.
   */
  function dayAlreadyListed(b: Block, j: number, head: number, day: number): boolean {
    const bits = b.dayBits[j];
    if (bits !== 0) return (bits & (1 << (day & 31))) !== 0 && days.has(head, day);
    let made = 0;
    let found = false;
    for (let i = head; i >= 0; i = days.next(i)) {
      const d = days.day(i);
      made |= 1 << (d & 31);
      if (d === day) found = true;
    }
    b.dayBits[j] = made;
    dayBitsMade = true;
    return found;
  }

  /** Everything a row on or before as-of changes but its cost. */
  function numbers(k: number, day: number, amount: number, line: number): void {
    finished = undefined;
    rows++;
    if (day > maxDay) maxDay = day;
    const b = s.blocks[k >>> BLOCK_BITS];
    const j = k & MASK;
    if (b.rows[j]++ === 0) {
      customersSeen++;
      b.firstLine[j] = line;
    } else if (line < b.firstLine[j]) {
      b.firstLine[j] = line;
    }
    if (amount >= 0) {
      if (b.rank[j] < 0) rankOf(k);
      if (amount > 0) b.transactions[j]++;
      b.gross[j] += amount;
      const first = b.firstDay[j];
      const last = b.lastDay[j];
      // The first and last days are listed, so only a day between them needs a look at the list
      // (rows mostly come in date order, and then it never does).
      if (day > last || day < first || (day !== last && day !== first && !dayAlreadyListed(b, j, s.dayHead.blocks[k >>> BLOCK_BITS][j], day))) {
        const heads = s.dayHead.blocks[k >>> BLOCK_BITS];
        heads[j] = days.push(day, heads[j]);
        b.dayCount[j]++;
        // Once any customer's bits are made, every push keeps its customer's bits (if made) whole.
        if (dayBitsMade && b.dayBits[j] !== 0) b.dayBits[j] |= 1 << (day & 31);
      }
      if (day < first) {
        b.firstDay[j] = day;
        b.firstDayGross[j] = amount;
      } else if (day === first) {
        b.firstDayGross[j] += amount;
      }
      if (day > last) b.lastDay[j] = day;
      if (day < firstPurchase) firstPurchase = day;
    } else if (amount < 0) {
      b.returns[j]++;
      b.returnAmount[j] -= amount;
      anyReturn = true;
    }
  }

  function add(t: Transaction): void {
    if (released) throw new CvError(FN, 'value', 'rows were added after the analysis was finished');
    const { day, amount } = t;
    if (!Number.isFinite(day)) throw new CvError(FN, 'value', `line ${t.line}: day is not a number`);
    if (!Number.isFinite(amount)) throw new CvError(FN, 'value', `line ${t.line}: amount is not a number`);
    if (fixedAsOf !== undefined && day > fixedAsOf) {
      afterAsOf++;
      if (amount >= 0) rankOf(customer(t.customerId));
      return;
    }
    const k = customer(t.customerId);
    numbers(k, day, amount, t.line);
    const b = s.blocks[k >>> BLOCK_BITS];
    const j = k & MASK;
    if (amount !== 0 || t.cost !== undefined || t.marginRate !== undefined) {
      const c = rowCost(t, globalMargin);
      if (c === undefined) b.costUnknown[j] = 1;
      else {
        b.cost[j] += c;
        anyCost = true;
      }
    }
    if (t.quantity !== undefined && Number.isFinite(t.quantity)) {
      b.quantity[j] += t.quantity;
      b.hasQuantity[j] = 1;
      anyQuantity = true;
    }
    if (t.email && lacksText(k, 'email')) setExtra(email, k, t.email);
    if (t.company && lacksText(k, 'company')) setExtra(company, k, t.company);
    if (t.name && lacksText(k, 'name')) setExtra(name, k, t.name);
  }

  /** Whether customer k has no value yet of a text column, as a string or as bytes (the first non-empty one wins). */
  function lacksText(k: number, role: TextRole): boolean {
    return texts[role][k] === undefined && !textBytes[role].has(k);
  }

  function asOfDay(): number | undefined {
    if (fixedAsOf !== undefined) return fixedAsOf;
    return maxDay === -Infinity ? undefined : maxDay;
  }

  function finish(): SummaryColumns {
    if (finished === undefined) finished = summarise(false);
    return finished;
  }

  /** The summary's columns; `consume` lets go of each of the builder's columns once copied (release). */
  function summarise(consume: boolean): SummaryColumns {
    const asOf = asOfDay() ?? 0;
    // The customers in the summary first counted, then written: a typed array of their size, not a
    // growing number[] copied again into the ids' order.
    let n = 0;
    excluded = [];
    for (let k = 0; k < customerCount; k++) {
      const b = s.blocks[k >>> BLOCK_BITS];
      const j = k & MASK;
      if (b.rows[j] === 0) continue; // seen only after as-of
      if (b.firstDay[j] === Infinity) {
        excluded.push(onlyReturns({ id: ids.id(k), rows: b.rows[j], returnAmount: b.returnAmount[j], firstLine: b.firstLine[j] }));
      } else {
        n++;
      }
    }
    excluded.sort((a, b) => byString(a.id, b.id));
    // Every customer in, ids ascending (a file sorted by customer): the order is 0 … n−1, not
    // kept as an array (1.5 MiB at a million rows, held as long as the summary).
    if (n === customerCount && idsAscending(n, ids)) return columns(undefined, n, asOf, consume);
    const order = new Int32Array(n);
    for (let k = 0, i = 0; i < n; k++) {
      const b = s.blocks[k >>> BLOCK_BITS];
      const j = k & MASK;
      if (b.rows[j] !== 0 && b.firstDay[j] !== Infinity) order[i++] = k;
    }
    sortById(order, ids);
    return columns(isIdentity(order) ? undefined : order, n, asOf, consume);
  }

  /**
   * The stored columns of customers `order` (undefined: 0 … n−1). A function
   * of its own: the summary's closures hold what `columns` holds, and the
   * region and the reordering's scratch must not stay with them (the
   * region's other columns, 88 MB at 3.77 million customers, had been held
   * to the end).
   */
  function stored(order: Int32Array | undefined, n: number, consume: boolean) {
    const whole = order === undefined;
    // A column's blocks first, so that the loop indexes arrays, not a property by name;
    // when consuming, the blocks' column goes as soon as it is copied, so that no more than one is held twice.
    // Let go of (consume), every customer in the region: the summary's columns are the region's, no
    // copy; in id order already (a file sorted by customer), or put in it where they are (see
    // gatherInPlace). While rows may still come, a copy: the summary must not change under them.
    const region = consume && s.region !== undefined && customerCount <= s.region.size ? s.region : undefined;
    const reorder = region !== undefined && order !== undefined ? gatherInPlace(order) : undefined;
    const neverWritten = (field: F64Field | I32Field) =>
      field === 'returnAmount' || field === 'returns' ? !anyReturn : field === 'cost' ? !anyCost : field === 'quantity' ? !anyQuantity : false;
    const pick64 = (field: F64Field) => {
      const from = s.blocks.map((b) => b[field]);
      if (consume) for (const b of s.blocks) b[field] = EMPTY64;
      if (region !== undefined) {
        // A column never written stays so (untouched memory takes no room): zeros in any order.
        if (reorder !== undefined && !neverWritten(field)) reorder(region[field]);
        return region[field].subarray(0, n);
      }
      const out = new Float64Array(n);
      // Zeros are not written: a column of them (no cost, no quantity, no return) then stays
      // untouched fresh memory, which takes no room until written.
      if (neverWritten(field)) return out;
      if (whole) {
        for (let b = 0, base = 0; base < n; b++, base += BLOCK) {
          const m = Math.min(n - base, from[b].length);
          if (!allZero64(from[b], m)) out.set(from[b].subarray(0, m), base);
        }
        return out;
      }
      for (let i = 0; i < n; i++) {
        const k = order![i];
        const v = from[k >>> BLOCK_BITS][k & MASK];
        if (v !== 0 || Object.is(v, -0)) out[i] = v;
      }
      return out;
    };
    const pick32 = (field: I32Field) => {
      const from = s.blocks.map((b) => b[field]);
      if (consume) for (const b of s.blocks) b[field] = EMPTY32;
      if (region !== undefined) {
        if (reorder !== undefined && !neverWritten(field)) reorder(region[field]);
        return region[field].subarray(0, n);
      }
      const out = new Int32Array(n);
      if (neverWritten(field)) return out;
      if (whole) {
        for (let b = 0, base = 0; base < n; b++, base += BLOCK) {
          const m = Math.min(n - base, from[b].length);
          if (!allZero32(from[b], m)) out.set(from[b].subarray(0, m), base);
        }
        return out;
      }
      for (let i = 0; i < n; i++) {
        const k = order![i];
        const v = from[k >>> BLOCK_BITS][k & MASK];
        if (v !== 0) out[i] = v;
      }
      return out;
    };
    return {
      purchaseDays: pick32('dayCount'),
      firstDay: pick64('firstDay'),
      lastDay: pick64('lastDay'),
      grossRevenue: pick64('gross'),
      firstDayGross: pick64('firstDayGross'),
      returnAmount: pick64('returnAmount'),
      cost: pick64('cost'),
      quantity: pick64('quantity'),
      transactions: pick32('transactions'),
      returns: pick32('returns'),
    };
  }

  /** The summary's columns of customers `order` (undefined: 0 … n−1). */
  function columns(order: Int32Array | undefined, n: number, asOf: number, consume: boolean): SummaryColumns {
    // Every customer in id order (a file sorted by customer): the cost and quantity flags below are
    // the blocks' one after another, copied a block at a time instead of a customer at a time.
    const whole = order === undefined;
    // The ids stay in the builder's store, read through the order (no string each).
    const byOrder = order;
    // Sorted by id, and distinct (one customer per id): strictly ascending.
    const customerIds: CustomerIds =
      byOrder === undefined
        ? { length: n, id: (i) => ids.id(i), compare: (i, j) => ids.compare(i, j), ascending: true }
        : { length: n, id: (i) => ids.id(byOrder[i]), compare: (i, j) => ids.compare(byOrder[i], byOrder[j]), ascending: true };
    const costKnown = new Uint8Array(n);
    const hasQuantity = new Uint8Array(n);
    if (whole) {
      for (let b = 0, base = 0; base < n; b++, base += BLOCK) {
        const block = s.blocks[b];
        const m = Math.min(n - base, block.size);
        const unknown = block.costUnknown;
        for (let j = 0; j < m; j++) costKnown[base + j] = unknown[j] === 1 ? 0 : 1;
        if (!allZero32(block.hasQuantity, m)) hasQuantity.set(block.hasQuantity.subarray(0, m), base);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const b = s.blocks[order![i] >>> BLOCK_BITS];
        const j = order![i] & MASK;
        costKnown[i] = b.costUnknown[j] === 1 ? 0 : 1;
        hasQuantity[i] = b.hasQuantity[j];
      }
    }
    // A text column is read from the builder's strings or bytes when a summary is built (kept, not copied).
    const textOf = (role: TextRole) => {
      const m = texts[role];
      const bytes = textBytes[role];
      if (m.length === 0 && bytes.size === 0) return undefined;
      return order === undefined ? (i: number) => m[i] ?? bytes.text(i) : (i: number) => m[order[i]] ?? bytes.text(order[i]);
    };
    const emails = textOf('email');
    const companies = textOf('company');
    const customerNames = textOf('name');
    const { purchaseDays, firstDay, lastDay, grossRevenue, firstDayGross, returnAmount, cost, quantity, transactions, returns } = stored(order, n, consume);
    // The fields derived from the sums, by createSummaryBuilder's arithmetic, per customer.
    const frequencyOf = (i: number) => purchaseDays[i] - 1;
    const recencyOf = (i: number) => (lastDay[i] - firstDay[i]) / unit;
    const TOf = (i: number) => (asOf - firstDay[i]) / unit;
    const sinceLastOf = (i: number) => (asOf - lastDay[i]) / unit;
    const revenueOf = (i: number) => grossRevenue[i] - returnAmount[i];
    const averageSpendOf = (i: number) => revenueOf(i) / purchaseDays[i];
    const monetaryOf = (i: number) => {
      const f = purchaseDays[i] - 1;
      return f > 0 ? (grossRevenue[i] - firstDayGross[i]) / f : 0;
    };
    const profitOf = (i: number) => (costKnown[i] === 1 ? revenueOf(i) - cost[i] : 0);
    // Each derived column by a loop of its own: one shared loop calling eight different
    // functions ran as a call per customer (0.13 s of a million-row run's profile).
    const f64 = () => new Float64Array(n);
    function summary(i: number): CustomerSummary {
      const out: CustomerSummary = {
        id: customerIds.id(i),
        firstDay: firstDay[i],
        lastDay: lastDay[i],
        transactions: transactions[i],
        purchaseDays: purchaseDays[i],
        frequency: frequencyOf(i),
        recency: recencyOf(i),
        T: TOf(i),
        sinceLast: sinceLastOf(i),
        grossRevenue: grossRevenue[i],
        returnAmount: returnAmount[i],
        returns: returns[i],
        revenue: revenueOf(i),
        averageSpend: averageSpendOf(i),
        monetary: monetaryOf(i),
      };
      if (costKnown[i] === 1) {
        out.cost = cost[i];
        out.profit = profitOf(i);
      }
      if (hasQuantity[i] === 1) out.quantity = quantity[i];
      const e = emails?.(i);
      if (e !== undefined) out.email = e;
      const c = companies?.(i);
      if (c !== undefined) out.company = c;
      const m = customerNames?.(i);
      if (m !== undefined) out.name = m;
      return out;
    }
    let built: CustomerSummary[] | undefined;
    // The derived columns are made when read, not kept: eight columns of a
    // million customers' doubles (64 MB) held through the whole analysis for
    // numbers two subtractions away. Each read makes a new array, so a loop
    // takes the column once, before it starts.
    return {
      length: n,
      ids: customerIds,
      firstDay,
      lastDay,
      purchaseDays,
      transactions,
      grossRevenue,
      firstDayGross,
      returnAmount,
      returns,
      cost,
      costKnown,
      quantity,
      hasQuantity,
      get frequency() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = purchaseDays[i] - 1;
        return out;
      },
      get recency() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = (lastDay[i] - firstDay[i]) / unit;
        return out;
      },
      get T() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = (asOf - firstDay[i]) / unit;
        return out;
      },
      get sinceLast() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = (asOf - lastDay[i]) / unit;
        return out;
      },
      get revenue() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = grossRevenue[i] - returnAmount[i];
        return out;
      },
      get averageSpend() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = (grossRevenue[i] - returnAmount[i]) / purchaseDays[i];
        return out;
      },
      get monetary() {
        const out = f64();
        for (let i = 0; i < n; i++) {
          const f = purchaseDays[i] - 1;
          out[i] = f > 0 ? (grossRevenue[i] - firstDayGross[i]) / f : 0;
        }
        return out;
      },
      get profit() {
        const out = f64();
        for (let i = 0; i < n; i++) out[i] = costKnown[i] === 1 ? grossRevenue[i] - returnAmount[i] - cost[i] : 0;
        return out;
      },
      profitKnown: costKnown,
      get sinceLastOfLastDay() {
        if (!wholeDay(asOf)) return false;
        for (let i = 0; i < n; i++) if (!wholeDay(lastDay[i])) return false;
        return true;
      },
      asOf,
      unitDays: unit,
      summary,
      summaries() {
        if (built === undefined) {
          built = new Array<CustomerSummary>(n);
          for (let i = 0; i < n; i++) built[i] = summary(i);
        }
        return built;
      },
    };
  }

  function report(): SummaryReport {
    return {
      asOf: asOfDay(),
      rows,
      afterAsOf,
      withoutPurchase: excluded.length,
      excluded: excluded.slice(),
      customers: customersSeen - excluded.length,
    };
  }

  let daysReleased = false;
  function release(keepDays: boolean): void {
    if (finished === undefined) finished = summarise(true);
    released = true;
    s.blocks = [];
    s.region = undefined;
    index.clear();
    if (!keepDays) {
      daysReleased = true;
      days = new DayLists();
      s.dayHead = new BlockedInt32(BLOCK_BITS, -1);
      byRank = new Int32Array(0);
    }
  }

  function split(calibrationEnd: DayNumber, asOf: DayNumber, periodDays: number, windowEnd?: DayNumber, alsoWithin?: DayNumber): SplitHistories {
    if (daysReleased) throw new CvError(FN, 'value', 'the purchase days were let go (release(false)) before the holdout split');
    const end = Math.min(asOf, windowEnd ?? asOf);
    const end2 = alsoWithin === undefined ? -Infinity : Math.min(asOf, alsoWithin);
    // Typed columns of the ranked customers' number, cut to those who had bought by the calibration
    // end: arrays grown by push had held ~12 bytes an entry, six of them, 0.2 GB at 3.77 million customers.
    const who = new Int32Array(ranked);
    const x = new Int32Array(ranked);
    const t_x = new Float64Array(ranked);
    const T = new Float64Array(ranked);
    const holdout = new Int32Array(ranked);
    const holdout2 = alsoWithin === undefined ? undefined : new Int32Array(ranked);
    const minT = 1 / periodDays;
    let n = 0;
    for (let r = 0; r < ranked; r++) {
      const k = byRank[r];
      let cal = 0;
      let hold = 0;
      let hold2 = 0;
      let first = Infinity;
      let last = -Infinity;
      for (let i = s.dayHead.blocks[k >>> BLOCK_BITS][k & MASK]; i >= 0; i = days.next(i)) {
        const d = days.day(i);
        if (d <= calibrationEnd) {
          cal++;
          if (d < first) first = d;
          if (d > last) last = d;
        } else {
          if (d <= end) hold++;
          if (d <= end2) hold2++;
        }
      }
      if (cal === 0) continue;
      who[n] = k;
      x[n] = cal - 1;
      t_x[n] = cal > 1 ? (last - first) / periodDays : 0;
      T[n] = Math.max((calibrationEnd - first) / periodDays, minT);
      holdout[n] = hold;
      if (holdout2 !== undefined) holdout2[n] = hold2;
      n++;
    }
    // The customers' numbers here, their ids as strings only if read: the model choice reads the
    // numbers alone, and 376,506 id strings had undone the ids kept as bytes (docs/scale.md).
    const whose = who.subarray(0, n);
    const out: SplitHistories = {
      get ids() {
        return Array.from(whose, (k) => ids.id(k));
      },
      x: x.subarray(0, n),
      t_x: t_x.subarray(0, n),
      T: T.subarray(0, n),
      holdout: holdout.subarray(0, n),
    };
    if (holdout2 !== undefined) out.within = { end: alsoWithin!, holdout: holdout2.subarray(0, n) };
    return out;
  }

  return {
    add,
    customerIndex,
    customerIndexBytes,
    addRow,
    lacksText,
    // The byte lane decodes each text on its own: no piece of the file behind it to let go of.
    setText: (k, role, value) => setExtra(texts[role], k, value, true),
    setTextBytes(k, role, b, s, e) {
      if (!textBytes[role].set(k, b, s, e)) setExtra(texts[role], k, new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b.subarray(s, e)), true);
    },
    // A customer per row at most: columns for the rows expected (Slots.expect).
    expectRows: (rows) => s.expect(rows),
    finish,
    report,
    firstPurchaseDay: () => firstPurchase,
    split,
    release,
  };
}
