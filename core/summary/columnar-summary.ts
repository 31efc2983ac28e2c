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
import type { SummaryTable } from './summary-table.ts';
import type { RowSink } from '../read/byte-rows.ts';

const FN = 'summarize';

/**
 * Customers with a purchase, in id order, as parallel columns: the sums kept
 * while reading and the summary fields derived from them (each computed
 * once, by the arithmetic of createSummaryBuilder; summary(i) reads them).
 */
export interface SummaryColumns extends SummaryTable {
  /** Customers with a summary. */
  length: number;
  ids: readonly string[];
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
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  sinceLast: Float64Array;
  revenue: Float64Array;
  averageSpend: Float64Array;
  monetary: Float64Array;
  profit: Float64Array;
  profitKnown: Uint8Array;
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
  split(calibrationEnd: DayNumber, asOf: DayNumber, periodDays: number, windowEnd?: DayNumber): SplitHistories;
}

/** Growable typed columns: doubled when full, so a customer costs a fixed number of bytes. */
class Slots {
  capacity = 1024;
  rows = new Int32Array(this.capacity);
  firstLine = new Float64Array(this.capacity);
  firstDay = new Float64Array(this.capacity).fill(Infinity);
  lastDay = new Float64Array(this.capacity).fill(-Infinity);
  firstDayGross = new Float64Array(this.capacity);
  gross = new Float64Array(this.capacity);
  returnAmount = new Float64Array(this.capacity);
  cost = new Float64Array(this.capacity);
  quantity = new Float64Array(this.capacity);
  transactions = new Int32Array(this.capacity);
  returns = new Int32Array(this.capacity);
  dayCount = new Int32Array(this.capacity);
  /** Head of the customer's list of distinct purchase days (−1: none yet). */
  dayHead = new Int32Array(this.capacity).fill(-1);
  /** Order of the customer's first purchase row among customers (−1: none yet). */
  rank = new Int32Array(this.capacity).fill(-1);
  costUnknown = new Uint8Array(this.capacity);
  hasQuantity = new Uint8Array(this.capacity);

  grow(): void {
    const c = this.capacity * 2;
    const f64 = (a: Float64Array, fill = 0) => {
      const b = new Float64Array(c);
      if (fill !== 0) b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(c);
      if (fill !== 0) b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(c);
      b.set(a);
      return b;
    };
    this.rows = i32(this.rows);
    this.firstLine = f64(this.firstLine);
    this.firstDay = f64(this.firstDay, Infinity);
    this.lastDay = f64(this.lastDay, -Infinity);
    this.firstDayGross = f64(this.firstDayGross);
    this.gross = f64(this.gross);
    this.returnAmount = f64(this.returnAmount);
    this.cost = f64(this.cost);
    this.quantity = f64(this.quantity);
    this.transactions = i32(this.transactions);
    this.returns = i32(this.returns);
    this.dayCount = i32(this.dayCount);
    this.dayHead = i32(this.dayHead, -1);
    this.rank = i32(this.rank, -1);
    this.costUnknown = u8(this.costUnknown);
    this.hasQuantity = u8(this.hasQuantity);
    this.capacity = c;
  }
}

/** Every customer's distinct purchase days as linked lists in two shared typed arrays. */
class DayLists {
  day = new Float64Array(4096);
  next = new Int32Array(4096);
  length = 0;

  push(day: number, next: number): number {
    if (this.length === this.day.length) {
      const d = new Float64Array(this.length * 2);
      d.set(this.day);
      this.day = d;
      const n = new Int32Array(this.length * 2);
      n.set(this.next);
      this.next = n;
    }
    this.day[this.length] = day;
    this.next[this.length] = next;
    return this.length++;
  }

  has(head: number, day: number): boolean {
    for (let i = head; i >= 0; i = this.next[i]) if (this.day[i] === day) return true;
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
function sortById(order: number[], names: readonly string[]): void {
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) sorted = names[order[i - 1]] < names[order[i]];
  if (!sorted) order.sort((a, b) => byString(names[a], names[b]));
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
  const names: string[] = [];
  // A customer's first non-empty value wins; the arrays stay empty when a file has no such column.
  const email: (string | undefined)[] = [];
  const company: (string | undefined)[] = [];
  const name: (string | undefined)[] = [];
  const s = new Slots();
  const days = new DayLists();
  let byRank = new Int32Array(1024);
  let ranked = 0;
  let maxDay = -Infinity;
  let firstPurchase = Infinity;
  let rows = 0;
  let afterAsOf = 0;
  let finished: SummaryColumns | undefined;
  let excluded: ExcludedCustomer[] = [];
  let customersSeen = 0;

  // Ids the byte lane gave (customerIndex) and the map has not been told yet:
  // it is told only when an id comes as text (add), so a file read wholly by
  // the lane pays no hash map of its ids (the lane finds ids by their bytes).
  let unindexed: number[] = [];

  function indexAll(): void {
    for (const k of unindexed) index.set(names[k], k);
    unindexed = [];
  }

  function newCustomer(id: string): number {
    const k = names.length;
    if (k === s.capacity) s.grow();
    names.push(own(id));
    return k;
  }

  // Rows of one customer often come together (CDNOW is sorted by customer): one comparison spares a hash lookup.
  let lastId = '';
  let lastK = -1;
  function customer(id: string): number {
    if (id === lastId) return lastK;
    if (unindexed.length > 0) indexAll();
    let k = index.get(id);
    if (k === undefined) {
      k = newCustomer(id);
      index.set(names[k], k);
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
    const added = newCustomer(id);
    unindexed.push(added);
    return added;
  }

  /** The holdout orders customers by their first purchase row, after as-of or not (as PurchaseDays does). */
  function rankOf(k: number): void {
    if (s.rank[k] >= 0) return;
    if (ranked === byRank.length) {
      const b = new Int32Array(ranked * 2);
      b.set(byRank);
      byRank = b;
    }
    s.rank[k] = ranked;
    byRank[ranked++] = k;
  }

  /**
   * The numbers of a row of customer k (RowSink.addRow): false, and nothing
   * but the count and the holdout's order kept, when it lies after a fixed
   * as-of day.
   */
  function addRow(k: number, day: number, amount: number, line: number): boolean {
    if (fixedAsOf !== undefined && day > fixedAsOf) {
      afterAsOf++;
      if (amount >= 0) rankOf(k);
      return false;
    }
    numbers(k, day, amount, line);
    // A row with only an amount: its cost is known only through a margin for the whole file (rowCost).
    if (amount !== 0) {
      if (globalMargin === undefined) s.costUnknown[k] = 1;
      else s.cost[k] += amount * (1 - globalMargin);
    }
    return true;
  }

  /** Everything a row on or before as-of changes but its cost. */
  function numbers(k: number, day: number, amount: number, line: number): void {
    finished = undefined;
    rows++;
    if (day > maxDay) maxDay = day;
    if (s.rows[k]++ === 0) {
      customersSeen++;
      s.firstLine[k] = line;
    } else if (line < s.firstLine[k]) {
      s.firstLine[k] = line;
    }
    if (amount >= 0) {
      rankOf(k);
      if (amount > 0) s.transactions[k]++;
      s.gross[k] += amount;
      const first = s.firstDay[k];
      const last = s.lastDay[k];
      // The first and last days are listed, so only a day between them needs a look at the list
      // (rows mostly come in date order, and then it never does).
      if (day > last || day < first || (day !== last && day !== first && !days.has(s.dayHead[k], day))) {
        s.dayHead[k] = days.push(day, s.dayHead[k]);
        s.dayCount[k]++;
      }
      if (day < first) {
        s.firstDay[k] = day;
        s.firstDayGross[k] = amount;
      } else if (day === first) {
        s.firstDayGross[k] += amount;
      }
      if (day > last) s.lastDay[k] = day;
      if (day < firstPurchase) firstPurchase = day;
    } else if (amount < 0) {
      s.returns[k]++;
      s.returnAmount[k] -= amount;
    }
  }

  function add(t: Transaction): void {
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
    if (amount !== 0 || t.cost !== undefined || t.marginRate !== undefined) {
      const c = rowCost(t, globalMargin);
      if (c === undefined) s.costUnknown[k] = 1;
      else s.cost[k] += c;
    }
    if (t.quantity !== undefined && Number.isFinite(t.quantity)) {
      s.quantity[k] += t.quantity;
      s.hasQuantity[k] = 1;
    }
    if (t.email && email[k] === undefined) setExtra(email, k, t.email);
    if (t.company && company[k] === undefined) setExtra(company, k, t.company);
    if (t.name && name[k] === undefined) setExtra(name, k, t.name);
  }

  function asOfDay(): number | undefined {
    if (fixedAsOf !== undefined) return fixedAsOf;
    return maxDay === -Infinity ? undefined : maxDay;
  }

  function finish(): SummaryColumns {
    if (finished !== undefined) return finished;
    const asOf = asOfDay() ?? 0;
    const order: number[] = [];
    excluded = [];
    for (let k = 0; k < names.length; k++) {
      if (s.rows[k] === 0) continue; // seen only after as-of
      if (s.firstDay[k] === Infinity) {
        excluded.push(onlyReturns({ id: names[k], rows: s.rows[k], returnAmount: s.returnAmount[k], firstLine: s.firstLine[k] }));
      } else {
        order.push(k);
      }
    }
    sortById(order, names);
    excluded.sort((a, b) => byString(a.id, b.id));
    finished = columns(order, asOf);
    return finished;
  }

  function columns(order: readonly number[], asOf: number): SummaryColumns {
    const n = order.length;
    const pick64 = (from: Float64Array) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = from[order[i]];
      return out;
    };
    const pick32 = (from: Int32Array) => {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = from[order[i]];
      return out;
    };
    const ids = order.map((k) => names[k]);
    const costKnown = new Uint8Array(n);
    const hasQuantity = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      costKnown[i] = s.costUnknown[order[i]] === 1 ? 0 : 1;
      hasQuantity[i] = s.hasQuantity[order[i]];
    }
    const extras = (m: readonly (string | undefined)[]) => (m.length === 0 ? undefined : order.map((k) => m[k]));
    const emails = extras(email);
    const companies = extras(company);
    const customerNames = extras(name);
    const purchaseDays = pick32(s.dayCount);
    const firstDay = pick64(s.firstDay);
    const lastDay = pick64(s.lastDay);
    const grossRevenue = pick64(s.gross);
    const firstDayGross = pick64(s.firstDayGross);
    const returnAmount = pick64(s.returnAmount);
    const cost = pick64(s.cost);
    const frequency = new Float64Array(n);
    const recency = new Float64Array(n);
    const T = new Float64Array(n);
    const sinceLast = new Float64Array(n);
    const revenue = new Float64Array(n);
    const averageSpend = new Float64Array(n);
    const monetary = new Float64Array(n);
    const profit = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const f = purchaseDays[i] - 1;
      const gross = grossRevenue[i];
      const r = gross - returnAmount[i];
      frequency[i] = f;
      recency[i] = (lastDay[i] - firstDay[i]) / unit;
      T[i] = (asOf - firstDay[i]) / unit;
      sinceLast[i] = (asOf - lastDay[i]) / unit;
      revenue[i] = r;
      averageSpend[i] = r / purchaseDays[i];
      monetary[i] = f > 0 ? (gross - firstDayGross[i]) / f : 0;
      if (costKnown[i] === 1) profit[i] = r - cost[i];
    }
    const quantity = pick64(s.quantity);
    const transactions = pick32(s.transactions);
    const returns = pick32(s.returns);
    const cols: Omit<SummaryColumns, 'summary' | 'summaries'> = {
      length: n,
      ids,
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
      frequency,
      recency,
      T,
      sinceLast,
      revenue,
      averageSpend,
      monetary,
      profit,
      profitKnown: costKnown,
      asOf,
      unitDays: unit,
    };
    function summary(i: number): CustomerSummary {
      const out: CustomerSummary = {
        id: ids[i],
        firstDay: firstDay[i],
        lastDay: lastDay[i],
        transactions: transactions[i],
        purchaseDays: purchaseDays[i],
        frequency: frequency[i],
        recency: recency[i],
        T: T[i],
        sinceLast: sinceLast[i],
        grossRevenue: grossRevenue[i],
        returnAmount: returnAmount[i],
        returns: returns[i],
        revenue: revenue[i],
        averageSpend: averageSpend[i],
        monetary: monetary[i],
      };
      if (costKnown[i] === 1) {
        out.cost = cost[i];
        out.profit = profit[i];
      }
      if (hasQuantity[i] === 1) out.quantity = quantity[i];
      const e = emails?.[i];
      if (e !== undefined) out.email = e;
      const c = companies?.[i];
      if (c !== undefined) out.company = c;
      const m = customerNames?.[i];
      if (m !== undefined) out.name = m;
      return out;
    }
    let built: CustomerSummary[] | undefined;
    return {
      ...cols,
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

  function split(calibrationEnd: DayNumber, asOf: DayNumber, periodDays: number, windowEnd?: DayNumber): SplitHistories {
    const end = Math.min(asOf, windowEnd ?? asOf);
    const out: SplitHistories = { ids: [], x: [], t_x: [], T: [], holdout: [] };
    const minT = 1 / periodDays;
    for (let r = 0; r < ranked; r++) {
      const k = byRank[r];
      let cal = 0;
      let hold = 0;
      let first = Infinity;
      let last = -Infinity;
      for (let i = s.dayHead[k]; i >= 0; i = days.next[i]) {
        const d = days.day[i];
        if (d <= calibrationEnd) {
          cal++;
          if (d < first) first = d;
          if (d > last) last = d;
        } else if (d <= end) {
          hold++;
        }
      }
      if (cal === 0) continue;
      out.ids.push(names[k]);
      out.x.push(cal - 1);
      out.t_x.push(cal > 1 ? (last - first) / periodDays : 0);
      out.T.push(Math.max((calibrationEnd - first) / periodDays, minT));
      out.holdout.push(hold);
    }
    return out;
  }

  const texts = { email, company, name };
  return {
    add,
    customerIndex,
    addRow,
    lacksText: (k, role) => texts[role][k] === undefined,
    // The byte lane decodes each text on its own: no piece of the file behind it to let go of.
    setText: (k, role, value) => setExtra(texts[role], k, value, true),
    finish,
    report,
    firstPurchaseDay: () => firstPurchase,
    split,
  };
}
