import { canonicalGuid, normalizeCrmId, salesforceId18 } from './normalize-crm-id.ts';

/** The CRMs whose record ids the extension matches (see normalizeCrmId). */
export type CrmSite = 'salesforce' | 'hubspot' | 'dynamics' | 'zoho' | 'pipedrive';
export const CRM_SITES: readonly CrmSite[] = ['salesforce', 'hubspot', 'dynamics', 'zoho', 'pipedrive'];

/**
 * A CRM id as an imported file holds it, written as the `<site>:<id>` that
 * normalizeCrmId reads. A CRM's own export holds bare ids (`001Dn00000…`,
 * `51`): a value that already names its site is kept; a bare one gets the
 * prefix of `site`, the CRM the user says the column belongs to; with no
 * site given, only ids whose shape tells their CRM are taken — a GUID
 * (Dynamics 365) or 15/18 letters and digits with both in it (Salesforce).
 * Numbers alone could be HubSpot, Zoho or Pipedrive ids: they need the site.
 * undefined when the value stays unreadable (the import reports it).
 *
 * @example qualifyCrmId('001Dn000001AbCd') // 'salesforce:001Dn000001AbCd'
 * @example qualifyCrmId('51', 'hubspot') // 'hubspot:51'
 * @example qualifyCrmId('51') // undefined
 */
export function qualifyCrmId(raw: string, site?: CrmSite): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (normalizeCrmId(value) !== undefined) return value;
  if (site !== undefined) {
    const qualified = `${site}:${value}`;
    return normalizeCrmId(qualified) !== undefined ? qualified : undefined;
  }
  if (canonicalGuid(value) !== undefined) return `dynamics:${value}`;
  if (/[A-Za-z]/.test(value) && /\d/.test(value) && salesforceId18(value) !== undefined) return `salesforce:${value}`;
  return undefined;
}

/**
 * The CRM a column header names, if any ("Salesforce Id", "HubSpot Record
 * ID", "Zoho CRM ID"…), to preselect the site of bare ids.
 * @example crmSiteOfHeader('Record ID - HubSpot') // 'hubspot'
 */
export function crmSiteOfHeader(header: string): CrmSite | undefined {
  const h = header.toLowerCase();
  if (/salesforce|sfdc/.test(h)) return 'salesforce';
  if (/hubspot/.test(h)) return 'hubspot';
  if (/dynamics|d365/.test(h)) return 'dynamics';
  if (/zoho/.test(h)) return 'zoho';
  if (/pipedrive/.test(h)) return 'pipedrive';
  return undefined;
}
