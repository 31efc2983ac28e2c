/**
 * The row scan of read-table.ts over a text in pieces (text-pieces.ts): the
 * same rows, blank lines, broken lines and line numbers as scanning the whole
 * text at once, with only a piece of text and its rows in memory.
 *
 * Pieces are cut at a line break outside quotes, so no row spans two of
 * them; papaparse is told the line break it guessed from the first piece
 * (the first 2^20 characters, what it reads of a whole text to guess).
 */
import Papa from 'papaparse';
import { msg } from '../i18n/messages.ts';
import { countBreaks, guessLineBreak, isBlank, isPlainDelimiter, prepareText, scanPlainRows, splitWhitespaceRange, trackingLastLine, type Delimiter, type RowVisitor, type SkippedRow, type TableOptions } from './read-table.ts';
import { textPieces, type TextPieces } from './text-pieces.ts';

/** Bytes ready for {@link scanPieces}: as prepareText, without the whole text. */
export interface PreparedPieces {
  text: TextPieces;
  encoding: string;
  delimiter: Delimiter;
  /** The line break papaparse guessed from the head (\n for whitespace-separated text). */
  newline: string;
  hasHeader: boolean;
  /** Line of the header row; 0 without one. */
  headerLine: number;
  /** Rows starting before this line are a report's title or notes, not data. */
  firstLine: number;
  /** Those rows, to say what was skipped. */
  preamble: SkippedRow[];
  /** The first (up to 21) non-blank rows from the header on, header included, for sniffing columns. */
  sample: string[][];
  /** The text's first whole lines (all of it when `headIsWhole`), decoded once for sniffing: scanned again by {@link scanHead}. */
  head: string;
  headIsWhole: boolean;
}

/**
 * The rows of the head only, as scanPieces gives them: a pass that stops
 * early (the decimal vote) need not decode the first piece of the file a
 * second time.
 */
export function scanHead(prepared: PreparedPieces, visit: RowVisitor): void {
  if (prepared.head === '' && !prepared.headIsWhole) return;
  if (prepared.head === '' && prepared.delimiter !== 'whitespace') return;
  scanSegment(prepared.head, prepared.delimiter, prepared.newline, visit, { line: 1 });
}

/** A text without its final line break (it ends the last line, it does not start one). */
function withoutFinalBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

/**
 * prepareText for bytes: settles encoding, delimiter and header from the
 * first piece. `totalBytes`, when `input` is only the head of a file (whole
 * lines of it), is the file's length.
 */
export function preparePieces(input: Uint8Array, options: TableOptions = {}, pieceBytes?: number, totalBytes = input.length): PreparedPieces {
  const text = textPieces(input, options.encoding, pieceBytes);
  // The head: the first 2^20 characters at least (what papaparse reads to guess the line break), or the whole text.
  let head = '';
  let whole = true;
  for (const piece of text.pieces()) {
    head += piece.text;
    if (head.length >= 2 ** 20 && piece.reached < totalBytes) {
      whole = false;
      break;
    }
  }
  if (input.length < totalBytes) whole = false;
  // The whole text: trimmed as prepareText trims it. Else whole lines only (ample for the sniffing's 50 lines).
  head = whole ? withoutFinalBreak(head) : head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
  // The head is settled exactly as a whole text would be (delimiter, header
  // row below a report's title, sample), so both readers agree on any file
  // whose header lies in its first megabyte.
  const settled = prepareText(head, { header: options.header, headerRow: options.headerRow, delimiter: options.delimiter });
  const { delimiter, hasHeader, headerLine, firstLine, preamble, sample } = settled;
  const newline = delimiter === 'whitespace' ? '\n' : guessLineBreak(head, delimiter);
  // Whole lines only, cut at the line break the scan uses (a \r\n text cut at its last \n would leave a \r in the last cell).
  const lines = whole ? head : head.slice(0, Math.max(head.lastIndexOf(newline), 0));
  return { text, encoding: text.encoding, delimiter, newline, hasHeader, headerLine, firstLine, preamble, sample, head: lines, headIsWhole: whole };
}

/** Where a scan is: the next line number, and whether a visitor stopped it. */
interface Cursor {
  line: number;
  stopped?: boolean;
}

/** Rows of a segment that holds whole rows only (the scanRows of read-table.ts, with a given line break). */
function scanSegment(text: string, delimiter: Delimiter, newline: string, visit: RowVisitor, at: Cursor): void {
  if (delimiter === 'whitespace') {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const cells = splitWhitespaceRange(text, start, end);
      if (cells.length === 0) visit.blank(at.line);
      else if (visit.row(cells, at.line) === false) {
        at.stopped = true;
        return;
      }
      at.line++;
      start = end + 1;
    }
    return;
  }
  // papaparse makes no row of an empty text; here it is the one blank line between two cuts.
  if (text === '') return visit.blank(at.line++);
  const mayQuote = text.includes('"');
  if (!mayQuote && isPlainDelimiter(delimiter)) {
    const done = scanPlainRows(text, delimiter, newline, visit, at.line);
    at.line = done.line;
    if (done.stopped) at.stopped = true;
    return;
  }
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    newline: newline as Papa.ParseConfig['newline'],
    skipEmptyLines: false,
    step(results, parser) {
      const cells = results.data;
      if (results.errors.length > 0) {
        const e = results.errors[0];
        visit.bad(at.line, e.code === 'MissingQuotes' ? msg('read.quoteNotClosed') : msg('read.malformedQuotes', { detail: e.message }));
      } else if (isBlank(cells)) {
        visit.blank(at.line);
      } else if (visit.row(cells, at.line) === false) {
        at.stopped = true;
        parser.abort();
        return;
      }
      at.line += mayQuote ? 1 + countBreaks(cells) : 1;
    },
  });
}

/** Start of the last line break in `text` outside double quotes, or −1. */
function lastBreakOutsideQuotes(text: string, newline: string): number {
  if (!text.includes('"')) return text.lastIndexOf(newline);
  let quoted = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === newline.charCodeAt(0) && text.startsWith(newline, i)) last = i;
  }
  return last;
}

/** Line breaks of a text (\n, or \r when it has no \n), as countLines counts them. */
interface LineCount {
  lf: number;
  cr: number;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * scanRows over a prepared text in pieces. Returns the physical line count
 * of the text (countLines of the whole text, at least the last line a row
 * started on).
 */
export function scanPieces(prepared: PreparedPieces, visit: RowVisitor, onProgress?: (f: number) => void): number {
  const { text, delimiter, newline } = prepared;
  const at: Cursor = { line: 1 };
  const count: LineCount = { lf: 0, cr: 0 };
  let carry = '';
  let cut = false;
  let any = false;
  const tracked = trackingLastLine(visit);
  const seen = tracked.visitor;
  let finalBreak = '';
  for (const piece of text.pieces()) {
    const final = piece.reached === text.bytes;
    let chunk = carry + piece.text;
    if (final) {
      const whole = chunk;
      chunk = withoutFinalBreak(chunk);
      finalBreak = whole.slice(chunk.length);
    }
    count.lf += countChar(piece.text, '\n');
    count.cr += countChar(piece.text, '\r');
    if (final) {
      // Without a cut the whole text is this chunk; with one it held a line break before its final one.
      any = cut || chunk !== '';
      if (chunk === '' && cut) seen.blank(at.line);
      else if (chunk !== '' || delimiter === 'whitespace') scanSegment(chunk, delimiter, newline, seen, at);
      break;
    }
    // A \r that ends a piece may be half of a \r\n (the file's final break,
    // which is no line of its own): it waits for the next piece.
    const held = newline === '\r' && chunk.endsWith('\r') ? chunk.slice(0, -1) : chunk;
    const brk = delimiter === 'whitespace' ? chunk.lastIndexOf('\n') : lastBreakOutsideQuotes(held, newline);
    if (brk < 0) {
      carry = chunk;
      continue;
    }
    scanSegment(chunk.slice(0, brk), delimiter, newline, seen, at);
    cut = true;
    carry = chunk.slice(brk + (delimiter === 'whitespace' ? 1 : newline.length));
    if (at.stopped) return 0;
    if (onProgress) onProgress(piece.reached / text.bytes);
  }
  onProgress?.(1);
  if (!any) return 0;
  // countLines of the trimmed text: its final line break is no line of its own.
  const lf = count.lf - (finalBreak.endsWith('\n') ? 1 : 0);
  const cr = count.cr - (finalBreak.startsWith('\r') ? 1 : 0);
  return Math.max(1 + (lf > 0 ? lf : cr), tracked.lastLine());
}
