import type { CustomerSummary } from '../types.ts';

/**
 * Value trend of a customer from the summary alone: the mean spend of the
 * repeat purchase days relative to the first purchase day,
 *   trend = monetary / firstDaySpend − 1,
 * where firstDaySpend = grossRevenue − monetary · frequency. Positive when the
 * customer now spends more per visit than at the start. Undefined without
 * repeat purchases or when the first day's spend is not positive.
 *
 * @example valueTrend({ grossRevenue: 50, monetary: 20, frequency: 2 }) // 1 (first day 10, repeat days 20)
 */
export function valueTrend(s: Pick<CustomerSummary, 'grossRevenue' | 'monetary' | 'frequency'>): number | undefined {
  const trend = valueTrendOf(s.grossRevenue, s.monetary, s.frequency);
  return Number.isNaN(trend) ? undefined : trend;
}

/**
 * Internal (not re-exported from core): {@link valueTrend} of one customer's
 * numbers, NaN where it is undefined; the segment table reads them from its
 * columns without an object per customer.
 *
 * @example valueTrendOf(50, 20, 2) // 1
 */
export function valueTrendOf(grossRevenue: number, monetary: number, frequency: number): number {
  if (frequency <= 0) return Number.NaN;
  const first = grossRevenue - monetary * frequency;
  // Below a cent of a 1e-9 relative error the first day is treated as zero.
  if (!(first > 1e-9 * Math.max(1, grossRevenue))) return Number.NaN;
  return monetary / first - 1;
}
