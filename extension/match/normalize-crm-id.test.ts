import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalGuid, normalizeCrmId, salesforceId18 } from './normalize-crm-id.ts';

describe('salesforceId18', () => {
  // Reference pair: Salesforce documentation ("Record IDs", 001xx000003DGb2 ↔ 001xx000003DGb2AAG).
  it('computes the documented checksum', () => {
    expect(salesforceId18('001xx000003DGb2')).toBe('001xx000003DGb2AAG');
    expect(salesforceId18('001xx000003DGb2AAG')).toBe('001xx000003DGb2AAG');
  });

  it('restores the case of an 18-char id that a tool lower- or upper-cased', () => {
    expect(salesforceId18('001xx000003dgb2aag')).toBe('001xx000003DGb2AAG');
    expect(salesforceId18('001XX000003DGB2AAG')).toBe('001xx000003DGb2AAG');
  });

  it('keeps 15-char ids that differ only in case apart', () => {
    expect(salesforceId18('001xx000003DGb2')).not.toBe(salesforceId18('001xx000003DGB2'));
  });

  it.each(['', '001xx000003DGb', '001xx000003DGb2A', '001xx000003DGb2AAGX', '001xx-00003DGb2', '001xx000003DGb2AA9'])(
    'rejects %j',
    (id) => expect(salesforceId18(id)).toBeUndefined(),
  );

  it('maps every 15-char id to an 18-char id that maps to itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{15}$/), (id15) => {
        const id18 = salesforceId18(id15)!;
        expect(id18).toHaveLength(18);
        expect(id18.slice(0, 15)).toBe(id15);
        expect(salesforceId18(id18)).toBe(id18);
        expect(salesforceId18(id18.toLowerCase())).toBe(id18);
      }),
    );
  });
});

describe('canonicalGuid', () => {
  const guid = 'a1b2c3d4-0000-1111-2222-333344445555';
  it.each([guid, guid.toUpperCase(), `{${guid}}`, `{${guid.toUpperCase()}}`, `%7B${guid}%7D`, `%7b${guid}%7d`, ` ${guid} `])(
    'reads %j',
    (input) => expect(canonicalGuid(input)).toBe(guid),
  );
  it.each(['', `{${guid}`, `${guid}}`, guid.slice(1), guid.replace(/-/g, ''), guid.replace('a', 'g')])('rejects %j', (input) =>
    expect(canonicalGuid(input)).toBeUndefined(),
  );
});

describe('normalizeCrmId', () => {
  it.each([
    ['salesforce:001xx000003DGb2', 'sf:001xx000003DGb2AAG'],
    ['sf:001xx000003DGb2AAG', 'sf:001xx000003DGb2AAG'],
    ['SF: 001xx000003dgb2aag', 'sf:001xx000003DGb2AAG'],
    ['dynamics:{A1B2C3D4-0000-1111-2222-333344445555}', 'dynamics:a1b2c3d4-0000-1111-2222-333344445555'],
    ['d365:%7Ba1b2c3d4-0000-1111-2222-333344445555%7D', 'dynamics:a1b2c3d4-0000-1111-2222-333344445555'],
    ['hubspot:123', 'hubspot:123'],
    ['HubSpot:000123', 'hubspot:123'],
    ['zoho:5725767000000412345', 'zoho:5725767000000412345'],
    ['pipedrive:person:42', 'pipedrive:person:42'],
    ['pipedrive:Organizations:7', 'pipedrive:organization:7'],
    ['pipedrive:42', 'pipedrive:42'],
  ])('%j → %j', (input, expected) => expect(normalizeCrmId(input)).toBe(expected));

  it.each(['', '123', 'hubspot:', 'hubspot:12a', 'zoho:-1', 'salesforce:abc', 'dynamics:123', 'pipedrive:lead:5', 'sap:123'])(
    'rejects %j',
    (input) => expect(normalizeCrmId(input)).toBeUndefined(),
  );

  it('is idempotent', () => {
    const raw = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9]{15}([A-Za-z0-5]{3})?$/).map((id) => `salesforce:${id}`),
      fc.uuid().map((g) => `dynamics:{${g.toUpperCase()}}`),
      fc.nat().map((n) => `hubspot:${n}`),
      fc.tuple(fc.constantFrom('person', 'organizations', 'deal'), fc.nat()).map(([o, n]) => `pipedrive:${o}:${n}`),
      fc.string(),
    );
    fc.assert(
      fc.property(raw, (s) => {
        const once = normalizeCrmId(s);
        if (once !== undefined) expect(normalizeCrmId(once)).toBe(once);
      }),
    );
  });
});
