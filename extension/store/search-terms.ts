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
export function searchTerms(fields: { name?: string; email?: string; company?: string; id?: string }): string[] {
  const out = new Set<string>();
  for (const value of [fields.name, fields.email, fields.company, fields.id]) {
    if (!value) continue;
    const whole = value.trim().toLowerCase().normalize('NFKC');
    if (!whole) continue;
    out.add(whole);
    for (const word of whole.split(/[^\p{L}\p{N}\p{M}@._-]+/u)) {
      if (word.length >= 2 || /\p{Script=Han}/u.test(word)) out.add(word);
    }
  }
  return [...out];
}

/**
 * Normalises a search query the same way the terms were: trimmed, lower-case, NFKC.
 * @example normalizeQuery('  Jane ') // 'jane'
 */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().normalize('NFKC');
}
