/**
 * Where a badge for an entity goes so that the reader can see it. Most CRMs
 * cut long cell text short: the name link in a list cell (and often the
 * record title) sits inside an element with `overflow: hidden` and
 * `white-space: nowrap` that ends the text with an ellipsis. A badge put
 * right after the name, inside that element, is cut off with it; put after
 * the clipping element, it is a sibling the page lays out beside the name
 * (in Lightning's cells, a flex item next to a truncating one, which then
 * shrinks and ellipsises the name instead).
 */

export interface BadgeSpot {
  /** The element the badge is inserted after. */
  after: Element;
  /** The entity is shown in a table cell or grid row: a badge of the essentials fits better there. */
  compact: boolean;
}

/** Cells and rows, where a badge is compact. */
const IN_CELL = 'td, th, [role="gridcell"], [role="rowheader"], [role="cell"], [role="row"], tr, lyte-td, lyte-exptable-td';
/** Elements a badge never leaves: the cell, row or list item an entity is shown in. */
const BOUNDARY = `${IN_CELL}, li, body`;
/** How far up from the anchor clipping wrappers are looked for. */
const MAX_DEPTH = 6;

/**
 * The spot for a badge next to `anchor`: after the outermost element around
 * it, within its cell, that clips a single line of text, else right after
 * the anchor. Reads computed styles only (no layout): call it for a batch of
 * anchors before inserting any badge, so the page recalculates style once.
 */
export function badgeSpot(anchor: Element): BadgeSpot {
  const view = anchor.ownerDocument.defaultView;
  let after = anchor;
  let el: Element | null = anchor;
  // Up through shadow roots too: in native shadow DOM a list's name link is
  // alone in its link component's root, and the cell that clips it is outside.
  for (let depth = 0; el && depth < MAX_DEPTH && !el.matches(BOUNDARY); depth++, el = composedParent(el)) {
    if (view && clipsLine(view.getComputedStyle(el))) after = el;
  }
  return { after, compact: composedClosest(anchor, IN_CELL) !== null };
}

/** The element's parent, or the host of the shadow root it is the top of. */
function composedParent(el: Element): Element | null {
  if (el.parentElement !== null) return el.parentElement;
  const root = el.parentNode;
  return root !== null && root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
}

/** `closest`, continuing past the element's shadow root (and its host's) when nothing in it matches. */
function composedClosest(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at !== null; ) {
    const found = at.closest(selector);
    if (found) return found;
    const root = at.getRootNode();
    at = root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
  }
  return null;
}

/** Whether `inner` is `outer` or inside it, across shadow roots. */
export function composedContains(outer: Element, inner: Element): boolean {
  for (let at: Element | null = inner; at !== null; at = composedParent(at)) if (at === outer) return true;
  return false;
}

/**
 * Whether an element cuts off what overflows its line: hidden (or clipped,
 * scrolled) overflow, with text kept on one line or clamped to a few.
 * An element that merely hides overflow (rounded corners of a card) lets a
 * badge wrap onto the next line and stay in view, so it does not count.
 */
function clipsLine(style: CSSStyleDeclaration): boolean {
  if (style.overflowX === 'visible') return false;
  const clamp = style.getPropertyValue('-webkit-line-clamp');
  return style.whiteSpace === 'nowrap' || style.whiteSpace === 'pre' || style.textOverflow === 'ellipsis' || (clamp !== '' && clamp !== 'none');
}
