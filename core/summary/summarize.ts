import { CvError } from '../errors.ts';
import type { CustomerSummary, DayNumber, ExcludedCustomer, TimeUnit, Transaction } from '../types.ts';
import { unitDays } from './units.ts';
import { formatMessage, msg } from '../i18n/messages.ts';

/** How transactions become customer summaries. */
export interface SummaryOptions {
  /** Unit of recency, T and sinceLast (default 'week'; see {@link unitDays}). */
  unit?: TimeUnit;
  /**
   * The day the summary is taken. Rows after it are ignored and counted
   * (see {@link SummaryReport.afterAsOf}). Default: the latest day of any row.
   */
  asOf?: DayNumber;
  /** Margin rate (0..1) for rows that carry neither cost nor their own margin rate. */
  marginRate?: number;
}

/** What the builder saw besides the summaries. */
export interface SummaryReport {
  /** The as-of day used (undefined when no row was added). */
  asOf: DayNumber | undefined;
  /** Rows accepted (on or before as-of). */
  rows: number;
  /** Rows dated after the as-of day, ignored. */
  afterAsOf: number;
  /** Customers whose rows up to as-of are all returns: they have no summary (the length of `excluded`). */
  withoutPurchase: number;
  /**
   * Every customer seen (on or before as-of) without a summary, with the
   * reason, in id order; complete after finish, empty before.
   */
  excluded: ExcludedCustomer[];
  /** Customers with a summary. */
  customers: number;
}

/** Incremental summariser: memory grows with customers, not with rows. */
export interface SummaryBuilder {
  add(t: Transaction): void;
  /** Summaries sorted by id. Calling it again returns the same result. */
  finish(): CustomerSummary[];
  /** Counts so far (complete after finish). */
  report(): SummaryReport;
}

interface Acc {
  id: string;
  rows: number;
  firstLine: number;
  firstDay: number;
  firstDayGross: number;
  lastDay: number;
  /**
   * Distinct purchase days, kept only once a second distinct day appears:
   * a small array scanned linearly (cheaper than a Set for the typical
   * handful of days), promoted to a Set when it grows.
   */
  days: number[] | Set<number> | undefined;
  transactions: number;
  gross: number;
  returnAmount: number;
  returns: number;
  cost: number;
  costKnown: boolean;
  quantity: number;
  hasQuantity: boolean;
  email?: string;
  company?: string;
  name?: string;
}

const FN = 'summarize';
const SMALL_DAYS = 32;

function addDay(a: Acc, day: number): void {
  const d = a.days;
  if (d === undefined) return;
  if (Array.isArray(d)) {
    // Rows usually arrive in date order: the latest day is checked first.
    if (d[d.length - 1] === day || d.includes(day)) return;
    if (d.length < SMALL_DAYS) d.push(day);
    else a.days = new Set(d).add(day);
  } else {
    d.add(day);
  }
}

export function checkMargin(rate: number, where: string): void {
  if (!Number.isFinite(rate)) throw new CvError(FN, 'value', `${where}: margin rate is not a number`);
  if (rate < 0 || rate > 1) throw new CvError(FN, 'num', `${where}: margin rate ${rate} is outside 0..1`);
}

/** The options of a summary builder, checked: unit length in days, the as-of day if fixed, the margin for rows without cost. */
export function checkSummaryOptions(options: SummaryOptions): { unit: number; fixedAsOf: number | undefined; globalMargin: number | undefined } {
  const unit = unitDays(options.unit ?? 'week');
  const fixedAsOf = options.asOf;
  if (fixedAsOf !== undefined && !Number.isFinite(fixedAsOf)) {
    throw new CvError(FN, 'value', 'asOf is not a day number');
  }
  const globalMargin = options.marginRate;
  if (globalMargin !== undefined) checkMargin(globalMargin, 'options.marginRate');
  return { unit, fixedAsOf, globalMargin };
}

/** Cost of one row, or undefined when nothing tells it. */
export function rowCost(t: Transaction, globalMargin: number | undefined): number | undefined {
  if (t.cost !== undefined && Number.isFinite(t.cost)) return t.cost;
  if (t.marginRate !== undefined) {
    checkMargin(t.marginRate, `line ${t.line}`);
    return t.amount * (1 - t.marginRate);
  }
  if (globalMargin !== undefined) return t.amount * (1 - globalMargin);
  return undefined;
}

const byIdOrder = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * A customer whose rows are all negative: every row with amount ≥ 0 makes a
 * purchase day, so only such a customer lacks a first purchase.
 */
export function onlyReturns(a: Pick<Acc, 'id' | 'rows' | 'returnAmount' | 'firstLine'>): ExcludedCustomer {
  const m = msg('summary.onlyReturns', { rows: a.rows, amount: a.returnAmount.toFixed(2) });
  return {
    id: a.id,
    reason: formatMessage(m, 'en'),
    problems: [m],
    rows: a.rows,
    returnAmount: a.returnAmount,
    firstLine: a.firstLine,
  };
}

/**
 * Creates an incremental builder of {@link CustomerSummary} rows.
 *
 * Rules (decided once, documented here):
 * - A purchase day is a calendar day with at least one row of non-negative
 *   amount; same-day rows are merged. A zero-amount row (a free item, a
 *   fully discounted order) is a purchase: the published CDNOW summaries
 *   count such days (8 customers of the sample start with a $0.00 order), so
 *   counting only positive rows would lose customers. `transactions` counts
 *   positive rows only (as its type says). Rows with a negative amount are
 *   returns: counted and summed into `returnAmount`; they never create a
 *   purchase day.
 * - `frequency` = purchase days − 1; `recency` = lastDay − firstDay,
 *   `T` = asOf − firstDay, `sinceLast` = asOf − lastDay, all divided by the
 *   unit's length in days (day 1, week 7, month 365.25/12).
 * - `monetary` (Gamma-Gamma's z̄) = mean gross (positive-row) amount of the
 *   repeat purchase days: the first purchase day is excluded; 0 without repeats.
 * - Cost of a row: its `cost`; else amount × (1 − its `marginRate`); else
 *   amount × (1 − options.marginRate). A customer's cost (and profit) is
 *   known only when every non-zero row has a cost by one of these routes;
 *   a partial cost would overstate profit.
 * - A customer with only negative rows up to as-of has no summary; the
 *   report lists it in `excluded` with its rows, returns and first line (and
 *   counts it in `withoutPurchase`). A customer whose rows are all zero has a
 *   summary (one purchase day or more, revenue 0), so it stays in the analysis.
 *
 * @throws CvError('summarize', 'value') for a row whose day or amount is not
 *   finite, or an unknown unit; 'num' for a margin rate outside 0..1.
 * @example
 * const b = createSummaryBuilder({ unit: 'day' });
 * b.add({ customerId: 'a', day: 0, amount: 10, line: 1 });
 * b.add({ customerId: 'a', day: 7, amount: 20, line: 2 });
 * b.finish()[0].frequency // 1 (recency 7, monetary 20)
 */
export function createSummaryBuilder(options: SummaryOptions = {}): SummaryBuilder {
  const { unit, fixedAsOf, globalMargin } = checkSummaryOptions(options);

  const byId = new Map<string, Acc>();
  let maxDay = -Infinity;
  let rows = 0;
  let afterAsOf = 0;
  let finished: CustomerSummary[] | undefined;
  let excluded: ExcludedCustomer[] = [];

  function add(t: Transaction): void {
    const { day, amount } = t;
    if (!Number.isFinite(day)) throw new CvError(FN, 'value', `line ${t.line}: day is not a number`);
    if (!Number.isFinite(amount)) throw new CvError(FN, 'value', `line ${t.line}: amount is not a number`);
    if (fixedAsOf !== undefined && day > fixedAsOf) {
      afterAsOf++;
      return;
    }
    finished = undefined;
    rows++;
    if (day > maxDay) maxDay = day;
    let a = byId.get(t.customerId);
    if (a === undefined) {
      a = {
        id: t.customerId,
        rows: 0,
        firstLine: t.line,
        firstDay: Infinity,
        firstDayGross: 0,
        lastDay: -Infinity,
        days: undefined,
        transactions: 0,
        gross: 0,
        returnAmount: 0,
        returns: 0,
        cost: 0,
        costKnown: true,
        quantity: 0,
        hasQuantity: false,
      };
      byId.set(t.customerId, a);
    }
    a.rows++;
    if (t.line < a.firstLine) a.firstLine = t.line;
    if (amount >= 0) {
      if (amount > 0) a.transactions++;
      a.gross += amount;
      if (day < a.firstDay) {
        // A new earliest day: the old first day (if any) becomes a repeat day.
        if (a.firstDay !== Infinity && a.days === undefined) a.days = [a.firstDay];
        a.firstDay = day;
        a.firstDayGross = amount;
      } else if (day === a.firstDay) {
        a.firstDayGross += amount;
      } else if (a.days === undefined) {
        a.days = [a.firstDay];
      }
      if (a.days !== undefined) addDay(a, day);
      if (day > a.lastDay) a.lastDay = day;
    } else if (amount < 0) {
      a.returns++;
      a.returnAmount -= amount;
    }
    if (amount !== 0 || t.cost !== undefined || t.marginRate !== undefined) {
      const c = rowCost(t, globalMargin);
      if (c === undefined) a.costKnown = false;
      else a.cost += c;
    }
    if (t.quantity !== undefined && Number.isFinite(t.quantity)) {
      a.quantity += t.quantity;
      a.hasQuantity = true;
    }
    if (a.email === undefined && t.email) a.email = t.email;
    if (a.company === undefined && t.company) a.company = t.company;
    if (a.name === undefined && t.name) a.name = t.name;
  }

  function asOfDay(): number | undefined {
    if (fixedAsOf !== undefined) return fixedAsOf;
    return maxDay === -Infinity ? undefined : maxDay;
  }

  function finish(): CustomerSummary[] {
    if (finished !== undefined) return finished;
    const asOf = asOfDay() ?? 0;
    const out: CustomerSummary[] = [];
    excluded = [];
    for (const a of byId.values()) {
      if (a.firstDay === Infinity) {
        excluded.push(onlyReturns(a));
        continue;
      }
      const purchaseDays = a.days === undefined ? 1 : Array.isArray(a.days) ? a.days.length : a.days.size;
      const frequency = purchaseDays - 1;
      const revenue = a.gross - a.returnAmount;
      const s: CustomerSummary = {
        id: a.id,
        firstDay: a.firstDay,
        lastDay: a.lastDay,
        transactions: a.transactions,
        purchaseDays,
        frequency,
        recency: (a.lastDay - a.firstDay) / unit,
        T: (asOf - a.firstDay) / unit,
        sinceLast: (asOf - a.lastDay) / unit,
        grossRevenue: a.gross,
        returnAmount: a.returnAmount,
        returns: a.returns,
        revenue,
        averageSpend: revenue / purchaseDays,
        monetary: frequency > 0 ? (a.gross - a.firstDayGross) / frequency : 0,
      };
      if (a.costKnown) {
        s.cost = a.cost;
        s.profit = revenue - a.cost;
      }
      if (a.hasQuantity) s.quantity = a.quantity;
      if (a.email !== undefined) s.email = a.email;
      if (a.company !== undefined) s.company = a.company;
      if (a.name !== undefined) s.name = a.name;
      out.push(s);
    }
    out.sort(byIdOrder);
    excluded.sort(byIdOrder);
    finished = out;
    return out;
  }

  function report(): SummaryReport {
    return {
      asOf: asOfDay(),
      rows,
      afterAsOf,
      withoutPurchase: excluded.length,
      excluded: excluded.slice(),
      customers: byId.size - excluded.length,
    };
  }

  return { add, finish, report };
}

/**
 * Summarises transactions per customer; see {@link createSummaryBuilder} for
 * every rule. Accepts any iterable, so a reader's stream can be passed as is.
 *
 * @example
 * summarize([{ customerId: 'a', day: 0, amount: 5, line: 1 }], { unit: 'day' })[0].revenue // 5
 */
export function summarize(transactions: Iterable<Transaction>, options: SummaryOptions = {}): CustomerSummary[] {
  const b = createSummaryBuilder(options);
  for (const t of transactions) b.add(t);
  return b.finish();
}
