/**
 * Byte runs compared as their strings would be: byte by byte, then by
 * length. For ASCII bytes this is the order of the strings' UTF-16 code
 * units (what `<` compares), so ids kept as bytes sort as their strings do.
 * The reader's id table (byte-rows.ts) and the summary builder's text
 * store (columnar-summary.ts) keep bytes in different containers and share
 * these.
 */

/**
 * a[aFrom … aFrom+aLength−1] against b[bFrom … bFrom+bLength−1]: negative, 0 or positive.
 *
 * @example compareBytes(Uint8Array.of(97, 98), 0, 2, Uint8Array.of(97), 0, 1) // 1 ("ab" after "a")
 */
export function compareBytes(a: Uint8Array, aFrom: number, aLength: number, b: Uint8Array, bFrom: number, bLength: number): number {
  const n = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < n; i++) {
    const d = a[aFrom + i] - b[bFrom + i];
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/**
 * ASCII bytes a[from … from+length−1] against the code units of `t`, as compareBytes.
 *
 * @example compareBytesToText(Uint8Array.of(97), 0, 1, 'b') // -1
 */
export function compareBytesToText(a: Uint8Array, from: number, length: number, t: string): number {
  const n = length < t.length ? length : t.length;
  for (let i = 0; i < n; i++) {
    const d = a[from + i] - t.charCodeAt(i);
    if (d !== 0) return d;
  }
  return length - t.length;
}
