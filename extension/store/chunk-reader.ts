/**
 * Reads chunk `n` (its key `keyOf(n)`) of `store` once, handing it to every
 * caller that asks while or after it is read: a batch of lookups reads each
 * chunk once however many entities need it. Raw requests, not a promise
 * each: at a thousand keys the wrappers' promise turns cost as much as the
 * reads.
 */
export function chunkReader<T>(store: IDBObjectStore, keyOf: (n: number) => IDBValidKey): (n: number, use: (value: T | undefined) => void) => void {
  const chunks = new Map<number, { value?: T; ready: boolean; waiting: ((value: T | undefined) => void)[] }>();
  return (n, use) => {
    const entry = chunks.get(n);
    if (entry) {
      if (entry.ready) use(entry.value);
      else entry.waiting.push(use);
      return;
    }
    const e: { value?: T; ready: boolean; waiting: ((value: T | undefined) => void)[] } = { ready: false, waiting: [use] };
    chunks.set(n, e);
    const request = store.get(keyOf(n)) as IDBRequest<T | undefined>;
    request.onsuccess = () => {
      e.value = request.result;
      e.ready = true;
      for (const w of e.waiting.splice(0)) w(e.value);
    };
  };
}
