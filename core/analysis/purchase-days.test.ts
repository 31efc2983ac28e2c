import { describe, expect, it } from 'vitest';
import type { Transaction } from '../types.ts';
import { createPurchaseDays } from './purchase-days.ts';

let line = 0;
const tx = (customerId: string, day: number, amount: number): Transaction => ({ customerId, day, amount, line: ++line });

describe('createPurchaseDays', () => {
  it('splits at a date chosen after reading: calibration histories and holdout purchase days', () => {
    const d = createPurchaseDays();
    // A: days 0, 7, 7 (same day twice), 14 | 21, 28; B: only after the split; C: a return only; D: day 10 | nothing.
    for (const t of [tx('A', 0, 5), tx('A', 7, 5), tx('A', 7, 1), tx('A', 14, 5), tx('A', 21, 5), tx('A', 28, 5), tx('A', 40, 5), tx('B', 20, 9), tx('C', 3, -4), tx('D', 10, 0)]) d.add(t);
    expect(d.firstDay()).toBe(0);
    const s = d.split(14, 35, 7);
    expect(s.ids).toEqual(['A', 'D']);
    expect(s.x).toEqual([2, 0]);
    expect(s.t_x).toEqual([2, 0]);
    expect(s.T).toEqual([2, 4 / 7]);
    // A's day 40 is after the as-of day 35.
    expect(s.holdout).toEqual([2, 0]);
  });

  it('counts a second window in the same pass: the holdout a split to that window gives', () => {
    const d = createPurchaseDays();
    for (const t of [tx('A', 0, 5), tx('A', 7, 5), tx('A', 14, 5), tx('A', 21, 5), tx('A', 28, 5), tx('A', 28, 2), tx('A', 40, 5), tx('B', 20, 9), tx('D', 10, 0), tx('D', 22, 3)]) d.add(t);
    const both = d.split(14, 35, 7, undefined, 22);
    const alone = d.split(14, 35, 7, 22);
    expect(both.holdout).toEqual([2, 1]);
    expect(both.within).toEqual({ end: 22, holdout: alone.holdout });
    expect(alone.holdout).toEqual([1, 1]);
    expect(both.x).toEqual(alone.x);
    expect(d.split(14, 35, 7).within).toBeUndefined();
    // A second window past the as-of day counts up to the as-of day only.
    expect(d.split(14, 35, 7, undefined, 99).within?.holdout).toEqual([2, 1]);
  });

  it('floors T at one day for a customer first seen on the calibration end', () => {
    const d = createPurchaseDays();
    d.add(tx('A', 5, 1));
    expect(d.split(5, 10, 7).T).toEqual([1 / 7]);
  });

  it('grows past its first buffer', () => {
    const d = createPurchaseDays();
    for (let i = 0; i < 5000; i++) d.add(tx(`c${i % 100}`, i % 365, 1));
    const s = d.split(182, 364, 1);
    expect(s.ids).toHaveLength(100);
    expect(Array.from(s.x).reduce((a, b) => a + b, 0) + 100 + Array.from(s.holdout).reduce((a, b) => a + b, 0)).toBe(5000);
  });
});
