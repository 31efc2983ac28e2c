import { CvError } from '../errors.ts';
import type { TimeUnit } from '../types.ts';

/**
 * Length of one time unit in days: a day is 1, a week 7, a month the mean
 * Gregorian month 365.25 / 12 = 30.4375 days (so 12 months are one mean year,
 * and month figures do not depend on which months the data spans).
 *
 * @throws CvError('unitDays', 'value') for an unknown unit.
 * @example unitDays('week') // 7
 */
export function unitDays(unit: TimeUnit): number {
  switch (unit) {
    case 'day':
      return 1;
    case 'week':
      return 7;
    case 'month':
      return 365.25 / 12;
    default:
      throw new CvError('unitDays', 'value', `unknown time unit "${String(unit)}" (day, week or month)`);
  }
}
