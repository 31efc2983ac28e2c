/**
 * Open shadow roots, for CRMs that render inside them (Salesforce's LWC in
 * native shadow mode: a list view's table lives in `lightning-datatable`'s
 * shadow root, the name link in `lightning-formatted-url`'s, nested again).
 * `querySelectorAll` on a document never enters a shadow root, so anything
 * read there is read root by root. A content script's isolated world sees
 * open roots through `element.shadowRoot`; closed ones stay closed.
 */

export interface ShadowLimits {
  /** Elements examined for a shadow root, over the document and every root found. */
  elements: number;
  /** Shadow roots returned. */
  roots: number;
}

/**
 * The walk's bounds. The shadow-list fixture grown to 1,000 rows of three
 * columns has 17,000 elements and 6,000 open roots (two per cell), walked in
 * 6–26 ms in Chromium on this project's 2-core machine, the whole Salesforce
 * scan in 38–79 ms (`salesforce.test.ts` prints both). A seven-column list of
 * 1,000 rows holds about 14,000 roots; past these bounds a page costs a scan
 * several frames, and what lies beyond them is not read.
 */
export const SHADOW_LIMITS: ShadowLimits = { elements: 150_000, roots: 30_000 };

/**
 * Every open shadow root under `root` (a document, element or shadow root),
 * nested ones included, each after the roots of its host's ancestors.
 * Bounded by `limits`: the elements examined and the roots returned.
 */
export function openShadowRoots(root: ParentNode, limits: ShadowLimits = SHADOW_LIMITS): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  let budget = limits.elements;
  const queue: ParentNode[] = [root];
  for (let q = 0; q < queue.length && budget > 0 && out.length < limits.roots; q++) {
    const all = queue[q].querySelectorAll('*');
    const n = Math.min(all.length, budget);
    budget -= n;
    for (let i = 0; i < n; i++) {
      const sr = all[i].shadowRoot;
      if (sr === null) continue;
      out.push(sr);
      queue.push(sr);
      if (out.length >= limits.roots) break;
    }
  }
  return out;
}

/** The element's parent, crossing from a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement !== null) return el.parentElement;
  const parent = el.parentNode;
  return parent !== null && isShadowRoot(parent) ? parent.host : null;
}

/** All matches of `selector` in `root` and then in each of `roots`. */
export function queryAllIn(root: ParentNode, roots: readonly ShadowRoot[], selector: string): Element[] {
  const out = Array.from(root.querySelectorAll(selector));
  for (const sr of roots) out.push(...Array.from(sr.querySelectorAll(selector)));
  return out;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  // nodeType 11 is a document fragment; only a shadow root has a host.
  return node.nodeType === 11 && 'host' in node;
}
