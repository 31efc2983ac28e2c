import { describe, expect, it } from 'vitest';
import { entityLookupKeys } from '../match/keys.ts';
import { lookupKeysCache } from './lookup-keys-cache.ts';
import type { EntityKey } from '../sites/types.ts';

const jane: EntityKey[] = [
  { kind: 'crmId', value: 'hubspot:51' },
  { kind: 'email', value: 'Jane@Acme.com' },
  { kind: 'company', value: 'ACME Inc' },
];

describe('lookupKeysCache', () => {
  it('gives what entityLookupKeys gives, and the same array for the same keys', () => {
    const keysOf = lookupKeysCache();
    const first = keysOf(jane);
    expect(first).toEqual(entityLookupKeys(jane));
    expect(keysOf(jane.map((k) => ({ ...k })))).toBe(first);
  });

  it('tells apart key sets that would run together as plain strings', () => {
    const keysOf = lookupKeysCache();
    const a = keysOf([{ kind: 'company', value: 'Acme' }, { kind: 'company', value: 'Beta' }]);
    const b = keysOf([{ kind: 'company', value: 'AcmeBeta' }]);
    expect(a).toEqual(['company:acme', 'company:beta']);
    expect(b).toEqual(['company:acmebeta']);
  });

  it('starts afresh beyond its limit and still answers correctly', () => {
    const keysOf = lookupKeysCache(2);
    for (const v of ['a@x.com', 'b@x.com', 'c@x.com']) keysOf([{ kind: 'email', value: v }]);
    expect(keysOf([{ kind: 'email', value: 'a@x.com' }])).toEqual(['email:a@x.com', 'domain:x.com']);
  });
});
