import type { FoundEntity } from '../types.ts';
import { emailIn } from './emails.ts';
import { lazyEntity } from './entity.ts';
import { linkUrl } from './links.ts';
import { textOf } from './text.ts';

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
}

/**
 * One entity per list row: its crmId from the row's record link, its
 * e-mail and company when the row shows them, anchored on the record link.
 * A row may be several elements (grids that render pinned columns apart).
 * Rows without a record link, or whose link yields no crmId, are skipped.
 */
export function listRowEntities(rows: Iterable<readonly Element[]>, pageUrl: URL, spec: ListRowSpec): FoundEntity[] {
  const out: FoundEntity[] = [];
  for (const row of rows) {
    const e = listRowEntity(row, pageUrl, spec);
    if (e) out.push(e);
  }
  return out;
}

/** The entity of one list row (see `listRowEntities`), or undefined. */
export function listRowEntity(row: readonly Element[], pageUrl: URL, spec: ListRowSpec): FoundEntity | undefined {
  for (const selector of spec.recordLink) {
    for (const part of row) {
      for (const link of Array.from(part.querySelectorAll(selector))) {
        const url = linkUrl(link, pageUrl);
        const crmId = url && spec.crmIdOf(url);
        if (url === undefined || crmId === undefined) continue;
        // The crmId names the row; the rest is read when the row is looked up.
        return lazyEntity(
          link,
          { kind: 'crmId', value: crmId },
          () => [
            { kind: 'email', value: spec.email ? spec.email(row) : firstEmail(row) },
            { kind: 'domain', value: spec.domain?.(row) },
            { kind: 'company', value: spec.company?.(row, link, url) },
          ],
          textOf(link),
        );
      }
    }
  }
  return undefined;
}

function firstEmail(row: readonly Element[]): string | undefined {
  for (const part of row) {
    const e = emailIn(part);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** Header cells of a table-like container: HTML tables, ARIA grids, Zoho's lyte tables. */
const HEADER_CELLS = 'thead th, [role="columnheader"], lyte-th';
/** A row's own cells in the same kinds of container. */
const ROW_CELLS = ':scope > td, :scope > th, :scope > [role="gridcell"], :scope > [role="rowheader"], :scope > [role="cell"], :scope > lyte-td';

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
