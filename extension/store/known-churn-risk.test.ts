import { describe, expect, it } from 'vitest';
import { knownChurnRisk } from './known-churn-risk.ts';
import type { StoredCustomer } from './stored-customer.ts';

describe('knownChurnRisk', () => {
  it('returns a churn risk in 0..1 as stored, the ends included', () => {
    expect(knownChurnRisk({ churnRisk: 0.82 })).toBe(0.82);
    expect(knownChurnRisk({ churnRisk: 0 })).toBe(0);
    expect(knownChurnRisk({ churnRisk: 1 })).toBe(1);
  });

  it('is unknown when the customer has no churn risk (a value list)', () => {
    const valueOnly: StoredCustomer = { id: 'A1', tier: 'VIP', value: 1_200_000, keys: ['email:jane@acme.com'], search: [] };
    expect('churnRisk' in valueOnly).toBe(false);
    expect(knownChurnRisk(valueOnly)).toBeUndefined();
  });

  it('is unknown, not a number, for NaN, infinities and values outside 0..1', () => {
    for (const churnRisk of [Number.NaN, Infinity, -Infinity, -0.1, 1.5]) expect(knownChurnRisk({ churnRisk }), String(churnRisk)).toBeUndefined();
  });
});
