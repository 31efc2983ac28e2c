import { describe, expect, it } from 'vitest';
import { crmSiteOfHeader, qualifyCrmId } from './qualify-crm-id.ts';
import { normalizeCrmId } from './normalize-crm-id.ts';

describe('qualifyCrmId', () => {
  it('keeps ids that already name their site', () => {
    expect(qualifyCrmId(' salesforce:001xx000003DGb2 ')).toBe('salesforce:001xx000003DGb2');
    expect(qualifyCrmId('pipedrive:person:5', 'hubspot')).toBe('pipedrive:person:5');
  });

  it('prefixes bare ids with the site the user chose, when they are that site’s ids', () => {
    expect(qualifyCrmId('51', 'hubspot')).toBe('hubspot:51');
    expect(qualifyCrmId('5725767000000412001', 'zoho')).toBe('zoho:5725767000000412001');
    expect(qualifyCrmId('person:5', 'pipedrive')).toBe('pipedrive:person:5');
    expect(qualifyCrmId('{A1B2C3D4-0000-1111-2222-333344445555}', 'dynamics')).toBe('dynamics:{A1B2C3D4-0000-1111-2222-333344445555}');
    // Not a HubSpot id: left unreadable rather than stored under a key nothing matches.
    expect(qualifyCrmId('001xx000003DGb2', 'hubspot')).toBeUndefined();
  });

  it('recognises Salesforce and Dynamics ids by their shape when no site is chosen, and nothing else', () => {
    expect(qualifyCrmId('001xx000003DGb2')).toBe('salesforce:001xx000003DGb2');
    expect(normalizeCrmId(qualifyCrmId('001xx000003DGb2AAG')!)).toBe(normalizeCrmId('salesforce:001xx000003DGb2'));
    expect(qualifyCrmId('a1b2c3d4-0000-1111-2222-333344445555')).toBe('dynamics:a1b2c3d4-0000-1111-2222-333344445555');
    // Numbers alone could be HubSpot, Zoho or Pipedrive; letters alone are no Salesforce id.
    expect(qualifyCrmId('123456789012345')).toBeUndefined();
    expect(qualifyCrmId('ABCDEFGHIJKLMNO')).toBeUndefined();
    expect(qualifyCrmId('51')).toBeUndefined();
    expect(qualifyCrmId('  ')).toBeUndefined();
  });
});

describe('crmSiteOfHeader', () => {
  it('reads the CRM a header names', () => {
    expect(crmSiteOfHeader('Salesforce Id')).toBe('salesforce');
    expect(crmSiteOfHeader('SFDC Account ID')).toBe('salesforce');
    expect(crmSiteOfHeader('Record ID - HubSpot')).toBe('hubspot');
    expect(crmSiteOfHeader('Dynamics 365 GUID')).toBe('dynamics');
    expect(crmSiteOfHeader('Zoho CRM ID')).toBe('zoho');
    expect(crmSiteOfHeader('Pipedrive person id')).toBe('pipedrive');
    expect(crmSiteOfHeader('CRM ids')).toBeUndefined();
  });
});
