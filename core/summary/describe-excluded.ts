import { formatMessage, msg, type Message } from '../i18n/messages.ts';
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
  const m = excludedMessage(excluded, max);
  return m === undefined ? '' : formatMessage(m, 'en');
}

/** {@link describeExcluded} as a message, to say it in any language; undefined when there are none. */
export function excludedMessage(excluded: readonly ExcludedCustomer[], max = 5): Message | undefined {
  const n = excluded.length;
  if (n === 0) return undefined;
  const list = excluded.slice(0, Math.max(0, max)).map((e) => {
    const item = { id: e.id, line: e.firstLine, amount: e.returnAmount.toFixed(2) };
    return e.rows === 1 ? msg('summary.excludedItem', item) : msg('summary.excludedItemRows', { ...item, rows: e.rows });
  });
  if (list.length === 0) return msg('summary.excluded', { n });
  if (n > list.length) return msg('summary.excludedNamedMore', { n, list, more: n - list.length });
  return msg('summary.excludedNamed', { n, list });
}
