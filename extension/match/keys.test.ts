import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customerIndexKeys, entityLookupKeys, lookupKey, matchedOn } from './keys.ts';

describe('entityLookupKeys', () => {
  it('orders keys crm, email, domain, company and canonicalises each', () => {
    expect(
      entityLookupKeys([
        { kind: 'company', value: 'Acme, Inc.' },
        { kind: 'domain', value: 'https://www.acme.com' },
        { kind: 'email', value: 'mailto:Jane@Sales.ACME.com' },
        { kind: 'crmId', value: 'salesforce:001xx000003DGb2' },
      ]),
    ).toEqual(['crm:sf:001xx000003DGb2AAG', 'email:jane@sales.acme.com', 'domain:acme.com', 'company:acme']);
  });

  it('derives a domain key from a company e-mail address, never from free mail', () => {
    expect(entityLookupKeys([{ kind: 'email', value: 'li@alibaba.com.cn' }])).toEqual(['email:li@alibaba.com.cn', 'domain:alibaba.com.cn']);
    expect(entityLookupKeys([{ kind: 'email', value: 'li@qq.com' }])).toEqual(['email:li@qq.com']);
    expect(entityLookupKeys([{ kind: 'domain', value: 'gmail.com' }])).toEqual([]);
  });

  it('drops invalid values and duplicates', () => {
    expect(
      entityLookupKeys([
        { kind: 'email', value: 'not-an-email' },
        { kind: 'email', value: 'JANE@acme.com' },
        { kind: 'email', value: 'jane@acme.com' },
        { kind: 'company', value: '   ' },
        { kind: 'crmId', value: 'hubspot:abc' },
        { kind: 'domain', value: 'acme.com' },
      ]),
    ).toEqual(['email:jane@acme.com', 'domain:acme.com']);
  });

  it('returns no keys for nothing', () => {
    expect(entityLookupKeys([])).toEqual([]);
  });
});

describe('customerIndexKeys', () => {
  it('indexes a stored customer under the keys a page entity looks up', () => {
    const stored = customerIndexKeys({ email: ' jane@ACME.com ', company: 'ACME Inc', crmIds: ['sf:001xx000003DGb2AAG', 'hubspot:51'] });
    expect(stored).toEqual(['crm:sf:001xx000003DGb2AAG', 'crm:hubspot:51', 'email:jane@acme.com', 'domain:acme.com', 'company:acme']);
    const onPage = entityLookupKeys([
      { kind: 'crmId', value: 'salesforce:001xx000003DGb2' },
      { kind: 'company', value: 'Acme, Inc.' },
    ]);
    for (const key of onPage) expect(stored).toContain(key);
  });

  it('handles a customer with nothing usable', () => {
    expect(customerIndexKeys({})).toEqual([]);
    expect(customerIndexKeys({ email: 'x', company: '' })).toEqual([]);
  });

  it('agrees with entityLookupKeys on every key', () => {
    fc.assert(
      fc.property(fc.option(fc.emailAddress(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), fc.option(fc.domain(), { nil: undefined }), (email, company, domain) => {
        const keys = [
          ...(email === undefined ? [] : [{ kind: 'email' as const, value: email }]),
          ...(domain === undefined ? [] : [{ kind: 'domain' as const, value: domain }]),
          ...(company === undefined ? [] : [{ kind: 'company' as const, value: company }]),
        ];
        expect(customerIndexKeys({ email, company, domain })).toEqual(entityLookupKeys(keys));
      }),
    );
  });
});

describe('matchedOn', () => {
  it.each([
    ['crm:sf:001xx000003DGb2AAG', 'crmId'],
    ['email:jane@acme.com', 'email'],
    ['domain:acme.com', 'domain'],
    ['company:acme', 'company'],
  ] as const)('%j was matched on %j', (key, kind) => expect(matchedOn(key)).toBe(kind));

  it('throws for a string that is no lookup key', () => {
    expect(() => matchedOn('acme')).toThrow(/matchedOn/);
    expect(() => matchedOn('phone:123')).toThrow(/matchedOn/);
  });

  it('round-trips every key entityLookupKeys produces', () => {
    for (const key of entityLookupKeys([{ kind: 'crmId', value: 'zoho:1' }, { kind: 'email', value: 'a@b.de' }, { kind: 'company', value: 'B AG' }])) {
      expect(['crmId', 'email', 'domain', 'company']).toContain(matchedOn(key));
    }
  });
});

describe('lookupKey', () => {
  it('gives the canonical key of one usable value, undefined otherwise', () => {
    expect(lookupKey({ kind: 'company', value: 'ACME Inc' })).toBe('company:acme');
    expect(lookupKey({ kind: 'crmId', value: 'd365:{A1B2C3D4-0000-1111-2222-333344445555}' })).toBe('crm:dynamics:a1b2c3d4-0000-1111-2222-333344445555');
    expect(lookupKey({ kind: 'domain', value: '--' })).toBeUndefined();
    expect(lookupKey({ kind: 'domain', value: 'hotmail.com' })).toBeUndefined();
    expect(lookupKey({ kind: 'email', value: 'n/a' })).toBeUndefined();
  });
});

describe('customerIndexKeys', () => {
  it('gives exactly the keys entityLookupKeys gives for the same fields (an entity showing that customer)', () => {
    const text = fc.constantFrom('Jane@Acme.com', 'li@qq.com', 'not-an-email', ' Acme, Inc. ', 'acme.com', 'https://www.acme.com', 'gmail.com', 'salesforce:001xx000003DGb2', 'hubspot:51', 'hubspot:abc', '', '王小明', 'Initech GmbH');
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), fc.array(text, { maxLength: 3 }), (email, company, domain, crmIds) => {
        const asEntity = entityLookupKeys([
          ...crmIds.map((value) => ({ kind: 'crmId' as const, value })),
          ...(email === undefined ? [] : [{ kind: 'email' as const, value: email }]),
          ...(domain === undefined ? [] : [{ kind: 'domain' as const, value: domain }]),
          ...(company === undefined ? [] : [{ kind: 'company' as const, value: company }]),
        ]);
        expect(customerIndexKeys({ email, company, domain, crmIds })).toEqual(asEntity);
      }),
    );
  });
});

