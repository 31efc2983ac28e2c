import { isJoined, splitJoined, type JoinedStrings } from './joined-strings.ts';

/*
 * The second layout of an import in IndexedDB, which sets written before
 * the ref layout (ref-layout.ts) keep: the store still reads them (the data
 * shown when the extension updates, and what undo goes back to), no longer
 * writes them. A few thousand large records instead of one record per
 * customer with multi-entry indexes.
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
 *   characters; a group larger than 16,384 words is split by one more
 *   character, so a prefix search reads only the groups its prefix can match.
 */

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

/** Every word and id of a term chunk, in order (tests of the readers). */
export function termEntries(chunk: StoredTermChunk): { terms: string[]; ids: string[] } {
  return isJoined(chunk.terms) ? { terms: splitJoined(chunk.terms), ids: splitJoined((chunk as TermChunk).ids) } : (chunk as { terms: string[]; ids: string[] });
}

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
