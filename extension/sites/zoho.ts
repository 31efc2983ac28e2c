import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { cellAt, columnIndex, listRowEntities } from './dom/list-rows.ts';
import { asCompany, foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';

/**
 * Zoho CRM: record pages `https://crm.zoho.<tld>/crm/org<org>/tab/<Module>/<id>`
 * (data centres com, eu, in, com.cn, com.au, jp, ca, sa; the `org<org>/`
 * segment is absent for single-organisation users) and custom views
 * `…/tab/<Module>/custom-view/<view>/list`.
 * Page hooks: the Lyte UI framework's elements — `crux-email-component`,
 * `crux-lookup-component`, `crux-website-component` — field values with ids
 * `value_<Field API name>` / `subvalue_<Field API name>`, the header name
 * `#dv_title` / `[data-zcqa="dv_title"]`, and list views whose rows link to
 * `/tab/<Module>/<id>`: today's `crux-table-component`, which renders
 * `lyte-exptable` with one `lyte-exptable-tbody` per row around
 * `lyte-exptable-tr` / `lyte-exptable-td` (headers `lyte-exptable-th` in
 * `lyte-exptable-thead`; see test/fixtures/crm/zoho-exptable-list.html for
 * the evidence), and the older `lyte-table` (`lyte-tr` / `lyte-td` / `lyte-th`).
 */

const HOST = /^crm\.zoho\.(?:com|eu|in|com\.cn|com\.au|jp|ca|sa)$/;
const RECORD_PATH = /^\/crm\/(?:org\d+\/)?tab\/([A-Za-z0-9_]+)\/(\d{5,25})(?:\/|$)/;
const LIST_PATH = /^\/crm\/(?:org\d+\/)?tab\/[A-Za-z0-9_]+\/custom-view\/\d+\/(?:list|kanban|canvas)\/?$/;
/** Modules whose record name is a company. */
const COMPANY_MODULES = new Set(['Accounts', 'Vendors']);

export const zoho: SiteAdapter = {
  id: 'zoho',
  name: 'Zoho CRM',
  origins: ['com', 'eu', 'in', 'com.cn', 'com.au', 'jp', 'ca', 'sa'].map((tld) => `https://crm.zoho.${tld}/*`),
  examples: [
    { url: 'https://crm.zoho.com/crm/org805223710/tab/Contacts/5725767000000412345', kind: 'record' },
    { url: 'https://crm.zoho.eu/crm/org20071234/tab/Accounts/81234000000098765', kind: 'record' },
    { url: 'https://crm.zoho.in/crm/org60012345/tab/Leads/1234000000123456', kind: 'record' },
    { url: 'https://crm.zoho.com.cn/crm/org41234567/tab/Contacts/3456000000012345', kind: 'record' },
    { url: 'https://crm.zoho.com.au/crm/org7001234/tab/Contacts/9876000000012345', kind: 'record' },
    { url: 'https://crm.zoho.jp/crm/org9001234/tab/Contacts/4567000000012345?sub_module=', kind: 'record' },
    { url: 'https://crm.zoho.com/crm/tab/Contacts/5725767000000412345', kind: 'record' },
    { url: 'https://crm.zoho.com/crm/org805223710/tab/Contacts/custom-view/5725767000000087501/list', kind: 'list' },
    { url: 'https://crm.zoho.eu/crm/org20071234/tab/Accounts/custom-view/81234000000001234/list?page=2', kind: 'list' },
    { url: 'https://crm.zoho.com/crm/org805223710/tab/Home/begin', kind: 'other' },
  ],
  matches(url) {
    return url.protocol === 'https:' && HOST.test(url.hostname) && url.pathname.startsWith('/crm/');
  },
  pageKind(url) {
    return pageKindOf(url);
  },
  recordId(url) {
    return RECORD_PATH.exec(url.pathname)?.[2];
  },
  findEntities(doc, url) {
    return uniqueEntities([recordEntity(doc, url), ...zohoListEntities(doc, url)]);
  },
};

function pageKindOf(url: URL): PageKind {
  if (RECORD_PATH.test(url.pathname)) return 'record';
  if (LIST_PATH.test(url.pathname)) return 'list';
  return 'other';
}

function recordEntity(doc: Document, url: URL): FoundEntity | undefined {
  const m = RECORD_PATH.exec(url.pathname);
  if (!m) return undefined;
  const title = firstOf(doc, ['[data-zcqa="dv_title"]', '#dv_title']);
  if (!title) return undefined;
  const name = textOf(title);
  const email = emailIn(firstOf(doc, ['crux-email-component[data-zcqa="value_Email"]', '#subvalue_Email', '#value_Email', 'crux-email-component']));
  const website = firstText(doc, ['crux-website-component[data-zcqa="value_Website"]', '#subvalue_Website', '#value_Website']);
  const company = COMPANY_MODULES.has(m[1])
    ? name
    : firstText(doc, [
        'crux-lookup-component[data-zcqa="value_Account_Name"]',
        '#subvalue_Account_Name',
        '#value_Account_Name',
        '[data-zcqa="value_Company"]',
        '#subvalue_Company',
        '#value_Company',
      ]);
  return asCompany(foundEntity(
    title,
    [
      { kind: 'crmId', value: `zoho:${m[2]}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: website },
      { kind: 'company', value: company },
    ],
    name,
  ), COMPANY_MODULES.has(m[1]));
}

const RECORD_LINK = /\/tab\/([A-Za-z0-9_]+)\/(\d{5,25})(?:\/|$)/;

/** How Zoho list views are read; `company`/`domain` need the column indexes of the table. */
export function zohoListRows(columns: { company: number; domain: number }): ListRowSpec {
  return {
    recordLink: ['a[href*="/tab/"]'],
    crmIdOf(link) {
      const m = RECORD_LINK.exec(link.pathname);
      return m ? `zoho:${m[2]}` : undefined;
    },
    isCompany(target) {
      const m = RECORD_LINK.exec(target.pathname);
      return m !== null && COMPANY_MODULES.has(m[1]);
    },
    company(row, link, target) {
      const m = RECORD_LINK.exec(target.pathname);
      if (m && COMPANY_MODULES.has(m[1])) return textOf(link);
      return textOf(cellAt(row[0], columns.company)) || undefined;
    },
    domain(row) {
      return textOf(cellAt(row[0], columns.domain)) || undefined;
    },
  };
}

/** Body rows of each kind of table: the header rows sit in a thead of their own kind. */
const BODY_ROWS = 'lyte-exptable-tbody > lyte-exptable-tr, lyte-tbody > lyte-tr, tbody > tr';

/** One entity per row of every Lyte (or plain) table in the document. */
export function zohoListEntities(doc: Document, url: URL): FoundEntity[] {
  const out: FoundEntity[] = [];
  for (const table of Array.from(doc.querySelectorAll('lyte-exptable, lyte-table, table'))) {
    const spec = zohoListRows({
      company: columnIndex(table, /^(?:account name|company|vendor name)$/i),
      domain: columnIndex(table, /^(?:website|domain)$/i),
    });
    const rows = Array.from(table.querySelectorAll(BODY_ROWS), (tr) => [tr]);
    out.push(...listRowEntities(rows, url, spec));
  }
  return out;
}
