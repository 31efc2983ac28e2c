import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { listRowEntities } from './dom/list-rows.ts';
import { asCompany, foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';
import { salesforceId18 } from '../match/normalize-crm-id.ts';
import { openShadowRoots, queryAllIn } from './dom/shadow-roots.ts';

/**
 * Salesforce Lightning Experience: record pages
 * `/lightning/r/<Object>/<id>/view` (15- or 18-char id) and list views
 * `/lightning/o/<Object>/list?filterName=…`, on `<org>.lightning.force.com`
 * and on `<org>.my.salesforce.com` (orgs with enhanced domains).
 * Page hooks: the highlights panel `records-highlights2` (record name in its
 * `h1`), `lightning-formatted-email`, the detail layout's
 * `records-record-layout-item[field-label=…]`, and list views as
 * `table[role=grid]` whose rows link to `/lightning/r/…` with cells labelled
 * by `data-label`.
 * LWC's synthetic shadow DOM patches `querySelector` in the page's own
 * JavaScript world only; a content script runs in an isolated world and sees
 * the whole tree. Components in native shadow mode render into open shadow
 * roots, nested one per component: the highlights panel, the detail fields
 * and list grids are looked for in every open root (`openShadowRoots`,
 * bounded), and a row's link may sit in a nested root of its own cell.
 * Lightning keeps the views a user opened earlier in the same tab in the DOM,
 * hidden (`div.oneContent` without `active`): the record shown is the one
 * whose highlights panel is rendered, and rows of hidden lists are skipped.
 */

const HOST = /(?:^|\.)(?:lightning\.force\.com|my\.salesforce\.com)$/;
const RECORD_PATH = /^\/lightning\/r\/(?:([A-Za-z0-9_]+)\/)?([A-Za-z0-9]{15}|[A-Za-z0-9]{18})(?:\/|$)/;
const LIST_PATH = /^\/lightning\/o\/[A-Za-z0-9_]+\/(?:list|home)\/?$/;

/** Key prefixes of the objects whose record name is a company. Reference: Salesforce "Standard Field Record ID Prefix Decoder". */
const ACCOUNT_PREFIX = '001';

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  name: 'Salesforce',
  origins: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  examples: [
    { url: 'https://acme.lightning.force.com/lightning/r/Account/001xx000003DGb2AAG/view', kind: 'record' },
    { url: 'https://acme.lightning.force.com/lightning/r/Contact/003xx000004TmiQ/view', kind: 'record' },
    { url: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/00Qxx000001AbCdEAF/view', kind: 'record' },
    { url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006xx000001a2b3AAA/view?ws=%2Flightning%2Fr%2FAccount', kind: 'record' },
    { url: 'https://acme.my.salesforce.com/lightning/r/Account/001xx000003DGb2/view', kind: 'record' },
    { url: 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent', kind: 'list' },
    { url: 'https://acme.my.salesforce.com/lightning/o/Account/list?filterName=00Bxx0000029Nj2EAE', kind: 'list' },
    { url: 'https://acme.lightning.force.com/lightning/page/home', kind: 'other' },
  ],
  matches(url) {
    return url.protocol === 'https:' && HOST.test(url.hostname) && url.pathname.startsWith('/lightning/');
  },
  pageKind(url) {
    return pageKindOf(url);
  },
  recordId(url) {
    const m = RECORD_PATH.exec(url.pathname);
    return m ? salesforceId18(m[2]) : undefined;
  },
  findEntities(doc, url) {
    const roots = openShadowRoots(doc);
    searched.set(doc, roots);
    return uniqueEntities([recordEntity(doc, url, roots), ...salesforceListEntities(doc, url, roots)]);
  },
  shadowRoots(doc) {
    return searched.get(doc) ?? [];
  },
};

/** The open shadow roots the last `findEntities` of each document read. */
const searched = new WeakMap<Document, readonly ShadowRoot[]>();

/**
 * Whether the element is shown: not in a cached view Lightning keeps (a
 * `div.oneContent` without `active`), and rendered — `checkVisibility`
 * where the browser has it (Chromium 105, Firefox 106), else whether it has
 * layout boxes — so a view hidden by other means is skipped too.
 */
function rendered(el: Element): boolean {
  if (el.closest('.oneContent:not(.active)') !== null) return false;
  const check = (el as Element & { checkVisibility?: (o?: { visibilityProperty?: boolean }) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el, { visibilityProperty: true }) : el.getClientRects().length > 0;
}

/** The first rendered element matching one of the selectors (in order) in the document or its open shadow roots. */
function firstShown(doc: Document, roots: readonly ShadowRoot[], selectors: readonly string[]): Element | undefined {
  for (const s of selectors) {
    const found = queryAllIn(doc, roots, s).find(rendered);
    if (found) return found;
  }
  return undefined;
}

/** `firstOf` in the element's own tree, then in its open shadow root. */
function firstWithin(el: Element, selectors: readonly string[]): Element | undefined {
  return firstOf(el, selectors) ?? (el.shadowRoot ? firstOf(el.shadowRoot, selectors) : undefined);
}

function pageKindOf(url: URL): PageKind {
  if (RECORD_PATH.test(url.pathname)) return 'record';
  if (LIST_PATH.test(url.pathname)) return 'list';
  return 'other';
}

/** The record shown on a record page, from its highlights panel and detail fields. */
function recordEntity(doc: Document, url: URL, roots: readonly ShadowRoot[]): FoundEntity | undefined {
  const id = salesforce.recordId(url);
  if (id === undefined) return undefined;
  const header = firstShown(doc, roots, ['records-highlights2', '.slds-page-header_record-home', '.slds-page-header']);
  if (!header) return undefined;
  const title = firstWithin(header, ['h1 [slot="primaryField"]', 'h1 lightning-formatted-text', '[slot="primaryField"]', 'h1']);
  if (!title) return undefined;
  const name = textOf(title);
  const email = emailIn(firstWithin(header, ['lightning-formatted-email'])) ?? emailIn(field(doc, roots, ['Email']));
  const website = websiteOf(field(doc, roots, ['Website']));
  const company = id.startsWith(ACCOUNT_PREFIX) ? name : textOf(field(doc, roots, ['Account Name', 'Company'])) || undefined;
  return asCompany(foundEntity(
    title,
    [
      { kind: 'crmId', value: `salesforce:${id}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: website },
      { kind: 'company', value: company },
    ],
    name,
  ), id.startsWith(ACCOUNT_PREFIX));
}

/** The value element of the shown detail field with one of these labels. */
function field(doc: Document, roots: readonly ShadowRoot[], labels: readonly string[]): Element | undefined {
  for (const label of labels) {
    const item = firstShown(doc, roots, [`records-record-layout-item[field-label="${label}"]`]);
    const value = item && firstWithin(item, ['.slds-form-element__static', 'lightning-formatted-text', 'a']);
    if (value) return value;
  }
  return undefined;
}

function websiteOf(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const a = el.matches('a') ? el : el.querySelector('a[href]');
  return (a && a.getAttribute('href')) || textOf(el) || undefined;
}

/** How Salesforce list views (and related lists) are read. */
export const salesforceListRows: ListRowSpec = {
  recordLink: ['th[scope="row"] a[href*="/lightning/r/"]', 'a[href*="/lightning/r/"]'],
  crmIdOf(link) {
    const m = RECORD_PATH.exec(link.pathname);
    const id = m && salesforceId18(m[2]);
    return id ? `salesforce:${id}` : undefined;
  },
  isCompany(link) {
    return (salesforceListRows.crmIdOf(link) ?? '').startsWith(`salesforce:${ACCOUNT_PREFIX}`);
  },
  company(row, link, linkTarget) {
    const id = salesforceListRows.crmIdOf(linkTarget) ?? '';
    if (id.startsWith(`salesforce:${ACCOUNT_PREFIX}`)) return textOf(link);
    return firstText(row[0], ['[data-label="Account Name"]', '[data-label="Company"]', '[data-label="Account"]']);
  },
  domain(row) {
    const cell = row[0].querySelector('[data-label="Website"]');
    return cell ? websiteOf(cell) : undefined;
  },
};

/**
 * One entity per row of every rendered list-view grid in the document and
 * its open shadow roots (list views and a record page's related lists).
 * Grids of hidden cached views are skipped: the same contact in an earlier
 * list would otherwise take the badge of the one on screen.
 */
export function salesforceListEntities(doc: Document, url: URL, roots: readonly ShadowRoot[] = openShadowRoots(doc)): FoundEntity[] {
  // Aura-era list views render `table.forceRecordLayout` without the grid role.
  const tables = queryAllIn(doc, roots, 'table[role="grid"], table.forceRecordLayout').filter(rendered);
  const rows: Element[][] = [];
  for (const table of tables) {
    for (const tr of Array.from(table.querySelectorAll('tbody tr'))) if (tr.closest('table') === table) rows.push([tr]);
  }
  return listRowEntities(rows, url, salesforceListRows, roots);
}
