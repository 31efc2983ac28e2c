import type { Tier } from '../../core/index.ts';
import { byValue } from '../store/by-value.ts';

const TIERS: readonly Tier[] = ['VIP', 'Major', 'Ordinary', 'Small'];

/**
 * The popup's view of a page's matched customers: each once (a list can
 * show one customer on several rows), highest value first, and how many of
 * each tier, best tier first, tiers with none left out.
 *
 * @example pageSummary([{ id: 'a', tier: 'Small', value: 5 }, { id: 'b', tier: 'VIP', value: 90 }]).counts
 * // [{ tier: 'VIP', count: 1 }, { tier: 'Small', count: 1 }]
 */
export function pageSummary<C extends { id: string; tier: Tier; value?: number }>(customers: readonly C[]): { customers: C[]; counts: { tier: Tier; count: number }[] } {
  const once = [...new Map(customers.map((c) => [c.id, c])).values()].sort(byValue);
  const counts = TIERS.map((tier) => ({ tier, count: once.filter((c) => c.tier === tier).length })).filter((c) => c.count > 0);
  return { customers: once, counts };
}
