/**
 * The text a user sees in an element: its `textContent` with runs of
 * whitespace collapsed and trimmed; for form controls, their value; for an
 * empty custom element with an open shadow root, the shadow root's text. Never
 * HTML: markup typed into a CRM field comes back as the literal characters.
 * '' for a missing element.
 *
 * @example textOf(document.querySelector('h1')) // 'Jane Doe'
 */
export function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  let raw = isValueControl(el) ? el.value : (el.textContent ?? '');
  // A component rendered in an open shadow root (LWC native shadow) keeps its
  // text there, and a cell holding such components shows theirs.
  if (raw.trim() === '') raw = composedText(el, { nodes: COMPOSED_TEXT_NODES });
  return raw.replace(/\s+/g, ' ').trim();
}

/** How many nodes `composedText` visits at most: a cell or a title, not a page. */
const COMPOSED_TEXT_NODES = 2_000;

/** The text under `el` with open shadow roots read in place of their hosts' light children. */
function composedText(el: Element, budget: { nodes: number }): string {
  const from: ParentNode = el.shadowRoot ?? el;
  let text = '';
  for (let n = from.firstChild; n !== null && budget.nodes > 0; n = n.nextSibling) {
    budget.nodes--;
    if (n.nodeType === 3) text += n.nodeValue ?? '';
    else if (n.nodeType === 1) text += ' ' + composedText(n as Element, budget);
  }
  return text;
}

function isValueControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea';
}

/**
 * The first element matching one of the selectors, tried in order (most
 * reliable hook first), within `root`.
 */
export function firstOf(root: ParentNode, selectors: readonly string[]): Element | undefined {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return undefined;
}

/** The first non-empty text among the elements matching the selectors, tried in order. */
export function firstText(root: ParentNode, selectors: readonly string[]): string | undefined {
  for (const s of selectors) {
    for (const el of Array.from(root.querySelectorAll(s))) {
      const t = textOf(el);
      if (t !== '') return t;
    }
  }
  return undefined;
}
