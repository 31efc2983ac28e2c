import Papa from 'papaparse';
import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import type { RejectedRow } from '../types.ts';
import { decodeText, type TextEncodingOption } from './decode-text.ts';
import { detectColumns, REQUIRED_ROLES } from './detect-columns.ts';
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
  /**
   * The 1-based line (sheet row for cells) of the header row; the lines
   * above it (a report's title, date range, filter notes) are skipped and
   * named in a warning. 0 means the data has no header row. Overrides
   * `header`. Left out, a header below such lines is found by
   * {@link findHeaderRow}.
   */
  headerRow?: number;
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
  /** Title and note rows above the header row, skipped. */
  skipped: SkippedRow[];
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
  /** Line of the header row; 0 without one. */
  headerLine: number;
  /** Rows starting before this line are title or note rows above the header, not data. */
  firstLine: number;
  /** Those skipped rows, with their lines, for the reader to say what it skipped. */
  preamble: SkippedRow[];
  /** The first (up to 21) non-blank rows from the header on, header included, for sniffing columns. */
  sample: string[][];
}

/** A title or note row above the header row, skipped. */
export interface SkippedRow {
  line: number;
  /** Its non-empty cells joined by spaces. */
  text: string;
}

/**
 * How many rows above the header a report may carry (title, period, filter
 * settings, "exported by"): enough for the exports seen, few enough that a
 * data row far down is never mistaken for a header.
 */
export const MAX_PREAMBLE_ROWS = 10;

/** Calls for each line of a table, in file order. */
export interface RowVisitor {
  /** Returning `false` stops the scan (a sniffing pass that has seen enough). */
  row(cells: string[], line: number): void | boolean;
  blank(line: number): void;
  bad(line: number, problem: Message): void;
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

/** The candidate that occurs equally often (most, > 0) on every line, else whitespace when every line splits alike. */
function uniformDelimiter(lines: readonly string[]): Delimiter | null {
  if (lines.length === 0) return null;
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
  return null;
}

/**
 * Picks the column separator from the first lines: the candidate (tab ; , |)
 * that occurs the same number of times (> 0) on every line, the most frequent
 * such one winning; else whitespace runs when every line splits into the same
 * number (≥ 2) of fields — each test repeated without up to
 * MAX_PREAMBLE_ROWS title lines at the top; else the candidate present on most
 * lines; else ','.
 * @example detectDelimiter(' id  date amount\n 1 20240101  3.5') // 'whitespace'
 */
export function detectDelimiter(text: string): Delimiter {
  const all = sampleLines(text, 50 + MAX_PREAMBLE_ROWS);
  if (all.length === 0) return ',';
  // A report's title and note lines above the table break the regularity
  // the table has, so the test is repeated past up to MAX_PREAMBLE_ROWS of them.
  const skips = Math.min(MAX_PREAMBLE_ROWS, all.length - 2);
  for (let skip = 0; skip <= Math.max(0, skips); skip++) {
    const uniform = uniformDelimiter(all.slice(skip, skip + 50));
    if (uniform) return uniform;
  }
  const lines = all.slice(0, 50);
  let best: Delimiter | null = null;
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

/** Whether a row names at least two of the required columns (customer id, date, amount) and holds no number or date. */
function namesRequiredColumns(row: readonly string[]): boolean {
  if (row.some(looksNumeric)) return false;
  const found = detectColumns(row);
  return REQUIRED_ROLES.filter((r) => found[r] !== undefined).length >= 2;
}

/**
 * Where the header row is when a report puts a title, a period or filter
 * notes above its table: the index of the first of the first
 * MAX_PREAMBLE_ROWS + 1 rows that names at least two of the customer id, date
 * and amount columns and holds no number or date; −1 when none does.
 * @example findHeaderRow([['Sales 2024'], ['Customer', 'Date', 'Amount'], ['7', '2024-01-05', '3']]) // 1
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const last = Math.min(rows.length - 1, MAX_PREAMBLE_ROWS);
  for (let i = 0; i <= last; i++) if (namesRequiredColumns(rows[i])) return i;
  return -1;
}

/** A skipped row as the user would recognise it: its non-empty cells. */
export function skippedRow(cells: readonly string[], line: number): SkippedRow {
  return { line, text: cells.map((c) => c.trim()).filter((c) => c !== '').join(' ') };
}

/** Index in `text` where 1-based `line` starts, or −1 past the end. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset;
}

/** The first rows of a text with their lines, from line `from` on (blank and broken lines left out). */
function firstRows(text: string, delimiter: Delimiter, from: number, max: number): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  scanRows(text, delimiter, {
    row(cells, line) {
      if (line < from) return true;
      rows.push({ cells, line });
      return rows.length < max;
    },
    blank() {},
    bad() {},
  });
  return rows;
}

/**
 * Decodes the input, settles the delimiter, whether a header row exists and
 * on which line (sniffing the first lines when asked to, skipping a report's
 * title and note rows above the header), ready for {@link scanRows}.
 * Throws CvError('readTable', 'value') when `headerRow` names a line past the
 * end, a blank line or one inside a quoted field.
 */
export function prepareText(input: string | Uint8Array, options: TableOptions = {}): PreparedText {
  const decoded = toText(input, options.encoding);
  let text = decoded.text;
  // A final line break ends the last line; it must not read as one more blank line.
  if (text.endsWith('\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n') || text.endsWith('\r')) text = text.slice(0, -1);
  const chosenRow = options.headerRow !== undefined && options.headerRow > 0 ? options.headerRow : 0;
  const from = chosenRow > 0 ? lineOffset(text, chosenRow) : 0;
  if (from < 0 || (chosenRow > 0 && from >= text.length && text.length > 0)) {
    throw new CvError('readTable', 'value', msg('read.headerRowPastEnd', { row: chosenRow, lines: countLines(text) }));
  }
  const delimiter: Delimiter =
    !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text.slice(from)) : options.delimiter === ' ' ? 'whitespace' : options.delimiter;
  const prepared = (hasHeader: boolean, headerLine: number, firstLine: number, preamble: SkippedRow[], rows: { cells: string[] }[]): PreparedText => ({
    text, encoding: decoded.encoding, delimiter, hasHeader, headerLine, firstLine, preamble, sample: rows.slice(0, 21).map((r) => r.cells),
  });
  if (chosenRow > 0) {
    const rows = firstRows(text, delimiter, chosenRow, 21);
    if (rows.length === 0 || rows[0].line !== chosenRow) {
      throw new CvError('readTable', 'value', msg('read.headerRowEmpty', { row: chosenRow }));
    }
    const preamble = firstRows(text, delimiter, 1, MAX_PREAMBLE_ROWS * 10)
      .filter((r) => r.line < chosenRow)
      .map((r) => skippedRow(r.cells, r.line));
    return prepared(true, chosenRow, chosenRow, preamble, rows);
  }
  const rows = firstRows(text, delimiter, 1, 21 + MAX_PREAMBLE_ROWS);
  if (rows.length === 0) return prepared(false, 0, 1, [], rows);
  const noHeader = options.header === false || options.headerRow === 0;
  if (noHeader || options.header === true) {
    return prepared(!noHeader, noHeader ? 0 : rows[0].line, rows[0].line, [], rows);
  }
  const found = findHeaderRow(rows.map((r) => r.cells));
  if (found > 0) {
    return prepared(true, rows[found].line, rows[found].line, rows.slice(0, found).map((r) => skippedRow(r.cells, r.line)), rows.slice(found));
  }
  const cells = rows.map((r) => r.cells);
  const hasHeader = found === 0 || looksLikeHeader(cells[0], cells.slice(1, 21));
  return prepared(hasHeader, hasHeader ? rows[0].line : 0, rows[0].line, [], rows);
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

/** A delimiter papaparse takes as given (it swaps \r, \n, " and the BOM for a comma) and that cannot overlap a line break. */
export function isPlainDelimiter(delimiter: string): boolean {
  return delimiter.length > 0 && !/[\r\n"\ufeff]/.test(delimiter);
}

/** The line break papaparse guesses for a text (from its first megabyte). */
export function guessLineBreak(text: string, delimiter: string): '\n' | '\r\n' | '\r' {
  const guess = Papa.parse<string[]>(text.slice(0, 2 ** 20), { delimiter, quoteChar: '"', preview: 1 }).meta.linebreak;
  return guess === '\r\n' || guess === '\r' ? guess : '\n';
}

/**
 * The rows of a text without a double quote, as papaparse's own fast mode
 * makes them (text.split(newline), then line.split(delimiter)), but cut in
 * place: no array of lines, and no call through papaparse's step machinery
 * per row, which cost about as much as the cutting (docs/scale.md). Visits
 * from line `line` on; returns the next line and whether a visitor stopped.
 */
export function scanPlainRows(
  text: string,
  delimiter: string,
  newline: string,
  visit: RowVisitor,
  line: number,
  onProgress?: (f: number) => void,
): { line: number; stopped: boolean } {
  const n = text.length;
  const dl = delimiter.length;
  // The next delimiter, kept between lines so that a text with few
  // delimiters is not searched to its end on every line. After a line it
  // lies past that line's break, since a plain delimiter holds no \r or \n.
  let d = text.indexOf(delimiter);
  let start = 0;
  for (;;) {
    let end = text.indexOf(newline, start);
    if (end < 0) end = n;
    const cells: string[] = [];
    let from = start;
    while (d >= 0 && d < end) {
      cells.push(text.slice(from, d));
      from = d + dl;
      d = text.indexOf(delimiter, from);
    }
    cells.push(text.slice(from, end));
    if (isBlank(cells)) visit.blank(line);
    else if (visit.row(cells, line) === false) return { line, stopped: true };
    if (onProgress && line % PROGRESS_EVERY === 0) onProgress(end / n);
    line++;
    if (end === n) return { line, stopped: false };
    start = end + newline.length;
  }
}

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
  if (!mayQuote && isPlainDelimiter(delimiter)) {
    scanPlainRows(text, delimiter, guessLineBreak(text, delimiter), visit, 1, onProgress);
    return onProgress?.(1);
  }
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
        visit.bad(line, e.code === 'MissingQuotes' ? msg('read.quoteNotClosed') : msg('read.malformedQuotes', { detail: e.message }));
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
    headers: [], rows: [], lines: [], rejected: [], hasHeader: prepared.hasHeader, skipped: prepared.preamble, delimiter: prepared.delimiter,
    encoding: prepared.encoding, blankLines: 0, lineCount: 0,
  };
  let lastLine = 0;
  scanRows(prepared.text, prepared.delimiter, {
    row(cells, line) {
      lastLine = line;
      if (line < prepared.firstLine) return;
      if (line === prepared.headerLine) {
        table.headers = cells.map((c) => c.trim());
      } else {
        table.rows.push(cells);
        table.lines.push(line);
      }
    },
    blank(line) {
      lastLine = line;
      table.blankLines++;
    },
    bad(line, problem) {
      lastLine = line;
      if (line >= prepared.firstLine) table.rejected.push({ line, reason: formatMessage(problem, 'en'), problems: [problem] });
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
