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
  /** The element the badge is inserted after (or into, see `inside` and `address`). */
  after: Element;
  /** The entity is shown in a table cell or grid row: a badge of the essentials fits better there. */
  compact: boolean;
  /**
   * The anchor is the cell, list item or body itself (an address written in
   * a cell's text): the badge goes at its end, inside it, never beside it as
   * a sibling of cells.
   */
  inside?: boolean;
  /**
   * The badge goes just before `after` instead: a cell that cuts its line
   * short clipped a badge placed after a long name, and the start of the
   * line is what such a cell always shows.
   */
  before?: boolean;
  /**
   * An address written in `after`'s own text (generic pages): the badge
   * goes right after it, inside the text, so that a paragraph naming three
   * customers gets three badges where their addresses are.
   */
  address?: string;
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
export function badgeSpot(anchor: Element, address?: string): BadgeSpot {
  const compact = composedClosest(anchor, IN_CELL) !== null;
  if (address !== undefined) return { after: anchor, compact, address };
  if (anchor.matches(BOUNDARY)) return { after: anchor, compact, inside: true };
  const view = anchor.ownerDocument.defaultView;
  let after = anchor;
  let el: Element | null = anchor;
  // Up through shadow roots too: in native shadow DOM a list's name link is
  // alone in its link component's root, and the cell that clips it is outside.
  for (let depth = 0; el && depth < MAX_DEPTH && !el.matches(BOUNDARY); depth++, el = composedParent(el)) {
    if (view && clipsLine(view.getComputedStyle(el))) after = el;
  }
  return { after, compact };
}

/**
 * Puts `host` at `spot` (see BadgeSpot). Returns false, inserting nothing,
 * when the spot's address is no longer in its element's text.
 */
export function insertAt(spot: BadgeSpot, host: Element): boolean {
  if (spot.address !== undefined) {
    const text = addressText(spot.after, spot.address);
    if (!text) return false;
    const end = text.data.indexOf(spot.address) + spot.address.length;
    // The text node is split only when the address does not end it.
    if (end < text.data.length) text.splitText(end);
    text.after(host);
  } else if (spot.inside) spot.after.append(host);
  else if (spot.before) spot.after.before(host);
  else spot.after.after(host);
  return true;
}

/** Whether `host` is still where `insertAt(spot, host)` put it, and the spot still holds `anchor`. */
export function isAt(spot: BadgeSpot, host: Element, anchor: Element): boolean {
  if (!host.isConnected || !spot.after.isConnected) return false;
  if (spot.address !== undefined) {
    const prev = host.previousSibling;
    return host.parentNode === spot.after && prev !== null && prev.nodeType === 3 && (prev as Text).data.endsWith(spot.address);
  }
  if (spot.inside) return host.parentNode === spot.after;
  if (spot.before) return host.nextSibling === spot.after && composedContains(spot.after, anchor);
  return host.previousSibling === spot.after && composedContains(spot.after, anchor);
}

/** The first of the element's own text nodes whose text holds `address` and is not yet followed by a badge. */
function addressText(el: Element, address: string): Text | undefined {
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType !== 3 || !(n as Text).data.includes(address)) continue;
    const next = n.nextSibling;
    const badged = next !== null && next.nodeType === 1 && (next as Element).hasAttribute('data-cvlens-badge') && (n as Text).data.endsWith(address);
    if (!badged) return n as Text;
  }
  return undefined;
}

/**
 * The narrowest a name may be made by a badge beside it, in CSS pixels
 * (about eight characters of a 13 px list font): below it a reader no longer
 * tells two rows' names apart (issue 13 saw them squeezed to 0–27 px).
 */
export const MIN_NAME_WIDTH = 60;

/**
 * How wide the name (`anchor`) is shown and how wide it would be in full:
 * its box cut by every ancestor up to its cell that clips overflow. Reads
 * layout: call after the badges of a batch are in, for all of them at once.
 */
export function nameWidth(anchor: Element): { visible: number; full: number } {
  const view = anchor.ownerDocument.defaultView;
  const box = anchor.getBoundingClientRect();
  let full = box.width;
  let left = box.left;
  let right = box.right;
  for (let el: Element | null = anchor; el; el = composedParent(el)) {
    const style = view?.getComputedStyle(el);
    if (style && style.overflowX !== 'visible') {
      if (el === anchor) full = Math.max(full, el.scrollWidth);
      const r = el.getBoundingClientRect();
      left = Math.max(left, r.left + el.clientLeft);
      right = Math.min(right, r.left + el.clientLeft + el.clientWidth);
    }
    if (el.matches(IN_CELL)) break;
  }
  return { visible: Math.max(0, right - left), full };
}

/**
 * Whether the element is shown whole across its line: no ancestor up to its
 * cell (inclusive) that clips overflow cuts its box off at either side. The
 * list's own scroller, further up, is left out: a row scrolled aside is not
 * a badge cut off. Reads layout.
 */
export function shownWhole(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  const box = el.getBoundingClientRect();
  for (let up = composedParent(el); up; up = composedParent(up)) {
    const style = view?.getComputedStyle(up);
    if (style && style.overflowX !== 'visible') {
      const r = up.getBoundingClientRect();
      const left = r.left + up.clientLeft;
      const right = left + up.clientWidth;
      if (box.left < left - 0.5 || box.right > right + 0.5) return false;
    }
    if (up.matches(IN_CELL)) break;
  }
  return true;
}

/**
 * The list column the anchor is shown in, as its cell's position and width
 * on the page ("412:150"); undefined outside a cell. Reads layout.
 */
export function columnOf(anchor: Element): string | undefined {
  const cell = composedClosest(anchor, 'td, th, [role="gridcell"], [role="rowheader"], [role="cell"], lyte-td, lyte-exptable-td');
  if (!cell) return undefined;
  const r = cell.getBoundingClientRect();
  const x = cell.ownerDocument.defaultView?.scrollX ?? 0;
  return `${Math.round(r.left + x)}:${Math.round(r.width)}`;
}

/** Whether a badge beside `anchor` left its name readable: at least MIN_NAME_WIDTH wide, or whole. */
export function nameReadable(anchor: Element): boolean {
  const { visible, full } = nameWidth(anchor);
  return visible >= Math.min(MIN_NAME_WIDTH, full) - 0.5;
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
