import { describe, expect, it } from 'vitest';
import { companyRecords } from './company-records.ts';
import { stored } from '../options/import-job.ts';

// Stored rows as an import writes them (keys from the e-mail's domain, the domain column and the company name).
const rows = [
  stored({ id: 'A', name: 'Jane', email: 'jane@acme.com', company: 'Acme, Inc.', tier: 'VIP', churnRisk: 0.1, clv: 500, value: 300 }),
  stored({ id: 'B', name: 'Bob', email: 'bob@acme.com', tier: 'Major', churnRisk: 0.9, clv: 50, value: 100 }),
  stored({ id: 'C', name: 'Carl', company: 'ACME Inc', tier: 'Small', churnRisk: 0.5, clv: 10, value: 20, churnHorizonDays: 365 }),
  stored({ id: 'D', name: 'Dora', email: 'dora@gmail.com', tier: 'Small', churnRisk: 0.2, value: 5 }),
  stored({ id: 'E', name: 'Eve', company: 'Initech', tier: 'Small', value: 30 }),
];

describe('companyRecords', () => {
  it('groups customers by domain and company name into companies, summed and tiered among companies', () => {
    const out = companyRecords(rows, 'contribution');
    // Acme: Jane (domain + name), Bob (domain), Carl (name "ACME Inc" → company:acme). Dora's free mail is no company.
    expect(out.map((c) => [c.id, c.customers, c.value])).toEqual([['company:acme', 3, 420], ['company:initech', 1, 30]]);
    const acme = out[0];
    expect(acme).toMatchObject({ keys: ['company:acme', 'domain:acme.com'], name: 'Acme, Inc.', domain: 'acme.com', clv: 560, highRisk: 1, riskKnown: 3, churnHorizonDays: 365 });
    // (300 · 0.1 + 100 · 0.9 + 20 · 0.5) / 420
    expect(acme.churnRisk).toBeCloseTo(130 / 420, 12);
    // Two companies, mean 225: Acme 420/225 = 1.87 → Ordinary; Initech 0.13 → Small. Jane alone is VIP among people.
    expect(out.map((c) => c.tier)).toEqual(['Ordinary', 'Small']);
    // Initech: no churn risk known, no CLV known.
    expect(out[1]).toEqual({ id: 'company:initech', keys: ['company:initech'], name: 'Initech', customers: 1, value: 30, tier: 'Small', highRisk: 0, riskKnown: 0 });
  });

  it('uses the import’s tier method, and core’s default for a scored export', () => {
    const many = Array.from({ length: 20 }, (_, i) => stored({ id: `X${i}`, company: `Firm ${i}`, tier: 'Small', value: i + 1 }));
    const quantile = companyRecords(many, 'quantile');
    // Top 5 % of 20 companies: one VIP (the largest, Firm 19).
    expect(quantile.filter((c) => c.tier === 'VIP').map((c) => c.name)).toEqual(['Firm 19']);
    expect(companyRecords(many, undefined).map((c) => c.tier)).toEqual(companyRecords(many, 'contribution').map((c) => c.tier));
  });
});
