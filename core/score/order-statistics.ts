/**
 * The values at a few ranks of a column in ascending order, without sorting
 * it: the segment table's R and F scores need four cut points each, and two
 * full sorts of a million-customer column (a copy and four word arrays each,
 * 9 MB at 376,506 customers) were made for them.
 *
 * Quickselect (Hoare, "Algorithm 65: Find", 1961) with a median-of-three
 * pivot, on one copy of the column; a range that keeps splitting badly is
 * sorted instead, so the time stays O(n log n) at worst. The value at a rank
 * is the one a sort puts there: −0 and 0 compare equal here and may trade
 * places, which no comparison against a cut point can tell apart. From
 * DIGITS_FROM values on, a radix selection on the values' bits instead, with
 * no copy of the column, exact to the sign of a zero (byDigits, below).
 */

/** Ranges this small are finished by insertion sort. */
const SMALL = 16;
/**
 * From this many values on, the ranks are found by the values' bits,
 * sixteen at a time, without a copy of the column (see byDigits): memory
 * decides there. Below, quickselect's copy is small and its one loop costs
 * less: at a million rows' 376,506 customers the counting passes (up to four
 * a rank, for the R and F scores' four cut points and the median's two) made
 * the whole run 0.1 s slower (2.55 against 2.43 s CPU, median of five by
 * turns, load 2.5).
 */
export const DIGITS_FROM = 1 << 21;
/** Candidates this few are copied and sorted rather than counted by another digit. */
const FEW = 1 << 12;

/**
 * The values `ascending[r]` for each r of `ranks` (0 ≤ r < values.length), in
 * the order of `ranks`; undefined when a value is not finite (NaN or
 * ±Infinity), for the caller's checks to report.
 *
 * @example orderStatistics([5, 1, 4, 2, 3], [0, 2, 4]) // Float64Array [1, 3, 5]
 */
export function orderStatistics(values: ArrayLike<number>, ranks: readonly number[], digitsFrom = DIGITS_FROM): Float64Array | undefined {
  const n = values.length;
  if (n >= digitsFrom) return byDigits(values, ranks);
  // Whole numbers of 32 bits (the purchase days of the F scores) are selected in a copy of their own
  // type, half the bytes of doubles: 14 MiB less at 3.77 million customers, at the segment step.
  let a: Float64Array | Int32Array;
  if (values instanceof Int32Array) a = values.slice();
  else {
    a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      // v − v is 0 exactly for a finite number.
      if (!(v - v === 0)) return undefined;
      a[i] = v;
    }
  }
  const wanted = Array.from(ranks).sort((x, y) => x - y);
  let lo = 0;
  for (const r of wanted) {
    if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new RangeError(`rank ${r} is outside 0 … ${n - 1}`);
    if (r >= lo) select(a, r, lo, n - 1);
    // a[0 … r] ≤ a[r] ≤ a[r+1 …]: a larger rank lies after r.
    lo = r + 1;
  }
  const out = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = a[ranks[i]];
  return out;
}

/** Rearranges a[lo … hi] so that a[k] holds the value a sort puts there, smaller ones before it, larger after. */
function select(a: Float64Array | Int32Array, k: number, lo: number, hi: number): void {
  // Splits allowed before the range is sorted instead: twice the depth of a balanced split.
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi - lo >= SMALL) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
    let i = lo;
    let j = hi;
    // Both scans stop at values equal to the pivot: many equal values still split evenly.
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo … j] ≤ pivot, a[i … hi] ≥ pivot, and whatever lies between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/**
 * {@link orderStatistics} without a copy of the column: a radix selection.
 * A double's bits, as an unsigned 64-bit key (the sign bit flipped on a
 * positive number, every bit on a negative one), sort as the numbers do,
 * −0 just before +0, as Float64Array.prototype.sort puts them. One pass
 * counts the keys' top 16 bits; the count up to a rank names its block;
 * further passes count the next 16 bits among that block's members only,
 * until the block is a few thousand values (copied and sorted) or the key
 * is whole. At 3.77 million customers (the 10M-row run) each selection's
 * copy had been 29 MiB at the segment step, where the run's memory peaks;
 * the counts here take 256 KiB.
 */
function byDigits(values: ArrayLike<number>, ranks: readonly number[]): Float64Array | undefined {
  const n = values.length;
  const one = new Float64Array(1);
  const bits = new Uint32Array(one.buffer);
  const hiWord = LITTLE_ENDIAN ? 1 : 0;
  const loWord = 1 - hiWord;
  const top = new Int32Array(DIGIT_VALUES);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // v − v is 0 exactly for a finite number.
    if (!(v - v === 0)) return undefined;
    one[0] = v;
    const h = bits[hiWord];
    top[(h >>> 31 === 1 ? ~h : h | 0x80000000) >>> 16]++;
  }
  const count = new Int32Array(DIGIT_VALUES);
  const out = new Float64Array(ranks.length);
  for (let q = 0; q < ranks.length; q++) {
    const r = ranks[q];
    if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new RangeError(`rank ${r} is outside 0 … ${n - 1}`);
    // Digits 0-3 of the key, highest first; `rest` is the rank within the block of the digits fixed so far.
    const digit = [0, 0, 0, 0];
    let rest = r;
    let members = n;
    let found: number | undefined;
    for (let level = 0; level < 4 && found === undefined; level++) {
      let c: Int32Array = top;
      if (level > 0) {
        const hiPrefix = ((digit[0] << 16) | digit[1]) >>> 0;
        if (members <= FEW) {
          // The block's members copied and sorted: the sort's order is the keys'.
          const few = new Float64Array(members);
          let k = 0;
          for (let i = 0; i < n; i++) {
            one[0] = values[i];
            const h = bits[hiWord];
            const l = bits[loWord];
            const negative = h >>> 31 === 1;
            const kh = (negative ? ~h : h | 0x80000000) >>> 0;
            if (!inBlock(level, kh, negative ? ~l >>> 0 : l, digit, hiPrefix)) continue;
            few[k++] = values[i];
          }
          found = few.sort()[rest];
          break;
        }
        count.fill(0);
        for (let i = 0; i < n; i++) {
          one[0] = values[i];
          const h = bits[hiWord];
          const l = bits[loWord];
          const negative = h >>> 31 === 1;
          const kh = (negative ? ~h : h | 0x80000000) >>> 0;
          const kl = negative ? ~l >>> 0 : l;
          if (!inBlock(level, kh, kl, digit, hiPrefix)) continue;
          count[level === 1 ? kh & 0xffff : level === 2 ? kl >>> 16 : kl & 0xffff]++;
        }
        c = count;
      }
      let d = 0;
      while (rest >= c[d]) rest -= c[d++];
      digit[level] = d;
      members = c[d];
    }
    if (found === undefined) {
      // Every digit fixed: the key is whole, and the value is the one with its bits.
      const kh = ((digit[0] << 16) | digit[1]) >>> 0;
      const kl = ((digit[2] << 16) | digit[3]) >>> 0;
      const negative = kh >>> 31 === 0;
      bits[hiWord] = negative ? ~kh : kh ^ 0x80000000;
      bits[loWord] = negative ? ~kl : kl;
      found = one[0];
    }
    out[q] = found;
  }
  return out;
}

/** Values of one digit: 16 bits. */
const DIGIT_VALUES = 1 << 16;
/** The byte order typed arrays use here, to read a double's high and low words. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Whether a key (kh, kl) has the digits fixed before `level`. */
function inBlock(level: number, kh: number, kl: number, digit: readonly number[], hiPrefix: number): boolean {
  if (level === 1) return kh >>> 16 === digit[0];
  if (kh !== hiPrefix) return false;
  return level === 2 || kl >>> 16 === digit[2];
}
