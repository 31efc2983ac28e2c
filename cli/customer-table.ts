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
