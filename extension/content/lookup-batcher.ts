import { MAX_LOOKUP_ENTITIES, type LookupReply } from '../shared/protocol.ts';
import type { EntityScore } from '../store/stored-customer.ts';

/** Sends one `lookup` message; the content script passes `browser.runtime.sendMessage`. */
export type SendLookup = (entities: { id: string; keys: string[] }[]) => Promise<LookupReply>;

/**
 * Collects lookups requested during one animation frame and sends them as
 * one message per up to MAX_LOOKUP_ENTITIES entities, so a list view of 200
 * rows costs one round trip, not 200. Results are cached by key set for the
 * life of the batcher (one page session); failures resolve to null.
 *
 * @param schedule  how to wait for the flush (requestAnimationFrame in pages)
 * @example
 * const lookup = lookupBatcher(send, requestAnimationFrame);
 * const score = await lookup(['email:jane@acme.com']); // EntityScore | null
 */
export function lookupBatcher(send: SendLookup, schedule: (cb: () => void) => unknown): (keys: string[]) => Promise<EntityScore | null> {
  const cache = new Map<string, Promise<EntityScore | null>>();
  let queue: { id: string; keys: string[]; resolve: (s: EntityScore | null) => void }[] = [];

  const flush = () => {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += MAX_LOOKUP_ENTITIES) {
      const part = batch.slice(i, i + MAX_LOOKUP_ENTITIES);
      send(part.map(({ id, keys }) => ({ id, keys }))).then(
        (reply) => part.forEach((p) => p.resolve(reply?.results?.[p.id] ?? null)),
        () => part.forEach((p) => p.resolve(null)),
      );
    }
  };

  return (keys) => {
    const id = keys.join('\n');
    let promise = cache.get(id);
    if (!promise) {
      promise = new Promise((resolve) => {
        if (queue.length === 0) {
          // One flush per frame, however many requests arrive; a timer backs
          // up the frame in background tabs, where frames do not come.
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
