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

/** Rows joined per block: large enough that writes are few, small enough that a block is a few megabytes at most. */
const ROWS_PER_BLOCK = 4096;

/**
 * The table as text in blocks of rows, byte for byte what customerTableCsv
 * or customerTableJson give, so that a writer holds one block at a time
 * instead of the table as one string (hundreds of megabytes for a few
 * hundred thousand customers).
 */
export function* customerTableBlocks(rows: Iterable<CustomerRow>, format: 'csv' | 'json'): Generator<string> {
  let block: string[] = [];
  let columns: string[] | undefined;
  for (const r of rows) {
    if (format === 'csv') {
      if (columns === undefined) {
        columns = Object.keys(r);
        block.push('\uFEFF' + columns.join(',') + '\r\n');
      }
      const cols = columns;
      block.push(cols.map((c) => csvCell(r[c] ?? null)).join(',') + '\r\n');
    } else {
      // JSON.stringify(rows, null, 1) indents each element one space deeper than the row alone.
      block.push((columns === undefined ? '[\n ' : ',\n ') + JSON.stringify(r, null, 1).replace(/\n/g, '\n '));
      columns = [];
    }
    if (block.length >= ROWS_PER_BLOCK) {
      yield block.join('');
      block = [];
    }
  }
  if (columns === undefined) yield format === 'csv' ? '\uFEFF' : '[]\n';
  else yield block.join('') + (format === 'csv' ? '' : '\n]\n');
}

/** The bytes a CSV writer gathers before it hands them on. */
const CSV_CHUNK_BYTES = 1 << 20;

/**
 * The CSV of customerTableCsv written as UTF-8 bytes straight into a buffer
 * handed to `write` a megabyte at a time: joining each row's cells and then
 * the rows as strings had been most of the time `cvlens segment … --out
 * x.csv` took to write (3.2 s of a million rows' 376,506 customers, more
 * than the reading and the analysis; docs/scale.md). A number is its
 * shortest text, copied; a text of plain ASCII that needs neither the
 * formula guard nor quotes is copied as it is; any other goes through
 * csvCell and TextEncoder. `write` must be done with the bytes when it
 * returns: the buffer is written over next (a fresh megabyte per call had
 * been 871 of them for ten million rows). Returns the bytes written.
 */
export function writeCustomerCsv(rows: Iterable<CustomerRow>, write: (bytes: Uint8Array) => void): number {
  const encoder = new TextEncoder();
  let buf = new Uint8Array(CSV_CHUNK_BYTES + 4096);
  let at = 0;
  let total = 0;
  const flush = () => {
    if (at === 0) return;
    write(buf.subarray(0, at));
    total += at;
    at = 0;
  };
  /** Room for n more bytes. */
  const room = (n: number) => {
    if (at + n <= buf.length) return;
    flush();
    if (n > buf.length) buf = new Uint8Array(n);
  };
  const ascii = (s: string) => {
    room(s.length);
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
  };
  const encoded = (s: string) => {
    room(3 * s.length);
    at += encoder.encodeInto(s, buf.subarray(at)).written;
  };
  let columns: string[] | undefined;
  for (const r of rows) {
    if (columns === undefined) {
      columns = Object.keys(r);
      room(3);
      buf[at++] = 0xef;
      buf[at++] = 0xbb;
      buf[at++] = 0xbf;
      encoded(columns.join(','));
      ascii('\r\n');
    }
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) {
        room(1);
        buf[at++] = 44;
      }
      const v = r[columns[j]] ?? null;
      if (v === null) continue;
      if (typeof v === 'number') ascii(String(v));
      else if (plainAscii(v)) ascii(v);
      else encoded(csvCell(v));
    }
    ascii('\r\n');
  }
  if (columns === undefined) encoded('\uFEFF');
  flush();
  return total;
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
