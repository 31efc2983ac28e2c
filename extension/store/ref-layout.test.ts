import { describe, expect, it } from 'vitest';
import { chunkHash, shorterPrefixes } from './chunk-layout.ts';
import { blockOf, positionOf, readBlock } from './customer-blocks.ts';
import { splitJoined } from './joined-strings.ts';
import { eachRefMatch, keyCheck, KEY_REFS_PER_CHUNK, layoutRefs, refsOfCheck, TERM_REFS_PER_CHUNK, type TermRefChunk } from './ref-layout.ts';
import { searchTerms } from './search-terms.ts';
import type { StoredCustomer } from './stored-customer.ts';

const row = (id: string, keys: string[], fields: Partial<StoredCustomer> = {}): StoredCustomer => ({ id, tier: 'Small', keys, ...fields });

/** What CustomerStore.lookup does on this layout: the key's chunk, the refs under its check, the one whose customer has the key. */
function lookup(layout: ReturnType<typeof layoutRefs>, key: string): string | undefined {
  const refs = refsOfCheck(layout.keyChunks[chunkHash(key) % layout.keyChunks.length], keyCheck(key));
  for (const ref of refs) {
    const c = readBlock(layout.blocks[blockOf(ref)], positionOf(ref))[0];
    if (c?.keys.includes(key)) return c.id;
  }
  return undefined;
}

/** The ids a prefix search finds: the chunks CustomerStore.search reads (the key range and the shorter prefixes). */
function search(chunks: Map<string, TermRefChunk>, blocks: ReturnType<typeof layoutRefs>['blocks'], q: string): string[] {
  const ids = new Set<string>();
  for (const [prefix, chunk] of chunks) {
    if (!((prefix >= q && prefix <= q + '\uffff') || shorterPrefixes(q).includes(prefix))) continue;
    eachRefMatch(chunk, q, (ref) => (ids.add(readBlock(blocks[blockOf(ref)], positionOf(ref))[0].id), true));
  }
  return [...ids].sort();
}

describe('keyCheck', () => {
  it('spreads keys that differ in one character, independently of chunkHash', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `email:buyer${i}@firm${i % 50}.example`);
    expect(new Set(keys.map(keyCheck)).size).toBeGreaterThan(19_990); // 32-bit: ~0.05 collisions expected among 20,000
    // Within one chunk (same chunkHash residue) the checks still differ.
    const sameChunk = keys.filter((k) => chunkHash(k) % 8 === 0);
    expect(new Set(sameChunk.map(keyCheck)).size).toBe(sameChunk.length);
  });
});

describe('layoutRefs', () => {
  it('finds each customer by each of its keys, the smallest id owning a shared key, nobody by a key no one has', () => {
    const n = 3 * KEY_REFS_PER_CHUNK;
    const rows = Array.from({ length: n }, (_, i) => row(`C${i}`, [`email:c${i}@x.com`, 'company:acme']));
    const layout = layoutRefs(rows, false);
    expect(layout.keys).toBe(n + 1);
    expect(layout.keyChunks.length).toBe(4); // ceil((n + 1) / KEY_REFS_PER_CHUNK)
    expect(lookup(layout, 'company:acme')).toBe('C0');
    expect(lookup(layout, 'email:c7777@x.com')).toBe('C7777');
    expect(lookup(layout, 'email:nobody@x.com')).toBeUndefined();
    expect(layout.blocks.flatMap((b) => readBlock(b)).map((c) => c.id)).toEqual(rows.map((r) => r.id)); // import order
  });

  it('never answers with a customer that lacks the key, even when another key has the same check', () => {
    const layout = layoutRefs([row('A', ['email:a@x.com'])], false);
    // Forge a collision: a second entry under the check of a key A does not have, pointing at A.
    const forged = 'email:forged@x.com';
    const chunk = layout.keyChunks[chunkHash(forged) % layout.keyChunks.length];
    layout.keyChunks[chunkHash(forged) % layout.keyChunks.length] = { layout: 3, checks: Uint32Array.of(...chunk.checks, keyCheck(forged)), refs: Uint32Array.of(...chunk.refs, 0) };
    expect(lookup(layout, forged)).toBeUndefined();
    expect(lookup(layout, 'email:a@x.com')).toBe('A');
  });

  it('files a company\'s words once, with the refs of all its customers, and each person\'s own words', () => {
    const rows = Array.from({ length: 5 }, (_, i) => row(`P${i}`, [], { name: `Jane ${i}`, company: 'Acme Inc' }));
    const { termChunks, blocks } = layoutRefs(rows, false);
    const words = [...termChunks.values()].flatMap((c) => splitJoined(c.terms));
    expect(words.filter((w) => w === 'acme inc')).toHaveLength(1);
    expect(words.sort()).toEqual([...new Set(rows.flatMap((r) => searchTerms(r)))].concat(['jane', 'jane', 'jane', 'jane']).sort()); // 'jane' once per person
    expect(search(termChunks, blocks, 'acme')).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    expect(search(termChunks, blocks, 'jane 3')).toEqual(['P3']);
    expect(search(termChunks, blocks, 'p4')).toEqual(['P4']); // the id
  });

  it('cuts large groups by the next character and a word shared by more customers than a chunk holds into parts, all reached by a search', () => {
    const n = 2 * TERM_REFS_PER_CHUNK + 5;
    const rows = Array.from({ length: n }, (_, i) => row(`C${i}`, [], { search: ['inc', `inca${i}`, `jo${i}`] }));
    const { termChunks, blocks } = layoutRefs(rows, false);
    for (const chunk of termChunks.values()) expect(chunk.refs.length).toBeLessThanOrEqual(TERM_REFS_PER_CHUNK);
    for (const q of ['i', 'in', 'inc']) expect(search(termChunks, blocks, q)).toHaveLength(n);
    expect(search(termChunks, blocks, 'inca1')).toHaveLength(rows.filter((r) => r.search![1].startsWith('inca1')).length);
    expect(search(termChunks, blocks, 'incx')).toEqual([]);
    expect(search(termChunks, blocks, 'jo12345')).toEqual(['C12345']);
  });
});
