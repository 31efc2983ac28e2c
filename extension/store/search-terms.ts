/**
 * The words a customer can be found by in the popup's prefix search: the
 * whole lower-cased name, e-mail and company, and each of their words
 * (split on anything but letters, digits and @ . - _), de-duplicated.
 * Words shorter than 2 characters are left out, except CJK characters, which
 * are words on their own.
 *
 * @example
 * searchTerms({ name: 'Jane Doe', email: 'jane@acme.com' })
 * // ['jane doe', 'jane', 'doe', 'jane@acme.com']
 */
export function searchTerms(fields: SearchFields): string[] {
  const out = new Set<string>();
  for (const value of [fields.name, fields.email, fields.company, fields.id]) {
    if (!value) continue;
    if (value === fields.company) {
      for (const word of companyWords(value)) out.add(word);
      continue;
    }
    valueWords(value, out);
  }
  return [...out];
}

type SearchFields = { name?: string; email?: string; company?: string; id?: string };

/**
 * searchTerms split in two, for an import's layout: the words of name,
 * e-mail and id (not already company words) are written into `own`
 * (emptied first), and the company's words are returned as one list, the
 * same list object for every customer of the company while it is
 * remembered — so the layout files a company's words once, not once per
 * customer. Together, the same words as searchTerms.
 *
 * @example
 * const own: string[] = [];
 * splitSearchTerms({ name: 'Jane Doe', company: 'Acme Inc' }, own) // ['acme inc', 'acme', 'inc']; own: ['jane doe', 'jane', 'doe']
 */
export function splitSearchTerms(fields: SearchFields, own: string[]): readonly string[] {
  own.length = 0;
  const words = fields.company ? companyWords(fields.company) : NONE;
  const add = { add: (word: string) => void (own.includes(word) || words.includes(word) || own.push(word)) };
  for (const value of [fields.name, fields.email, fields.id]) if (value && value !== fields.company) valueWords(value, add);
  return words;
}

const NONE: readonly string[] = [];

function valueWords(value: string, out: { add(word: string): unknown }): void {
  if (ASCII.test(value)) return asciiTerms(value, out);
  const whole = value.trim().toLowerCase().normalize('NFKC');
  if (!whole) return;
  out.add(whole);
  for (const word of whole.split(/[^\p{L}\p{N}\p{M}@._-]+/u)) {
    if (word.length >= 2 || /\p{Script=Han}/u.test(word)) out.add(word);
  }
}

/**
 * A company name's words, remembered: an import's customers share a few
 * thousand companies, and sharing their words' strings spares the layout a
 * new copy of each per customer, all kept until the chunks are written.
 * Bounded like the match keys' memory (extension/match/keys.ts).
 */
const companies = new Map<string, readonly string[]>();
const REMEMBERED = 50_000;

function companyWords(company: string): readonly string[] {
  let words = companies.get(company);
  if (words === undefined) {
    const out = new Set<string>();
    valueWords(company, out);
    words = [...out];
    if (companies.size >= REMEMBERED) companies.clear();
    companies.set(company, words);
  }
  return words;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * searchTerms of an ASCII value, by a loop over its characters: the same
 * words (ASCII is its own NFKC form; its letters and digits are the only
 * \p{L} and \p{N} in it, and it has no marks or Han), without the Unicode
 * regular expression, which cost more than the rest of an import's words.
 */
function asciiTerms(value: string, out: { add(word: string): unknown }): void {
  const whole = value.trim().toLowerCase();
  if (!whole) return;
  out.add(whole);
  let start = 0;
  for (let i = 0; i <= whole.length; i++) {
    if (i < whole.length && isWordChar(whole.charCodeAt(i))) continue;
    if (i - start >= 2) out.add(i - start === whole.length ? whole : whole.slice(start, i));
    start = i + 1;
  }
}

/** a-z, 0-9, @ . - _ (upper case is lowered before). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 46 || c === 45 || c === 95;
}

/**
 * Normalises a search query the same way the terms were: trimmed, lower-case, NFKC.
 * @example normalizeQuery('  Jane ') // 'jane'
 */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().normalize('NFKC');
}
