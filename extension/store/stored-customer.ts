import type { LifecycleStage, MatrixCell, RfmSegment, Tier } from '../../core/index.ts';

/**
 * One imported customer as the extension keeps it in IndexedDB: the scores a
 * badge shows, the identities a CRM page can be matched on, and the keys that
 * index them.
 *
 * `keys` are canonical lookup keys (`email:jane@acme.com`, `company:acme`,
 * `domain:acme.com`, `crm:sf:…`) from extension/match; a page entity is found
 * by one hit on the multiEntry index over them. `search` holds lower-case
 * words of name, e-mail and company for the popup's prefix search.
 */
export interface StoredCustomer {
  id: string;
  name?: string;
  email?: string;
  company?: string;
  domain?: string;
  crmIds?: string[];
  tier: Tier;
  /**
   * 0..1, 1 = certainly churned. Absent = unknown: the import had no purchase
   * history to estimate it from (a value list). Never stored as 0 or NaN in
   * its place; read it through knownChurnRisk.
   */
  churnRisk?: number;
  /** The churn risk is the probability of no purchase in this many days after the import's as-of date. */
  churnHorizonDays?: number;
  clv?: number;
  /** The value the tiers were cut on (revenue, profit or CLV). */
  value?: number;
  /** e.g. "545" (R, F, M scores). */
  rfmCell?: string;
  rfmSegment?: RfmSegment;
  stage?: LifecycleStage;
  matrix?: MatrixCell;
  keys: string[];
  search?: string[];
}

/** What the content script gets back for one entity: that customer, and which key matched. */
export interface EntityScore {
  customer: StoredCustomer;
  /** The canonical key that hit, e.g. "email:jane@acme.com". */
  key: string;
}
