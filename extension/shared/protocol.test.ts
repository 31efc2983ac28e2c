import { describe, expect, it } from 'vitest';
import { asBackgroundRequest, MAX_KEYS_PER_ENTITY, MAX_LOOKUP_ENTITIES } from './protocol.ts';

describe('asBackgroundRequest', () => {
  it('accepts well-formed requests', () => {
    expect(asBackgroundRequest({ type: 'status' })).toEqual({ type: 'status' });
    expect(asBackgroundRequest({ type: 'lookup', entities: [{ id: 'e', keys: ['email:a@b.c'] }] })).toEqual({ type: 'lookup', entities: [{ id: 'e', keys: ['email:a@b.c'] }] });
    expect(asBackgroundRequest({ type: 'search', query: 'ja', limit: 1000 })).toEqual({ type: 'search', query: 'ja', limit: 100 });
  });

  it('rejects unknown types and malformed shapes', () => {
    for (const bad of [null, 'status', { type: 'dump' }, { type: 'lookup' }, { type: 'lookup', entities: [{ id: 1, keys: [] }] }, { type: 'search' }]) {
      expect(asBackgroundRequest(bad)).toBeUndefined();
    }
  });

  it('caps what one lookup can ask for', () => {
    const many = Array.from({ length: MAX_LOOKUP_ENTITIES + 1 }, (_, i) => ({ id: String(i), keys: [] }));
    expect(asBackgroundRequest({ type: 'lookup', entities: many })).toBeUndefined();
    const keys = Array.from({ length: 40 }, (_, i) => `email:${i}@x.com`);
    const req = asBackgroundRequest({ type: 'lookup', entities: [{ id: 'e', keys: [...keys, 7] }] });
    expect(req?.type === 'lookup' && req.entities[0].keys.length).toBe(MAX_KEYS_PER_ENTITY);
  });
});
