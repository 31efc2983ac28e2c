/**
 * Customer summaries kept as they arrive (from the summary query's rows, a
 * warehouse's customer table) in growable typed columns instead of an
 * object each, plus its id and its e-mail, company and name as UTF-8 bytes
 * (decoded when a summary is built), where a CustomerSummary object with
 * its boxed numbers takes several hundred bytes. The result is a
 * {@link SummaryTable} in id order, the analysis' input.
 *
 * Only what cannot be recomputed is kept: days as Int32 day numbers,
 * counts as Uint32, the money sums and monetary as Float64 (about 33 bytes
 * a customer). frequency, recency, T, since-last, revenue, average spend
 * and profit are made from them when read, by the summary query's own
 * arithmetic (summary-sql.ts' SELECT), as the columnar builder makes its
 * own (columnar-summary.ts). Each derived value is checked against the row's
 * when pushed: a field that differs even once (a table written by another
 * tool, rounded) is kept as given from then on, so a summary read back is
 * always exactly the one pushed.
 */
import type { CustomerSummary, DayNumber } from '../types.ts';
import type { SummaryTable } from './summary-table.ts';
import { StoredIds } from './summary-store-ids.ts';
import { StoredTexts } from './summary-store-texts.ts';

type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array;

/**
 * A typed column grown by doubling, made only when a value other than 0 is
 * first set: a column no customer has a non-zero value in (returns, cost,
 * quantity in most files) takes no memory, is neither copied when grown
 * nor moved when sorted, and reads as 0. Made as zeros it had been resident
 * all the same once the allocator took it from freed memory (it clears
 * what it reuses): ~100 MiB at 3.77 million customers.
 */
class Column<A extends Typed> {
  /** Undefined until a value other than 0 is set. */
  a: A | undefined;
  private zeros: A | undefined;
  constructor(
    private capacity: number,
    private readonly make: (n: number) => A,
  ) {}

  get touched(): boolean {
    return this.a !== undefined;
  }

  set(i: number, v: number): void {
    if (v !== 0 || Object.is(v, -0)) (this.a ??= this.make(this.capacity))[i] = v;
  }

  get(i: number): number {
    const a = this.a;
    return a === undefined ? 0 : a[i];
  }

  grow(capacity: number): void {
    this.capacity = capacity;
    const a = this.a;
    if (a === undefined) return;
    const b = this.make(capacity);
    (b as Float64Array).set(a as Float64Array);
    this.a = b;
  }

  /** The first n values: a view, or zeros made on first read when none was ever set. */
  view(n: number): A {
    return this.a !== undefined ? (this.a.subarray(0, n) as A) : (this.zeros ??= this.make(n));
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u32 = (n: number) => new Uint32Array(n);

/** Fields the table makes from the kept columns, each with a column of its own only once a row disagrees. */
const DERIVED = ['frequency', 'recency', 'T', 'sinceLast', 'revenue', 'averageSpend', 'profit'] as const;
type DerivedField = (typeof DERIVED)[number];
const COUNT_FIELDS = ['transactions', 'purchaseDays', 'returns'] as const;

/** The store's table: a {@link SummaryTable} with the days and counts it keeps. */
export interface StoredSummaryTable extends SummaryTable {
  firstDay: Int32Array;
  lastDay: Int32Array;
  transactions: Uint32Array;
  /**
   * True when every customer's since-last is (asOf − lastDay) / unit, one
   * as-of day and unit for all: since-last then orders the customers as
   * their last days do, reversed, and the R scores can be cut on lastDay
   * (columnar-segment.ts) rather than on a since-last column made for them.
   */
  sinceLastOfLastDay: boolean;
}

/** A row's texts as UTF-8 bytes (a database's text read without a string): used instead of the summary's strings. */
export type TextBytesOf = Partial<Record<'id' | 'email' | 'company' | 'name', Uint8Array>>;

export interface SummaryStore {
  /**
   * Keeps the numbers and strings of `s` (not the object); `asOf` is the
   * as-of day of its row (T and since-last are then made from it and the
   * days). A text in `bytes` is kept as those bytes instead of s's string
   * (s.id is then not read but for messages).
   */
  push(s: CustomerSummary, asOf?: DayNumber, bytes?: TextBytesOf): void;
  /** The customers pushed, sorted by id (code-unit order, as the summary builders sort). */
  finish(): StoredSummaryTable;
}

export interface SummaryStoreOptions {
  /**
   * About how many customers will come (a count the source knows): the
   * columns are made that size at once, where doubling left up to half of
   * them unused and held the old and the new columns together while it copied.
   */
  expected?: number;
  /**
   * Days in the unit of recency, T and since-last (unitDays of the query's
   * unit): with it they are made from the days rather than kept.
   */
  unitDays?: number;
}

/**
 * Puts element order[i] of each column at i, in place, through one scratch
 * buffer: sorting millions of customers this way needs no second set of
 * columns (a sorted copy of every column had been the largest allocation
 * of a 10-million-row run).
 */
export function permuteColumns(columns: readonly Typed[], order: Int32Array): void {
  const n = order.length;
  const buffer = new ArrayBuffer(n * 8);
  for (const a of columns) {
    const scratch = new (a.constructor as new (b: ArrayBuffer, o: number, l: number) => Typed)(buffer, 0, n);
    (scratch as Float64Array).set((a as Float64Array).subarray(0, n));
    for (let i = 0; i < n; i++) a[i] = scratch[order[i]];
  }
}

/**
 * @example
 * const store = createSummaryStore({ unitDays: 7 });
 * store.push(summary, asOf);
 * store.finish().summary(0) // an object with summary's fields
 */
export function createSummaryStore(options: SummaryStoreOptions = {}): SummaryStore {
  let capacity = Math.max(1024, Math.ceil(options.expected ?? 0));
  const unit = options.unitDays;
  let n = 0;
  /** The as-of day of the first row (T and since-last are derived only for rows with this one). */
  let asOf: number | undefined;
  // As bytes, not strings: 3.77 million ids as strings had been ~150 MiB of heap (docs/scale.md).
  const ids = new StoredIds(capacity);
  const firstDay = new Column(capacity, i32);
  const lastDay = new Column(capacity, i32);
  const counts = { transactions: new Column(capacity, u32), purchaseDays: new Column(capacity, u32), returns: new Column(capacity, u32) };
  const gross = new Column(capacity, f64);
  const returnAmount = new Column(capacity, f64);
  const monetary = new Column(capacity, f64);
  const cost = new Column(capacity, f64);
  const quantity = new Column(capacity, f64);
  /** Bit 1: cost and profit known; bit 2: quantity known. */
  const known = new Column(capacity, (k) => new Uint8Array(k));
  /** A derived field's own column, made when a row first disagrees with the derivation. */
  const kept: Partial<Record<DerivedField, Column<Float64Array>>> = {};
  // As bytes, not strings: at 3.77 million customers the e-mails and companies as strings had been
  // the largest part of the heap after DuckDB's output was read (docs/scale.md). Repeated texts (companies)
  // once each, with a code per customer (summary-store-texts.ts).
  const text = { email: new StoredTexts(capacity), company: new StoredTexts(capacity), name: new StoredTexts(capacity) };
  /** Texts too long to keep as bytes (over 254), by arrival index (rare). */
  const long = { email: new Map<number, string>(), company: new Map<number, string>(), name: new Map<number, string>() };
  const encoder = new TextEncoder();

  /**
   * The summary query's arithmetic (summary-sql.ts: frequency, recency, t,
   * since_last, revenue, average_spend, profit), over the kept columns:
   * days are whole numbers, so their differences are exact before the one
   * division, as in the query's CAST(days AS DOUBLE) / unit.
   */
  function derivation(field: DerivedField): (i: number) => number {
    const pd = counts.purchaseDays;
    switch (field) {
      case 'frequency':
        return (i) => pd.get(i) - 1;
      case 'recency':
        return (i) => (unit === undefined ? NaN : (lastDay.get(i) - firstDay.get(i)) / unit);
      case 'T':
        return (i) => (unit === undefined || asOf === undefined ? NaN : (asOf - firstDay.get(i)) / unit);
      case 'sinceLast':
        return (i) => (unit === undefined || asOf === undefined ? NaN : (asOf - lastDay.get(i)) / unit);
      case 'revenue':
        return (i) => gross.get(i) - returnAmount.get(i);
      case 'averageSpend':
        return (i) => (gross.get(i) - returnAmount.get(i)) / pd.get(i);
      case 'profit':
        return (i) => ((known.get(i) & 1) !== 0 ? gross.get(i) - returnAmount.get(i) - cost.get(i) : 0);
    }
  }
  const derive = Object.fromEntries(DERIVED.map((f) => [f, derivation(f)])) as Record<DerivedField, (i: number) => number>;

  function grow(): void {
    capacity *= 2;
    for (const c of [firstDay, lastDay, counts.transactions, counts.purchaseDays, counts.returns, gross, returnAmount, monetary, cost, quantity, known]) c.grow(capacity);
    for (const f of DERIVED) kept[f]?.grow(capacity);
  }

  function wholeDay(field: 'firstDay' | 'lastDay', s: CustomerSummary, bytes: TextBytesOf | undefined): number {
    const v = s[field];
    if ((v | 0) !== v) throw new RangeError(`${field} of customer ${idOf(s, bytes)} is not a whole day number: ${v}`);
    return v;
  }

  const decoder = new TextDecoder();
  const idOf = (s: CustomerSummary, bytes: TextBytesOf | undefined): string => (bytes?.id !== undefined ? decoder.decode(bytes.id) : s.id);

  const scratch = new Uint8Array(4096);

  /**
   * Customer n's value `v` of a derived field against `made`, the same
   * arithmetic on the row's own numbers (which the kept columns hold
   * unchanged): the first disagreement, or a row that must keep its own
   * (`own`), gives the field a column, filled with what it made so far.
   */
  function keep(f: DerivedField, v: number, made: number, own: boolean): void {
    let column = kept[f];
    if (column === undefined) {
      if (!own && Object.is(made, v)) return;
      column = kept[f] = new Column(capacity, f64);
      const d = derive[f];
      for (let i = 0; i < n; i++) column.set(i, d(i));
    }
    column.set(n, v);
  }

  function push(s: CustomerSummary, rowAsOf?: DayNumber, bytes?: TextBytesOf): void {
    if (n === capacity) grow();
    if (n === 0) asOf = rowAsOf;
    const fd0 = wholeDay('firstDay', s, bytes);
    const ld0 = wholeDay('lastDay', s, bytes);
    for (const f of COUNT_FIELDS) {
      const v = s[f];
      if (v >>> 0 !== v) throw new RangeError(`${f} of customer ${idOf(s, bytes)} is not a whole number from 0 to 4,294,967,295: ${v}`);
    }
    // Checked before anything is kept, so that a rejected customer leaves no id behind.
    const idBytes = bytes?.id;
    if (idBytes !== undefined) ids.add(idBytes, 0, idBytes.length);
    else ids.addText(s.id);
    firstDay.set(n, fd0);
    lastDay.set(n, ld0);
    for (const f of COUNT_FIELDS) {
      const v = s[f];
      counts[f].set(n, v);
    }
    gross.set(n, s.grossRevenue);
    returnAmount.set(n, s.returnAmount);
    monetary.set(n, s.monetary);
    let bits = 0;
    if (s.cost !== undefined && s.profit !== undefined) {
      cost.set(n, s.cost);
      bits |= 1;
    }
    if (s.quantity !== undefined) {
      quantity.set(n, s.quantity);
      bits |= 2;
    }
    known.set(n, bits);
    // Written out field by field rather than looped over by name: this runs once a customer, millions of times.
    const u = unit ?? NaN;
    const at = asOf ?? NaN;
    const fd = s.firstDay;
    const ld = s.lastDay;
    const pd = s.purchaseDays;
    const rev = s.grossRevenue - s.returnAmount;
    // A row of another as-of day cannot have its T made from the first row's.
    const otherAsOf = rowAsOf === undefined || rowAsOf !== asOf;
    keep('frequency', s.frequency, pd - 1, false);
    keep('recency', s.recency, (ld - fd) / u, false);
    keep('T', s.T, (at - fd) / u, otherAsOf);
    keep('sinceLast', s.sinceLast, (at - ld) / u, otherAsOf);
    keep('revenue', s.revenue, rev, false);
    keep('averageSpend', s.averageSpend, rev / pd, false);
    keep('profit', s.profit ?? 0, (bits & 1) !== 0 ? rev - (s.cost ?? 0) : 0, false);
    for (const key of ['email', 'company', 'name'] as const) {
      const raw = bytes?.[key];
      if (raw !== undefined) {
        // A text longer than 254 bytes is kept as its string (rare).
        if (!text[key].set(n, raw, 0, raw.length)) long[key].set(n, decoder.decode(raw));
        continue;
      }
      const v = s[key];
      if (v === undefined) continue;
      // Into one reused buffer: a new array per e-mail had been a tenth of the store's time.
      const { read, written } = encoder.encodeInto(v, scratch);
      const b = read === v.length ? scratch : encoder.encode(v);
      if (!text[key].set(n, b, 0, b === scratch ? written : b.length)) long[key].set(n, v);
    }
    n++;
  }

  function finish(): StoredSummaryTable {
    /** Arrival index of the i-th customer in id order (undefined: the same), for the ids and texts, which stay where they came. */
    const { order, view: sortedIds } = ids.sorted();
    if (order !== undefined) {
      const moved = [firstDay, lastDay, counts.transactions, counts.purchaseDays, counts.returns, gross, returnAmount, monetary, cost, quantity, known, ...DERIVED.map((f) => kept[f])];
      permuteColumns(
        moved.flatMap((c) => (c?.a === undefined ? [] : [c.a])),
        order,
      );
    }
    // Views, not copies: the columns are read-only from here. One never set is zeros made when read.
    const view = <A extends Typed>(c: Column<A>) => c.view(n);
    const first = view(firstDay);
    const last = view(lastDay);
    const transactions = view(counts.transactions);
    const purchaseDays = view(counts.purchaseDays);
    const grossRevenue = view(gross);
    const spend = view(monetary);
    const bits = view(known);
    // No customer with a known cost or quantity: the zeros are profitKnown's zeros too (3.6 MiB at 3.77 million).
    const profitKnown = known.touched ? bits.map((b) => b & 1) : bits;
    const own = Object.fromEntries(DERIVED.map((f) => [f, kept[f] === undefined ? undefined : view(kept[f])])) as Record<DerivedField, Float64Array | undefined>;
    /** Customer i's value of a derived field: its own column's, else made. */
    const value = Object.fromEntries(DERIVED.map((f) => [f, own[f] === undefined ? derive[f] : (i: number) => own[f]![i]])) as Record<DerivedField, (i: number) => number>;
    /**
     * Derived columns read by both the models and the segment step (x is
     * frequency, T is T; the segment's values are revenue), made on their
     * first read and kept: each read had made another array of them, and
     * those of the models were still held, or not yet given back, when the
     * segment step made its own (10M: 3.77 million customers, 29 MiB each).
     */
    const shared: Partial<Record<DerivedField, Float64Array>> = {};
    const SHARED: ReadonlySet<DerivedField> = new Set(['frequency', 'T', 'revenue']);
    /** A derived column: its own when kept (a view), else made (read it once, before a loop). */
    const column = (f: DerivedField): Float64Array => {
      const o = own[f] ?? shared[f];
      if (o !== undefined) return o;
      const out = made(f);
      if (SHARED.has(f)) shared[f] = out;
      return out;
    };
    /** A derived column made from the kept ones in a loop of its own, the same arithmetic as derive's. */
    const made = (f: DerivedField): Float64Array => {
      // Revenue with no return is the gross revenue, value for value (x − 0 is x, −0 included): the same array.
      if (f === 'revenue' && !returnAmount.touched) return grossRevenue;
      const out = new Float64Array(n);
      const u = unit ?? NaN;
      const at = asOf ?? NaN;
      switch (f) {
        case 'frequency':
          for (let i = 0; i < n; i++) out[i] = purchaseDays[i] - 1;
          return out;
        case 'T':
          for (let i = 0; i < n; i++) out[i] = (at - first[i]) / u;
          return out;
        case 'sinceLast':
          for (let i = 0; i < n; i++) out[i] = (at - last[i]) / u;
          return out;
        case 'recency':
          for (let i = 0; i < n; i++) out[i] = (last[i] - first[i]) / u;
          return out;
        default: {
          const d = derive[f];
          for (let i = 0; i < n; i++) out[i] = d(i);
          return out;
        }
      }
    };
    const textOf = (key: 'email' | 'company' | 'name') => {
      const bytes = text[key];
      const longer = long[key];
      if (bytes.size === 0 && longer.size === 0) return undefined;
      return (i: number) => {
        const k = order === undefined ? i : order[i];
        return bytes.text(k) ?? longer.get(k);
      };
    };
    const emails = textOf('email');
    const companies = textOf('company');
    const names = textOf('name');
    return {
      length: n,
      ids: sortedIds,
      firstDay: first,
      lastDay: last,
      transactions,
      purchaseDays,
      get returns() {
        return view(counts.returns);
      },
      grossRevenue,
      get returnAmount() {
        return view(returnAmount);
      },
      monetary: spend,
      get frequency() {
        return column('frequency');
      },
      get recency() {
        return column('recency');
      },
      get T() {
        return column('T');
      },
      get sinceLast() {
        return column('sinceLast');
      },
      get revenue() {
        return column('revenue');
      },
      get averageSpend() {
        return column('averageSpend');
      },
      get profit() {
        return column('profit');
      },
      profitKnown,
      sinceLastOfLastDay: own.sinceLast === undefined && unit !== undefined && unit > 0 && asOf !== undefined,
      summary(i: number): CustomerSummary {
        const s: CustomerSummary = {
          id: sortedIds.id(i),
          firstDay: first[i],
          lastDay: last[i],
          transactions: transactions[i],
          purchaseDays: purchaseDays[i],
          frequency: value.frequency(i),
          recency: value.recency(i),
          T: value.T(i),
          sinceLast: value.sinceLast(i),
          grossRevenue: grossRevenue[i],
          returnAmount: returnAmount.get(i),
          returns: counts.returns.get(i),
          revenue: value.revenue(i),
          averageSpend: value.averageSpend(i),
          monetary: spend[i],
        };
        if ((bits[i] & 1) !== 0) {
          s.cost = cost.get(i);
          s.profit = value.profit(i);
        }
        if ((bits[i] & 2) !== 0) s.quantity = quantity.get(i);
        const e = emails?.(i);
        if (e !== undefined) s.email = e;
        const c = companies?.(i);
        if (c !== undefined) s.company = c;
        const m = names?.(i);
        if (m !== undefined) s.name = m;
        return s;
      },
    };
  }

  return { push, finish };
}
