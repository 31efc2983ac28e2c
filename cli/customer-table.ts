/**
 * The per-customer table as --out writes it for .csv and .json: the same
 * columns as the `customers` of --json, one row per customer.
 */
import { guardCell } from '../core/index.ts';

export type CustomerRow = Record<string, string | number | null>;

/** Text cells guarded against CSV (formula) injection by core's exchange rule (OWASP); numbers written as numbers. */
export const guardText = guardCell;

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = guardText(v);
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, so Excel shows Chinese names right. */
export function customerTableCsv(rows: readonly CustomerRow[]): string {
  if (rows.length === 0) return '\uFEFF';
  const columns = Object.keys(rows[0]!);
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function customerTableJson(rows: readonly CustomerRow[]): string {
  return JSON.stringify(rows, null, 1) + '\n';
}

/** The bytes a table writer gathers before it hands them on. */
const CHUNK_BYTES = 1 << 20;

/**
 * UTF-8 bytes gathered in one reused buffer and handed to `write` a
 * megabyte at a time. The tables had been joined as strings, row by row and
 * then 4,096 rows to a block: most of the time `cvlens segment … --out`
 * took to write, and for JSON mostly the collector's (5.6 s of a million
 * rows' 11.1, blocks of 3 MB outliving the young generation; docs/scale.md).
 * `write` must be done with the bytes when it returns: the buffer is
 * written over next (a fresh megabyte per call had been 871 of them for
 * ten million rows).
 */
class ByteChunks {
  private buf = new Uint8Array(CHUNK_BYTES + 4096);
  private at = 0;
  private readonly encoder = new TextEncoder();
  total = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** A text of code units below 128. */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.room(3 * s.length);
    this.at += this.encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  flush(): void {
    if (this.at === 0) return;
    this.write(this.buf.subarray(0, this.at));
    this.total += this.at;
    this.at = 0;
  }

  /** Room for n more bytes. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }
}

/**
 * The bytes of customerTableCsv, written as they are made: a number is its
 * shortest text, copied; a text of plain ASCII that needs neither the
 * formula guard nor quotes is copied as it is; any other goes through
 * csvCell. Returns the bytes written.
 */
export function writeCustomerCsv(rows: Iterable<CustomerRow>, write: (bytes: Uint8Array) => void): number {
  const out = new ByteChunks(write);
  let columns: string[] | undefined;
  for (const r of rows) {
    if (columns === undefined) {
      columns = Object.keys(r);
      out.text('\uFEFF' + columns.join(','));
      out.ascii('\r\n');
    }
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) out.byte(44);
      const v = r[columns[j]] ?? null;
      if (v === null) continue;
      if (typeof v === 'number') out.ascii(String(v));
      else if (plainAscii(v)) out.ascii(v);
      else out.text(csvCell(v));
    }
    out.ascii('\r\n');
  }
  if (columns === undefined) out.text('\uFEFF');
  out.flush();
  return out.total;
}

/** The bytes of customerTableJson, written a row at a time. Returns the bytes written. */
export function writeCustomerJson(rows: Iterable<CustomerRow>, write: (bytes: Uint8Array) => void): number {
  return writeJoined(rows, write, prettyRow, { first: '[\n ', between: ',\n ', last: '\n]\n', none: '[]\n' });
}

/**
 * Each row's JSON.stringify, separated by commas, as bytes: the elements of
 * the `customers` array of `--json`, without its brackets. Returns the
 * bytes written.
 */
export function writeCompactRows(rows: Iterable<CustomerRow>, write: (bytes: Uint8Array) => void): number {
  return writeJoined(rows, write, (r) => JSON.stringify(r), { first: '', between: ',', last: '', none: '' });
}

/** Each row's text, `first` before the first, `between` the others, `last` after them all (`none` alone for no rows). */
function writeJoined(
  rows: Iterable<CustomerRow>,
  write: (bytes: Uint8Array) => void,
  text: (r: CustomerRow) => string,
  marks: { first: string; between: string; last: string; none: string },
): number {
  const out = new ByteChunks(write);
  let any = false;
  for (const r of rows) {
    out.ascii(any ? marks.between : marks.first);
    out.text(text(r));
    any = true;
  }
  out.ascii(any ? marks.last : marks.none);
  out.flush();
  return out.total;
}

/** Each key's text in a pretty-printed row, `"key": `, made once. */
const keyTexts = new Map<string, string>();
const members: string[] = [];

/**
 * The row as JSON.stringify(rows, null, 1) prints an element of the array,
 * byte for byte: one member a line, two spaces in, the closing brace one
 * space in; a member whose value is undefined left out.
 */
function prettyRow(r: CustomerRow): string {
  members.length = 0;
  for (const k of Object.keys(r)) {
    const v = r[k];
    if (v === undefined) continue;
    let key = keyTexts.get(k);
    if (key === undefined) keyTexts.set(k, (key = `${JSON.stringify(k)}: `));
    members.push(key + JSON.stringify(v));
  }
  return members.length === 0 ? '{}' : `{\n  ${members.join(',\n  ')}\n }`;
}

/**
 * Whether csvCell leaves `s` as it is and its UTF-8 bytes are its code
 * units: ASCII only, not empty, no formula guard (a first character after
 * any apostrophes of = + - @ tab or CR), nothing to quote (" , ; CR LF), and
 * no white space at either end.
 */
function plainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32 || c === 34 || c === 44 || c === 59) return false;
  }
  let i = 0;
  while (i < n && s.charCodeAt(i) === 39) i++;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 61 || c === 43 || c === 45 || c === 64) return false;
  }
  return s.charCodeAt(0) !== 32 && s.charCodeAt(n - 1) !== 32;
}
