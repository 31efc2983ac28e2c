/**
 * What the footer says about the rows: how many transactions the customers
 * were scored from, and what was left out and why, so the numbers add up to
 * the file.
 */
import { dayToIso, type DayNumber } from '../core/index.ts';

export interface RowCounts {
  customers: number;
  /** Rows the reader accepted. */
  accepted: number;
  /** Rows the reader could not use (listed on stderr). */
  rejected: number;
  /** Accepted rows dated after --as-of. */
  afterAsOf: number;
  /** Customers whose rows are all returns, and how many rows they had. */
  excludedCustomers: number;
  excludedRows: number;
}

const n = (x: number): string => x.toLocaleString('en');
const plural = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;

/** "5,000 customers from 11,854 transactions; left out: 2,281 rows dated after the as-of day" */
export function describeCounts(c: RowCounts): string {
  const used = c.accepted - c.afterAsOf - c.excludedRows;
  const left: string[] = [];
  if (c.rejected > 0) left.push(`${plural(c.rejected, 'row')} that could not be read (listed above)`);
  if (c.afterAsOf > 0) left.push(`${plural(c.afterAsOf, 'row')} dated after the as-of day`);
  if (c.excludedCustomers > 0) {
    left.push(`${plural(c.excludedRows, 'row')} of ${plural(c.excludedCustomers, 'customer')} with only returns (nothing to score)`);
  }
  return `${plural(c.customers, 'customer')} from ${plural(used, 'transaction')}` + (left.length > 0 ? `; left out: ${left.join(', ')}` : '');
}

/** How long after the last transaction an as-of date becomes suspicious. */
const FAR_PAST_DAYS = 365;

/**
 * A warning when --as-of is more than a year after the last transaction:
 * every customer then looks lapsed, which is more often a typo in the year
 * than an intended analysis.
 */
export function asOfWarning(asOf: DayNumber | undefined, lastDay: DayNumber | undefined): string | undefined {
  if (asOf === undefined || lastDay === undefined || asOf - lastDay <= FAR_PAST_DAYS) return undefined;
  const years = (asOf - lastDay) / 365.25;
  return (
    `--as-of ${dayToIso(asOf)} is ${years.toFixed(1)} years after the last transaction (${dayToIso(lastDay)}), ` +
    'so every customer looks long gone; check the date.'
  );
}
