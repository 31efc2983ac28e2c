import { describe, expect, it } from 'vitest';
import { chunkHash, CUSTOMERS_PER_CHUNK, eachTermMatch, keyOwner, layoutChunks, shorterPrefixes, termEntries, TERMS_PER_CHUNK, type TermChunk } from './chunk-layout.ts';
import { joinStrings } from './joined-strings.ts';
import { unpackCustomers } from './packed-customers.ts';
import type { StoredCustomer } from './stored-customer.ts';

const row = (id: string, keys: string[], search: string[]): StoredCustomer => ({ id, tier: 'Small', keys, search });
/** Term chunks as prefix → plain lists of words and ids. */
const listed = (chunks: Map<string, TermChunk>) => new Map([...chunks].map(([k, c]) => [k, termEntries(c)]));

describe('chunkHash', () => {
  it('is 32-bit FNV-1a (reference values of the published algorithm)', () => {
    // FNV-1a 32-bit test vectors (Fowler/Noll/Vo): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(chunkHash('')).toBe(0x811c9dc5);
    expect(chunkHash('a')).toBe(0xe40c292c);
    expect(chunkHash('foobar')).toBe(0xbf9cf968);
  });
});

describe('layoutChunks', () => {
  it('puts each customer in one chunk and each key in one key chunk, the smallest id owning a shared key', () => {
    const n = 2 * CUSTOMERS_PER_CHUNK + CUSTOMERS_PER_CHUNK / 2;
    const rows = Array.from({ length: n }, (_, i) => row(`C${i}`, [`email:c${i}@x.com`, 'company:acme'], []));
    const layout = layoutChunks(rows);
    expect(layout.customerChunks.length).toBe(3); // ceil(n / CUSTOMERS_PER_CHUNK)
    const customers = layout.customerChunks.map((chunk) => unpackCustomers(chunk));
    expect(customers.flat().map((c) => c.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const [n, chunk] of customers.entries()) for (const c of chunk) expect(chunkHash(c.id) % 3).toBe(n);
    expect(layout.keys).toBe(n + 1);
    const owner = (key: string) => keyOwner(layout.keyChunks[chunkHash(key) % layout.keyChunks.length], key);
    expect(owner('company:acme')).toBe('C0');
    expect(owner('email:c77@x.com')).toBe('C77');
    expect(owner('email:nobody@x.com')).toBeUndefined();
    expect('search' in customers[0][0]).toBe(false);
  });

  it('splits a large term group by the next character, leaving words equal to the prefix under it', () => {
    const n = TERMS_PER_CHUNK + 10;
    const rows = Array.from({ length: n }, (_, i) => row(`C${i}`, [], i % 2 ? ['ja', `jan${i}`] : [`jo${i}`]));
    const termChunks = listed(layoutChunks(rows).termChunks);
    const all = [...termChunks.values()].flatMap((c) => c.terms);
    expect(all.length).toBe(n + Math.floor(n / 2));
    for (const [prefix, chunk] of termChunks) {
      expect(chunk.terms.every((t) => t.startsWith(prefix))).toBe(true);
      expect(chunk.terms.length <= TERMS_PER_CHUNK || chunk.terms.every((t) => t === prefix)).toBe(true);
    }
    // Every word starting with a query is in a chunk whose prefix starts with the query, or is one of its shorter prefixes.
    const q = 'jan1';
    const reachable = [...termChunks].filter(([p]) => p.startsWith(q) || shorterPrefixes(q).includes(p)).flatMap(([, c]) => c.terms).filter((t) => t.startsWith(q));
    expect(reachable.sort()).toEqual(all.filter((t) => t.startsWith(q)).sort());
  });
});

describe('a word shared by more customers than a chunk holds', () => {
  it('is cut into chunks of at most TERMS_PER_CHUNK, every one reached by the key range a search for any prefix of it reads', () => {
    const n = 2 * TERMS_PER_CHUNK + 5;
    const rows = Array.from({ length: n }, (_, i) => row(`C${i}`, [], ['inc', `acme${i}`]));
    const termChunks = listed(layoutChunks(rows).termChunks);
    for (const chunk of termChunks.values()) expect(chunk.terms.length).toBeLessThanOrEqual(TERMS_PER_CHUNK);
    // What CustomerStore.search reads: the keys from q to q + U+FFFF, and q's shorter prefixes.
    const read = (q: string) => [...termChunks].filter(([k]) => (k >= q && k <= q + '\uffff') || shorterPrefixes(q).includes(k));
    for (const q of ['i', 'in', 'inc']) {
      const ids = read(q).flatMap(([, c]) => c.ids.filter((_, i) => c.terms[i].startsWith(q)));
      expect(new Set(ids).size).toBe(n);
    }
    expect(read('incx').flatMap(([, c]) => c.terms.filter((t) => t.startsWith('incx')))).toEqual([]);
  });
});

describe('search words', () => {
  it('are worked out from name, e-mail, company and id when a row does not give them', () => {
    const { termChunks } = layoutChunks([{ id: 'C1', tier: 'Small', name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme Inc', keys: [] }]);
    const found: string[] = [];
    for (const chunk of termChunks.values()) eachTermMatch(chunk, 'ja', (id) => (found.push(id), true));
    expect(found).toEqual(['C1', 'C1', 'C1']); // 'jane doe', 'jane', 'jane@acme.com'
    expect([...termChunks.values()].flatMap((c) => termEntries(c).terms).sort()).toEqual(['acme', 'acme inc', 'c1', 'doe', 'inc', 'jane', 'jane doe', 'jane@acme.com']);
  });

  it('found in the parallel lists the first chunked layout wrote, stopping when told', () => {
    const old = { terms: ['jane', 'jo', 'janet'], ids: ['A', 'B', 'C'] };
    const found: string[] = [];
    eachTermMatch(old, 'ja', (id) => (found.push(id), true));
    expect(found).toEqual(['A', 'C']);
    const first: string[] = [];
    eachTermMatch({ terms: joinStrings(old.terms), ids: joinStrings(old.ids) }, 'j', (id) => (first.push(id), first.length < 2));
    expect(first).toEqual(['A', 'B']);
  });
});

describe('keyOwner', () => {
  it('reads joined key chunks, the lists of the first packed form, and the object chunks the first chunked layout wrote', () => {
    expect(keyOwner(joinStrings(['email:a@x.com', 'A', 'company:acme', 'B']), 'company:acme')).toBe('B');
    expect(keyOwner(joinStrings(['email:a@x.com', 'A', 'company:acme', 'B']), 'company:acm')).toBeUndefined(); // a prefix is not the key
    expect(keyOwner(joinStrings(['company:acme', 'B']), 'company:acme corp')).toBeUndefined();
    expect(keyOwner(['email:a@x.com', 'A', 'company:acme', 'B'], 'company:acme')).toBe('B');
    expect(keyOwner(['email:a@x.com', 'A'], 'A')).toBeUndefined(); // an id is not a key
    expect(keyOwner({ 'email:a@x.com': 'A' }, 'email:a@x.com')).toBe('A');
    expect(keyOwner({ 'email:a@x.com': 'A' }, 'toString')).toBeUndefined();
    expect(keyOwner(undefined, 'email:a@x.com')).toBeUndefined();
  });
});
