import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { cellAt, columnIndex, listRowEntities } from './dom/list-rows.ts';
import { asCompany, foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';

/**
 * HubSpot CRM: record pages `/contacts/<portal>/record/<type>/<id>` (type
 * `0-1` contacts, `0-2` companies, `0-3` deals, …; the path says "contacts"
 * for every type) and the legacy `/contacts/<portal>/contact/<id>`,
 * `/company/<id>`, `/deal/<id>`; index (list) pages
 * `/contacts/<portal>/objects/<type>/views/<view>/list`; on `app.hubspot.com`
 * and the data-centre hosts `app-eu1`, `app-na2`, `app-ap1`, ….
 * Page hooks: `data-selenium-test="highlightTitle"` (record name),
 * `data-selenium-test="property-input-<property>"` (about-card values),
 * `company-chicklet-title-link` (associated company), and index tables whose
 * rows link to `/record/<type>/<id>`, columns found by header text.
 */

const HOST = /^app(?:-[a-z]{2,3}\d+)?\.hubspot\.com$/;
const RECORD_PATH = /^\/contacts\/(\d+)\/(?:record\/(\d+-\d+)|(contact|company|deal|ticket))\/(\d+)(?:\/|$)/;
const LIST_PATH = /^\/contacts\/\d+\/(?:objects\/\d+-\d+\/views\/[^/]+\/list|(?:contacts|companies|deals)(?:\/list\/view\/[^/]+)?)\/?$/;
const COMPANY_TYPE = '0-2';

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*', 'https://app-ap1.hubspot.com/*'],
  examples: [
    { url: 'https://app.hubspot.com/contacts/4567890/record/0-1/51', kind: 'record' },
    { url: 'https://app.hubspot.com/contacts/4567890/record/0-2/9876543210/view/1', kind: 'record' },
    { url: 'https://app-eu1.hubspot.com/contacts/25123456/record/0-1/1401', kind: 'record' },
    { url: 'https://app.hubspot.com/contacts/4567890/contact/51/', kind: 'record' },
    { url: 'https://app.hubspot.com/contacts/4567890/company/9876543210', kind: 'record' },
    { url: 'https://app.hubspot.com/contacts/4567890/objects/0-1/views/all/list', kind: 'list' },
    { url: 'https://app-eu1.hubspot.com/contacts/25123456/objects/0-2/views/my/list?query=acme', kind: 'list' },
    { url: 'https://app.hubspot.com/contacts/4567890/contacts/list/view/all/', kind: 'list' },
    { url: 'https://app.hubspot.com/reports-dashboard/4567890/view/123', kind: 'other' },
  ],
  matches(url) {
    return url.protocol === 'https:' && HOST.test(url.hostname);
  },
  pageKind(url) {
    return pageKindOf(url);
  },
  recordId(url) {
    return RECORD_PATH.exec(url.pathname)?.[4];
  },
  findEntities(doc, url) {
    return uniqueEntities([recordEntity(doc, url), ...hubspotListEntities(doc, url)]);
  },
};

function pageKindOf(url: URL): PageKind {
  if (RECORD_PATH.test(url.pathname)) return 'record';
  if (LIST_PATH.test(url.pathname)) return 'list';
  return 'other';
}

function isCompanyRecord(m: RegExpExecArray): boolean {
  return m[2] === COMPANY_TYPE || m[3] === 'company';
}

function recordEntity(doc: Document, url: URL): FoundEntity | undefined {
  const m = RECORD_PATH.exec(url.pathname);
  if (!m) return undefined;
  const title = doc.querySelector('[data-selenium-test="highlightTitle"]');
  if (!title) return undefined;
  const name = textOf(title);
  const email = emailIn(firstOf(doc, ['[data-selenium-test="property-input-email"]', '[data-selenium-test="highlightSubtitle"]']));
  const domain = firstText(doc, ['[data-selenium-test="property-input-domain"]', '[data-selenium-test="property-input-website"]']);
  const company = isCompanyRecord(m)
    ? name
    : firstText(doc, ['[data-selenium-test="company-chicklet-title-link"]', '[data-selenium-test="property-input-company"]']);
  return asCompany(foundEntity(
    title,
    [
      { kind: 'crmId', value: `hubspot:${m[4]}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: domain },
      { kind: 'company', value: company },
    ],
    name,
  ), isCompanyRecord(m));
}

const RECORD_LINK = /\/contacts\/\d+\/(?:record\/(\d+-\d+)|(contact|company|deal|ticket))\/(\d+)/;

/** How HubSpot index tables are read; `company`/`domain` need the column indexes of the table. */
export function hubspotListRows(columns: { company: number; domain: number }): ListRowSpec {
  return {
    recordLink: ['a[href*="/record/"]', 'a[href*="/contact/"], a[href*="/company/"]'],
    crmIdOf(link) {
      const m = RECORD_LINK.exec(link.pathname);
      return m ? `hubspot:${m[3]}` : undefined;
    },
    isCompany(target) {
      const m = RECORD_LINK.exec(target.pathname);
      return m !== null && (m[1] === COMPANY_TYPE || m[2] === 'company');
    },
    company(row, link, target) {
      const m = RECORD_LINK.exec(target.pathname);
      if (m && (m[1] === COMPANY_TYPE || m[2] === 'company')) return textOf(link);
      return textOf(cellAt(row[0], columns.company)) || undefined;
    },
    domain(row) {
      return textOf(cellAt(row[0], columns.domain)) || undefined;
    },
  };
}

/** One entity per row of every index table in the document. */
export function hubspotListEntities(doc: Document, url: URL): FoundEntity[] {
  const out: FoundEntity[] = [];
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    const spec = hubspotListRows({
      company: columnIndex(table, /^(?:company name|company|associated company|primary company)$/i),
      domain: columnIndex(table, /^(?:company domain name|domain|website url|website)$/i),
    });
    const rows = Array.from(table.querySelectorAll(':scope > tbody > tr'), (tr) => [tr]);
    out.push(...listRowEntities(rows, url, spec));
  }
  return out;
}
