import type { FoundEntity, SiteAdapter } from './types.ts';
import { emailsInText, mailtoAddress } from './dom/emails.ts';
import { foundEntity, uniqueEntities } from './dom/entity.ts';
import { textOf } from './dom/text.ts';

/**
 * Any web page the user enables (a web-mail client, a support desk, an
 * in-house CRM): the customer e-mail addresses it shows, in `mailto:` links
 * and in text. It reads nothing else, and never reads what the user is
 * typing or what is not content: script, style, template, noscript,
 * textarea, input, select, editable regions (`contenteditable`), and the
 * extension's own badges (`[data-cvlens-badge]`).
 * Work is bounded: at most `GENERIC_LIMITS.textNodes` text nodes are read and
 * `GENERIC_LIMITS.entities` entities returned, whatever the page's size.
 */
export const GENERIC_LIMITS = { textNodes: 5000, entities: 200 } as const;

const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'input', 'select', 'option', 'svg', 'canvas', 'iframe']);

export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Any page (e-mail addresses)',
  /**
   * None declared: asking for every site up front is what this extension
   * must not do. The extension asks for the one origin the user enables,
   * when the user enables it.
   */
  origins: [],
  examples: [
    { url: 'https://mail.example.org/inbox/thread/1842', kind: 'other' },
    { url: 'https://support.example.com/agent/tickets/77', kind: 'other' },
    { url: 'http://intranet.example.net/customers?id=12', kind: 'other' },
  ],
  /** Every web page: whether it is enabled is the user's choice, kept by the extension. */
  matches(url) {
    return url.protocol === 'https:' || url.protocol === 'http:';
  },
  pageKind() {
    return 'other';
  },
  recordId() {
    return undefined;
  },
  findEntities(doc) {
    return findEmailEntities(doc.body ?? doc.documentElement);
  },
};

/**
 * The e-mail addresses shown under `root`, one entity per distinct address,
 * anchored on its mailto link (labelled with the link's text) or on the
 * element whose text holds it (labelled with the address, and naming it in
 * `address`: its badge goes right after the address in that text, inside
 * the cell or paragraph, one per address).
 */
export function findEmailEntities(root: Element | null, limits: { textNodes: number; entities: number } = GENERIC_LIMITS): FoundEntity[] {
  if (!root) return [];
  const doc = root.ownerDocument;
  const found: (FoundEntity | undefined)[] = [];
  const seen = new Set<string>();
  const add = (anchor: Element, address: string, label: string, inText: boolean) => {
    const e = foundEntity(anchor, [{ kind: 'email', value: address }], label);
    if (e && inText) e.address = address;
    if (e && !seen.has(e.id)) {
      seen.add(e.id);
      found.push(e);
    }
  };
  // A plain function as filter: Firefox's content-script wrappers take it as readily as Chromium.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, (node) =>
    node.nodeType === ELEMENT_NODE && isSkipped(node as Element) ? FILTER_REJECT : FILTER_ACCEPT,
  );
  let textNodes = 0;
  for (let node = walker.nextNode(); node !== null && seen.size < limits.entities; node = walker.nextNode()) {
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (el.tagName.toLowerCase() === 'a') {
        const address = mailtoAddress(el);
        if (address !== undefined) add(el, address, textOf(el) || address, false);
      }
      continue;
    }
    if (++textNodes > limits.textNodes) break;
    const parent = node.parentElement;
    if (!parent) continue;
    for (const address of emailsInText(node.nodeValue ?? '')) add(parent, address, address, true);
  }
  return uniqueEntities(found);
}

function isSkipped(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toLowerCase())) return true;
  if (el.hasAttribute('data-cvlens-badge')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

// NodeFilter / Node constants, spelled out so that this module needs no DOM globals.
const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;
const ELEMENT_NODE = 1;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
