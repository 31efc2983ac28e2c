/**
 * The bytes of many short texts (customer ids, e-mails) in chunks of
 * 2^bits bytes, with no object per text: a text's place is one number,
 * chunk · 2^bits + offset. Millions of customers' texts as strings had been
 * the largest part of the heap at scale (docs/scale.md).
 *
 * The first chunk starts small and grows `growth`-fold up to a whole chunk,
 * so a small table stays small; later chunks are whole from the start, so
 * growing never copies more than one chunk.
 *
 * @example
 * const arena = new ByteArena(20, 4096, 2);
 * const place = arena.append(bytes, 0, 5); // bytes[0 … 4] kept
 * arena.chunks[place >>> 20][place & 0xfffff] === bytes[0]
 */
export class ByteArena {
  readonly chunks: Uint8Array[];
  private used = 0;

  constructor(
    readonly bits: number,
    firstSize: number,
    private readonly growth: number,
  ) {
    this.chunks = [new Uint8Array(firstSize)];
  }

  /**
   * Copies b[s … e−1] in and returns its place. The text must fit in one
   * chunk (e − s ≤ 2^bits): a caller keeps a longer one some other way.
   */
  append(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const whole = 1 << this.bits;
    let last = this.chunks.length - 1;
    if (this.used + n > this.chunks[last].length) {
      if (last === 0 && this.chunks[0].length < whole) {
        let size = this.chunks[0].length * this.growth;
        while (size < this.used + n) size *= this.growth;
        const c = new Uint8Array(Math.min(size, whole));
        c.set(this.chunks[0].subarray(0, this.used));
        this.chunks[0] = c;
      }
      if (this.used + n > this.chunks[last].length) {
        this.chunks.push(new Uint8Array(whole));
        last++;
        this.used = 0;
      }
    }
    // A loop: a text is a few dozen bytes, where a subarray per text cost more than the copy.
    const chunk = this.chunks[last];
    for (let i = s, u = this.used; i < e; i++, u++) chunk[u] = b[i];
    const place = last * whole + this.used;
    this.used += n;
    return place;
  }
}
