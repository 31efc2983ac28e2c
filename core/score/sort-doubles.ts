/**
 * Sorting columns of doubles by a radix sort on their bits. V8's
 * Float64Array.prototype.sort (Node 20) sorts at about 125 ns a value at
 * 376,000 values (47 ms, measured on the build machine): the segment table
 * sorted four such columns, a sixth of a million-row run's scoring. A least
 * significant digit radix sort reads each value a few times instead of
 * log2(n) times, and is stable, so it also gives the order of customers by
 * value with ties in input order without a comparator.
 *
 * A double's bits, read as an unsigned 64-bit number after flipping the sign
 * bit of a positive one and every bit of a negative one, sort in numeric
 * order, −0 just before +0 (as Float64Array.prototype.sort puts them); a NaN
 * is given the largest key, so it goes last, as there.
 */

/**
 * From this many values on the radix sort is used. Below, the builtin sort
 * costs less in a short run: the radix sort's loops start in V8's
 * interpreter and cost 25 ms the first time at 23,570 values (CDNOW's
 * customers) where the builtin sort takes 2 ms; at 376,506 values it takes
 * about half the builtin sort's time (measured, loaded machine).
 */
export const RADIX_FROM = 1 << 16;
/**
 * From this many values on, the segment table orders them by
 * {@link sortedWithOrder} instead of the radix order: memory decides there.
 * Its binary searches cost more than the radix passes (at 3.77 million
 * values, the 10M-row run's customers: 2.2 s against 0.4 s of CPU, loaded
 * machine) but it holds 72 MiB less; below, the radix order's scratch is
 * small (7 MiB at a million rows' 376,506 customers) and its speed counts.
 */
export const LEAN_FROM = 1 << 21;
/** Bits of each radix digit: 11, 11 and 10 per 32-bit half, six passes of 2,048 buckets. */
const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
/** The byte order typed arrays use here: the radix sort reads a double's halves as two 32-bit words. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The values sorted ascending in a new array, exactly as
 * `Float64Array.from(values).sort()` gives them (−0 before +0, NaN last);
 * by the radix sort from `radixFrom` values on (a test sets it lower).
 *
 * @example sortedDoubles([3, -1, 2]) // Float64Array [-1, 2, 3]
 */
export function sortedDoubles(values: ArrayLike<number>, radixFrom = RADIX_FROM): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (values instanceof Float64Array) out.set(values);
  else for (let i = 0; i < n; i++) out[i] = values[i];
  if (n < radixFrom || !LITTLE_ENDIAN) return out.sort();
  const words = new Uint32Array(out.buffer, out.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    if (out[i] !== out[i]) {
      hi[i] = 0xffffffff;
      lo[i] = 0xffffffff;
    } else if (h >>> 31 === 1) {
      hi[i] = ~h;
      lo[i] = ~l;
    } else {
      hi[i] = h | 0x80000000;
      lo[i] = l;
    }
  }
  const sorted = radixSort(hi, lo, undefined);
  const sh = sorted.hi;
  const sl = sorted.lo;
  for (let i = 0; i < n; i++) {
    const h = sh[i];
    if (h >>> 31 === 1) {
      words[2 * i + 1] = h ^ 0x80000000;
      words[2 * i] = sl[i];
    } else {
      words[2 * i + 1] = ~h;
      words[2 * i] = ~sl[i];
    }
  }
  return out;
}

/**
 * The positions of the values in ascending order of value, equal values
 * (−0 and +0 alike) in input order. The values must not be NaN.
 *
 * @example ascendingOrder([3, 1, 3, 2]) // Int32Array [1, 3, 0, 2]
 */
export function ascendingOrder(values: ArrayLike<number>, radixFrom = RADIX_FROM): Int32Array {
  const n = values.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < radixFrom || !LITTLE_ENDIAN) {
    // Array.prototype.sort is stable: ties stay in input order.
    return Int32Array.from(Array.from(idx).sort((a, b) => values[a] - values[b]));
  }
  const one = new Float64Array(1);
  const bits = new Uint32Array(one.buffer);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // +0 for −0: equal values share a key, so a block of equal values keeps input order.
    one[0] = values[i] + 0;
    const h = bits[1];
    const l = bits[0];
    if (h >>> 31 === 1) {
      hi[i] = ~h;
      lo[i] = ~l;
    } else {
      hi[i] = h | 0x80000000;
      lo[i] = l;
    }
  }
  return radixSort(hi, lo, idx).idx as Int32Array;
}

/**
 * `values` in the order `ascendingOrder(values)` gives, with −0 before +0
 * among the zeros as Float64Array.prototype.sort puts them: sortedDoubles
 * without a second sort when the order is needed anyway.
 *
 * @example sortedByOrder([0, -0, 1], ascendingOrder([0, -0, 1])) // Float64Array [-0, 0, 1]
 */
export function sortedByOrder(values: ArrayLike<number>, order: Int32Array): Float64Array {
  const n = order.length;
  const out = new Float64Array(n);
  let zeros = -1;
  let negativeZeros = 0;
  for (let k = 0; k < n; k++) {
    const v = values[order[k]];
    out[k] = v;
    if (v === 0) {
      if (zeros < 0) zeros = k;
      if (Object.is(v, -0)) negativeZeros++;
    }
  }
  if (negativeZeros > 0) {
    let k = zeros;
    for (let z = 0; z < negativeZeros; z++) out[k++] = -0;
    while (k < n && out[k] === 0) out[k++] = 0;
  }
  return out;
}

/**
 * The values sorted ascending (exactly as `Float64Array.from(values).sort()`)
 * and their positions in that order, equal values (−0 and +0 alike) in input
 * order: what `sortedByOrder(values, ascendingOrder(values))` and
 * `ascendingOrder(values)` give together, with one array of scratch where the
 * radix order takes five. At 3.77 million customers (the 10M-row run) those
 * five were 72 MiB at the segment step, where that run's memory peaks, for
 * about 0.3 s of CPU saved. The builtin sort sorts the copy in place; each
 * position then goes to the next free place of its value's block, found by
 * a binary search (in input order, so ties stay in input order). A NaN's
 * block is the NaNs' at the end.
 *
 * @example sortedWithOrder([3, 1, 3, 2]) // { ascending: Float64Array [1, 2, 3, 3], order: Int32Array [1, 3, 0, 2] }
 */
export function sortedWithOrder(values: ArrayLike<number>): { ascending: Float64Array; order: Int32Array } {
  const n = values.length;
  const ascending = new Float64Array(n);
  if (values instanceof Float64Array) ascending.set(values);
  else for (let i = 0; i < n; i++) ascending[i] = values[i];
  ascending.sort();
  let nans = n;
  while (nans > 0 && ascending[nans - 1] !== ascending[nans - 1]) nans--;
  // fill[b] counts the positions placed so far in the block starting at b.
  const fill = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const b = v === v ? lowerBound(ascending, v) : nans;
    order[b + fill[b]++] = i;
  }
  return { ascending, order };
}

/**
 * First position in an ascending array whose value is not below v (−0 and 0
 * count as equal). The loop halves a fixed number of times whatever the data
 * and selects rather than branches: about 1.5× faster than the textbook
 * binary search on 23,570 random lookups (measured).
 */
export function lowerBound(sorted: Float64Array, v: number): number {
  let base = 0;
  let len = sorted.length;
  while (len > 1) {
    const half = len >>> 1;
    base = sorted[base + half - 1] < v ? base + half : base;
    len -= half;
  }
  return len === 1 && sorted[base] < v ? base + 1 : base;
}

/** A stable LSD radix sort of 64-bit keys (hi, lo), carrying `idx` along; the arrays given are used as scratch. */
function radixSort(hi: Uint32Array, lo: Uint32Array, idx: Int32Array | undefined): { hi: Uint32Array; lo: Uint32Array; idx: Int32Array | undefined } {
  const n = hi.length;
  const count = new Int32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const l = lo[i];
    const h = hi[i];
    count[l & (BUCKETS - 1)]++;
    count[BUCKETS + ((l >>> DIGIT) & (BUCKETS - 1))]++;
    count[2 * BUCKETS + (l >>> (2 * DIGIT))]++;
    count[3 * BUCKETS + (h & (BUCKETS - 1))]++;
    count[4 * BUCKETS + ((h >>> DIGIT) & (BUCKETS - 1))]++;
    count[5 * BUCKETS + (h >>> (2 * DIGIT))]++;
  }
  let sh: Uint32Array = hi;
  let sl: Uint32Array = lo;
  let si: Int32Array | undefined = idx;
  let dh: Uint32Array = new Uint32Array(n);
  let dl: Uint32Array = new Uint32Array(n);
  let di: Int32Array | undefined = idx === undefined ? undefined : new Int32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    // A digit every key shares orders nothing: the pass is skipped (the high digits of similar numbers, the low ones of whole numbers).
    let shared = false;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[base + b];
      if (c !== 0) {
        shared = c === n;
        break;
      }
    }
    if (shared) continue;
    let start = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[base + b];
      count[base + b] = start;
      start += c;
    }
    const keys = pass < 3 ? sl : sh;
    const shift = (pass % 3) * DIGIT;
    if (si !== undefined && di !== undefined) {
      for (let i = 0; i < n; i++) {
        const to = count[base + ((keys[i] >>> shift) & (BUCKETS - 1))]++;
        dh[to] = sh[i];
        dl[to] = sl[i];
        di[to] = si[i];
      }
      const t = si;
      si = di;
      di = t;
    } else {
      for (let i = 0; i < n; i++) {
        const to = count[base + ((keys[i] >>> shift) & (BUCKETS - 1))]++;
        dh[to] = sh[i];
        dl[to] = sl[i];
      }
    }
    const th = sh;
    sh = dh;
    dh = th;
    const tl = sl;
    sl = dl;
    dl = tl;
  }
  return { hi: sh, lo: sl, idx: si };
}
