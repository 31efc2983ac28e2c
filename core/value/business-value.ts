import { CvError } from '../errors.ts';

/**
 * Customer business value (seed 001): what the customer brings in minus what
 * the company spends to win, develop and keep them: revenue − cost.
 * Either may be any finite number; a negative result is a loss-making customer.
 *
 * @throws CvError('businessValue', 'value') when an input is not a finite number.
 * @example businessValue(1200, 700) // 500
 */
export function businessValue(revenue: number, cost: number): number {
  if (!Number.isFinite(revenue) || !Number.isFinite(cost)) {
    throw new CvError('businessValue', 'value', 'revenue and cost must be finite numbers');
  }
  return revenue - cost;
}
