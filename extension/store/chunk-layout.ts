import type { StoredCustomer } from './stored-customer.ts';
import { CustomerPacker, type PackedCustomers } from './packed-customers.ts';
import { isJoined, joinStrings, splitJoined, type JoinedStrings } from './joined-strings.ts';
import { searchTerms } from './search-terms.ts';

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
 * Why not larger: Chromium's IndexedDB (version 156) keeps a value above
 * 64 KiB out of its LevelDB records (its .indexeddb.blob directory fills
 * as such chunks are written), which costs the browser
 * process far less than a LevelDB record (writing 100 MiB from one page:
 * 7.8 CPU s as 5,000 records of 20 KiB, 5.9 s as 2,000 of 50 KiB, 2.0 s as
 * 1,500 of 67 KiB, ~1 s as 500 of 200 KiB; 2026-12-03, load 5-9), but a
 * read of one is a file read: with chunks of 1,024 customers and 2,048
 * keys the 1,000,000-row import's browser-process CPU fell from 7.1 to
 * 1.8 s while 45 lookups in one message took 330-520 ms instead of
 * 50-170 ms. Lookups read key and customer chunks, so those stay below
 * 64 KiB even when one non-Latin name makes a chunk's text two bytes per
 * character; search words, read only by the popup's search, are kept in
 * chunks of up to 16,384 (written as blobs). Each chunk's strings are one
 * joined string (joined-strings.ts), which a clone copies as a block.
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
  /** Term group prefix → its terms and their customers' ids. */
  termChunks: Map<string, TermChunk>;
  /** Distinct lookup keys. */
  keys: number;
}

/** Lookup keys and the ids they find, alternating (key, id, key, id, …), joined. */
export type KeyChunk = JoinedStrings;

/**
 * A key chunk as stored: joined; a list `[key, id, key, id, …]` (the first
 * packed form); or (written by the first chunked layout) an object from key
 * to id. All answer `keyOwner`.
 */
export type StoredKeyChunk = KeyChunk | string[] | Record<string, string>;

/**
 * The id of the customer `key` finds in a key chunk, or undefined.
 * @example keyOwner(joinStrings(['email:a@x.com', 'A']), 'email:a@x.com') // 'A'
 */
export function keyOwner(chunk: StoredKeyChunk | undefined, key: string): string | undefined {
  if (!chunk) return undefined;
  if (isJoined(chunk)) {
    const { text, lens } = chunk;
    // Compared in place: no string is cut out of the chunk but the id found.
    for (let i = 0, at = 0; i < lens.length; i += 2) {
      if (lens[i] === key.length && text.startsWith(key, at)) return text.slice(at + lens[i], at + lens[i] + lens[i + 1]);
      at += lens[i] + lens[i + 1];
    }
    return undefined;
  }
  if (!Array.isArray(chunk)) return Object.hasOwn(chunk, key) ? chunk[key] : undefined;
  for (let i = 0; i < chunk.length; i += 2) if (chunk[i] === key) return chunk[i + 1];
  return undefined;
}

/** Search words and, at the same position, the id of the customer each finds. */
export interface TermChunk {
  terms: JoinedStrings;
  ids: JoinedStrings;
}

/** A term chunk as stored: joined, or (the first chunked layout) parallel lists. */
export type StoredTermChunk = TermChunk | { terms: string[]; ids: string[] };

/** Words and ids of a term chunk while it is laid out (see splitTerms). */
interface TermGroup {
  terms: string[];
  ids: string[];
}

/**
 * Calls `found` with the id of every customer a word of `chunk` starting
 * with `prefix` finds, in order, until it returns false.
 */
export function eachTermMatch(chunk: StoredTermChunk | undefined, prefix: string, found: (id: string) => boolean): void {
  if (!chunk) return;
  if (!isJoined(chunk.terms)) {
    const { terms, ids } = chunk as { terms: string[]; ids: string[] };
    for (let i = 0; i < terms.length; i++) if (terms[i].startsWith(prefix) && !found(ids[i])) return;
    return;
  }
  const { terms, ids } = chunk as TermChunk;
  for (let i = 0, at = 0, idAt = 0; i < terms.lens.length; i++) {
    const len = terms.lens[i];
    const idLen = ids.lens[i];
    if (len >= prefix.length && terms.text.startsWith(prefix, at) && !found(ids.text.slice(idAt, idAt + idLen))) return;
    at += len;
    idAt += idLen;
  }
}

/** Every word and id of a term chunk, in order (tests, migrations). */
export function termEntries(chunk: StoredTermChunk): { terms: string[]; ids: string[] } {
  return isJoined(chunk.terms) ? { terms: splitJoined(chunk.terms), ids: splitJoined((chunk as TermChunk).ids) } : (chunk as { terms: string[]; ids: string[] });
}

/** Chunk sizes: see the layout's comment for why these. */
export const CUSTOMERS_PER_CHUNK = 128;
export const KEYS_PER_CHUNK = 512;
export const TERMS_PER_CHUNK = 16384;

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
 * Lays `rows` out in chunks. Rows keep their `keys`; their search words (as
 * given, else searchTerms of their fields) are not stored with them (the
 * term chunks hold them), which keeps the customer chunks small.
 *
 * @example splitJoined(layoutChunks([{ id: 'A', tier: 'VIP', keys: ['email:a@x.com'], search: ['ann'] }]).keyChunks[0])
 * // ['email:a@x.com', 'A']
 */
export function layoutChunks(rows: readonly StoredCustomer[]): ChunkLayout {
  const customerChunks = packChunks(rows);
  const owner = new Map<string, string>();
  // Words are grouped by their first GROUP_DEPTH characters as they come;
  // only groups too large are split further (see splitTerms). Groups are
  // keyed by the characters' codes, not by a cut string: a million words
  // would otherwise make a million small strings to collect.
  const groups = new Map<number, TermGroup>();
  for (const row of rows) {
    const { id, keys } = row;
    // Worked out here when not given: an import's rows do not carry a list of words each until the end.
    const search = row.search ?? searchTerms(row);
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
  const keyLists: string[][] = Array.from({ length: chunkCount(owner.size, KEYS_PER_CHUNK) }, () => []);
  for (const [key, id] of owner) keyLists[chunkHash(key) % keyLists.length].push(key, id);
  const laidOut = new Map<string, TermGroup>();
  const overflow: [string, TermGroup][] = [];
  for (const g of groups.values()) splitTerms(laidOut, overflow, g.terms[0].slice(0, GROUP_DEPTH), g);
  for (const [word, part] of overflow) {
    let n = 1;
    while (laidOut.has(`${word}${PART}${n}`)) n++;
    laidOut.set(`${word}${PART}${n}`, part);
  }
  const termChunks = new Map<string, TermChunk>();
  for (const [prefix, g] of laidOut) termChunks.set(prefix, { terms: joinStrings(g.terms), ids: joinStrings(g.ids) });
  return { customerChunks, keyChunks: keyLists.map(joinStrings), termChunks, keys: owner.size };
}

/**
 * The customer chunks: rows put in order of their chunk first (a counting
 * sort on `hash(id) % chunks`), then each chunk packed and joined at once,
 * so no chunk's list of fields waits for the last row while the others fill.
 */
function packChunks(rows: readonly StoredCustomer[]): PackedCustomers[] {
  const chunks = chunkCount(rows.length, CUSTOMERS_PER_CHUNK);
  const chunkOf = new Uint32Array(rows.length);
  const start = new Uint32Array(chunks + 1);
  for (let i = 0; i < rows.length; i++) start[(chunkOf[i] = chunkHash(rows[i].id) % chunks) + 1]++;
  for (let c = 0; c < chunks; c++) start[c + 1] += start[c];
  const order = new Uint32Array(rows.length);
  const next = start.slice(0, chunks);
  for (let i = 0; i < rows.length; i++) order[next[chunkOf[i]]++] = i;
  const out = new Array<PackedCustomers>(chunks);
  for (let c = 0; c < chunks; c++) {
    const packer = new CustomerPacker();
    for (let k = start[c]; k < start[c + 1]; k++) packer.add(rows[order[k]]);
    out[c] = packer.finish();
  }
  return out;
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
function splitTerms(out: Map<string, TermGroup>, overflow: [string, TermGroup][], prefix: string, group: TermGroup): void {
  if (group.terms.length <= TERMS_PER_CHUNK) {
    out.set(prefix, group);
    return;
  }
  const at = prefix.length;
  const exact: TermGroup = { terms: [], ids: [] };
  // Keyed by the next character's code (see layoutChunks).
  const next = new Map<number, TermGroup>();
  const { terms, ids } = group;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    let g: TermGroup | undefined;
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
function cut(chunk: TermGroup, from: number): TermGroup {
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
