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
 * @example
 * const store = createSummaryStore();
 * store.push(summary);
 * store.finish().summary(0) // an object with summary's fields
 */
export function createSummaryStore(): SummaryStore {
  let capacity = 1024;
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
    let order: Int32Array | undefined;
    if (!sorted) {
      const o = Array.from({ length: n }, (_, i) => i);
      o.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
      order = Int32Array.from(o);
    }
    const pick = (a: Float64Array): Float64Array => {
      if (order === undefined) return a.subarray(0, n); // no copy: the columns are read-only from here
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = a[order[i]];
      return out;
    };
    const col = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, pick(num[f])])) as Record<NumberField, Float64Array>;
    const costs = pick(cost);
    const profits = pick(profit);
    const quantities = pick(quantity);
    const bits = new Uint8Array(n);
    for (let i = 0; i < n; i++) bits[i] = known[order === undefined ? i : order[i]];
    const profitKnown = bits.map((b) => b & 1);
    const sortedIds = order === undefined ? ids.slice(0, n) : Array.from(order, (k) => ids[k]);
    const strings = (a: (string | undefined)[]) => (a.length === 0 ? undefined : order === undefined ? a : Array.from(order, (k) => a[k]));
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
