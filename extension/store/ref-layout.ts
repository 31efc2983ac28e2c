import { chunkCount, chunkHash } from './chunk-layout.ts';
import { CustomerBlockWriter, type CustomerBlock } from './customer-blocks.ts';
import { joinStrings, type JoinedStrings } from './joined-strings.ts';
import { splitSearchTerms } from './search-terms.ts';
import type { StoredCustomer } from './stored-customer.ts';
import type { ChunkedCustomer } from './packed-customers.ts';

/**
 * The third layout of an import in IndexedDB (sets marked `layout: 3`):
 * customers in blocks in import order (customer-blocks.ts), each named by a
 * number, its ref; lookup keys and search words point at refs.
 *
 * Why: the second layout (chunk-layout.ts) wrote every key and every search
 * word with the id of its customer as text, and placed customers by the
 * hash of their id, so nothing could be written before the last row was
 * placed. A 1,000,000-row import wrote 2,833 records and 88 million
 * characters; the browser process spent ~8 CPU s storing them after the
 * layout had taken ~5 s (issue 13's target is 15 s for all of it). Here:
 *
 * - customers: blocks of up to BLOCK_BYTES, written as soon as each is full;
 * - keys: chunk `chunkHash(key) % keyChunks` holds, per key, keyCheck(key)
 *   (a second 32-bit hash) and the ref of the customer it finds — 8 bytes a
 *   key instead of the key and an id. A lookup takes the refs whose check
 *   matches and confirms the key among the customer's own keys, so a
 *   collision of checks costs a read, never a wrong answer. A key several
 *   customers share finds the smallest id, as before;
 * - terms: search words grouped by leading characters as before
 *   (TERM_REFS_PER_CHUNK refs at most per chunk), a company's words once
 *   with the refs of its customers (they were repeated per customer), a
 *   person's own words with their ref.
 */
export interface RefLayout {
  customerChunks: number;
  keyChunks: KeyRefChunk[];
  termChunks: Map<string, TermRefChunk>;
  /** Distinct lookup keys. */
  keys: number;
}

/** Each key's keyCheck and its customer's ref, at the same position. */
export interface KeyRefChunk {
  layout: 3;
  checks: Uint32Array;
  refs: Uint32Array;
}

/** Distinct search words; how many refs each has; the refs, word after word. */
export interface TermRefChunk {
  layout: 3;
  terms: JoinedStrings;
  counts: Uint32Array;
  refs: Uint32Array;
}

/** Keys per key chunk: 32 KiB of checks and refs, read whole by a lookup. */
export const KEY_REFS_PER_CHUNK = 4096;
/** Refs per term chunk (with their words, above 64 KiB: read only by the popup's search, see chunk-layout.ts). */
export const TERM_REFS_PER_CHUNK = 16384;

/**
 * A second hash of a key, independent of chunkHash (which picks the chunk):
 * MurmurHash2's mixing over UTF-16 code units.
 * @example keyCheck('email:a@x.com') === keyCheck('email:a@x.com') // true
 */
export function keyCheck(key: string): number {
  let h = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    let k = Math.imul(key.charCodeAt(i), 0x5bd1e995);
    k ^= k >>> 24;
    h = Math.imul(h, 0x5bd1e995) ^ Math.imul(k, 0x5bd1e995);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The refs a key chunk lists under `check`, in order. */
export function refsOfCheck(chunk: KeyRefChunk | undefined, check: number): number[] {
  const out: number[] = [];
  if (!chunk) return out;
  const { checks, refs } = chunk;
  for (let i = 0; i < checks.length; i++) if (checks[i] === check) out.push(refs[i]);
  return out;
}

/**
 * Calls `found` with the ref of every customer a word of `chunk` starting
 * with `prefix` finds, in order, until it returns false.
 */
export function eachRefMatch(chunk: TermRefChunk | undefined, prefix: string, found: (ref: number) => boolean): void {
  if (!chunk) return;
  const { terms, counts, refs } = chunk;
  for (let i = 0, at = 0, r = 0; i < counts.length; i++) {
    const len = terms.lens[i];
    if (len >= prefix.length && terms.text.startsWith(prefix, at)) {
      for (let k = r; k < r + counts[i]; k++) if (!found(refs[k])) return;
    }
    at += len;
    r += counts[i];
  }
}

/** A growing list of 32-bit numbers without a JS number per entry. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Lays customers out as they come: blocks go to `onBlock` as they fill
 * (the store writes them meanwhile); keys and words wait for `finish`.
 */
export class RefLayoutBuilder {
  private readonly blocks: CustomerBlockWriter;
  /** Key → sequence number of the customer owning it (the smallest id). */
  private readonly owner = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly refs = new U32List();
  /** A company's list of words (one object per company, see splitSearchTerms) → the index of its first word in `terms`. */
  private readonly companyTerms = new Map<readonly string[], number>();
  private readonly terms: string[] = [];
  private readonly own: string[] = [];
  private readonly occTerm = new U32List();
  private readonly occRef = new U32List();

  constructor(onBlock: (block: CustomerBlock, n: number) => void) {
    this.blocks = new CustomerBlockWriter(onBlock);
  }

  /** Adds a customer; `keysDerived` as for CustomerBlockWriter.add. Its search words: as given, else searchTerms of its fields. */
  add(c: StoredCustomer | ChunkedCustomer, keysDerived: boolean): void {
    const ref = this.blocks.add(c, keysDerived);
    const seq = this.ids.length;
    const { id, keys } = c;
    this.ids.push(id);
    this.refs.push(ref);
    for (let k = 0; k < keys.length; k++) {
      const had = this.owner.get(keys[k]);
      if (had === undefined || id < this.ids[had]) this.owner.set(keys[k], seq);
    }
    const given = 'search' in c ? c.search : undefined;
    if (given) {
      for (const word of given) this.occur(this.terms.push(word) - 1, ref);
      return;
    }
    // A person's own words are filed once per customer (most are theirs
    // alone); a company's once per company, each customer adding its ref.
    const company = splitSearchTerms(c, this.own);
    for (const word of this.own) this.occur(this.terms.push(word) - 1, ref);
    if (company.length === 0) return;
    let first = this.companyTerms.get(company);
    if (first === undefined) {
      this.companyTerms.set(company, (first = this.terms.length));
      for (const word of company) this.terms.push(word);
    }
    for (let w = 0; w < company.length; w++) this.occur(first + w, ref);
  }

  private occur(term: number, ref: number): void {
    this.occTerm.push(term);
    this.occRef.push(ref);
  }

  finish(): RefLayout {
    const customerChunks = this.blocks.finish();
    return { customerChunks, keyChunks: this.keyChunks(), termChunks: this.termChunks(), keys: this.owner.size };
  }

  private keyChunks(): KeyRefChunk[] {
    const n = this.owner.size;
    const chunks = chunkCount(n, KEY_REFS_PER_CHUNK);
    const bucket = new Uint32Array(n);
    const check = new Uint32Array(n);
    const ref = new Uint32Array(n);
    const size = new Uint32Array(chunks);
    let i = 0;
    for (const [key, seq] of this.owner) {
      size[(bucket[i] = chunkHash(key) % chunks)]++;
      check[i] = keyCheck(key);
      ref[i++] = this.refs.data[seq];
    }
    const out: KeyRefChunk[] = Array.from({ length: chunks }, (_, b) => ({ layout: 3 as const, checks: new Uint32Array(size[b]), refs: new Uint32Array(size[b]) }));
    const fill = new Uint32Array(chunks);
    for (let k = 0; k < n; k++) {
      const b = bucket[k];
      out[b].checks[fill[b]] = check[k];
      out[b].refs[fill[b]++] = ref[k];
    }
    return out;
  }

  private termChunks(): Map<string, TermRefChunk> {
    const { terms } = this;
    const occurrences = this.occTerm.length;
    // Each word's refs, contiguous (a counting sort of the occurrences by word).
    const start = new Uint32Array(terms.length + 1);
    for (let o = 0; o < occurrences; o++) start[this.occTerm.data[o] + 1]++;
    for (let t = 0; t < terms.length; t++) start[t + 1] += start[t];
    const refs = new Uint32Array(occurrences);
    const next = start.slice(0, terms.length);
    for (let o = 0; o < occurrences; o++) refs[next[this.occTerm.data[o]]++] = this.occRef.data[o];
    const weight = (t: number) => start[t + 1] - start[t];
    // Words grouped by their first GROUP_DEPTH characters, keyed by the characters' codes (no cut string per word).
    const groups = new Map<number, number[]>();
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const key = term.length >= GROUP_DEPTH ? term.charCodeAt(0) * 0x10000 + term.charCodeAt(1) : -1 - term.charCodeAt(0);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(t);
    }
    const out = new Map<string, TermRefChunk>();
    const overflow: [string, TermRefChunk][] = [];
    const chunk = (words: readonly number[]): TermRefChunk => {
      let total = 0;
      for (const t of words) total += weight(t);
      const r = new Uint32Array(total);
      const counts = new Uint32Array(words.length);
      let at = 0;
      words.forEach((t, i) => {
        r.set(refs.subarray(start[t], start[t + 1]), at);
        at += counts[i] = weight(t);
      });
      return { layout: 3, terms: joinStrings(words.map((t) => terms[t])), counts, refs: r };
    };
    const split = (prefix: string, words: number[]): void => {
      let total = 0;
      for (const t of words) total += weight(t);
      if (total <= TERM_REFS_PER_CHUNK) return void out.set(prefix, chunk(words));
      const at = prefix.length;
      const byNext = new Map<number, number[]>();
      const exact: number[] = [];
      for (const t of words) {
        const term = terms[t];
        if (term.length <= at) {
          exact.push(t);
          continue;
        }
        const code = term.charCodeAt(at);
        let g = byNext.get(code);
        if (!g) byNext.set(code, (g = []));
        g.push(t);
      }
      if (exact.length) {
        // Words equal to the prefix cannot be split by a character: their refs
        // go in parts of TERM_REFS_PER_CHUNK, the first under the prefix.
        const all = new Uint32Array(exact.reduce((n, t) => n + weight(t), 0));
        let filled = 0;
        for (const t of exact) {
          all.set(refs.subarray(start[t], start[t + 1]), filled);
          filled += weight(t);
        }
        for (let from = 0; from < all.length; from += TERM_REFS_PER_CHUNK) {
          const r = all.slice(from, from + TERM_REFS_PER_CHUNK);
          const c: TermRefChunk = { layout: 3, terms: joinStrings([prefix]), counts: Uint32Array.of(r.length), refs: r };
          if (from === 0) out.set(prefix, c);
          else overflow.push([prefix, c]);
        }
      }
      for (const [code, g] of byNext) split(prefix + String.fromCharCode(code), g);
    };
    for (const g of groups.values()) split(terms[g[0]].slice(0, GROUP_DEPTH), g);
    for (const [word, part] of overflow) {
      let n = 1;
      while (out.has(`${word}${PART}${n}`)) n++;
      out.set(`${word}${PART}${n}`, part);
    }
    return out;
  }
}

/** Characters of the first grouping of search words. */
const GROUP_DEPTH = 2;

/**
 * Joins a word and a part number into the key of a further chunk of that
 * word's customers. The key starts with the word, so a search's key range
 * for any prefix of the word reaches it.
 */
const PART = String.fromCharCode(0);

/**
 * The whole layout of `rows` at once (migrations, merges, tests).
 * @example layoutRefs([{ id: 'A', tier: 'VIP', keys: ['email:a@x.com'] }], false).customerChunks // 1
 */
export function layoutRefs(rows: readonly (StoredCustomer | ChunkedCustomer)[], keysDerived: boolean): RefLayout & { blocks: CustomerBlock[] } {
  const blocks: CustomerBlock[] = [];
  const builder = new RefLayoutBuilder((b) => blocks.push(b));
  for (const r of rows) builder.add(r, keysDerived);
  return { ...builder.finish(), blocks };
}
