import type { FoundEntity, PageKind, SiteAdapter } from './types.ts';
import type { ListRowSpec } from './dom/list-rows.ts';
import { listRowEntities } from './dom/list-rows.ts';
import { asCompany, foundEntity, uniqueEntities } from './dom/entity.ts';
import { emailIn } from './dom/emails.ts';
import { firstOf, firstText, textOf } from './dom/text.ts';
import { canonicalGuid } from '../match/normalize-crm-id.ts';

/**
 * Microsoft Dynamics 365 / Dataverse model-driven apps (Unified Interface):
 * `https://<org>.crm[N].dynamics.com/main.aspx?appid=…&pagetype=entityrecord&etn=<entity>&id=<GUID>`
 * (GUID with or without braces, braces possibly URL-encoded) and list pages
 * `pagetype=entitylist&etn=<entity>`.
 * Page hooks: `data-id` attributes — `header_title` (record name),
 * `<attribute>.fieldControl-…` inputs and lookup tags — and the read-only
 * grid, `div[role=grid]` whose rows (`[role=row][row-index]`, split into
 * pinned and scrolled parts that share a row-index) hold cells
 * `[col-id=<attribute>]` and a record link `a[href*="pagetype=entityrecord"]`.
 */

const HOST = /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/;
/** Entities whose record name is a company. */
const COMPANY_ENTITIES = new Set(['account', 'competitor']);

export const dynamics: SiteAdapter = {
  id: 'dynamics',
  name: 'Microsoft Dynamics 365',
  origins: ['https://*.dynamics.com/*'],
  examples: [
    {
      url: 'https://contoso.crm.dynamics.com/main.aspx?appid=0a1b2c3d-1111-2222-3333-444455556666&pagetype=entityrecord&etn=account&id=a1b2c3d4-0000-1111-2222-333344445555',
      kind: 'record',
    },
    {
      url: 'https://contoso.crm4.dynamics.com/main.aspx?appid=0a1b2c3d-1111-2222-3333-444455556666&pagetype=entityrecord&etn=contact&id=%7BB1C2D3E4-0000-1111-2222-333344445555%7D',
      kind: 'record',
    },
    { url: 'https://contoso.crm11.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead&id={C1D2E3F4-0000-1111-2222-333344445555}', kind: 'record' },
    { url: 'https://contoso.crm.dynamics.com/main.aspx?appid=0a1b2c3d-1111-2222-3333-444455556666&pagetype=entitylist&etn=contact&viewid=00000000-0000-0000-00aa-000010001004&viewType=1039', kind: 'list' },
    { url: 'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entitylist&etn=account', kind: 'list' },
    { url: 'https://contoso.crm.dynamics.com/main.aspx?appid=0a1b2c3d-1111-2222-3333-444455556666&pagetype=dashboard&id=a1b2c3d4-0000-1111-2222-333344445555', kind: 'other' },
  ],
  matches(url) {
    return url.protocol === 'https:' && HOST.test(url.hostname) && url.pathname.toLowerCase() === '/main.aspx';
  },
  pageKind(url) {
    return pageKindOf(url);
  },
  recordId(url) {
    if (pageKindOf(url) !== 'record') return undefined;
    const id = url.searchParams.get('id');
    return id === null ? undefined : canonicalGuid(id);
  },
  findEntities(doc, url) {
    return uniqueEntities([recordEntity(doc, url), ...dynamicsListEntities(doc, url)]);
  },
};

function pageKindOf(url: URL): PageKind {
  const type = url.searchParams.get('pagetype')?.toLowerCase();
  if (type === 'entityrecord') return 'record';
  if (type === 'entitylist') return 'list';
  return 'other';
}

function recordEntity(doc: Document, url: URL): FoundEntity | undefined {
  const id = dynamics.recordId(url);
  if (id === undefined) return undefined;
  const title = doc.querySelector('[data-id="header_title"]');
  if (!title) return undefined;
  const name = textOf(title).replace(/\s*-\s*(?:Saved|Unsaved)$/i, '');
  const entity = url.searchParams.get('etn')?.toLowerCase() ?? '';
  const email = emailIn(firstOf(doc, ['[data-id^="emailaddress1.fieldControl"]', '[data-id="emailaddress1"]']));
  const website = firstText(doc, ['[data-id^="websiteurl.fieldControl"]']);
  const company = COMPANY_ENTITIES.has(entity)
    ? name
    : firstText(doc, [
        '[data-id^="parentcustomerid.fieldControl"][data-id$="_selected_tag_text"]',
        '[data-id^="companyname.fieldControl"]',
        '[data-id^="parentaccountid.fieldControl"][data-id$="_selected_tag_text"]',
      ]);
  return asCompany(foundEntity(
    title,
    [
      { kind: 'crmId', value: `dynamics:${id}` },
      { kind: 'email', value: email },
      { kind: 'domain', value: website },
      { kind: 'company', value: company },
    ],
    name,
  ), COMPANY_ENTITIES.has(entity));
}

/** How Dynamics read-only grids are read. */
export const dynamicsListRows: ListRowSpec = {
  recordLink: ['a[href*="pagetype=entityrecord" i]'],
  crmIdOf(link) {
    const id = link.searchParams.get('id');
    const guid = id === null ? undefined : canonicalGuid(id);
    return guid && `dynamics:${guid}`;
  },
  isCompany(target) {
    return COMPANY_ENTITIES.has(target.searchParams.get('etn')?.toLowerCase() ?? '');
  },
  company(row, link, target) {
    if (COMPANY_ENTITIES.has(target.searchParams.get('etn')?.toLowerCase() ?? '')) return textOf(link);
    return cellText(row, ['parentcustomerid', 'companyname', 'parentaccountid']);
  },
  domain(row) {
    return cellText(row, ['websiteurl']);
  },
  email(row) {
    for (const part of row) {
      const e = emailIn(part.querySelector('[col-id="emailaddress1"]'));
      if (e !== undefined) return e;
    }
    return undefined;
  },
};

function cellText(row: readonly Element[], columns: readonly string[]): string | undefined {
  for (const col of columns) {
    for (const part of row) {
      const t = textOf(part.querySelector(`[col-id="${col}"]`));
      if (t !== '') return t;
    }
  }
  return undefined;
}

/**
 * One entity per grid row. The grid renders a row's pinned columns and its
 * scrolled columns as separate `[role=row]` elements with one `row-index`;
 * they are read together as one row.
 */
export function dynamicsListEntities(doc: Document, url: URL): FoundEntity[] {
  const out: FoundEntity[] = [];
  for (const grid of Array.from(doc.querySelectorAll('[role="grid"]'))) {
    const rows = new Map<string, Element[]>();
    for (const row of Array.from(grid.querySelectorAll('[role="row"][row-index]'))) {
      const key = row.getAttribute('row-index') ?? '';
      const parts = rows.get(key);
      if (parts) parts.push(row);
      else rows.set(key, [row]);
    }
    out.push(...listRowEntities(rows.values(), url, dynamicsListRows));
  }
  return out;
}
