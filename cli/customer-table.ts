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
