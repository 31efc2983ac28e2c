import { describe, expect, it } from 'vitest';
import { logBeta } from './log-beta.ts';

describe('logBeta', () => {
  it('is ln(1/12) at (2, 3) and symmetric', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(3.7, 0.2)).toBeCloseTo(logBeta(0.2, 3.7), 14);
  });
  it('is ln π at (½, ½)', () => {
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
  it('stays finite for large arguments (B(1000, 1000) underflows as a plain number)', () => {
    const v = logBeta(1000, 1000);
    expect(Number.isFinite(v)).toBe(true);
    // B(n, n) = 2^(1−2n) √π Γ(n)/Γ(n+½) ≈ 2^(1−2n) √(π/n) (1 + 1/(8n)), so within 1e-4 here.
    expect(v).toBeCloseTo(0.5 * Math.log(Math.PI / 1000) - 1999 * Math.LN2, 3);
  });
});
