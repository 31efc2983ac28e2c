import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { listRowEntities } from './dom/list-rows.ts';
import { asCompany, foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';

/**
 * Pipedrive: detail pages `https://<company>.pipedrive.com/person/<id>`,
 * `/organization/<id>`, `/deal/<id>` and list views `/persons/list`,
 * `/organizations/list`, `/deals/list` (optionally `/filter/<id>` or
 * `/user/<id>`). Persons, organisations and deals are numbered separately,
 * so crmIds carry the object: `pipedrive:person:42`.
 * Page hooks: `data-test` attributes — `header-title` (record name),
 * `email-value`, `person-organization`, `organization-website` — and list
 * rows `[data-test="grid-row"]` that link to `/person/<id>` or
 * `/organization/<id>`.
 */

const HOST = /^([a-z0-9-]+)\.pipedrive\.com$/;
/** Pipedrive's own sites, which are no company account. */
const NOT_ACCOUNTS = new Set(['www', 'api', 'developers', 'support', 'status', 'marketplace', 'oauth', 'community', 'blog', 'careers']);
const RECORD_PATH = /^\/(person|organization|deal)\/(\d+)(?:\/|$)/;
const LIST_PATH = /^\/(?:persons|organizations|deals)\/list(?:\/(?:filter|user)\/[a-z0-9-]+)?\/?$/;

export const pipedrive: SiteAdapter = {
  id: 'pipedrive',
  name: 'Pipedrive',
  origins: ['https://*.pipedrive.com/*'],
  examples: [
    { url: 'https://acme.pipedrive.com/person/42', kind: 'record' },
    { url: 'https://acme.pipedrive.com/organization/7', kind: 'record' },
    { url: 'https://acme-sales.pipedrive.com/deal/1203', kind: 'record' },
    { url: 'https://app.pipedrive.com/person/42/', kind: 'record' },
    { url: 'https://acme.pipedrive.com/persons/list', kind: 'list' },
    { url: 'https://acme.pipedrive.com/organizations/list/filter/12', kind: 'list' },
    { url: 'https://acme.pipedrive.com/deals/list/user/everyone', kind: 'list' },
    { url: 'https://acme.pipedrive.com/pipeline/1/user/everyone', kind: 'other' },
  ],
  matches(url) {
    const m = HOST.exec(url.hostname);
    return url.protocol === 'https:' && m !== null && !NOT_ACCOUNTS.has(m[1]);
  },
  pageKind(url) {
    return pageKindOf(url);
  },
  recordId(url) {
    return RECORD_PATH.exec(url.pathname)?.[2];
  },
  findEntities(doc, url) {
    return uniqueEntities([recordEntity(doc, url), ...pipedriveListEntities(doc, url)]);
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
  const title = doc.querySelector('[data-test="header-title"]');
  if (!title) return undefined;
  const name = textOf(title);
  const email = emailIn(firstOf(doc, ['[data-test="email-value"]']));
  const website = firstText(doc, ['[data-test="organization-website"]']);
  const company = m[1] === 'organization' ? name : firstText(doc, ['[data-test="person-organization"]', '[data-test="deal-organization"]']);
  return asCompany(foundEntity(
    title,
    [
      { kind: 'crmId', value: `pipedrive:${m[1]}:${m[2]}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: website },
      { kind: 'company', value: company },
    ],
    name,
  ), m[1] === 'organization');
}

const RECORD_LINK = /^\/(person|organization|deal)\/(\d+)(?:\/|$)/;

/** How Pipedrive list rows are read. */
export const pipedriveListRows: ListRowSpec = {
  recordLink: ['[data-test="grid-cell-name"] a[href]', 'a[href*="/person/"], a[href*="/organization/"], a[href*="/deal/"]'],
  crmIdOf(link) {
    const m = RECORD_LINK.exec(link.pathname);
    return m ? `pipedrive:${m[1]}:${m[2]}` : undefined;
  },
  isCompany(target) {
    return RECORD_LINK.exec(target.pathname)?.[1] === 'organization';
  },
  company(row, link, target) {
    if (RECORD_LINK.exec(target.pathname)?.[1] === 'organization') return textOf(link);
    return firstText(row[0], ['[data-test="grid-cell-org_id"] a', '[data-test="grid-cell-org_id"]']);
  },
  domain(row) {
    return firstText(row[0], ['[data-test="grid-cell-website"]']);
  },
};

/** One entity per row of the list view's grid. */
export function pipedriveListEntities(doc: Document, url: URL): FoundEntity[] {
  const rows = Array.from(doc.querySelectorAll('[data-test="grid-row"]'), (r) => [r]);
  return listRowEntities(rows, url, pipedriveListRows);
}
