import type { StoredCustomer } from './stored-customer.ts';

/**
 * A stored customer's churn risk when the import computed one, else
 * undefined (unknown). Known means a finite number in 0..1; anything else —
 * absent (a value list has no purchase history), NaN, or out of range from an
 * older or damaged record — is unknown, so a badge shows "churn unknown"
 * rather than a made-up level or percentage. Never throws.
 *
 * @example knownChurnRisk({ churnRisk: 0.82 }) // 0.82
 * @example knownChurnRisk({}) // undefined
 */
export function knownChurnRisk(customer: Pick<StoredCustomer, 'churnRisk'>): number | undefined {
  const r = customer.churnRisk;
  return typeof r === 'number' && Number.isFinite(r) && r >= 0 && r <= 1 ? r : undefined;
}
