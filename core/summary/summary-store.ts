/**
 * Customer summaries kept as they arrive (from the summary query's rows, a
 * warehouse's customer table) in growable typed columns instead of an
 * object each: about 150 bytes a customer plus its id and its e-mail,
 * company and name as UTF-8 bytes (decoded when a summary is built), where a
 * CustomerSummary object with its boxed numbers takes several hundred. The
 * result is a {@link SummaryTable} in id order, the analysis' input.
 */
import type { CustomerSummary } from '../types.ts';
import { customerIds, type SummaryTable } from './summary-table.ts';
import { TextBytes } from './columnar-summary.ts';

const NUMBER_FIELDS = [
  'firstDay',
  'lastDay',
  'recency',
  'T',
  'sinceLast',
  'grossRevenue',
  'returnAmount',
  'revenue',
  'averageSpend',
  'monetary',
] as const;
/** Counts: whole numbers ≥ 0 (the reader checks them), four bytes each instead of eight. */
const COUNT_FIELDS = ['transactions', 'purchaseDays', 'frequency', 'returns'] as const;
type CountField = (typeof COUNT_FIELDS)[number];
type NumberField = (typeof NUMBER_FIELDS)[number];

export interface SummaryStore {
  /** Keeps the numbers and strings of `s` (not the object). */
  push(s: CustomerSummary): void;
  /** The customers pushed, sorted by id (code-unit order, as the summary builders sort). */
  finish(): SummaryTable;
}

/**
 * Puts element order[i] of each column at i, in place, through one scratch
 * column: sorting millions of customers this way needs no second set of
 * columns (a sorted copy of every column had been the largest allocation
 * of a 10-million-row run).
 */
export function permuteColumns(f64: readonly Float64Array[], others: readonly (Uint8Array | Uint32Array | (string | undefined)[])[], order: Int32Array): void {
  const n = order.length;
  const scratch = new Float64Array(n);
  for (const a of f64) {
    scratch.set(a.subarray(0, n));
    for (let i = 0; i < n; i++) a[i] = scratch[order[i]];
  }
  for (const a of others) {
    const copy = a.slice(0, n);
    for (let i = 0; i < n; i++) a[i] = copy[order[i]];
  }
}

/**
 * `expected`: about how many customers will come (a count the source knows,
 * e.g. DuckDB's approx_count_distinct): the columns are made that size at
 * once, where doubling left up to half of them unused and held the old and
 * the new columns together while it copied.
 *
 * @example
 * const store = createSummaryStore();
 * store.push(summary);
 * store.finish().summary(0) // an object with summary's fields
 */
export function createSummaryStore(expected = 0): SummaryStore {
  let capacity = Math.max(1024, Math.ceil(expected));
  let n = 0;
  const ids: string[] = [];
  const num = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, new Float64Array(capacity)])) as Record<NumberField, Float64Array>;
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, new Uint32Array(capacity)])) as Record<CountField, Uint32Array>;
  let cost = new Float64Array(capacity);
  let profit = new Float64Array(capacity);
  let quantity = new Float64Array(capacity);
  // Whether any customer has a cost or a quantity: the columns are neither copied nor sorted when
  // none has, so their memory is never touched (most files have neither: 72 MB at 3.77M customers).
  let anyCost = false;
  let anyQuantity = false;
  /** Bit 1: cost and profit known; bit 2: quantity known. */
  let known = new Uint8Array(capacity);
  // As bytes, not strings: at 3.77 million customers the e-mails and companies as strings had been
  // the largest part of the heap after DuckDB's output was read (docs/scale.md).
  const text = { email: new TextBytes(), company: new TextBytes(), name: new TextBytes() };
  /** Texts too long for a chunk of bytes, by arrival index (rare). */
  const long = { email: new Map<number, string>(), company: new Map<number, string>(), name: new Map<number, string>() };
  const encoder = new TextEncoder();

  function grow(): void {
    capacity *= 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    for (const f of NUMBER_FIELDS) num[f] = f64(num[f]);
    for (const f of COUNT_FIELDS) {
      const b = new Uint32Array(capacity);
      b.set(counts[f]);
      counts[f] = b;
    }
    cost = anyCost ? f64(cost) : new Float64Array(capacity);
    profit = anyCost ? f64(profit) : new Float64Array(capacity);
    quantity = anyQuantity ? f64(quantity) : new Float64Array(capacity);
    const k = new Uint8Array(capacity);
    k.set(known);
    known = k;
  }

  function push(s: CustomerSummary): void {
    if (n === capacity) grow();
    ids.push(s.id);
    for (const f of NUMBER_FIELDS) num[f][n] = s[f];
    for (const f of COUNT_FIELDS) {
      const v = s[f];
      if (v >>> 0 !== v) throw new RangeError(`${f} of customer ${s.id} is not a whole number from 0 to 4,294,967,295: ${v}`);
      counts[f][n] = v;
    }
    let bits = 0;
    if (s.cost !== undefined && s.profit !== undefined) {
      cost[n] = s.cost;
      profit[n] = s.profit;
      anyCost = true;
      bits |= 1;
    }
    if (s.quantity !== undefined) {
      quantity[n] = s.quantity;
      anyQuantity = true;
      bits |= 2;
    }
    known[n] = bits;
    for (const key of ['email', 'company', 'name'] as const) {
      const v = s[key];
      if (v === undefined) continue;
      const b = encoder.encode(v);
      if (!text[key].set(n, b, 0, b.length)) long[key].set(n, v);
    }
    n++;
  }

  function finish(): SummaryTable {
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1] < ids[i];
    /** Arrival index of the i-th customer in id order (undefined: the same), for the texts, which stay where they came. */
    let order: Int32Array | undefined;
    if (!sorted) {
      const o = Array.from({ length: n }, (_, i) => i);
      o.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
      order = Int32Array.from(o);
      permuteColumns([...NUMBER_FIELDS.map((f) => num[f]), ...(anyCost ? [cost, profit] : []), ...(anyQuantity ? [quantity] : [])], [known, ...COUNT_FIELDS.map((f) => counts[f]), ids], order);
    }
    // Views, not copies: the columns are read-only from here.
    const col = {
      ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f, num[f].subarray(0, n)])) as Record<NumberField, Float64Array>),
      ...(Object.fromEntries(COUNT_FIELDS.map((f) => [f, counts[f].subarray(0, n)])) as Record<CountField, Uint32Array>),
    };
    const costs = cost.subarray(0, n);
    const profits = profit.subarray(0, n);
    const quantities = quantity.subarray(0, n);
    const bits = known.subarray(0, n);
    const profitKnown = bits.map((b) => b & 1);
    const sortedIds = ids.length === n ? ids : ids.slice(0, n);
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
      ids: customerIds(sortedIds),
      ...col,
      profit: profits,
      profitKnown,
      summary(i: number): CustomerSummary {
        const s: CustomerSummary = {
          id: sortedIds[i],
          firstDay: col.firstDay[i],
          lastDay: col.lastDay[i],
          transactions: col.transactions[i],
          purchaseDays: col.purchaseDays[i],
          frequency: col.frequency[i],
          recency: col.recency[i],
          T: col.T[i],
          sinceLast: col.sinceLast[i],
          grossRevenue: col.grossRevenue[i],
          returnAmount: col.returnAmount[i],
          returns: col.returns[i],
          revenue: col.revenue[i],
          averageSpend: col.averageSpend[i],
          monetary: col.monetary[i],
        };
        if ((bits[i] & 1) !== 0) {
          s.cost = costs[i];
          s.profit = profits[i];
        }
        if ((bits[i] & 2) !== 0) s.quantity = quantities[i];
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
