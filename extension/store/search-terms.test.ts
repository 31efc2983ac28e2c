import { describe, expect, it } from 'vitest';
import { normalizeQuery, searchTerms } from './search-terms.ts';

describe('searchTerms', () => {
  it('holds the whole lower-cased fields and their words', () => {
    expect(searchTerms({ name: 'Jane Doe', email: 'Jane@Acme.com', company: 'Acme, Inc.' })).toEqual(['jane doe', 'jane', 'doe', 'jane@acme.com', 'acme, inc.', 'acme', 'inc.']);
  });

  it('drops one-letter words but keeps single Han characters', () => {
    expect(searchTerms({ name: 'J R R Tolkien' })).toEqual(['j r r tolkien', 'tolkien']);
    expect(searchTerms({ company: '王 科技' })).toEqual(['王 科技', '王', '科技']);
  });

  it('normalises full-width letters (NFKC) in terms and queries alike', () => {
    expect(searchTerms({ name: 'ＡＣＭＥ' })).toEqual(['acme']);
    expect(normalizeQuery('  ＡＣ ')).toBe('ac');
  });

  it('returns nothing for empty fields', () => {
    expect(searchTerms({ name: '  ', email: '' })).toEqual([]);
  });
});
