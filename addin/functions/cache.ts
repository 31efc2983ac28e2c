/**
 * Results of expensive work (a model fit) kept by a hash of the input cells,
 * so that a sheet of =CV.PALIVE(...) cells over the same data range fits the
 * model once, not once per cell. Excel recalculates cells in any order and
 * sometimes concurrently: concurrent callers with the same key share one
 * promise. A small LRU bounds memory.
 */
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

/** A bounded memo keyed by text; values are promises so concurrent callers share work. */
export class ResultCache<V> {
  private readonly entries = new Map<string, Promise<V>>();
  /** How many times `get` ran the producer (for tests: "one fit per data range"). */
  computed = 0;
  constructor(private readonly limit = 16) {}

  /** The cached value for `key`, or the result of `produce()` (cached unless it fails). */
  get(key: string, produce: () => V | Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.computed++;
    const p = Promise.resolve().then(produce);
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return p;
  }

  clear(): void {
    this.entries.clear();
    this.computed = 0;
  }
}
