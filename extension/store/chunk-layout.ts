import type { StoredCustomer } from './stored-customer.ts';
import { CustomerPacker, type PackedCustomers } from './packed-customers.ts';

/**
 * How one import's customers are laid out in IndexedDB: a few thousand large
 * records instead of one record per customer with multi-entry indexes.
 *
 * Why: Chromium's IndexedDB costs tens of microseconds per record written
 * and more per index entry; one record per customer with ~10 index entries
 * (lookup keys and search words) spent 61 of 72.6 s of a 1,000,000-row
 * import writing (issue 13). Measured on this machine for 250,000 customers:
 * 68 s as one plain record each, 5.5 s as records of 64 customers.
 * Records are now flat lists of strings and numbers, not objects (see
 * packed-customers.ts), of 128 customers: with the other import changes of
 * 2026-12-03 the browser's CPU for a 1,000,000-row import went from 46.6 to
 * 32.3 s and storage from 39 to 32 MiB (bench/extension.ts).
 *
 * - customers: chunk `hash(id) % customerChunks` holds those customers;
 * - keys: chunk `hash(key) % keyChunks` lists each lookup key followed by
 *   the id of the customer it finds (the smallest id when several share the
 *   key, as the former index did);
 * - terms: search words with the customer ids, grouped by leading
 *   characters; a group larger than TERMS_PER_CHUNK is split by one more
 *   character, so a prefix search reads only the groups its prefix can match.
 */
export interface ChunkLayout {
  customerChunks: PackedCustomers[];
  keyChunks: KeyChunk[];
  /** Term group prefix → parallel arrays of terms and customer ids. */
  termChunks: Map<string, TermChunk>;
  /** Distinct lookup keys. */
  keys: number;
}

/** Lookup keys and the ids they find, alternating: `[key, id, key, id, …]`. */
export type KeyChunk = string[];

/**
 * A key chunk as stored: packed, or (written by the first chunked layout) an
 * object from key to id. Both answer `keyOwner`.
 */
export type StoredKeyChunk = KeyChunk | Record<string, string>;

/**
 * The id of the customer `key` finds in a key chunk, or undefined.
 * @example keyOwner(['email:a@x.com', 'A'], 'email:a@x.com') // 'A'
 */
export function keyOwner(chunk: StoredKeyChunk | undefined, key: string): string | undefined {
  if (!chunk) return undefined;
  if (!Array.isArray(chunk)) return Object.hasOwn(chunk, key) ? chunk[key] : undefined;
  for (let i = 0; i < chunk.length; i += 2) if (chunk[i] === key) return chunk[i + 1];
  return undefined;
}

export interface TermChunk {
  terms: string[];
  ids: string[];
}

export const CUSTOMERS_PER_CHUNK = 128;
export const KEYS_PER_CHUNK = 256;
export const TERMS_PER_CHUNK = 4096;

/**
 * FNV-1a over UTF-16 code units: fast, stable across runs and browsers, and
 * well spread for the short strings keys and ids are.
 * @example chunkHash('email:jane@acme.com') === chunkHash('email:jane@acme.com') // true
 */
export function chunkHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** How many chunks hold `n` items at `perChunk` each (at least one). */
export function chunkCount(n: number, perChunk: number): number {
  return Math.max(1, Math.ceil(n / perChunk));
}

/**
 * Lays `rows` out in chunks. Rows keep their `keys`; `search` is not stored
 * with them (the term chunks hold it), which keeps the customer chunks small.
 *
 * @example layoutChunks([{ id: 'A', tier: 'VIP', keys: ['email:a@x.com'], search: ['ann'] }]).keyChunks
 * // [['email:a@x.com', 'A']]
 */
export function layoutChunks(rows: readonly StoredCustomer[]): ChunkLayout {
  const packers = Array.from({ length: chunkCount(rows.length, CUSTOMERS_PER_CHUNK) }, () => new CustomerPacker());
  const owner = new Map<string, string>();
  // Words are grouped by their first GROUP_DEPTH characters as they come;
  // only groups too large are split further (see splitTerms). Groups are
  // keyed by the characters' codes, not by a cut string: a million words
  // would otherwise make a million small strings to collect.
  const groups = new Map<number, TermChunk>();
  for (const row of rows) {
    const { id, keys, search } = row;
    packers[chunkHash(id) % packers.length].add(row);
    for (let k = 0; k < keys.length; k++) {
      const had = owner.get(keys[k]);
      if (had === undefined || id < had) owner.set(keys[k], id);
    }
    for (let w = 0; w < search.length; w++) {
      const term = search[w];
      const group = term.length >= GROUP_DEPTH ? term.charCodeAt(0) * 0x10000 + term.charCodeAt(1) : -1 - term.charCodeAt(0);
      let g = groups.get(group);
      if (!g) groups.set(group, (g = { terms: [], ids: [] }));
      g.terms.push(term);
      g.ids.push(id);
    }
  }
  const keyChunks: KeyChunk[] = Array.from({ length: chunkCount(owner.size, KEYS_PER_CHUNK) }, () => []);
  for (const [key, id] of owner) keyChunks[chunkHash(key) % keyChunks.length].push(key, id);
  const termChunks = new Map<string, TermChunk>();
  const overflow: [string, TermChunk][] = [];
  for (const g of groups.values()) splitTerms(termChunks, overflow, g.terms[0].slice(0, GROUP_DEPTH), g);
  for (const [word, part] of overflow) {
    let n = 1;
    while (termChunks.has(`${word}${PART}${n}`)) n++;
    termChunks.set(`${word}${PART}${n}`, part);
  }
  return { customerChunks: packers.map((p) => p.finish()), keyChunks, termChunks, keys: owner.size };
}

/** Characters of the first grouping of search words. */
const GROUP_DEPTH = 2;

/**
 * Joins a word and a part number into the key of a further chunk of that
 * word's customers (see splitTerms). The key starts with the word, so a
 * search's key range for any prefix of the word reaches it.
 */
const PART = String.fromCharCode(0);

/**
 * Puts a group of words (all starting with `prefix`) into one chunk, or, when
 * larger than TERMS_PER_CHUNK, splits it by the next character. Words equal
 * to the prefix (one word many customers share: a company's "inc", a
 * synthetic file's "firm") cannot be split by a character: their first
 * TERMS_PER_CHUNK stay under the prefix and the rest go to `overflow`, cut
 * in chunks of that size, so no record grows to megabytes that a popup
 * search would have to read whole.
 */
function splitTerms(out: Map<string, TermChunk>, overflow: [string, TermChunk][], prefix: string, group: TermChunk): void {
  if (group.terms.length <= TERMS_PER_CHUNK) {
    out.set(prefix, group);
    return;
  }
  const at = prefix.length;
  const exact: TermChunk = { terms: [], ids: [] };
  // Keyed by the next character's code (see layoutChunks).
  const next = new Map<number, TermChunk>();
  const { terms, ids } = group;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    let g: TermChunk | undefined;
    if (term.length <= at) g = exact;
    else {
      const code = term.charCodeAt(at);
      g = next.get(code);
      if (!g) next.set(code, (g = { terms: [], ids: [] }));
    }
    g.terms.push(term);
    g.ids.push(ids[i]);
  }
  if (exact.terms.length) out.set(prefix, cut(exact, 0));
  for (let from = TERMS_PER_CHUNK; from < exact.terms.length; from += TERMS_PER_CHUNK) overflow.push([prefix, cut(exact, from)]);
  for (const [code, g] of next) splitTerms(out, overflow, prefix + String.fromCharCode(code), g);
}

/** TERMS_PER_CHUNK words of `chunk` from `from` on. */
function cut(chunk: TermChunk, from: number): TermChunk {
  if (from === 0 && chunk.terms.length <= TERMS_PER_CHUNK) return chunk;
  return { terms: chunk.terms.slice(from, from + TERMS_PER_CHUNK), ids: chunk.ids.slice(from, from + TERMS_PER_CHUNK) };
}

/**
 * The term-chunk prefixes a search for `query` must read besides those the
 * query is a prefix of (a key range): the query's own proper prefixes,
 * the empty one included, where shorter groups stop.
 * @example shorterPrefixes('jan') // ['', 'j', 'ja']
 */
export function shorterPrefixes(query: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < query.length; k++) out.push(query.slice(0, k));
  return out;
}
