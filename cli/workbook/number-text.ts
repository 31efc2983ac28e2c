/**
 * A number written as bytes of text exactly as JavaScript writes it
 * (String(v): the shortest decimal that reads back as the same double,
 * ECMA-262 §6.1.6.1.20), which is what a sheet's <v> holds: Excel,
 * LibreOffice and exceljs read it back to the same double.
 *
 * The customer sheet of the CDNOW master file writes about 680,000
 * numbers. Whole numbers (dates, counts, scores, shared-string indices) are
 * written digit by digit without making a string; the others go through
 * String(v) once per distinct value: weeks (multiples of 1/7), amounts and
 * a model's predictions for customers with the same history repeat many
 * times down a column.
 */

/**
 * The last text made for each slot of a double's hash (direct-mapped: a new
 * value evicts the old), 8,192 slots. The class refers to nothing outside
 * itself: a worker thread runs its source (row-bytes.ts).
 */
export class NumberTexts {
  private readonly keys = new Float64Array(1 << 13);
  private readonly texts: string[] = new Array<string>(1 << 13).fill('');
  private readonly scratch = new Float64Array(1);
  private readonly bits = new Uint32Array(this.scratch.buffer);

  /** String(v) for a finite v that is not a whole number. */
  text(v: number): string {
    this.scratch[0] = v;
    const h = Math.imul(this.bits[0]! ^ Math.imul(this.bits[1]!, 0x9e3779b1), 0x85ebca6b) >>> 19;
    // A slot not yet used holds 0, which is a whole number and so never asked for here.
    if (this.keys[h] === v) return this.texts[h]!;
    const t = String(v);
    this.keys[h] = v;
    this.texts[h] = t;
    return t;
  }
}

/** Writes the digits of a whole number 0 ≤ v < 2^53 at `at`; returns where they end. */
export function writeWhole(buf: Uint8Array, at: number, v: number): number {
  let digits = 1;
  for (let p = 10; p <= v; p *= 10) digits++;
  const end = at + digits;
  if (v < 0x80000000) {
    for (let k = end - 1, x = v; k >= at; k--) {
      const q = (x / 10) | 0;
      buf[k] = 48 + (x - q * 10);
      x = q;
    }
  } else {
    for (let k = end - 1, x = v; k >= at; k--) {
      const q = Math.floor(x / 10);
      // The digit first: 48 + x would round once x nears 2^53.
      buf[k] = 48 + (x - q * 10);
      x = q;
    }
  }
  return end;
}

/** Writes an ASCII string at `at`; returns where it ends. */
export function writeAscii(buf: Uint8Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) buf[at + k] = text.charCodeAt(k);
  return at + text.length;
}

/** Writes finite `v` as String(v) writes it at `at`; returns where it ends. */
export function writeNumber(buf: Uint8Array, at: number, v: number, texts: NumberTexts): number {
  if (Number.isSafeInteger(v)) {
    // -0 is written "0", as String(-0) is.
    if (v < 0) {
      buf[at] = 45;
      return writeWhole(buf, at + 1, -v);
    }
    return writeWhole(buf, at, v);
  }
  return writeAscii(buf, at, texts.text(v));
}
