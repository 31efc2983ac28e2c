import type { StoredCustomer } from './stored-customer.ts';

/**
 * How one import's customers are laid out in IndexedDB: a few thousand large
 * records instead of one record per customer with multi-entry indexes.
 *
 * Why: Chromium's IndexedDB costs tens of microseconds per record written
 * and more per index entry; one record per customer with ~10 index entries
 * (lookup keys and search words) spent 61 of 72.6 s of a 1,000,000-row
 * import writing (issue 13). Measured on this machine for 250,000 customers:
 * 68 s as one plain record each, 5.5 s as records of 64 customers.
 *
 * - customers: chunk `hash(id) % customerChunks` holds those customers;
 * - keys: chunk `hash(key) % keyChunks` maps each lookup key to the id of
 *   the customer it finds (the smallest id when several share the key, as
 *   the former index did);
 * - terms: search words with the customer ids, grouped by leading
 *   characters; a group larger than TERMS_PER_CHUNK is split by one more
 *   character, so a prefix search reads only the groups its prefix can match.
 */
export interface ChunkLayout {
  customerChunks: ChunkedCustomer[][];
  keyChunks: Record<string, string>[];
  /** Term group prefix → parallel arrays of terms and customer ids. */
  termChunks: Map<string, TermChunk>;
  /** Distinct lookup keys. */
  keys: number;
}

/** A customer as a chunk holds it: without its search words (the term chunks hold those). */
export type ChunkedCustomer = Omit<StoredCustomer, 'search'>;

export interface TermChunk {
  terms: string[];
  ids: string[];
}

export const CUSTOMERS_PER_CHUNK = 64;
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
 * // [{ 'email:a@x.com': 'A' }]
 */
export function layoutChunks(rows: readonly StoredCustomer[]): ChunkLayout {
  const customerChunks: ChunkedCustomer[][] = Array.from({ length: chunkCount(rows.length, CUSTOMERS_PER_CHUNK) }, () => []);
  const owner = new Map<string, string>();
  const terms: string[] = [];
  const termIds: string[] = [];
  for (const row of rows) {
    const { search, ...kept } = row;
    customerChunks[chunkHash(row.id) % customerChunks.length].push(kept);
    for (const key of row.keys) {
      const had = owner.get(key);
      if (had === undefined || row.id < had) owner.set(key, row.id);
    }
    for (const term of search) {
      terms.push(term);
      termIds.push(row.id);
    }
  }
  const keyChunks: Record<string, string>[] = Array.from({ length: chunkCount(owner.size, KEYS_PER_CHUNK) }, () => ({}));
  for (const [key, id] of owner) keyChunks[chunkHash(key) % keyChunks.length][key] = id;
  const termChunks = new Map<string, TermChunk>();
  groupTerms(termChunks, '', terms.map((_, i) => i), terms, termIds);
  return { customerChunks, keyChunks, termChunks, keys: owner.size };
}

/** Puts the terms at `members` (all starting with `prefix`) into one chunk, or splits them by their next character. */
function groupTerms(out: Map<string, TermChunk>, prefix: string, members: number[], terms: readonly string[], ids: readonly string[]): void {
  if (members.length <= TERMS_PER_CHUNK) {
    if (members.length) out.set(prefix, { terms: members.map((i) => terms[i]), ids: members.map((i) => ids[i]) });
    return;
  }
  const depth = prefix.length + 1;
  const exact: number[] = [];
  const groups = new Map<string, number[]>();
  for (const i of members) {
    const term = terms[i];
    if (term.length < depth) {
      exact.push(i);
      continue;
    }
    const next = term.slice(0, depth);
    let g = groups.get(next);
    if (!g) groups.set(next, (g = []));
    g.push(i);
  }
  // Terms equal to the prefix stay under it, however many (one word shared
  // by many customers): splitting cannot make that group smaller.
  if (exact.length) out.set(prefix, { terms: exact.map((i) => terms[i]), ids: exact.map((i) => ids[i]) });
  for (const [next, g] of groups) groupTerms(out, next, g, terms, ids);
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
