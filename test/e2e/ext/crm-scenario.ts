/**
 * The data and pages of the extension's end-to-end scenario: for each CRM a
 * record page (the fixture file) and a list page (make-list.ts), and one
 * transaction file whose customers are the people on those pages, identified
 * by CRM record id, e-mail and company as a rep's export would have them.
 */
import { adapters } from '../../../extension/sites/index.ts';
import { listRows, makeListPage, type FixtureCrm, type ListOptions } from '../../fixtures/crm/make-list.ts';

export const CRMS: FixtureCrm[] = ['salesforce', 'hubspot', 'dynamics', 'zoho', 'pipedrive'];
export const LIST_ROWS = 12;

/** Record-page URLs, as written in each fixture's header comment. */
export const RECORD_URLS: Record<FixtureCrm, string> = {
  salesforce: 'https://acme.lightning.force.com/lightning/r/Contact/003xx000004TmiQAAS/view',
  hubspot: 'https://app.hubspot.com/contacts/4567890/record/0-1/51',
  dynamics: 'https://contoso.crm4.dynamics.com/main.aspx?appid=0a1b2c3d-1111-2222-3333-444455556666&pagetype=entityrecord&etn=account&id=%7BA1B2C3D4-0000-1111-2222-000000000002%7D',
  zoho: 'https://crm.zoho.jp/crm/org9001234/tab/Contacts/4567000000012345',
  pipedrive: 'https://acme.pipedrive.com/person/42',
};

export function adapterOf(crm: FixtureCrm) {
  const a = adapters.find((x) => x.id === crm);
  if (!a) throw new Error(`no adapter ${crm}`);
  return a;
}

/** The list-view URL of a CRM: its adapter's first list example. */
export function listUrl(crm: FixtureCrm): string {
  const e = adapterOf(crm).examples.find((x) => x.kind === 'list');
  if (!e) throw new Error(`${crm} has no list example`);
  return e.url;
}

/** CRM ids (`<site>:<id>`) naming the record page's record. */
export function recordCrmIds(crm: FixtureCrm): string[] {
  const id = adapterOf(crm).recordId(new URL(RECORD_URLS[crm]));
  if (!id) throw new Error(`${crm}: no record id in ${RECORD_URLS[crm]}`);
  return crm === 'pipedrive' ? [`pipedrive:person:${id}`] : [`${crm}:${id}`];
}

export const recordCustomerId = (crm: FixtureCrm) => `R-${crm}`;
export const rowCustomerId = (crm: FixtureCrm, i: number) => `${crm.slice(0, 2).toUpperCase()}${String(i).padStart(3, '0')}`;

/**
 * The transaction CSV: each record-page customer buys a lot twice (they end
 * up VIP by contribution), each list-row customer a little, some twice; one
 * row has a broken date (for the import report). Columns are named so the
 * options page guesses e-mail, company and CRM ids on its own.
 */
export function scenarioCsv(options: { hostileRow?: number } = {}): string {
  const lines = ['customer_id,date,amount,email,company,crm_ids'];
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const crm of CRMS) {
    lines.push(`${recordCustomerId(crm)},2024-01-10,40000,,Record Holdings ${crm},${recordCrmIds(crm).join(';')}`);
    lines.push(`${recordCustomerId(crm)},2024-06-10,40000,,Record Holdings ${crm},${recordCrmIds(crm).join(';')}`);
    listRows(crm, LIST_ROWS, options).forEach((r, i) => {
      const amount = 50 + 37 * i;
      lines.push(`${rowCustomerId(crm, i)},2024-0${1 + (i % 6)}-15,${amount},${q(r.email ?? '')},${q(r.company)},${r.crmId}`);
      if (i % 3 === 0) lines.push(`${rowCustomerId(crm, i)},2024-0${2 + (i % 6)}-20,${amount * 3},${q(r.email ?? '')},${q(r.company)},${r.crmId}`);
    });
  }
  lines.push('BROKEN,31/31/2024,10,,,');
  return lines.join('\n') + '\n';
}

export function listPage(crm: FixtureCrm, options: ListOptions = {}): string {
  return makeListPage(crm, LIST_ROWS, options);
}
