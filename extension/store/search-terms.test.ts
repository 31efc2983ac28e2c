import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('finds the same words in ASCII text by its character loop as the Unicode expression does', () => {
    // The general rule, written out here as the reference: NFKC, split on anything but letters, digits, marks and @ . - _.
    const reference = (value: string) => {
      const whole = value.trim().toLowerCase().normalize('NFKC');
      if (!whole) return [];
      const words = whole.split(/[^\p{L}\p{N}\p{M}@._-]+/u).filter((w) => w.length >= 2);
      return [...new Set([whole, ...words])];
    };
    const ascii = fc.string({ unit: fc.constantFrom(...'aZ9 ._-@,;:/\t!&()'.split('')), maxLength: 30 });
    fc.assert(fc.property(ascii, (name) => {
      expect(searchTerms({ name })).toEqual(reference(name));
    }));
    expect(searchTerms({ email: 'Buyer60298@Firm298.example', company: 'Firm 298', id: '60298' })).toEqual(['buyer60298@firm298.example', 'firm 298', 'firm', '298', '60298']);
  });

  it('returns nothing for empty fields', () => {
    expect(searchTerms({ name: '  ', email: '' })).toEqual([]);
  });
});
