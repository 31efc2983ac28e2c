/**
 * The customer sheet's rows as bytes of SpreadsheetML, from columns of
 * cells ({@link RowBlock}: plain typed arrays), by one function
 * ({@link writeRows}) that writes as many rows as fit into the piece of
 * the zip entry being filled; and the numbers' texts it writes. A cell
 * names its place (r="B7") only when it does not follow the cell written
 * before it in the row (ECMA-376 part 1, §18.3.1.4): the XML is what
 * SheetWriter.row writes for the same cells.
 *
 * A worker thread writing half the rows with these functions was tried
 * and measured (docs/cli-speed.md): it took 60-80 ms of CPU off the main
 * thread but added about 130 ms on the other core, which compression,
 * compiling and the collector already keep busy on a 2-core machine.
 */
/*
 * Numbers' texts. A number written as bytes of text exactly as JavaScript writes it
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
 * value evicts the old), 8,192 slots.
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


/** The cells of data rows, as columns, with what every text cell's shared string and every row's formats are. */
export interface RowBlock {
  /** Sheet row of data row 0. */
  firstRow: number;
  rows: number;
  /** Per column: 0 empty, 1 number, 2 text (core's CELL), per row. */
  kinds: Uint8Array[];
  /** Per column: each number cell's number (empty for a column without numbers). */
  numbers: Float64Array[];
  /** Per column: each text cell's code into the column's texts (empty for a column without texts). */
  codes: Int32Array[];
  /** Per column: the shared-string index of each of the column's texts. */
  textIds: Int32Array[];
  /** The formats of a row's cells, per set of formats (one per tier on the customer sheet). */
  styleSets: Int32Array[];
  /** Each row's set of formats. */
  rowSet: Int32Array;
}

/** What the writer keeps between calls: tags as bytes, per format, and the texts of numbers met before. */
export interface RowWriter {
  letters: Uint8Array[];
  /** A cell's text up to its value, per format: after a cell it follows ("<c s=…><v>"), or after its own r="B7". */
  following: (CellStarts | undefined)[];
  placed: (CellStarts | undefined)[];
  texts: NumberTexts;
  /** Longest row in bytes. */
  most: number;
  /** After {@link writeRows}: the next data row and where its bytes would start. */
  next: number;
  at: number;
}

/** A cell's text from `head` (its "<c", or the quote closing its r="B7") up to its value, for each kind of cell of format `style`. */
export interface CellStarts {
  empty: Uint8Array;
  number: Uint8Array;
  text: Uint8Array;
  error: Uint8Array;
}

/** Bytes of an ASCII string. */
export function asciiBytes(ascii: string): Uint8Array {
  const b = new Uint8Array(ascii.length);
  for (let k = 0; k < ascii.length; k++) b[k] = ascii.charCodeAt(k);
  return b;
}

/** `A`, `B`, …, `Z`, `AA`… for a 1-based column. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export function cellStarts(head: string, style: number): CellStarts {
  const s = style === 0 ? head : `${head} s="${style}"`;
  return { empty: asciiBytes(`${s}/>`), number: asciiBytes(`${s}><v>`), text: asciiBytes(`${s} t="s"><v>`), error: asciiBytes(`${s} t="e"><v>#NUM!</v></c>`) };
}

/** Copies `b` to `at`; returns where it ends. Pieces of tags are a few bytes: a loop beats a native copy's call. */
export function putBytes(buf: Uint8Array, at: number, b: Uint8Array): number {
  for (let k = 0; k < b.length; k++) buf[at + k] = b[k]!;
  return at + b.length;
}

export function rowWriter(width: number): RowWriter {
  const letters: Uint8Array[] = [];
  for (let j = 0; j < width; j++) letters.push(asciiBytes(columnLetters(j + 1)));
  // Longest cell: <c r="XFD1048576" s="65535" t="e"><v>#NUM!</v></c>, or a number of up to 25 characters.
  return { letters, following: [], placed: [], texts: new NumberTexts(), most: 32 + 96 * width, next: 0, at: 0 };
}

/**
 * Writes data rows from `from` on into `buf` at `at`, as many as fit below
 * the buffer's end (each row can take up to `w.most` bytes) and before
 * `to`; leaves the next row and where it ended in `w.next` and `w.at`.
 */
export function writeRows(d: RowBlock, w: RowWriter, from: number, to: number, buf: Uint8Array, at: number): void {
  const width = d.kinds.length;
  const rowOpen = asciiBytes('<row r="');
  const rowOpened = asciiBytes('">');
  const rowEnd = asciiBytes('</row>');
  const cellAt = asciiBytes('<c r="');
  const valueEnd = asciiBytes('</v></c>');
  const { following, placed, letters, texts } = w;
  const limit = buf.length - w.most;
  let i = from;
  for (; i < to && at <= limit; i++) {
    const r = d.firstRow + i;
    const styles = d.styleSets[d.rowSet[i]!]!;
    at = putBytes(buf, at, rowOpen);
    at = writeWhole(buf, at, r);
    at = putBytes(buf, at, rowOpened);
    let next = -1;
    for (let j = 0; j < width; j++) {
      const kind = d.kinds[j]![i]!;
      const s = styles[j]!;
      if (kind === 0 && s === 0) continue;
      let start: CellStarts;
      if (j === next) start = following[s] ??= cellStarts('<c', s);
      else {
        at = putBytes(buf, at, cellAt);
        at = putBytes(buf, at, letters[j]!);
        at = writeWhole(buf, at, r);
        start = placed[s] ??= cellStarts('"', s);
      }
      next = j + 1;
      if (kind === 0) at = putBytes(buf, at, start.empty);
      else if (kind === 1) {
        const v = d.numbers[j]![i]!;
        if (Number.isFinite(v)) {
          at = putBytes(buf, at, start.number);
          at = writeNumber(buf, at, v, texts);
          at = putBytes(buf, at, valueEnd);
        } else at = putBytes(buf, at, start.error);
      } else {
        at = putBytes(buf, at, start.text);
        at = writeWhole(buf, at, d.textIds[j]![d.codes[j]![i]!]!);
        at = putBytes(buf, at, valueEnd);
      }
    }
    at = putBytes(buf, at, rowEnd);
  }
  w.next = i;
  w.at = at;
}
