import { CvError } from '../errors.ts';

/**
 * Customer equity (seed 003): the sum of all customers' lifetime values.
 * An empty list has equity 0.
 *
 * @throws CvError('customerEquity', 'value') when a value is not a finite number.
 * @example customerEquity([100, 250.5, -20]) // 330.5
 */
export function customerEquity(clvs: Iterable<number>): number {
  let sum = 0;
  let i = 0;
  for (const v of clvs) {
    if (!Number.isFinite(v)) throw new CvError('customerEquity', 'value', `value #${i + 1} is not a finite number`);
    sum += v;
    i++;
  }
  return sum;
}
