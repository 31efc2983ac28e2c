/**
 * Results of expensive work (a model fit) kept by a hash of the input cells,
 * so that a sheet of =CV.PALIVE(...) cells over the same data range fits the
 * model once, not once per cell. Excel recalculates cells in any order and
 * sometimes concurrently: concurrent callers with the same key share one
 * promise. A small LRU bounds memory.
 */
import { aborted } from '../shared/worker-task.ts';
import { cellsOf, type Cell } from './cells.ts';

/**
 * FNV-1a (32-bit, two lanes for 64 bits of key) over a canonical text of the
 * cells: type tag + value, so 1 and "1" differ, and row breaks count.
 * @example hashCells([[1, 'a']]) === hashCells([[1, 'a']]) // true
 */
export function hashCells(...ranges: Cell[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x0100019d);
    }
  };
  let total = 0;
  for (const range of ranges) {
    feed('\u0001');
    const rows = Array.isArray(range) ? range : [[range]];
    for (const row of rows) {
      feed('\u0002');
      for (const c of cellsOf(row)) {
        total++;
        feed(typeof c === 'number' ? `n${c}\u0003` : typeof c === 'string' ? `s${c}\u0003` : `${typeof c}${String(c)}\u0003`);
      }
    }
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}:${total}`;
}

interface Entry<V> {
  promise: Promise<V>;
  /** Aborts the producer's work. */
  controller: AbortController;
  /** Callers still waiting for a result that is not in yet; a caller without a signal counts for ever. */
  waiting: number;
  settled: boolean;
}

/**
 * A bounded memo keyed by text; values are promises so concurrent callers
 * share work. A caller may pass an AbortSignal (CV.SEGMENT's, aborted when
 * Excel cancels that cell's call): its own promise then rejects at once, but
 * the shared work stops only when every caller waiting for it has gone, so
 * that cancelling one of several cells over the same data does not fail the
 * others.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** How many times `get` ran the producer (for tests: "one fit per data range"). */
  computed = 0;
  constructor(private readonly limit = 16) {}

  /**
   * The cached value for `key`, or the result of `produce(signal)` (cached
   * unless it fails or is aborted).
   * @throws DOMException AbortError (as a rejection) when `signal` aborts before the value is in.
   */
  get(key: string, produce: (signal: AbortSignal) => V | Promise<V>, signal?: AbortSignal): Promise<V> {
    if (signal?.aborted) return Promise.reject(aborted());
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh recency.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      this.computed++;
      const controller = new AbortController();
      const promise = Promise.resolve().then(() => produce(controller.signal));
      const created: Entry<V> = { promise, controller, waiting: 0, settled: false };
      entry = created;
      this.entries.set(key, created);
      promise.then(
        () => {
          created.settled = true;
        },
        () => {
          created.settled = true;
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      while (this.entries.size > this.limit) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
    }
    return signal ? this.waitFor(key, entry, signal) : this.keep(entry);
  }

  /** The value for `key` if it is already in (not while it is being worked out), without refreshing recency. */
  peek(key: string): Promise<V> | undefined {
    const entry = this.entries.get(key);
    return entry?.settled ? entry.promise : undefined;
  }

  /** A caller that cannot cancel: the work must run to its end. */
  private keep(entry: Entry<V>): Promise<V> {
    entry.waiting = Infinity;
    return entry.promise;
  }

  private waitFor(key: string, entry: Entry<V>, signal: AbortSignal): Promise<V> {
    if (entry.settled) return entry.promise;
    entry.waiting++;
    return new Promise<V>((resolve, reject) => {
      const onAbort = () => {
        reject(aborted());
        if (--entry.waiting > 0 || entry.settled) return;
        // The last caller left: stop the work and forget it, so a later call starts afresh.
        if (this.entries.get(key) === entry) this.entries.delete(key);
        entry.controller.abort();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  clear(): void {
    this.entries.clear();
    this.computed = 0;
  }
}
