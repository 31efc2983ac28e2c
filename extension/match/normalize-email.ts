/**
 * The canonical form of an e-mail address, used to match a customer seen on a
 * web page with a customer in the user's data.
 *
 * Accepts what pages show: surrounding spaces, any case, a `mailto:` prefix
 * (with an optional `?subject=…` query, percent-encoding), and angle brackets
 * as in `Jane <jane@acme.com>`. The result is trimmed and lower-cased (local
 * parts are case-insensitive in practice at every mail provider that matters).
 * Returns `undefined` — never throws — for anything that is not one plausible
 * address: no `@`, an empty local part, a domain without a dot, spaces, or
 * two addresses.
 *
 * @example normalizeEmail(' MailTo:Jane.Doe@ACME.com?subject=Hi ') // 'jane.doe@acme.com'
 * @example normalizeEmail('not an email') // undefined
 */
export function normalizeEmail(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  let s = input.trim();
  if ((s.charCodeAt(0) | 0x20) === 0x6d && /^mailto:/i.test(s)) {
    s = s.slice('mailto:'.length);
    const q = s.indexOf('?');
    if (q >= 0) s = s.slice(0, q);
    try {
      s = decodeURIComponent(s);
    } catch {
      return undefined;
    }
    s = s.trim();
  }
  const angle = s.includes('<') ? /<([^<>]*)>\s*$/.exec(s) : null;
  if (angle) s = angle[1].trim();
  s = s.toLowerCase();
  return (ASCII.test(s) ? ASCII_EMAIL : EMAIL).test(s) ? s : undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * One address, pragmatic rather than RFC 5322: a local part of printable
 * non-space characters without `@` or brackets, and a domain of at least two
 * labels of letters (any script), digits and inner hyphens, the last label at
 * least two characters long.
 */
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$/u;
/**
 * EMAIL for lower-cased ASCII text, without the Unicode classes (which cost
 * most of an import's key work): the only \p{L} and \p{N} in lower-case
 * ASCII are a-z and 0-9.
 */
const ASCII_EMAIL = /^[^\s@<>()[\]\\,;:"]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
