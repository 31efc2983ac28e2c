import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { listRowEntities } from './dom/list-rows.ts';
import { foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';
import { salesforceId18 } from '../match/normalize-crm-id.ts';

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
 * the whole tree. Components in native shadow mode are read through their
 * open shadow roots where it matters (e-mail links, empty-looking text).
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
    return uniqueEntities([recordEntity(doc, url), ...salesforceListEntities(doc, url)]);
  },
};

function pageKindOf(url: URL): PageKind {
  if (RECORD_PATH.test(url.pathname)) return 'record';
  if (LIST_PATH.test(url.pathname)) return 'list';
  return 'other';
}

/** The record shown on a record page, from its highlights panel and detail fields. */
function recordEntity(doc: Document, url: URL): FoundEntity | undefined {
  const id = salesforce.recordId(url);
  if (id === undefined) return undefined;
  const header = firstOf(doc, ['records-highlights2', '.slds-page-header_record-home', '.slds-page-header']);
  if (!header) return undefined;
  const title = firstOf(header, ['h1 [slot="primaryField"]', 'h1 lightning-formatted-text', 'h1']);
  if (!title) return undefined;
  const name = textOf(title);
  const email = emailIn(firstOf(header, ['lightning-formatted-email'])) ?? emailIn(field(doc, ['Email']));
  const website = websiteOf(field(doc, ['Website']));
  const company = id.startsWith(ACCOUNT_PREFIX) ? name : textOf(field(doc, ['Account Name', 'Company'])) || undefined;
  return foundEntity(
    title,
    [
      { kind: 'crmId', value: `salesforce:${id}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: website },
      { kind: 'company', value: company },
    ],
    name,
  );
}

/** The value element of the detail field with one of these labels. */
function field(doc: Document, labels: readonly string[]): Element | undefined {
  for (const label of labels) {
    const item = doc.querySelector(`records-record-layout-item[field-label="${label}"]`);
    const value = item && firstOf(item, ['.slds-form-element__static', 'lightning-formatted-text', 'a']);
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
 * One entity per row of every list-view grid in the document (list views and
 * a record page's related lists).
 */
export function salesforceListEntities(doc: Document, url: URL): FoundEntity[] {
  // Aura-era list views render `table.forceRecordLayout` without the grid role.
  const rows = Array.from(doc.querySelectorAll('table[role="grid"] tbody tr, table.forceRecordLayout tbody tr'), (tr) => [tr]);
  return listRowEntities(rows, url, salesforceListRows);
}
