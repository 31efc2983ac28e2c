import type { EntityKey, FoundEntity } from '../types.ts';
import { entityLookupKeys, lookupKey } from '../../match/keys.ts';

/**
 * A found entity from its anchor and the keys read for it, or undefined
 * when none of the keys is usable (then there is nothing to look up).
 * Missing values and values that match nothing (empty, "--", an invalid
 * address, a free-mail domain) are dropped; values are trimmed but otherwise
 * kept as found; the keys keep the order given (callers pass
 * crmId, email, domain, company). The id is the entity's most specific
 * canonical lookup key, so one customer shown twice (a pinned and a scrolled
 * copy of a grid row) gets one badge.
 */
export function foundEntity(
  anchor: Element,
  keys: { kind: EntityKey['kind']; value: string | undefined }[],
  label?: string,
): FoundEntity | undefined {
  const kept: EntityKey[] = [];
  for (const k of keys) {
    if (k.value === undefined) continue;
    const key = { kind: k.kind, value: k.value.trim() };
    if (lookupKey(key) !== undefined) kept.push(key);
  }
  const first = entityLookupKeys(kept)[0];
  if (first === undefined) return undefined;
  const entity: FoundEntity = { anchor, keys: kept, id: first };
  if (label !== undefined && label !== '') entity.label = label;
  return entity;
}

/** The entities without those whose id came earlier, in order. */
export function uniqueEntities(entities: Iterable<FoundEntity | undefined>): FoundEntity[] {
  const seen = new Set<string>();
  const out: FoundEntity[] = [];
  for (const e of entities) {
    if (e === undefined || seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}
