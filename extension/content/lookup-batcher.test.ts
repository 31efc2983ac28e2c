import { describe, expect, it } from 'vitest';
import { lookupBatcher } from './lookup-batcher.ts';
import { MAX_LOOKUP_ENTITIES, type LookupReply } from '../shared/protocol.ts';

function harness() {
  const sent: { id: string; keys: string[] }[][] = [];
  const frames: (() => void)[] = [];
  const lookup = lookupBatcher(
    async (entities) => {
      sent.push(entities);
      const results: LookupReply['results'] = {};
      for (const e of entities) results[e.id] = e.keys[0].startsWith('email:known') ? { key: e.keys[0], customer: { id: e.keys[0], tier: 'VIP', churnRisk: 0, keys: e.keys, search: [] } } : null;
      return { results };
    },
    (cb) => frames.push(cb),
  );
  return { lookup, sent, frame: () => frames.splice(0).forEach((f) => f()) };
}

describe('lookupBatcher', () => {
  it('sends everything asked within one frame as one message', async () => {
    const h = harness();
    const a = h.lookup(['email:known1@x.com']);
    const b = h.lookup(['email:other@x.com']);
    expect(h.sent).toHaveLength(0);
    h.frame();
    const found = await a;
    expect(found && 'customer' in found ? found.customer.id : null).toBe('email:known1@x.com');
    expect(await b).toBeNull();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toHaveLength(2);
  });

  it('asks once for the same keys (cached for the session)', async () => {
    const h = harness();
    const a = h.lookup(['email:known@x.com']);
    const b = h.lookup(['email:known@x.com']);
    h.frame();
    await Promise.all([a, b]);
    h.lookup(['email:known@x.com']);
    h.frame();
    expect(h.sent.flat()).toHaveLength(1);
  });

  it('splits a long list view into messages of at most MAX_LOOKUP_ENTITIES', async () => {
    const h = harness();
    const all = Array.from({ length: MAX_LOOKUP_ENTITIES + 5 }, (_, i) => h.lookup([`email:p${i}@x.com`]));
    h.frame();
    await Promise.all(all);
    expect(h.sent.map((m) => m.length)).toEqual([MAX_LOOKUP_ENTITIES, 5]);
  });

  it('resolves to null when the background cannot be reached', async () => {
    const frames: (() => void)[] = [];
    const lookup = lookupBatcher(() => Promise.reject(new Error('Extension context invalidated')), (cb) => frames.push(cb));
    const p = lookup(['email:a@x.com']);
    frames.forEach((f) => f());
    expect(await p).toBeNull();
  });

  it('resolves each part of a long list on its own reply: the first rows do not wait for the last', async () => {
    const sent: ((r: LookupReply) => void)[] = [];
    const frames: (() => void)[] = [];
    const lookup = lookupBatcher((entities) => new Promise<LookupReply>((r) => sent.push(() => r({ results: Object.fromEntries(entities.map((e) => [e.id, null])) }))), (cb) => frames.push(cb));
    let settled = 0;
    const all = Array.from({ length: MAX_LOOKUP_ENTITIES + 1 }, (_, i) => lookup([`email:p${i}@x.com`]).then(() => settled++));
    frames.forEach((f) => f());
    expect(sent).toHaveLength(2);
    sent[1]({ results: {} });
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(1);
    sent[0]({ results: {} });
    await Promise.all(all);
    expect(settled).toBe(MAX_LOOKUP_ENTITIES + 1);
  });
});
