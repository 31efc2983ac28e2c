import type { StoredCustomer } from './stored-customer.ts';
import { isJoined, joinStrings, type JoinedStrings } from './joined-strings.ts';

/** A customer as a chunk holds it: without its search words (the term chunks hold those). */
export type ChunkedCustomer = Omit<StoredCustomer, 'search'>;

/**
 * Customers of one chunk as IndexedDB stores them: their text fields as one
 * joined string (see joined-strings.ts) and their numbers as one typed
 * array, not an object per customer.
 *
 * Why: structured cloning writes every property name of every object, so a
 * chunk of customer objects cost ~400 bytes and a dozen tagged properties per
 * customer to serialise, send to the browser process and write; then a list
 * of strings still cost a tag and a copy per string. One string, a
 * Uint16Array and a Float64Array are copied almost as they are (measured in
 * `npm run bench -- imports`).
 *
 * Per customer, in order: the TEXT fields ('' = absent), then its CRM ids
 * and its keys; `lists` holds, per customer, how many CRM ids and keys
 * follow; `num` holds NUM fields (NaN = absent).
 */
export interface PackedCustomers extends JoinedStrings {
  lists: Uint16Array;
  num: Float64Array;
}

/** The first packed form (2026-12-03): the same fields as a list of strings. */
export interface ListedCustomers {
  text: string[];
  lists: Uint16Array;
  num: Float64Array;
}

/** A stored customer chunk: packed, listed, or (written by version 0.1 of the chunked layout) customer objects. */
export type CustomerChunk = PackedCustomers | ListedCustomers | ChunkedCustomer[];

const TEXT = ['id', 'name', 'email', 'company', 'domain', 'tier', 'rfmCell', 'rfmSegment', 'stage', 'matrix'] as const;
const NUM = ['churnRisk', 'churnHorizonDays', 'clv', 'value'] as const;
/** More CRM ids or keys than this per customer are cut off (a Uint16 count); no real record has a fraction of it. */
const MAX_LIST = 0xffff;

/** Collects customers for one packed chunk, the form sets written before the ref layout hold (tests of the readers write it). */
export class CustomerPacker {
  private readonly text: string[] = [];
  private readonly lists: number[] = [];
  private readonly num: number[] = [];

  get size(): number {
    return this.lists.length / 2;
  }

  add(c: StoredCustomer | ChunkedCustomer): void {
    const { text, num } = this;
    for (let f = 0; f < TEXT.length; f++) text.push(c[TEXT[f]] ?? '');
    for (let f = 0; f < NUM.length; f++) num.push(c[NUM[f]] ?? NaN);
    const crmIds = c.crmIds ?? [];
    const nCrm = Math.min(crmIds.length, MAX_LIST);
    const nKeys = Math.min(c.keys.length, MAX_LIST);
    for (let i = 0; i < nCrm; i++) text.push(crmIds[i]);
    for (let i = 0; i < nKeys; i++) text.push(c.keys[i]);
    this.lists.push(nCrm, nKeys);
  }

  finish(): PackedCustomers {
    return { ...joinStrings(this.text), lists: Uint16Array.from(this.lists), num: Float64Array.from(this.num) };
  }
}

/**
 * Every customer of a chunk, or only the one with id `only` (a lookup
 * builds one object, not a chunk's worth).
 * @example unpackCustomers(packCustomers([{ id: 'A', tier: 'VIP', keys: ['email:a@x.com'], search: [] }]))
 * // [{ id: 'A', tier: 'VIP', keys: ['email:a@x.com'] }]
 */
export function unpackCustomers(chunk: CustomerChunk | undefined, only?: string): ChunkedCustomer[] {
  if (!chunk) return [];
  if (Array.isArray(chunk)) return only === undefined ? chunk : chunk.filter((c) => c.id === only);
  const { lists, num } = chunk;
  // Field f's text: sliced from the joined string at a running offset, or read from the older list.
  const joined = isJoined(chunk) ? chunk : undefined;
  const listed = joined ? undefined : (chunk as ListedCustomers).text;
  let offset = 0;
  let field = 0;
  const next = (): string => {
    if (listed) return listed[field++];
    const end = offset + joined!.lens[field++];
    const out = joined!.text.slice(offset, end);
    offset = end;
    return out;
  };
  const skip = (count: number): void => {
    if (joined) for (let i = 0; i < count; i++) offset += joined.lens[field + i];
    field += count;
  };
  const isId = (id: string): boolean => {
    if (listed) return listed[field] === id;
    return joined!.lens[field] === id.length && joined!.text.startsWith(id, offset);
  };
  const out: ChunkedCustomer[] = [];
  for (let i = 0; i < lists.length / 2; i++) {
    const nCrm = lists[2 * i];
    const nKeys = lists[2 * i + 1];
    if (only !== undefined && !isId(only)) {
      skip(TEXT.length + nCrm + nKeys);
      continue;
    }
    const c: Record<string, unknown> = {};
    for (let f = 0; f < TEXT.length; f++) {
      const v = next();
      if (v !== '') c[TEXT[f]] = v;
    }
    for (let f = 0; f < NUM.length; f++) {
      const v = num[i * NUM.length + f];
      if (!Number.isNaN(v)) c[NUM[f]] = v;
    }
    if (nCrm > 0) c.crmIds = Array.from({ length: nCrm }, next);
    c.keys = Array.from({ length: nKeys }, next);
    out.push(c as unknown as ChunkedCustomer);
    if (only !== undefined) break;
  }
  return out;
}

/** One packed chunk of `rows` (tests of the readers). */
export function packCustomers(rows: readonly (StoredCustomer | ChunkedCustomer)[]): PackedCustomers {
  const p = new CustomerPacker();
  for (const r of rows) p.add(r);
  return p.finish();
}
