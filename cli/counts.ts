/**
 * What the footer says about the rows: how many transactions the customers
 * were scored from, and what was left out and why, so the numbers add up to
 * the file.
 */
import { dayToIso, type DayNumber, type Lang } from '../core/index.ts';
import { groupedCount } from './grouped-number.ts';

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

const n = groupedCount;
const plural = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;

/**
 * "5,000 customers from 11,854 transactions; left out: 2,281 rows dated after the as-of day",
 * in Chinese "5,000 位客户，来自 11,854 笔交易；未计入：2,281 行日期晚于分析基准日".
 */
export function describeCounts(c: RowCounts, lang: Lang = 'en'): string {
  const used = c.accepted - c.afterAsOf - c.excludedRows;
  const zh = lang === 'zh';
  const left: string[] = [];
  if (c.rejected > 0) left.push(zh ? `${n(c.rejected)} 行无法读取（见上方列表）` : `${plural(c.rejected, 'row')} that could not be read (listed above)`);
  if (c.afterAsOf > 0) left.push(zh ? `${n(c.afterAsOf)} 行日期晚于分析基准日` : `${plural(c.afterAsOf, 'row')} dated after the as-of day`);
  if (c.excludedCustomers > 0) {
    left.push(
      zh
        ? `${n(c.excludedCustomers)} 位只有退货的客户的 ${n(c.excludedRows)} 行（没有可评分的购买）`
        : `${plural(c.excludedRows, 'row')} of ${plural(c.excludedCustomers, 'customer')} with only returns (nothing to score)`,
    );
  }
  if (zh) return `${n(c.customers)} 位客户，来自 ${n(used)} 笔交易` + (left.length > 0 ? `；未计入：${left.join('，')}` : '');
  return `${plural(c.customers, 'customer')} from ${plural(used, 'transaction')}` + (left.length > 0 ? `; left out: ${left.join(', ')}` : '');
}

/** How long after the last transaction an as-of date becomes suspicious. */
const FAR_PAST_DAYS = 365;

/**
 * A warning when --as-of is more than a year after the last transaction:
 * every customer then looks lapsed, which is more often a typo in the year
 * than an intended analysis.
 */
export function asOfWarning(asOf: DayNumber | undefined, lastDay: DayNumber | undefined, lang: Lang = 'en'): string | undefined {
  if (asOf === undefined || lastDay === undefined || asOf - lastDay <= FAR_PAST_DAYS) return undefined;
  const years = (asOf - lastDay) / 365.25;
  if (lang === 'zh') {
    return `--as-of ${dayToIso(asOf)} 比最后一笔交易（${dayToIso(lastDay)}）晚 ${years.toFixed(1)} 年，所有客户看起来都早已流失；请检查日期。`;
  }
  return (
    `--as-of ${dayToIso(asOf)} is ${years.toFixed(1)} years after the last transaction (${dayToIso(lastDay)}), ` +
    'so every customer looks long gone; check the date.'
  );
}
