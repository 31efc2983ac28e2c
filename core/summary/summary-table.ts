/**
 * Customer summaries as parallel columns: what prediction and segmentation
 * read per customer, without an object per customer. The columnar summary
 * builder gives one directly (columnar-summary.ts); {@link tableOfSummaries}
 * wraps summaries a product built itself (a customer table), so both reach
 * the same scoring code.
 */
import type { CustomerSummary } from '../types.ts';

/**
 * Customers' ids without a string each: the columnar builder keeps an id
 * the byte lane read as its bytes, and makes its string only when a
 * product shows the customer (376,506 ids as strings had been some 18 MB
 * of a million-row run's heap; docs/scale.md).
 */
export interface CustomerIds {
  readonly length: number;
  /** Customer i's id (made now when kept as bytes: read it once per customer shown). */
  id(i: number): string;
  /**
   * Customer i's id against customer j's in UTF-16 code-unit order — what
   * `<` on the two strings compares, and so the order of a sort by id and
   * of ties: negative, 0 or positive.
   */
  compare(i: number, j: number): number;
  /** True when the ids are known to be in strictly ascending order (the columnar builder's): spares the check's pass of compares. */
  readonly ascending?: boolean;
}

/**
 * Ids already held as strings, seen as {@link CustomerIds}.
 *
 * @example customerIds(['a', 'b']).compare(0, 1) // -1
 */
export function customerIds(strings: readonly string[]): CustomerIds {
  return {
    length: strings.length,
    id: (i) => strings[i],
    compare: (i, j) => (strings[i] < strings[j] ? -1 : strings[i] > strings[j] ? 1 : 0),
  };
}

/** Every id as a string, in order (a product that shows all customers; tests). */
export function idStrings(ids: CustomerIds): string[] {
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids.id(i);
  return out;
}

/** Whether the ids are in strictly ascending order (so distinct): the builder's always are. */
export function idsStrictlyAscending(ids: CustomerIds): boolean {
  if (ids.ascending === true) return true;
  for (let i = 1; i < ids.length; i++) if (ids.compare(i - 1, i) >= 0) return false;
  return true;
}

/**
 * The numeric summary fields of every customer, index i = the i-th
 * customer, plus the object on demand. A column may be made when read (the
 * columnar builder derives recency, T and the like from its day and amount
 * columns instead of keeping them): read each once, before a loop.
 */
export interface SummaryTable {
  length: number;
  ids: CustomerIds;
  purchaseDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  sinceLast: ArrayLike<number>;
  grossRevenue: ArrayLike<number>;
  returnAmount: ArrayLike<number>;
  returns: ArrayLike<number>;
  revenue: ArrayLike<number>;
  averageSpend: ArrayLike<number>;
  monetary: ArrayLike<number>;
  /** revenue − cost where profitKnown[i] is 1 (else 0, meaning unknown). */
  profit: ArrayLike<number>;
  profitKnown: ArrayLike<number>;
  /** Each customer's first and last purchase days, where the table keeps them (the columnar summary and the store do). */
  firstDay?: ArrayLike<number>;
  lastDay?: ArrayLike<number>;
  /**
   * True when every since-last is (asOf − lastDay) / unit of whole days, one as-of day and unit for
   * all: since-last then orders the customers as their last days do, reversed, and the segment step
   * cuts the R scores on the last days instead of making a since-last column (columnar-segment.ts).
   */
  sinceLastOfLastDay?: boolean;
  /** The summary of customer i as an object (the same object on every call only for tableOfSummaries). */
  summary(i: number): CustomerSummary;
}

/**
 * Summaries already built as objects, seen as a table: the columns are read
 * from the objects (numbers copied as they are), and summary(i) is the
 * object itself.
 *
 * @example tableOfSummaries(summaries).frequency[0] === summaries[0].frequency // true
 */
export function tableOfSummaries(summaries: readonly CustomerSummary[]): SummaryTable {
  const n = summaries.length;
  const col = (pick: (s: CustomerSummary) => number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = pick(summaries[i]);
    return out;
  };
  const profitKnown = new Uint8Array(n);
  for (let i = 0; i < n; i++) profitKnown[i] = summaries[i].profit === undefined ? 0 : 1;
  return {
    length: n,
    ids: customerIds(summaries.map((s) => s.id)),
    purchaseDays: col((s) => s.purchaseDays),
    frequency: col((s) => s.frequency),
    recency: col((s) => s.recency),
    T: col((s) => s.T),
    sinceLast: col((s) => s.sinceLast),
    grossRevenue: col((s) => s.grossRevenue),
    returnAmount: col((s) => s.returnAmount),
    returns: col((s) => s.returns),
    revenue: col((s) => s.revenue),
    averageSpend: col((s) => s.averageSpend),
    monetary: col((s) => s.monetary),
    profit: col((s) => s.profit ?? 0),
    profitKnown,
    summary: (i) => summaries[i],
  };
}
