import type { FoundEntity } from '../types.ts';
import { emailIn } from './emails.ts';
import { asCompany, lazyEntity } from './entity.ts';
import { linkUrl } from './links.ts';
import { textOf } from './text.ts';
import { composedParent } from './shadow-roots.ts';

/** How to read one CRM's list view; every adapter exports one. */
export interface ListRowSpec {
  /** Selectors of a row's link to its record (the name cell), most reliable first. */
  recordLink: readonly string[];
  /** The `<site>:<id>` crmId of a record link's URL, undefined for links to other things. */
  crmIdOf(link: URL): string | undefined;
  /** The company shown in the row, when the list has such a column. */
  company?(row: readonly Element[], link: Element, linkUrl: URL): string | undefined;
  /** A company web address or domain shown in the row. */
  domain?(row: readonly Element[]): string | undefined;
  /** The row's e-mail address; default: the first mailto link or address in the row's text. */
  email?(row: readonly Element[]): string | undefined;
  /** Whether a record link leads to a company (an account, a company, an organisation): the row is then a company's. */
  isCompany?(link: URL): boolean;
}

/**
 * One entity per list row: its crmId from the row's record link, its
 * e-mail and company when the row shows them, anchored on the record link.
 * A row may be several elements (grids that render pinned columns apart).
 * Rows without a record link, or whose link yields no crmId, are skipped.
 */
export function listRowEntities(rows: Iterable<readonly Element[]>, pageUrl: URL, spec: ListRowSpec, shadowRoots: readonly ShadowRoot[] = []): FoundEntity[] {
  const all = Array.from(rows);
  // The rows' links for the most reliable selector, found with one query of
  // the document instead of one per row (a tenth of the time at 1,000 rows).
  const firstLinks = firstMatches(all.flat(), spec.recordLink[0], shadowRoots);
  // Rows whose link sits in a shadow root nested inside the row (a native
  // shadow cell component): no selector of the row's own tree reaches it,
  // so every selector is answered root by root, once for the whole list.
  // Computed when a row first needs it: rows in the light DOM never do.
  const deep: Map<Element, Element>[] = [];
  const deepLinks = (i: number) => (deep[i] ??= firstMatches(all.flat(), spec.recordLink[i + 1], shadowRoots));
  const out: FoundEntity[] = [];
  for (const row of all) {
    let e = listRowEntity(row, pageUrl, spec, firstLinks);
    for (let i = 0; e === undefined && shadowRoots.length > 0 && i < spec.recordLink.length - 1; i++) {
      const links = deepLinks(i);
      const link = row.map((part) => links.get(part)).find((l) => l !== undefined);
      if (link) e = rowEntity(row, link, pageUrl, spec);
    }
    if (e) out.push(e);
  }
  return out;
}

/**
 * The entity of one list row (see `listRowEntities`), or undefined.
 * @param firstLinks  each row part's first match of `spec.recordLink[0]`, when already known
 */
export function listRowEntity(row: readonly Element[], pageUrl: URL, spec: ListRowSpec, firstLinks?: ReadonlyMap<Element, Element>): FoundEntity | undefined {
  for (const selector of spec.recordLink) {
    for (const part of row) {
      // Usually the first match is the record link: one querySelector per
      // row, the whole list only where it is not.
      const first = firstLinks && selector === spec.recordLink[0] ? (firstLinks.get(part) ?? null) : part.querySelector(selector);
      if (first === null) continue;
      const e = rowEntity(row, first, pageUrl, spec);
      if (e) return e;
      for (const link of Array.from(part.querySelectorAll(selector)).slice(1)) {
        const other = rowEntity(row, link, pageUrl, spec);
        if (other) return other;
      }
    }
  }
  return undefined;
}

/** The row's entity through this link, when it links to a record. */
function rowEntity(row: readonly Element[], link: Element, pageUrl: URL, spec: ListRowSpec): FoundEntity | undefined {
  const url = linkUrl(link, pageUrl);
  const crmId = url && spec.crmIdOf(url);
  if (url === undefined || crmId === undefined) return undefined;
  // The crmId names the row; the rest is read when the row is looked up.
  const company = spec.isCompany?.(url) ?? false;
  return asCompany(lazyEntity(
    link,
    { kind: 'crmId', value: crmId },
    () => [
      { kind: 'email', value: spec.email ? spec.email(row) : firstEmail(row) },
      { kind: 'domain', value: spec.domain?.(row) },
      { kind: 'company', value: spec.company?.(row, link, url) },
    ],
    () => textOf(link),
  ), company);
}

/**
 * For each of `parts`, its first descendant matching `selector`, as
 * `part.querySelector(selector)` would find it (selectors match against the
 * whole tree in both), with one query per document or shadow root holding
 * parts. With `shadowRoots`, matches inside those roots count for the parts
 * that hold their hosts (a link rendered in a cell component's own shadow
 * root), after the part's own tree. Parts without a match are absent.
 */
export function firstMatches(parts: readonly Element[], selector: string | undefined, shadowRoots: readonly ShadowRoot[] = []): Map<Element, Element> {
  const found = new Map<Element, Element>();
  if (selector === undefined || parts.length === 0) return found;
  const wanted = new Set(parts);
  const roots = new Set<Node>(parts.map((p) => p.getRootNode()));
  for (const sr of shadowRoots) roots.add(sr);
  // Document order: the first match met inside a part is its querySelector
  // answer. An ancestor already walked through was reached from an earlier
  // match (in this root or an earlier one), and so were all of its own
  // ancestors: the walk stops there.
  const walked = new Set<Element>();
  for (const root of roots) {
    if (!('querySelectorAll' in root)) continue;
    for (const el of Array.from((root as ParentNode).querySelectorAll(selector))) {
      for (let up = composedParent(el); up !== null && !walked.has(up); up = composedParent(up)) {
        walked.add(up);
        if (wanted.has(up) && !found.has(up)) found.set(up, el);
      }
    }
  }
  return found;
}

function firstEmail(row: readonly Element[]): string | undefined {
  for (const part of row) {
    const e = emailIn(part);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** Header cells of a table-like container: HTML tables, ARIA grids, Zoho's lyte tables. */
const HEADER_CELLS = 'thead th, [role="columnheader"], lyte-th, lyte-exptable-th';
/** A row's own cells in the same kinds of container. */
const ROW_CELLS = ':scope > td, :scope > th, :scope > [role="gridcell"], :scope > [role="rowheader"], :scope > [role="cell"], :scope > lyte-td, :scope > lyte-exptable-td';

/**
 * The index of the first column whose header text matches `header`, or -1.
 * Call once per list, then read each row with `cellAt`.
 */
export function columnIndex(container: ParentNode, header: RegExp): number {
  const headers = Array.from(container.querySelectorAll(HEADER_CELLS));
  return headers.findIndex((h) => header.test(textOf(h)) || header.test(h.getAttribute('aria-label') ?? ''));
}

/** The row's `index`-th cell, or undefined (also for index -1). */
export function cellAt(row: Element, index: number): Element | undefined {
  if (index < 0) return undefined;
  return row.querySelectorAll(ROW_CELLS)[index];
}
