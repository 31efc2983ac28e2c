/**
 * A1 addresses for the in-memory Excel: "B3", "A1:D10", "Sheet1!A1:B2",
 * "'My sheet'!A:A" is not supported (whole-column references are not used).
 * Kept separate from the add-in's own address code on purpose: the mock
 * must not share the bugs of the code under test.
 */

/** A rectangle of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) throw new Error(`bad cell reference "${ref}"`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Parses "A1" or "A1:D10" (an optional "Sheet!" prefix is split off). */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let ref = address;
  const bang = address.lastIndexOf('!');
  if (bang >= 0) {
    sheet = address.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.split(':');
  const p = parseCell(a);
  const q = parseCell(b);
  const rect = {
    row: Math.min(p.row, q.row),
    col: Math.min(p.col, q.col),
    rows: Math.abs(q.row - p.row) + 1,
    cols: Math.abs(q.col - p.col) + 1,
  };
  if (rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLS) throw new Error(`address ${address} is outside the sheet`);
  return { sheet, rect };
}

/** "Sheet1!A1:D10" as Excel reports Range.address (quotes when the name needs them). */
export function formatAddress(sheet: string, r: Rect): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const a = `${colName(r.col)}${r.row + 1}`;
  const b = `${colName(r.col + r.cols - 1)}${r.row + r.rows}`;
  return `${quoted}!${a === b ? a : `${a}:${b}`}`;
}
