import { MULTI_LABEL_SUFFIXES } from './public-suffixes.ts';

/**
 * The registrable domain (eTLD+1) of a company web address, host name or
 * e-mail address, used to match a company seen on a page with a customer.
 *
 * Accepts `https://www.Acme.com/about`, `acme.com:8080`, `WWW.ACME.COM.`,
 * `jane@sales.acme.co.uk`, `mailto:jane@acme.com`. The host is lower-cased and
 * internationalised names are given as the URL API gives them (punycode,
 * `bücher.de` → `xn--bcher-kva.de`); the leading `www.` goes with the
 * subdomains; the result keeps one label more than its public suffix, with
 * the suffixes of `MULTI_LABEL_SUFFIXES` (a compact list, not the full Public
 * Suffix List) and otherwise the last label as the suffix.
 * Returns `undefined` — never throws — for what is no public host: empty
 * input, an IP address, a single label (`localhost`), a bare public suffix.
 * Free-mail domains ARE returned (`gmail.com`); callers that match companies
 * drop them with `isFreeMailDomain`.
 *
 * @example normalizeDomain('https://www.shop.acme.co.uk/x') // 'acme.co.uk'
 * @example normalizeDomain('jane@Acme.com') // 'acme.com'
 */
export function normalizeDomain(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  let s = input.trim();
  if (s === '') return undefined;
  s = s.replace(/^mailto:/i, '');
  const at = s.lastIndexOf('@');
  // An e-mail address (no scheme): its domain is after the last @.
  if (at >= 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = s.slice(at + 1).replace(/[?#].*$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let host: string;
  try {
    host = new URL(s).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.+$/, '').toLowerCase();
  if (host === '' || host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return undefined;
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return undefined;
  const lastTwo = labels.slice(-2).join('.');
  const suffixLabels = MULTI_LABEL_SUFFIXES.has(lastTwo) ? 2 : 1;
  if (labels.length <= suffixLabels) return undefined;
  return labels.slice(-(suffixLabels + 1)).join('.');
}
