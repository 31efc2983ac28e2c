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
  // A component rendered in an open shadow root (LWC native shadow) keeps its text there.
  if (raw.trim() === '' && el.shadowRoot) raw = el.shadowRoot.textContent ?? '';
  return raw.replace(/\s+/g, ' ').trim();
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
