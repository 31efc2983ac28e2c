import { churnLevel } from '../../../core/index.ts';
import type { StoredCustomer } from '../../../extension/store/stored-customer.ts';

/**
 * The English churn text a badge must show for an oracle customer from a
 * scored import (transactions, customer table): "churn high (82%)". Throws
 * when the oracle has no churn risk — a scored import always computes one, so
 * a missing value is a bug to report, not "churn unknown" to expect.
 *
 * @example scoredChurnText({ churnRisk: 0.82 }) // "churn high (82%)"
 */
export function scoredChurnText(c: Pick<StoredCustomer, 'id' | 'churnRisk'>): string {
  if (c.churnRisk === undefined) throw new Error(`oracle customer ${c.id} has no churn risk`);
  return `churn ${churnLevel(c.churnRisk)} (${Math.round(c.churnRisk * 100)}%)`;
}

/** The same as a compact badge (in a list cell) shows it: "churn 82%". */
export function scoredChurnShort(c: Pick<StoredCustomer, 'id' | 'churnRisk'>): string {
  if (c.churnRisk === undefined) throw new Error(`oracle customer ${c.id} has no churn risk`);
  return `churn ${Math.round(c.churnRisk * 100)}%`;
}
