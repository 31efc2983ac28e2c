import type { Tier } from '../../core/index.ts';

/**
 * One company as the extension keeps it: the aggregate of the imported
 * customers that share a company key (core's companyAggregates), shown on a
 * company or account page, on a company row, and for a person matched by
 * their e-mail's domain alone — never a single customer's score.
 */
export interface StoredCompany {
  /** Its first company key (sorted), e.g. `company:acme`. */
  id: string;
  /** Every company key of its customers (`domain:…`, `company:…`): the index a page entity is looked up in. */
  keys: string[];
  /** The company name its customers' rows give most often; absent when they give none. */
  name?: string;
  /** Its first domain, for a title when no name is known. */
  domain?: string;
  /** How many imported customers it has. */
  customers: number;
  /** Sum of its customers' values (what the tiers were cut on). */
  value: number;
  /** Sum of its customers' CLV, when every one of them has one. */
  clv?: number;
  /** Its tier among the companies, by the import's tier rule. */
  tier: Tier;
  /** Value-weighted mean churn risk of its customers whose risk is known; absent when none is. */
  churnRisk?: number;
  /** Customers at high churn risk. */
  highRisk: number;
  /** Customers whose churn risk is known. */
  riskKnown: number;
  /** The churn risk's horizon, in days, as on the customers' badges. */
  churnHorizonDays?: number;
}

/** What the content script gets back for a company match: the company, and which key matched. */
export interface CompanyScore {
  company: StoredCompany;
  /** The canonical key that hit, e.g. "domain:acme.com". */
  key: string;
}
