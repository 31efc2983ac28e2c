import { MAX_LOOKUP_ENTITIES, type LookupEntity, type LookupReply, type PageScore } from '../shared/protocol.ts';

/** Sends one `lookup` message; the content script passes `browser.runtime.sendMessage`. */
export type SendLookup = (entities: LookupEntity[]) => Promise<LookupReply>;

/**
 * Collects lookups requested until `schedule` fires and sends them as one
 * message per up to MAX_LOOKUP_ENTITIES entities (sent in parallel, each
 * resolved by its own reply), so a list view of 1,000 rows costs a few
 * concurrent round trips, not 1,000. Results are cached by key set for the
 * life of the batcher (one page session); failures resolve to null.
 *
 * @param schedule  how to wait for the flush: `queueMicrotask` batches one
 *   synchronous scan; a 250 ms timer backs it up when the callback never comes
 * @example
 * const lookup = lookupBatcher(send, queueMicrotask);
 * const score = await lookup(['email:jane@acme.com']); // EntityScore | null
 */
export function lookupBatcher(send: SendLookup, schedule: (cb: () => void) => unknown): (keys: string[], company?: boolean) => Promise<PageScore | null> {
  const cache = new Map<string, Promise<PageScore | null>>();
  let queue: { id: string; keys: string[]; company?: boolean; resolve: (s: PageScore | null) => void }[] = [];

  const flush = () => {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += MAX_LOOKUP_ENTITIES) {
      const part = batch.slice(i, i + MAX_LOOKUP_ENTITIES);
      // Parts are asked in parallel and each resolves on its own reply: the
      // first rows of a list (usually the ones on screen) need not wait for
      // the last.
      send(part.map(({ id, keys, company }) => (company ? { id, keys, company } : { id, keys }))).then(
        (reply) => part.forEach((q) => q.resolve(reply?.results?.[q.id] ?? null)),
        () => part.forEach((q) => q.resolve(null)),
      );
    }
  };

  return (keys, company) => {
    const id = `${company ? 'company\n' : ''}${keys.join('\n')}`;
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
        queue.push({ id, keys, company, resolve });
      });
      cache.set(id, promise);
    }
    return promise;
  };
}
