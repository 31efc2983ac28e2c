import { describe, expect, it } from 'vitest';
import type { Transaction } from '../types.ts';
import { createCalibrationSplit } from './calibration-split.ts';

const tx = (customerId: string, day: number, amount: number, line: number): Transaction => ({ customerId, day, amount, line });

describe('createCalibrationSplit: customers without a calibration purchase', () => {
  it('lists a customer with only returns in the calibration period, and counts its later purchase as new', () => {
    const split = createCalibrationSplit({ calibrationEnd: 10, unit: 'day' });
    [tx('a', 1, 10, 2), tx('a', 12, 5, 3), tx('r', 3, -7, 4), tx('r', 14, 9, 5), tx('q', 4, -1, 6)].forEach((t) => split.add(t));
    const data = split.finish();
    expect(data.calibration.map((c) => c.id)).toEqual(['a']);
    expect(data.holdoutPurchases.get('a')).toBe(1);
    expect(data.newInHoldout).toBe(1);
    expect(data.excluded.map((e) => [e.id, e.rows, e.returnAmount, e.firstLine])).toEqual([
      ['q', 1, 1, 6],
      ['r', 1, 7, 4],
    ]);
    expect(data.excluded[1].reason).toMatch(/only returns/);
  });
});
