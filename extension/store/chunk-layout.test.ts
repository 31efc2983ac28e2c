import { describe, expect, it } from 'vitest';
import { chunkHash, eachTermMatch, keyOwner, shorterPrefixes, termEntries } from './chunk-layout.ts';
import { joinStrings } from './joined-strings.ts';

describe('chunkHash', () => {
  it('is 32-bit FNV-1a (reference values of the published algorithm)', () => {
    // FNV-1a 32-bit test vectors (Fowler/Noll/Vo): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(chunkHash('')).toBe(0x811c9dc5);
    expect(chunkHash('a')).toBe(0xe40c292c);
    expect(chunkHash('foobar')).toBe(0xbf9cf968);
  });
});

describe('search words of sets written before the ref layout', () => {
  it('found in the parallel lists the first chunked layout wrote, stopping when told', () => {
    const old = { terms: ['jane', 'jo', 'janet'], ids: ['A', 'B', 'C'] };
    const found: string[] = [];
    eachTermMatch(old, 'ja', (id) => (found.push(id), true));
    expect(found).toEqual(['A', 'C']);
    const first: string[] = [];
    eachTermMatch({ terms: joinStrings(old.terms), ids: joinStrings(old.ids) }, 'j', (id) => (first.push(id), first.length < 2));
    expect(first).toEqual(['A', 'B']);
    expect(termEntries({ terms: joinStrings(old.terms), ids: joinStrings(old.ids) })).toEqual(old);
  });

  it('are read for a query from its own key range and its shorter prefixes', () => {
    expect(shorterPrefixes('jan')).toEqual(['', 'j', 'ja']);
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
