import { describe, expect, it } from 'vitest';
import { foundEntity, lazyEntity } from './entity.ts';

// The anchor is only carried along: any object stands in for the element here.
const anchor = {} as Element;
const rest = () => [
  { kind: 'email' as const, value: ' Jane.Doe@Acme.com ' },
  { kind: 'domain' as const, value: undefined },
  { kind: 'company' as const, value: 'Acme, Inc.' },
];

describe('lazyEntity', () => {
  it('names the row by its crmId at once and reads the other keys only when asked', () => {
    let reads = 0;
    let labels = 0;
    const e = lazyEntity(anchor, { kind: 'crmId', value: 'hubspot:1001' }, () => (reads++, rest()), () => (labels++, 'Jane Doe'))!;
    expect(e.id).toBe(foundEntity(anchor, [{ kind: 'crmId', value: 'hubspot:1001' }])!.id);
    expect([reads, labels]).toEqual([0, 0]);
    expect(e.keys).toEqual(foundEntity(anchor, [{ kind: 'crmId', value: 'hubspot:1001' }, ...rest()])!.keys);
    void e.keys;
    expect(e.label).toBe('Jane Doe');
    void e.label;
    expect([reads, labels]).toEqual([1, 1]);
  });

  it('equals foundEntity on the same keys', () => {
    const lazy = lazyEntity(anchor, { kind: 'crmId', value: 'hubspot:1001' }, rest, () => 'Jane Doe');
    const eager = foundEntity(anchor, [{ kind: 'crmId', value: 'hubspot:1001' }, ...rest()], 'Jane Doe');
    expect({ ...lazy }).toEqual({ ...eager });
    // A link without text has no label, as foundEntity gives none.
    expect(lazyEntity(anchor, { kind: 'crmId', value: 'hubspot:1001' }, rest, () => '')!.label).toBeUndefined();
  });

  it('falls back to reading every key at once when the first is no usable id', () => {
    let reads = 0;
    const e = lazyEntity(anchor, { kind: 'crmId', value: '   ' }, () => (reads++, rest()))!;
    expect(reads).toBe(1);
    expect(e.id).toBe(foundEntity(anchor, rest())!.id);
    expect(lazyEntity(anchor, { kind: 'crmId', value: undefined }, () => [])).toBeUndefined();
  });
});
