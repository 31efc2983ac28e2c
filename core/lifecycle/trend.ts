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
  if (s.frequency <= 0) return undefined;
  const first = s.grossRevenue - s.monetary * s.frequency;
  // Below a cent of a 1e-9 relative error the first day is treated as zero.
  if (!(first > 1e-9 * Math.max(1, s.grossRevenue))) return undefined;
  return s.monetary / first - 1;
}
