import { entityLookupKeys } from '../match/keys.ts';
import type { EntityKey } from '../sites/types.ts';

/**
 * `entityLookupKeys`, remembered for one page session. A list view is scanned
 * again after every change, and the same rows come back with the same keys:
 * normalising 1,000 rows' e-mails and company names once is enough. At most
 * `limit` key sets are kept; beyond it the memory starts afresh, so a page
 * that scrolls through an endless list does not grow it without bound.
 *
 * @example
 * const keysOf = lookupKeysCache();
 * keysOf([{ kind: 'email', value: 'Jane@Acme.com' }]) // ['email:jane@acme.com', 'domain:acme.com']
 */
export function lookupKeysCache(limit = 20_000): (keys: readonly EntityKey[]) => string[] {
  let memo = new Map<string, string[]>();
  return (keys) => {
    let id = '';
    for (const k of keys) id += `${k.kind}\u0000${k.value}\u0001`;
    let out = memo.get(id);
    if (out === undefined) {
      out = entityLookupKeys(keys);
      if (memo.size >= limit) memo = new Map();
      memo.set(id, out);
    }
    return out;
  };
}
