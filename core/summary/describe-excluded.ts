import type { ExcludedCustomer } from '../types.ts';

/**
 * One warning sentence naming the customers the summary builder left out,
 * so a product can show who they are and where they start in the data
 * (a count alone leaves the user to hunt for them). Names the first `max`
 * in the given order; '' when there are none.
 *
 * @example describeExcluded([{ id: 'C', reason: '…', rows: 2, returnAmount: 12, firstLine: 3 }])
 * // "1 customer with only returns was left out (no purchase to score): C (line 3, 2 rows, −12.00)."
 */
export function describeExcluded(excluded: readonly ExcludedCustomer[], max = 5): string {
  const n = excluded.length;
  if (n === 0) return '';
  const named = excluded
    .slice(0, Math.max(0, max))
    .map((e) => `${e.id} (line ${e.firstLine}, ${e.rows === 1 ? '' : `${e.rows} rows, `}\u2212${e.returnAmount.toFixed(2)})`);
  const head = n === 1 ? '1 customer with only returns was left out' : `${n} customers with only returns were left out`;
  if (named.length === 0) return `${head} (no purchase to score).`;
  const more = n > named.length ? ` and ${n - named.length} more` : '';
  return `${head} (no purchase to score): ${named.join(', ')}${more}.`;
}
