import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_LIMIT, DICTIONARY_TRIAL, MAX_TEXT_BYTES, StoredTexts } from './summary-store-texts.ts';

const enc = new TextEncoder();

/** Sets each text (undefined: none) at its index, as the store does, and reads every index back. */
function roundTrip(texts: readonly (string | undefined)[], capacity = 2, trial?: number): { back: (string | undefined)[]; kept: StoredTexts; refused: number[] } {
  const kept = new StoredTexts(capacity, trial);
  const refused: number[] = [];
  texts.forEach((t, k) => {
    if (t === undefined) return;
    // In the middle of a larger buffer, as a database's vector gives it.
    const b = enc.encode(`«${t}»`);
    if (!kept.set(k, b, 2, b.length - 2)) refused.push(k);
  });
  return { back: texts.map((_, k) => kept.text(k)), kept, refused };
}

/** What a text reads back as: its UTF-8 bytes decoded (a lone surrogate becomes U+FFFD), undefined for one refused. */
const expected = (t: string | undefined): string | undefined =>
  t === undefined || enc.encode(t).length > MAX_TEXT_BYTES ? undefined : new TextDecoder().decode(enc.encode(t));

describe('StoredTexts', () => {
  it('gives each customer back its text, or none, in either form (property, against the texts)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 90 }),
      fc.constantFrom('Acme', 'Ａ社', '', 'x'.repeat(254), 'x'.repeat(255), 'é'.repeat(127), 'é'.repeat(128)),
    );
    fc.assert(
      // A trial of 0 to 8 distinct texts: the form changes somewhere in most runs, or never.
      fc.property(fc.array(fc.option(text, { nil: undefined, freq: 3 }), { maxLength: 300 }), fc.integer({ min: 0, max: 8 }), (texts, trial) => {
        const { back, refused } = roundTrip(texts, 2, trial);
        expect(back).toEqual(texts.map((t, k) => (refused.includes(k) ? undefined : expected(t))));
        expect(refused.every((k) => enc.encode(texts[k]!).length > MAX_TEXT_BYTES)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps repeated texts as a dictionary, and goes plain, with every text as it was, when they stop repeating', () => {
    const companies = Array.from({ length: 50_000 }, (_, k) => (k % 7 === 3 ? undefined : `Company ${k % 1384} Ltd`));
    const asDictionary = roundTrip(companies);
    expect(asDictionary.kept.dictionaryForm).toBe(true);
    expect(asDictionary.back).toEqual(companies);

    // Distinct e-mails: past the trial more than half are new.
    const emails = Array.from({ length: 3 * DICTIONARY_TRIAL }, (_, k) => (k % 5 === 0 ? undefined : `person.${k}@example.org`));
    const plain = roundTrip(emails);
    expect(plain.kept.dictionaryForm).toBe(false);
    expect(plain.back).toEqual(emails);
  });

  it('goes plain past the dictionary limit even when the texts repeat', () => {
    const texts = Array.from({ length: 2 * (DICTIONARY_LIMIT + 10) }, (_, k) => `t${k % (DICTIONARY_LIMIT + 10)}`);
    const r = roundTrip(texts, 1024);
    expect(r.kept.dictionaryForm).toBe(false);
    expect(r.back).toEqual(texts);
  });

  it('reads a text whose bytes run across two chunks of 1 MiB, and the texts around it', () => {
    // 40,000 distinct texts of 101 to 250 bytes: 7 MB in seven chunks, some texts across each boundary.
    const texts = Array.from({ length: 40_000 }, (_, k) => `${k}:é`.padEnd(100 + (k % 150), 'a'));
    const r = roundTrip(texts);
    expect(r.kept.dictionaryForm).toBe(false);
    expect(r.back).toEqual(texts.map(expected));
  });
});
