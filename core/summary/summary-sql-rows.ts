/**
 * The output of the summary query (summary-sql.ts) — from an embedded
 * engine, or a CSV or Parquet file a warehouse wrote — back into
 * CustomerSummary rows, so the analysis runs on them as on summaries built
 * in TypeScript. Bad rows are rejected with their line and reason, never
 * dropped; customers with only returns become ExcludedCustomer entries.
 */
import { isoToDay } from '../read/day-number.ts';
import type { CustomerSummary, DayNumber, ExcludedCustomer, RejectedRow } from '../types.ts';
import type { SummarySqlColumn } from './summary-sql.ts';
import { createSummaryStore, type TextBytesOf } from './summary-store.ts';
import type { SummaryTable } from './summary-table.ts';

/**
 * One output row: values as a driver or a CSV gives them (numbers, bigints,
 * text, dates as ISO text or day numbers); a text may come as its UTF-8
 * bytes (a Uint8Array), which the columns then keep without a string.
 */
export type SummarySqlRow = Partial<Record<SummarySqlColumn, unknown>>;

export interface SummarySqlRowsResult {
  /** Sorted by id, as the TypeScript builder sorts them; empty when read `asTable` (see table). */
  summaries: CustomerSummary[];
  /** The customers as columns, sorted by id: present only when read `asTable`. */
  table?: SummaryTable;
  /** Customers with only returns up to as-of, in id order. */
  excluded: ExcludedCustomer[];
  rejected: RejectedRow[];
  /** The as-of day of the rows (undefined when no row was usable). */
  asOf: DayNumber | undefined;
}

/** Columns the reader needs; the others (cost, quantity, email, …) may be absent. */
export const REQUIRED_SUMMARY_SQL_COLUMNS: readonly SummarySqlColumn[] = [
  'customer_id', 'first_day', 'last_day', 'as_of', 'transactions', 'purchase_days', 'frequency', 'recency', 't', 'since_last',
  'gross_revenue', 'return_amount', 'returns', 'revenue', 'average_spend', 'monetary',
];

/**
 * Whether a header row is the summary query's output (every required
 * column present, in any order and letter case), so a command can tell a
 * warehouse's customer table from a file of transactions.
 * @example isSummarySqlHeader(['customer_id', 'first_day', …]) // true
 */
export function isSummarySqlHeader(headers: readonly string[]): boolean {
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return REQUIRED_SUMMARY_SQL_COLUMNS.every((c) => have.has(c));
}

// Made on first use, not when the module loads: the add-in's functions bundle includes this module, and
// Excel's JavaScript-only custom-functions runtime has no TextDecoder (addin/build.ts loads the bundle
// without one to check that it starts).
let decoder: TextDecoder | undefined;
const utf8 = (): TextDecoder => (decoder ??= new TextDecoder());

/** ASCII white space, which String.prototype.trim removes (so do some characters past ASCII, decoded to be trimmed). */
const space = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/**
 * A text given as UTF-8 bytes, trimmed as String.prototype.trim trims its
 * string: a view of the bytes, or the trimmed string when an end is past
 * ASCII (U+00A0, U+3000 and the like may need trimming; rare).
 */
function trimmedBytes(b: Uint8Array): Uint8Array | string {
  let s = 0;
  let e = b.length;
  while (s < e && space(b[s])) s++;
  while (e > s && space(b[e - 1])) e--;
  if (s < e && (b[s] >= 0x80 || b[e - 1] >= 0x80)) return utf8().decode(b.subarray(s, e)).trim();
  return s === 0 && e === b.length ? b : b.subarray(s, e);
}

/** A text cell trimmed: bytes stay bytes (see trimmedBytes); anything else as its string. */
function trimmed(v: unknown): Uint8Array | string {
  return v instanceof Uint8Array ? trimmedBytes(v) : String(v).trim();
}

const asString = (t: Uint8Array | string): string => (typeof t === 'string' ? t : utf8().decode(t));

const blank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (v instanceof Uint8Array && trimmedBytes(v).length === 0);

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function toDay(v: unknown): number | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') {
    // A day number is whole (a driver's DATE, an engine's day count): a fraction is no date.
    const n = toNumber(v);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  }
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?)?$/.exec(v.trim());
  return m ? isoToDay(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

function show(v: unknown): string {
  return blank(v) ? 'blank' : `"${v instanceof Uint8Array ? utf8().decode(v) : String(v)}"`;
}

const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** The reader fed one row at a time (a driver's chunks), so rows need not be held twice. */
export interface SummarySqlReader {
  add(row: SummarySqlRow): void;
  finish(): SummarySqlRowsResult;
}

/**
 * Customer summaries from the summary query's rows.
 *
 * A row is rejected (with `firstLine + its index` and the reason) when its
 * id is blank, the id repeats, a required number or date is missing or not
 * one, or its as-of differs from the first row's (one query has one as-of).
 * A row with purchase_days = 0 is a customer with only returns: it becomes
 * an ExcludedCustomer with the reason the TypeScript builder gives.
 *
 * @example
 * readSummarySqlRows([{ customer_id: 'a', first_day: '2024-01-01', last_day: '2024-01-08', as_of: '2024-01-15',
 *   transactions: 2, purchase_days: 2, frequency: 1, recency: 1, t: 2, since_last: 1, gross_revenue: 30,
 *   return_amount: 0, returns: 0, revenue: 30, average_spend: 15, monetary: 20 }]).summaries[0].frequency // 1
 */
export function readSummarySqlRows(rows: Iterable<SummarySqlRow>, options: { firstLine?: number } = {}): SummarySqlRowsResult {
  const reader = createSummarySqlReader(options);
  for (const row of rows) reader.add(row);
  return reader.finish();
}

export interface SummarySqlReaderOptions {
  /** Line of the first row (default 2: after a header). */
  firstLine?: number;
  /** Keep the customers as columns (result.table), not objects. */
  asTable?: boolean;
  /** About how many customers will come. */
  expected?: number;
  /**
   * Days in the unit the query measured recency, t and since_last in
   * (unitDays of its unit): with it the table makes them from the days
   * instead of keeping them (summary-store.ts).
   */
  unitDays?: number;
  /**
   * The source promises one row per id (the summary query's own GROUP BY,
   * run here): the ids are then not kept in a set to find repeats, which
   * took some 100 MB at 3.77 million customers.
   */
  uniqueIds?: boolean;
}

/**
 * {@link readSummarySqlRows} one row at a time. With `asTable` the
 * customers are kept in typed columns (summary-store.ts), not as objects:
 * for millions of customers, such as a warehouse's output.
 */
export function createSummarySqlReader(options: SummarySqlReaderOptions = {}): SummarySqlReader {
  const firstLine = options.firstLine ?? 2;
  const summaries: CustomerSummary[] = [];
  const store = options.asTable ? createSummaryStore({ expected: options.expected, unitDays: options.unitDays }) : undefined;
  const excluded: ExcludedCustomer[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  let asOf: number | undefined;
  let i = -1;
  function add(row: SummarySqlRow): void {
    i++;
    const line = firstLine + i;
    const reject = (reason: string) => rejected.push({ line, reason });
    const rawId = row.customer_id === null || row.customer_id === undefined ? '' : trimmed(row.customer_id);
    if (rawId.length === 0) {
      reject('the customer id is blank');
      return;
    }
    // As bytes only into the columns, and only with no set of ids to keep (the set holds strings).
    const idBytes = store !== undefined && options.uniqueIds && typeof rawId !== 'string' ? rawId : undefined;
    const id = idBytes === undefined ? asString(rawId) : '';
    if (!options.uniqueIds && seen.has(id)) {
      reject(`customer ${id} appears twice (one row per customer expected)`);
      return;
    }
    const rowAsOf = toDay(row.as_of);
    if (rowAsOf === undefined) {
      reject(`as_of is not a date: ${show(row.as_of)}`);
      return;
    }
    if (asOf !== undefined && rowAsOf !== asOf) {
      reject(`as_of ${String(row.as_of)} differs from the first row's (one summary has one as-of day)`);
      return;
    }
    const purchaseDays = toNumber(row.purchase_days);
    if (purchaseDays === undefined || !Number.isInteger(purchaseDays) || purchaseDays < 0) {
      reject(`purchase_days must be a whole number ≥ 0, got ${show(row.purchase_days)}`);
      return;
    }
    const count = (name: SummarySqlColumn): number | undefined => {
      const n = toNumber(row[name]);
      return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
    };
    if (purchaseDays === 0) {
      const rowCount = count('row_count');
      const returnAmount = toNumber(row.return_amount);
      if (rowCount === undefined || returnAmount === undefined) {
        reject(`a customer with only returns needs row_count and return_amount, got ${show(row.row_count)} and ${show(row.return_amount)}`);
        return;
      }
      if (!options.uniqueIds) seen.add(id);
      asOf = rowAsOf;
      excluded.push({
        id: asString(rawId),
        reason: `only returns (${rowCount === 1 ? '1 row' : `${rowCount} rows`}, \u2212${returnAmount.toFixed(2)}), no purchase to score`,
        rows: rowCount,
        returnAmount,
        firstLine: count('first_line') ?? 0,
      });
      return;
    }
    const firstDay = toDay(row.first_day);
    const lastDay = toDay(row.last_day);
    if (firstDay === undefined || lastDay === undefined || lastDay < firstDay || lastDay > rowAsOf) {
      reject(`first_day and last_day must be dates with first ≤ last ≤ as_of, got ${show(row.first_day)} and ${show(row.last_day)}`);
      return;
    }
    const numbers: Partial<Record<SummarySqlColumn, number>> = {};
    let problem: string | undefined;
    for (const name of ['transactions', 'frequency', 'returns'] as const) {
      const n = count(name);
      if (n === undefined) problem ??= `${name} must be a whole number ≥ 0, got ${show(row[name])}`;
      else numbers[name] = n;
    }
    for (const name of ['recency', 't', 'since_last', 'gross_revenue', 'return_amount', 'revenue', 'average_spend', 'monetary'] as const) {
      const n = toNumber(row[name]);
      if (n === undefined) problem ??= `${name} is not a number: ${show(row[name])}`;
      else numbers[name] = n;
    }
    if (problem === undefined && numbers.frequency !== purchaseDays - 1) problem = `frequency ${numbers.frequency} is not purchase_days − 1 (${purchaseDays - 1})`;
    if (problem !== undefined) {
      reject(problem);
      return;
    }
    if (!options.uniqueIds) seen.add(id);
    asOf = rowAsOf;
    const s: CustomerSummary = {
      id,
      firstDay,
      lastDay,
      transactions: numbers.transactions!,
      purchaseDays,
      frequency: numbers.frequency!,
      recency: numbers.recency!,
      T: numbers.t!,
      sinceLast: numbers.since_last!,
      grossRevenue: numbers.gross_revenue!,
      returnAmount: numbers.return_amount!,
      returns: numbers.returns!,
      revenue: numbers.revenue!,
      averageSpend: numbers.average_spend!,
      monetary: numbers.monetary!,
    };
    const cost = toNumber(row.cost);
    const profit = toNumber(row.profit);
    if (cost !== undefined && profit !== undefined) {
      s.cost = cost;
      s.profit = profit;
    }
    const quantity = toNumber(row.quantity);
    if (quantity !== undefined) s.quantity = quantity;
    let bytes: TextBytesOf | undefined;
    if (idBytes !== undefined) bytes = { id: idBytes };
    for (const key of ['email', 'company', 'name'] as const) {
      const v = row[key];
      if (v === null || v === undefined) continue;
      const t = trimmed(v);
      if (t.length === 0) continue;
      if (typeof t !== 'string' && store !== undefined) (bytes ??= {})[key] = t;
      else s[key] = asString(t);
    }
    if (store) store.push(s, rowAsOf, bytes);
    else summaries.push(s);
  }
  function finish(): SummarySqlRowsResult {
    summaries.sort(byId);
    excluded.sort(byId);
    return { summaries, table: store?.finish(), excluded, rejected, asOf };
  }
  return { add, finish };
}
