import { companyAggregates, type CompanyMember, type TierRule } from '../../core/index.ts';
import { customerIndexKeys } from '../match/keys.ts';
import { knownChurnRisk } from './known-churn-risk.ts';
import type { StoredCompany } from './stored-company.ts';
import type { StoredCustomer } from './stored-customer.ts';

/** Key kinds that name a company rather than a person or a record. */
const COMPANY_KEY = /^(?:domain|company):/;

/**
 * The companies of an import, for the company store: the customers grouped
 * by their company keys (domain and company name, canonical) and summed up by
 * core's companyAggregates with the import's tier rule. Customers with
 * neither a company nor a non-free-mail domain belong to no company.
 *
 * @param tierMethod  the import's tier method; a scored export's rule is not
 *   in the file, so core's default (contribution) stands in for it
 * @example
 * companyRecords([{ id: 'A', tier: 'VIP', value: 10, email: 'a@acme.com', keys: ['email:a@acme.com', 'domain:acme.com'], search: [] }], 'contribution')
 * // [{ id: 'domain:acme.com', keys: ['domain:acme.com'], domain: 'acme.com', customers: 1, value: 10, tier: 'Small', highRisk: 0, riskKnown: 0 }]
 */
export function companyRecords(customers: readonly StoredCustomer[], tierMethod?: string): StoredCompany[] {
  const rule: TierRule = tierMethod === 'pareto' || tierMethod === 'quantile' ? { method: tierMethod } : { method: 'contribution' };
  const members: CompanyMember[] = customers.map((c) => ({
    companyKeys: customerCompanyKeys(c),
    value: Number.isFinite(c.value) ? c.value! : Number.isFinite(c.clv) ? c.clv! : 0,
    churnRisk: knownChurnRisk(c),
  }));
  return companyAggregates(members, rule).map((agg) => {
    const names = new Map<string, number>();
    let clv = 0;
    let clvKnown = true;
    let horizon: number | undefined;
    for (const i of agg.members) {
      const c = customers[i];
      if (c.company) names.set(c.company, (names.get(c.company) ?? 0) + 1);
      if (Number.isFinite(c.clv)) clv += c.clv!;
      else clvKnown = false;
      horizon ??= c.churnHorizonDays;
    }
    let name: string | undefined;
    let most = 0;
    for (const [n, count] of names) if (count > most) [name, most] = [n, count];
    const domainKey = agg.keys.find((k) => k.startsWith('domain:'));
    const out: StoredCompany = { id: agg.keys[0], keys: agg.keys, customers: agg.members.length, value: agg.value, tier: agg.tier, highRisk: agg.highRisk, riskKnown: agg.riskKnown };
    if (name !== undefined) out.name = name;
    if (domainKey) out.domain = domainKey.slice('domain:'.length);
    if (clvKnown) out.clv = clv;
    if (agg.churnRisk !== undefined) out.churnRisk = agg.churnRisk;
    if (horizon !== undefined && agg.churnRisk !== undefined) out.churnHorizonDays = horizon;
    return out;
  });
}

/** A customer's company keys: from its stored index keys, or worked out from its identity when a record carries none. */
export function customerCompanyKeys(c: StoredCustomer): string[] {
  const keys = Array.isArray(c.keys) ? c.keys : customerIndexKeys(c);
  const out: string[] = [];
  // startsWith, not the regular expression: this runs once per imported customer.
  for (const k of keys) if (k.startsWith('domain:') || k.startsWith('company:')) out.push(k);
  return out;
}

/** Whether a canonical lookup key names a company (domain or company name), not a person or a record. */
export function isCompanyKey(key: string): boolean {
  return COMPANY_KEY.test(key);
}
