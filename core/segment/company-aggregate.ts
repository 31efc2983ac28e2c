import { churnLevel } from '../churn/level.ts';
import { CvError } from '../errors.ts';
import { assignTiers } from '../tiers/assign.ts';
import type { TierRule } from '../tiers/rule.ts';
import type { Tier } from '../types.ts';

/** One customer as far as its company's aggregate needs it. */
export interface CompanyMember {
  /**
   * The keys naming the customer's company, already canonical (e.g.
   * `domain:acme.com`, `company:acme`); customers sharing any key are one
   * company. Empty: the customer belongs to no company and is left out.
   */
  companyKeys: readonly string[];
  /** The value the customers were tiered on (revenue, profit or CLV). */
  value: number;
  /** 0..1; undefined when the import could not estimate it (a value list). */
  churnRisk?: number;
}

/** A company: the customers that share a company key, summed up. */
export interface CompanyAggregate {
  /** Every company key of its customers, sorted. */
  keys: string[];
  /** Indexes of its customers in the input, ascending. */
  members: number[];
  /** Sum of the customers' values. */
  value: number;
  /** Its tier among the companies, by the rule the customers were tiered with, on `value`. */
  tier: Tier;
  /**
   * Value-weighted mean churn risk of the customers whose risk is known:
   * the expected share of the company's value held by customers who will
   * not buy again. Undefined when no customer's risk is known.
   */
  churnRisk?: number;
  /** Customers whose churn risk is high (core's churnLevel). */
  highRisk: number;
  /** Customers whose churn risk is known. */
  riskKnown: number;
}

/**
 * Groups customers into companies and sums each up, for the badge a company
 * or account page shows (issue 13: never one contact's tier in its place).
 *
 * A company is a connected group of customers: two customers are in one
 * company when they share a company key, directly or through others (a
 * customer with `domain:acme.com` and `company:acme` joins the one known by
 * the domain to the one known by the name). Its value is the sum of its
 * customers' values; its tier is its place among the companies under the
 * same rule the customers were tiered by (assignTiers on the companies'
 * sums), so "VIP" means the same rule here as on a person's badge, applied
 * to companies. Churn is summed up two ways: the value-weighted mean risk
 * (weights are the values, negatives counted as 0; the plain mean when no
 * positive value carries a known risk) and the number of customers at high
 * risk — a company that is 90 % one big healthy account and ten lapsed small
 * ones reads "low risk, 10 at high risk", not an average that hides either.
 *
 * Companies come in the order of their first customer in the input.
 *
 * @throws CvError('companyAggregates', 'value') for a non-finite value, or a
 *   churn risk that is given but not within 0..1; the rule's errors from assignTiers.
 * @example
 * companyAggregates([
 *   { companyKeys: ['domain:acme.com'], value: 300, churnRisk: 0.1 },
 *   { companyKeys: ['domain:acme.com', 'company:acme'], value: 100, churnRisk: 0.9 },
 *   { companyKeys: ['company:initech'], value: 50 },
 * ], { method: 'contribution' })[0]
 * // { keys: ['company:acme', 'domain:acme.com'], members: [0, 1], value: 400, tier: 'Ordinary', churnRisk: 0.3, highRisk: 1, riskKnown: 2 }
 */
export function companyAggregates(members: readonly CompanyMember[], rule: TierRule): CompanyAggregate[] {
  const fn = 'companyAggregates';
  const n = members.length;
  // Union-find over customers; each key remembers the first customer that had it.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const holder = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const m = members[i];
    if (!Number.isFinite(m.value)) throw new CvError(fn, 'value', `customer #${i + 1}: value is not a finite number`);
    const r = m.churnRisk;
    if (r !== undefined && !(r >= 0 && r <= 1)) throw new CvError(fn, 'value', `customer #${i + 1}: churn risk ${r} is not within 0..1`);
    for (const key of m.companyKeys) {
      const other = holder.get(key);
      if (other === undefined) holder.set(key, i);
      else {
        // The smaller root wins: a company's root is its first customer.
        const a = find(other);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }

  // Groups in the order of their first customer (their root, the smallest index).
  const groupOf = new Int32Array(n).fill(-1);
  const groups: { keys: string[]; members: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    if (members[i].companyKeys.length === 0) continue;
    const root = find(i);
    if (groupOf[root] < 0) {
      groupOf[root] = groups.length;
      groups.push({ keys: [], members: [] });
    }
    groups[groupOf[root]].members.push(i);
  }
  // Each key once, in the group of the customer that first had it.
  for (const [key, i] of holder) groups[groupOf[find(i)]].keys.push(key);

  const values = groups.map((g) => g.members.reduce((sum, i) => sum + members[i].value, 0));
  const tiers = groups.length ? assignTiers(values, rule).tiers : [];
  return groups.map((g, k) => {
    let weighted = 0;
    let weight = 0;
    let plain = 0;
    let riskKnown = 0;
    let highRisk = 0;
    for (const i of g.members) {
      const { churnRisk: r, value } = members[i];
      if (r === undefined) continue;
      riskKnown++;
      plain += r;
      const w = Math.max(0, value);
      weighted += w * r;
      weight += w;
      if (churnLevel(r) === 'high') highRisk++;
    }
    const out: CompanyAggregate = { keys: g.keys.sort(), members: g.members, value: values[k], tier: tiers[k], highRisk, riskKnown };
    if (riskKnown > 0) out.churnRisk = weight > 0 ? weighted / weight : plain / riskKnown;
    return out;
  });
}
