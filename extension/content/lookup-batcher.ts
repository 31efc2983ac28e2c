import { MAX_LOOKUP_ENTITIES, type LookupReply } from '../shared/protocol.ts';
import type { EntityScore } from '../store/stored-customer.ts';

/** Sends one `lookup` message; the content script passes `browser.runtime.sendMessage`. */
export type SendLookup = (entities: { id: string; keys: string[] }[]) => Promise<LookupReply>;

/**
 * Collects lookups requested until `schedule` fires and sends them as one
 * message per up to MAX_LOOKUP_ENTITIES entities (sent in parallel, resolved
 * together), so a list view of 1,000 rows costs one concurrent round trip,
 * not 1,000. Results are cached by key set for the life of the batcher (one
 * page session); failures resolve to null.
 *
 * @param schedule  how to wait for the flush: `queueMicrotask` batches one
 *   synchronous scan; a 250 ms timer backs it up when the callback never comes
 * @example
 * const lookup = lookupBatcher(send, queueMicrotask);
 * const score = await lookup(['email:jane@acme.com']); // EntityScore | null
 */
export function lookupBatcher(send: SendLookup, schedule: (cb: () => void) => unknown): (keys: string[]) => Promise<EntityScore | null> {
  const cache = new Map<string, Promise<EntityScore | null>>();
  let queue: { id: string; keys: string[]; resolve: (s: EntityScore | null) => void }[] = [];

  const flush = () => {
    const batch = queue;
    queue = [];
    const parts: Promise<LookupReply['results'] | undefined>[] = [];
    for (let i = 0; i < batch.length; i += MAX_LOOKUP_ENTITIES) {
      const part = batch.slice(i, i + MAX_LOOKUP_ENTITIES);
      parts.push(send(part.map(({ id, keys }) => ({ id, keys }))).then((reply) => reply?.results, () => undefined));
    }
    // The parts are asked in parallel and answered together: a list view's
    // badges then go in with one page layout, not one per part.
    void Promise.all(parts).then((replies) =>
      replies.forEach((results, p) => {
        const end = Math.min(batch.length, (p + 1) * MAX_LOOKUP_ENTITIES);
        for (let i = p * MAX_LOOKUP_ENTITIES; i < end; i++) batch[i].resolve(results?.[batch[i].id] ?? null);
      }),
    );
  };

  return (keys) => {
    const id = keys.join('\n');
    let promise = cache.get(id);
    if (!promise) {
      promise = new Promise((resolve) => {
        if (queue.length === 0) {
          // One flush per scheduled callback, however many requests arrive; a
          // timer backs it up where the callback may not come (frames in
          // background tabs).
          let done = false;
          const once = () => {
            if (!done) {
              done = true;
              flush();
            }
          };
          schedule(once);
          setTimeout(once, 250);
        }
        queue.push({ id, keys, resolve });
      });
      cache.set(id, promise);
    }
    return promise;
  };
}
