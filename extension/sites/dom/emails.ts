import { normalizeEmail } from '../../match/normalize-email.ts';
import { textOf } from './text.ts';
import { openShadowRoots } from './shadow-roots.ts';

/** Candidate addresses in free text; each is confirmed by `normalizeEmail`. */
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * The e-mail addresses written in a piece of text, as written (not
 * normalised), in order, valid ones only.
 *
 * @example emailsInText('Write to jane@acme.com or bob@acme.co.uk.') // ['jane@acme.com', 'bob@acme.co.uk']
 */
export function emailsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(EMAIL_IN_TEXT)) {
    const candidate = m[0].replace(/[.-]+$/, '');
    if (normalizeEmail(candidate) !== undefined) out.push(candidate);
  }
  return out;
}

/**
 * The address in a `mailto:` link, without the scheme and query, or
 * undefined when the element is no valid mailto link.
 */
export function mailtoAddress(a: Element): string | undefined {
  const href = a.getAttribute('href');
  if (href === null || !/^\s*mailto:/i.test(href)) return undefined;
  return normalizeEmail(href) === undefined ? undefined : href.trim().replace(/^mailto:/i, '').replace(/\?.*$/, '');
}

/**
 * The e-mail address shown in an element: the first `mailto:` link inside
 * it (or the element itself), else the first address in its text, else a
 * mailto link in its (or its `lightning-formatted-email`'s) open shadow root,
 * else in any open shadow root nested under it.
 */
export function emailIn(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  const links = el.matches('a[href]') ? [el] : Array.from(el.querySelectorAll('a[href^="mailto:" i]'));
  for (const a of links) {
    const address = mailtoAddress(a);
    if (address !== undefined) return address;
  }
  const inText = emailInTextNodes(el);
  if (inText !== undefined) return inText;
  // LWC components in native shadow mode (e.g. lightning-formatted-email) render their link in an open shadow root.
  const shadow = el.shadowRoot ?? el.querySelector('lightning-formatted-email')?.shadowRoot;
  const shadowLink = shadow?.querySelector('a[href^="mailto:" i]');
  if (shadowLink) return mailtoAddress(shadowLink);
  // In native shadow all the way down, a row's link sits in the root of a
  // component inside the root of its cell component: every open root under
  // the element, a row's worth.
  for (const root of openShadowRoots(el, ELEMENT_SHADOW_LIMITS)) {
    const a = root.querySelector('a[href^="mailto:" i]');
    const address = a ? mailtoAddress(a) : undefined;
    if (address !== undefined) return address;
  }
  return undefined;
}

/** What one element (a row, a field) may hold: a few components per cell. */
const ELEMENT_SHADOW_LIMITS = { elements: 2_000, roots: 200 };

/**
 * The first address in the element's text nodes, each read alone: the
 * `textContent` of `<td>a@b.com</td><td>Acme</td>` is `a@b.comAcme`.
 */
function emailInTextNodes(el: Element): string | undefined {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const found = emailsInText(n.nodeValue ?? '')[0];
    if (found !== undefined) return found;
  }
  // Form controls keep their text in a value, not in text nodes.
  for (const input of Array.from(el.querySelectorAll('input'))) {
    const found = emailsInText(textOf(input))[0];
    if (found !== undefined) return found;
  }
  return el.matches('input, textarea') ? emailsInText(textOf(el))[0] : undefined;
}

/** `NodeFilter.SHOW_TEXT`, spelled out so that this module needs no DOM globals. */
const SHOW_TEXT = 4;
