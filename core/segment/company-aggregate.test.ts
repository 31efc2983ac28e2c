import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { assignTiers } from '../tiers/assign.ts';
import { companyAggregates, type CompanyMember } from './company-aggregate.ts';

const m = (companyKeys: string[], value: number, churnRisk?: number): CompanyMember => ({ companyKeys, value, ...(churnRisk === undefined ? {} : { churnRisk }) });

describe('companyAggregates', () => {
  it('sums a company up: value, tier among companies, value-weighted churn and the count at high risk (worked by hand)', () => {
    const out = companyAggregates([m(['domain:acme.com'], 300, 0.1), m(['domain:acme.com', 'company:acme'], 100, 0.9), m(['company:initech'], 50)], { method: 'contribution' });
    // Company values 400 and 50, mean 225: contributions 1.78 (Ordinary, in (1, 2]) and 0.22 (Small).
    // Churn: (300 · 0.1 + 100 · 0.9) / 400 = 0.3; one of two at high risk (0.9 ≥ 0.7).
    expect(out).toEqual([
      { keys: ['company:acme', 'domain:acme.com'], members: [0, 1], value: 400, tier: 'Ordinary', churnRisk: 0.3, highRisk: 1, riskKnown: 2 },
      { keys: ['company:initech'], members: [2], value: 50, tier: 'Small', highRisk: 0, riskKnown: 0 },
    ]);
  });

  it('joins customers linked only through a third one into one company', () => {
    // A by domain, C by name, B has both: one company of three.
    const out = companyAggregates([m(['domain:acme.com'], 1), m(['company:other'], 1), m(['company:acme'], 1), m(['company:acme', 'domain:acme.com'], 1)], { method: 'contribution' });
    expect(out.map((c) => c.members)).toEqual([[0, 2, 3], [1]]);
    expect(out[0].keys).toEqual(['company:acme', 'domain:acme.com']);
  });

  it('leaves out customers without a company key', () => {
    expect(companyAggregates([m([], 500), m(['domain:a.com'], 5)], { method: 'contribution' }).map((c) => c.members)).toEqual([[1]]);
    expect(companyAggregates([], { method: 'pareto' })).toEqual([]);
  });

  it('tiers companies with the same rule as customers, on the companies’ sums', () => {
    // The seed's table 4-2 cuts (contribution > 4 VIP): ten companies, one with 19 of 28 units.
    const members = [m(['company:big'], 10), m(['company:big'], 9), ...Array.from({ length: 9 }, (_, i) => m([`company:c${i}`], 1))];
    const out = companyAggregates(members, { method: 'contribution' });
    expect(out[0]).toMatchObject({ value: 19, tier: 'VIP' });
    expect(out.slice(1).every((c) => c.tier === 'Small')).toBe(true);
    // Whatever the rule, the tiers are assignTiers' on the sums.
    for (const rule of [{ method: 'pareto' }, { method: 'quantile' }, { method: 'fixed', thresholds: [15, 5, 1] }] as const) {
      const got = companyAggregates(members, rule);
      expect(got.map((c) => c.tier)).toEqual(assignTiers(got.map((c) => c.value), rule).tiers);
    }
  });

  it('falls back to the plain mean risk when no positive value carries a known risk', () => {
    const out = companyAggregates([m(['d:x'], 0, 0.2), m(['d:x'], -5, 0.8), m(['d:x'], 40)], { method: 'contribution' });
    expect(out[0].churnRisk).toBeCloseTo(0.5, 15);
    expect(out[0]).toMatchObject({ riskKnown: 2, highRisk: 1, value: 35 });
  });

  it('rejects a non-finite value and a churn risk outside 0..1, naming the customer', () => {
    expect(() => companyAggregates([m(['d:x'], Number.NaN)], { method: 'contribution' })).toThrow(new CvError('companyAggregates', 'value', 'customer #1: value is not a finite number'));
    expect(() => companyAggregates([m(['d:x'], 1), m(['d:x'], 1, 1.5)], { method: 'contribution' })).toThrow(/customer #2: churn risk 1.5/);
  });

  it('puts every keyed customer in exactly one company, whose value is its members’ sum (property)', () => {
    const member = fc.record({
      companyKeys: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 3 }),
      value: fc.integer({ min: 0, max: 1000 }),
      churnRisk: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 40 }), (ms) => {
        const out = companyAggregates(ms, { method: 'contribution' });
        const seen = out.flatMap((c) => c.members).sort((x, y) => x - y);
        expect(seen).toEqual(ms.flatMap((x, i) => (x.companyKeys.length ? [i] : [])));
        for (const c of out) {
          expect(c.value).toBe(c.members.reduce((s, i) => s + ms[i].value, 0));
          // No key in two companies.
          for (const other of out) if (other !== c) expect(other.keys.some((k) => c.keys.includes(k))).toBe(false);
          if (c.churnRisk !== undefined) expect(c.churnRisk).toBeGreaterThanOrEqual(0);
          if (c.churnRisk !== undefined) expect(c.churnRisk).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
