import Papa from 'papaparse';
import type { RejectedRow } from '../types.ts';
import { decodeText, type TextEncodingOption } from './decode-text.ts';
import { detectColumns } from './detect-columns.ts';
import { scanAmount } from './parse-amount.ts';
import { scanDateText } from './parse-date.ts';

/**
 * Column separator of a text table. `whitespace` means runs of spaces and
 * tabs (fixed-width-ish exports such as the CDNOW files); it knows no quoting.
 */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace' | (string & {});

export interface TableOptions {
  /** Whether the first non-blank line holds column names; `auto` (default) looks at the data. */
  header?: boolean | 'auto';
  /** Column separator; `auto` (default) picks from , ; tab | and whitespace by consistency over the first lines. */
  delimiter?: Delimiter | 'auto';
  /** Text encoding of byte input; ignored for strings. Default `auto` (see decodeText). */
  encoding?: TextEncodingOption;
  /** Called now and then with the share of the input read (0..1). */
  onProgress?: (fraction: number) => void;
}

export interface Table {
  /** Column names (trimmed), or [] without a header row. */
  headers: string[];
  /** Data rows as text cells (not trimmed), without the header and blank lines. */
  rows: string[][];
  /** 1-based file line where each row starts (parallel to `rows`). */
  lines: number[];
  /** Lines that are no row at all (broken quoting). */
  rejected: RejectedRow[];
  hasHeader: boolean;
  delimiter: Delimiter;
  encoding: string;
  blankLines: number;
  /** Physical lines in the input (a final line break ends the last line, it does not start a new one). */
  lineCount: number;
}

/** A text ready for row scanning: decoded, BOM-less, without its final line break. */
export interface PreparedText {
  text: string;
  encoding: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  /** The first (up to 21) non-blank rows, header included, for sniffing columns. */
  sample: string[][];
}

/** Calls for each line of a table, in file order. */
export interface RowVisitor {
  /** Returning `false` stops the scan (a sniffing pass that has seen enough). */
  row(cells: string[], line: number): void | boolean;
  blank(line: number): void;
  bad(line: number, reason: string): void;
}

/** A visitor that passes every call on to `visit` and remembers the line of the last one (for countLines). */
export function trackingLastLine(visit: RowVisitor): { visitor: RowVisitor; lastLine(): number } {
  let last = 0;
  return {
    visitor: {
      row(cells, line) {
        last = line;
        return visit.row(cells, line);
      },
      blank(line) {
        last = line;
        visit.blank(line);
      },
      bad(line, reason) {
        last = line;
        visit.bad(line, reason);
      },
    },
    lastLine: () => last,
  };
}

/** Decodes bytes (see decodeText); strips a BOM from strings. */
export function toText(input: string | Uint8Array, encoding: TextEncodingOption = 'auto'): { text: string; encoding: string } {
  if (typeof input === 'string') return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, encoding: 'utf-16' };
  return decodeText(input, encoding);
}

/** The first `max` non-blank lines of a text (for sniffing). */
export function sampleLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line);
    start = end + 1;
  }
  return out;
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

function splitWhitespace(line: string): string[] {
  return splitWhitespaceRange(line, 0, line.length);
}

/**
 * The whitespace-separated cells of text[from … to−1]; scanning a line in
 * place saves slicing every line out of the text before slicing its cells.
 */
export function splitWhitespaceRange(line: string, from: number, to: number): string[] {
  const cells: string[] = [];
  const n = to;
  let i = from;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === 13)) c = line.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    while (i < n && c !== 32 && c !== 9 && c !== 13) c = line.charCodeAt(++i);
    cells.push(line.slice(start, i));
  }
  return cells;
}

const CANDIDATES = ['\t', ';', ',', '|'] as const;

/**
 * Picks the column separator from the first lines: the candidate (tab ; , |)
 * that occurs the same number of times (> 0) on every line, the most frequent
 * such one winning; else whitespace runs when every line splits into the same
 * number (≥ 2) of fields; else the candidate present on most lines; else ','.
 * @example detectDelimiter(' id  date amount\n 1 20240101  3.5') // 'whitespace'
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = sampleLines(text, 50);
  if (lines.length === 0) return ',';
  let best: Delimiter | null = null;
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, c));
    if (counts[0] > 0 && counts.every((k) => k === counts[0]) && counts[0] > bestCount) {
      best = c;
      bestCount = counts[0];
    }
  }
  if (best) return best;
  const widths = lines.map((l) => splitWhitespace(l).length);
  if (widths[0] >= 2 && widths.every((w) => w === widths[0])) return 'whitespace';
  let mostLines = 0;
  for (const c of CANDIDATES) {
    const present = lines.filter((l) => countOutsideQuotes(l, c) > 0).length;
    if (present > mostLines) {
      best = c;
      mostLines = present;
    }
  }
  return best ?? ',';
}

function looksNumeric(cell: string): boolean {
  const t = cell.trim();
  if (t === '') return false;
  // Either decimal mark: the header is sniffed before the file's mark is known.
  return !Number.isNaN(scanAmount(t)) || !Number.isNaN(scanAmount(t, ',')) || scanDateText(t).kind !== 'invalid';
}

function isWrittenDate(cell: string): boolean {
  const t = cell.trim();
  if (/^\d*$/.test(t)) return false;
  const k = scanDateText(t).kind;
  return k === 'day' || k === 'yearLast';
}

/**
 * Whether a first row is a header: never when it holds a written date; else
 * when it names at least one known column and holds no number or date, or
 * some column has text on the first row and numbers or dates on most of the
 * following rows.
 */
export function looksLikeHeader(first: readonly string[], next: readonly (readonly string[])[]): boolean {
  // A written date (2024-01-05, 5/1/2024) is never a column name: such a row
  // is a transaction whose id merely looks like text, and taking it for the
  // header would lose it without a trace.
  if (first.some(isWrittenDate)) return false;
  const anyNumeric = first.some(looksNumeric);
  if (!anyNumeric && Object.keys(detectColumns(first)).length > 0) return true;
  if (next.length === 0) return false;
  for (let c = 0; c < first.length; c++) {
    const cell = first[c].trim();
    if (cell === '' || looksNumeric(cell)) continue;
    const numeric = next.filter((r) => r[c] !== undefined && looksNumeric(r[c])).length;
    if (numeric * 2 > next.length) return true;
  }
  return false;
}

/**
 * Decodes the input, settles the delimiter and whether a header row exists
 * (sniffing the first lines when asked to), ready for {@link scanRows}.
 */
export function prepareText(input: string | Uint8Array, options: TableOptions = {}): PreparedText {
  const decoded = toText(input, options.encoding);
  let text = decoded.text;
  // A final line break ends the last line; it must not read as one more blank line.
  if (text.endsWith('\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n') || text.endsWith('\r')) text = text.slice(0, -1);
  const delimiter: Delimiter =
    !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter === ' ' ? 'whitespace' : options.delimiter;
  const sample: string[][] = [];
  const head = sampleLines(text, 21).join('\n');
  scanRows(head, delimiter, { row: (cells) => { sample.push(cells); }, blank: () => {}, bad: () => {} });
  let hasHeader = options.header === true;
  if (options.header === undefined || options.header === 'auto') {
    hasHeader = sample.length > 0 && looksLikeHeader(sample[0], sample.slice(1));
  }
  return { text, encoding: decoded.encoding, delimiter, hasHeader, sample };
}

export function countBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
    if (n === 0) for (let i = cell.indexOf('\r'); i >= 0; i = cell.indexOf('\r', i + 1)) n++;
  }
  return n;
}

export function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

export const PROGRESS_EVERY = 65536;

/**
 * Splits a prepared text into rows (papaparse for real delimiters, a
 * character scan for whitespace) and visits each with its 1-based starting
 * line: rows, blank lines (no cell with text), and lines papaparse could not
 * make a row of (an unclosed quote swallows the rest of the file). A visitor
 * whose `row` returns false ends the scan there.
 */
export function scanRows(text: string, delimiter: Delimiter, visit: RowVisitor, onProgress?: (f: number) => void): void {
  const total = text.length || 1;
  if (delimiter === 'whitespace') {
    let start = 0;
    let line = 1;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const cells = splitWhitespaceRange(text, start, end);
      if (cells.length === 0) visit.blank(line);
      else if (visit.row(cells, line) === false) return;
      if (onProgress && line % PROGRESS_EVERY === 0) onProgress(end / total);
      line++;
      start = end + 1;
    }
    onProgress?.(1);
    return;
  }
  if (text === '') return onProgress?.(1);
  const mayQuote = text.includes('"');
  let line = 1;
  let rowIndex = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    step(results, parser) {
      const cells = results.data;
      if (results.errors.length > 0) {
        const e = results.errors[0];
        visit.bad(line, e.code === 'MissingQuotes' ? 'a quoted field is not closed (a " is missing)' : `malformed quotes: ${e.message}`);
      } else if (isBlank(cells)) {
        visit.blank(line);
      } else if (visit.row(cells, line) === false) {
        parser.abort();
        return;
      }
      line += mayQuote ? 1 + countBreaks(cells) : 1;
      if (onProgress && ++rowIndex % PROGRESS_EVERY === 0) onProgress(results.meta.cursor / total);
    },
  });
  onProgress?.(1);
}

/**
 * Reads a delimited text table (CSV, semicolon or tab separated, or
 * whitespace-aligned columns) from text or bytes: decoding (see decodeText),
 * delimiter and header detection, quoted fields (RFC 4180, via papaparse),
 * blank lines skipped and counted. Used by the transaction reader, the Excel
 * "Import CSV" and the extension's customer import.
 * Never throws for content; broken lines are in `rejected`.
 * @example readTable('id;amount\n7;1,5').rows // [['7', '1,5']]
 */
export function readTable(input: string | Uint8Array, options: TableOptions = {}): Table {
  const prepared = prepareText(input, options);
  const table: Table = {
    headers: [], rows: [], lines: [], rejected: [], hasHeader: prepared.hasHeader, delimiter: prepared.delimiter,
    encoding: prepared.encoding, blankLines: 0, lineCount: 0,
  };
  let needHeader = prepared.hasHeader;
  let lastLine = 0;
  scanRows(prepared.text, prepared.delimiter, {
    row(cells, line) {
      lastLine = line;
      if (needHeader) {
        table.headers = cells.map((c) => c.trim());
        needHeader = false;
      } else {
        table.rows.push(cells);
        table.lines.push(line);
      }
    },
    blank(line) {
      lastLine = line;
      table.blankLines++;
    },
    bad(line, reason) {
      lastLine = line;
      table.rejected.push({ line, reason });
    },
  }, options.onProgress);
  table.lineCount = prepared.text === '' ? 0 : countLines(prepared.text, lastLine);
  return table;
}

/** Physical lines of a text (at least `atLeast`, the last line a row started on). */
export function countLines(text: string, atLeast = 0): number {
  if (text === '') return 0;
  let n = 1;
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) >= 0) n++;
  if (n === 1) {
    i = -1;
    while ((i = text.indexOf('\r', i + 1)) >= 0) n++;
  }
  return Math.max(n, atLeast);
}
