import { describe, expect, it } from 'vitest';
import { log1mExp, logAddExp, logDiffExp, logSumExp } from './log-sum-exp.ts';

describe('logAddExp', () => {
  it('does not overflow for large arguments', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
  });
  it('treats −Infinity as a zero term', () => {
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
  it('agrees with the naive formula in range', () => {
    expect(logAddExp(Math.log(2), Math.log(5))).toBeCloseTo(Math.log(7), 15);
  });
});

describe('logSumExp', () => {
  it('is ln n for n zeros and −Infinity for none', () => {
    expect(logSumExp([0, 0, 0, 0])).toBeCloseTo(Math.log(4), 15);
    expect(logSumExp([])).toBe(-Infinity);
  });
  it('handles terms 1e4 apart', () => {
    expect(logSumExp([-10000, 0])).toBe(0);
    expect(logSumExp([-1000, -1001])).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
  });
});

describe('log1mExp and logDiffExp', () => {
  it('are accurate near 0 and far below', () => {
    expect(log1mExp(-1e-20)).toBeCloseTo(Math.log(1e-20), 12);
    expect(log1mExp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(log1mExp(0)).toBe(-Infinity);
    expect(log1mExp(1)).toBeNaN();
  });
  it('computes ln(e^a − e^b)', () => {
    expect(logDiffExp(Math.log(3), Math.log(1))).toBeCloseTo(Math.log(2), 15);
    expect(logDiffExp(5, 5)).toBe(-Infinity);
    expect(logDiffExp(700, -Infinity)).toBe(700);
  });
});
