import { describe, expect, it } from 'vitest';
import { makeIdentity } from './identities.ts';
import { createRng } from './prng.ts';

describe('makeIdentity', () => {
  const rng = createRng(99);
  const people = Array.from({ length: 2000 }, (_, i) => makeIdentity(rng, i + 1));
  it('gives well-formed e-mail addresses', () => {
    for (const p of people) expect(p.email).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z0-9-]+(\.[a-z]+)+$/);
  });
  it('mixes business customers (company, company domain) and private ones (free-mail, no company)', () => {
    const business = people.filter((p) => p.company !== undefined);
    expect(business.length / people.length).toBeGreaterThan(0.45);
    expect(business.length / people.length).toBeLessThan(0.75);
    for (const p of people.filter((q) => q.company === undefined)) {
      expect(p.email).toMatch(/@(gmail\.com|outlook\.com|yahoo\.com|proton\.me|qq\.com|163\.com|gmx\.de)$/);
    }
  });
  it('uses legal suffixes, including Chinese 有限公司 names', () => {
    const companies = people.flatMap((p) => (p.company ? [p.company] : []));
    for (const suffix of ['Inc', 'Ltd', 'GmbH', 'LLC', '有限公司']) {
      expect(companies.some((c) => c.endsWith(suffix))).toBe(true);
    }
  });
  it('makes free-mail addresses unique through the customer number', () => {
    const free = people.filter((p) => p.company === undefined).map((p) => p.email);
    expect(new Set(free).size).toBe(free.length);
  });
});
