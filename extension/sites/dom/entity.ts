import type { EntityKey, FoundEntity } from '../types.ts';
import { lookupKey } from '../../match/keys.ts';

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
    if (canonical(key) !== undefined) kept.push(key);
  }
  // The most specific kind present names the entity: the same first key
  // `entityLookupKeys(kept)` gives (derived e-mail domains only ever follow
  // an e-mail), without normalising every value a second time.
  let first: string | undefined;
  for (const kind of PRIORITY) {
    const k = kept.find((x) => x.kind === kind);
    if (k !== undefined) {
      first = canonical(k);
      break;
    }
  }
  if (first === undefined) return undefined;
  const entity: FoundEntity = { anchor, keys: kept, id: first };
  if (label !== undefined && label !== '') entity.label = label;
  return entity;
}

/**
 * `foundEntity` for a list row whose record link already names it: the id
 * comes from `first` (the row's crmId) and the other keys are read from the
 * row only when `keys` is first asked for — in practice when the row comes
 * near the screen and is looked up. A list view of 1,000 rows is then
 * scanned by its links alone; reading and normalising every row's e-mail and
 * company, the bulk of a scan, waits for the rows a reader reaches. The
 * label, too, is read when first asked for. The result equals
 * `foundEntity(anchor, [first, ...rest()], label())`; when `first` is not a
 * usable key it is exactly that, computed at once.
 */
export function lazyEntity(
  anchor: Element,
  first: { kind: EntityKey['kind']; value: string | undefined },
  rest: () => { kind: EntityKey['kind']; value: string | undefined }[],
  label?: () => string,
): FoundEntity | undefined {
  const id = first.kind === PRIORITY[0] && first.value !== undefined ? canonical({ kind: first.kind, value: first.value.trim() }) : undefined;
  if (id === undefined) return foundEntity(anchor, [first, ...rest()], label?.());
  let keys: EntityKey[] | undefined;
  const entity = { anchor, id } as FoundEntity;
  Object.defineProperty(entity, 'keys', {
    enumerable: true,
    get: () => (keys ??= foundEntity(anchor, [first, ...rest()])!.keys),
  });
  if (label) {
    let text: string | undefined | null = null;
    Object.defineProperty(entity, 'label', {
      enumerable: true,
      get: () => (text === null ? (text = label() || undefined) : text),
    });
  }
  return entity;
}

/** The entity, marked as a company (see FoundEntity.company) when `company` holds. */
export function asCompany<E extends FoundEntity | undefined>(entity: E, company: boolean): E {
  if (entity && company) entity.company = true;
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

/** Most specific first, as in `entityLookupKeys`. */
const PRIORITY: readonly EntityKey['kind'][] = ['crmId', 'email', 'domain', 'company'];

/**
 * `lookupKey`, remembered per kind and value: a content script scans the
 * same rows again after each page change, and the normalisers (Unicode
 * folding, legal-form stripping) dominate a scan's script time. Bounded: the
 * memory starts afresh beyond MEMO_LIMIT values.
 */
function canonical(key: EntityKey): string | undefined {
  const id = `${key.kind}\u0000${key.value}`;
  let found = memo.get(id);
  if (found === undefined) {
    found = lookupKey(key) ?? null;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(id, found);
  }
  return found ?? undefined;
}

const MEMO_LIMIT = 20_000;
const memo = new Map<string, string | null>();
