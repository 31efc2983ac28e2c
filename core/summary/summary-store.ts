/**
 * Customer summaries kept as they arrive (from the summary query's rows, a
 * warehouse's customer table) in growable typed columns instead of an
 * object each: about 150 bytes a customer plus its strings, where a
 * CustomerSummary object with its boxed numbers takes several hundred. The
 * result is a {@link SummaryTable} in id order, the analysis' input.
 */
import type { CustomerSummary } from '../types.ts';
import type { SummaryTable } from './summary-table.ts';

const NUMBER_FIELDS = [
  'firstDay',
  'lastDay',
  'transactions',
  'purchaseDays',
  'frequency',
  'recency',
  'T',
  'sinceLast',
  'grossRevenue',
  'returnAmount',
  'returns',
  'revenue',
  'averageSpend',
  'monetary',
] as const;
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
export function permuteColumns(f64: readonly Float64Array[], others: readonly (Uint8Array | (string | undefined)[])[], order: Int32Array): void {
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
  let cost = new Float64Array(capacity);
  let profit = new Float64Array(capacity);
  let quantity = new Float64Array(capacity);
  /** Bit 1: cost and profit known; bit 2: quantity known. */
  let known = new Uint8Array(capacity);
  const text = { email: [] as (string | undefined)[], company: [] as (string | undefined)[], name: [] as (string | undefined)[] };

  function grow(): void {
    capacity *= 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    for (const f of NUMBER_FIELDS) num[f] = f64(num[f]);
    cost = f64(cost);
    profit = f64(profit);
    quantity = f64(quantity);
    const k = new Uint8Array(capacity);
    k.set(known);
    known = k;
  }

  function push(s: CustomerSummary): void {
    if (n === capacity) grow();
    ids.push(s.id);
    for (const f of NUMBER_FIELDS) num[f][n] = s[f];
    let bits = 0;
    if (s.cost !== undefined && s.profit !== undefined) {
      cost[n] = s.cost;
      profit[n] = s.profit;
      bits |= 1;
    }
    if (s.quantity !== undefined) {
      quantity[n] = s.quantity;
      bits |= 2;
    }
    known[n] = bits;
    for (const key of ['email', 'company', 'name'] as const) {
      const v = s[key];
      if (v === undefined) continue;
      const a = text[key];
      while (a.length < n) a.push(undefined);
      a[n] = v;
    }
    n++;
  }

  function finish(): SummaryTable {
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1] < ids[i];
    if (!sorted) {
      const o = Array.from({ length: n }, (_, i) => i);
      o.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
      const order = Int32Array.from(o);
      const texts = [text.email, text.company, text.name].filter((a) => a.length > 0);
      for (const a of texts) while (a.length < n) a.push(undefined);
      permuteColumns([...NUMBER_FIELDS.map((f) => num[f]), cost, profit, quantity], [known, ids, ...texts], order);
    }
    // Views, not copies: the columns are read-only from here.
    const col = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, num[f].subarray(0, n)])) as Record<NumberField, Float64Array>;
    const costs = cost.subarray(0, n);
    const profits = profit.subarray(0, n);
    const quantities = quantity.subarray(0, n);
    const bits = known.subarray(0, n);
    const profitKnown = bits.map((b) => b & 1);
    const sortedIds = ids.length === n ? ids : ids.slice(0, n);
    const strings = (a: (string | undefined)[]) => (a.length === 0 ? undefined : a);
    const emails = strings(text.email);
    const companies = strings(text.company);
    const names = strings(text.name);
    return {
      length: n,
      ids: sortedIds,
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
        const e = emails?.[i];
        if (e !== undefined) s.email = e;
        const c = companies?.[i];
        if (c !== undefined) s.company = c;
        const m = names?.[i];
        if (m !== undefined) s.name = m;
        return s;
      },
    };
  }

  return { push, finish };
}
