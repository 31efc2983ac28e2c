import { CvError } from '../errors.ts';
import { formatMessage, formatMessages, msg, type Message } from '../i18n/messages.ts';
import type { ColumnMapping, ColumnRole, RejectedRow, Transaction } from '../types.ts';
import { ALL_ROLES, REQUIRED_ROLES, resolveMapping, type ColumnChoice } from './detect-columns.ts';
import { DecimalVote, type DecimalDecision } from './detect-decimal.ts';
import { amountProblemMessage, otherMark, scanAmount, type DecimalMark } from './parse-amount.ts';
import { scanDateCell, yearLastDay, type DateOrder, type DateScan } from './parse-date.ts';
import { countLines, findHeaderRow, looksLikeHeader, MAX_PREAMBLE_ROWS, prepareText, scanRows, skippedRow, trackingLastLine, type RowVisitor, type SkippedRow, type TableOptions } from './read-table.ts';
import { preparePieces, scanHead, scanPieces, type PreparedPieces } from './scan-pieces.ts';
import { ByteIds, byteLaneFits, rowsEstimate, scanByteRows, type ByteRowTarget, type RowSink, type TextRole } from './byte-rows.ts';
import { replayByteRows } from './scanned-rows.ts';
import { isByteSource, plainUtf8, readAll, readFully, type ByteSource } from './byte-source.ts';
import { PIECE_BYTES } from './text-pieces.ts';

/** A consumer of rows that can take them as numbers (the columnar summary builder, createAnalysis). */
export interface TransactionSink extends RowSink {
  add(t: Transaction): void;
}

export interface ReadOptions extends TableOptions {
  /**
   * Explicit columns, by 0-based index or header name; roles left out are
   * detected from the headers. Without a header row and without a mapping the
   * reader guesses (first column = id, first date column, last number column)
   * and says so in `warnings`.
   */
  mapping?: ColumnMapping | Partial<Record<ColumnRole, ColumnChoice>>;
  /**
   * Day/month order of dates with the year last (`3/5/2024`). `auto` (default)
   * decides from the column: a first part > 12 means d/m/y, a second part > 12
   * means m/d/y; a column that never tells is read m/d/y with a warning (d/m/y
   * when its dates are dotted, 5.3.2024, or the decimal mark is ','), and a date
   * contradicting the decided order is a rejected row. `ymd` accepts only
   * year-first dates (and serials).
   */
  dateOrder?: 'auto' | DateOrder;
  /**
   * Decimal mark of amounts, costs and margin rates (see DecimalMark).
   * `auto` (default) decides from those columns (see DecimalVote): ',' when
   * the file is not comma separated, some value reads only with a comma
   * (`5,25`, `1.234,50`) and none only with a point; else '.', with a warning
   * when values such as `1,234` could be either. A row whose number reads only
   * with the other mark is rejected with the reason.
   */
  decimal?: 'auto' | DecimalMark;
  /**
   * When given, each transaction goes here as soon as it is read and
   * `transactions` stays empty: memory stays flat however long the file.
   */
  onTransaction?: (t: Transaction) => void;
  /**
   * Like onTransaction, for a consumer that also takes rows as numbers
   * (createAnalysis() and createColumnarSummaryBuilder() are such): rows
   * of a plain UTF-8 file then reach it without an object or a string per
   * row (core/read/byte-rows.ts). Takes the place of onTransaction.
   */
  into?: TransactionSink;
  /**
   * Called for each accepted row with its transaction and the row's cells as
   * read: a caller that keeps columns the reader does not know (a web
   * domain, CRM record ids) takes them in the same pass, without reading
   * the file a second time.
   */
  onAccepted?: (t: Transaction, cells: readonly unknown[]) => void;
}

export interface ReadResult {
  /** The accepted transactions in source order (empty when `onTransaction` is given). */
  transactions: Transaction[];
  /** Every data row that could not be used, with its 1-based line and why. */
  rejected: RejectedRow[];
  mapping: ColumnMapping;
  /** Column names of the header row ([] without one). */
  headers: string[];
  hasHeader: boolean;
  /** Non-blank data rows seen: rowsAccepted + rejected.length. */
  rowsRead: number;
  rowsAccepted: number;
  blankLines: number;
  /** Lines (or sheet rows) in the input, header and blank ones included. */
  lines: number;
  /** Order used for year-last dates; `ymd` when the column had none. */
  dateOrder: DateOrder;
  /** Decimal mark used for amounts, costs and margin rates. */
  decimal: DecimalMark;
  /** Encoding of byte input ('utf-16' for string input, 'cells' for cell input). */
  encoding: string;
  /** Column separator used ('' for cell input). */
  delimiter: string;
  /**
   * Things the user should know beyond single rows: guessed columns, date
   * order or decimal mark, rows rejected for a number in the other decimal mark.
   */
  warnings: string[];
  /** The warnings as messages, in the same order, to say them in any language (formatMessage). */
  warningMessages: Message[];
}

/** Adds a warning: its English text to `warnings`, the message to `warningMessages`. */
export function addWarning(result: { warnings: string[]; warningMessages: Message[] }, message: Message): void {
  result.warnings.push(formatMessage(message, 'en'));
  result.warningMessages.push(message);
}

/** A column role's name, as a message. */
function roleName(role: ColumnRole): Message {
  return msg(`role.${role}`);
}

/** Options of the cell reader: `firstRow` is the sheet row number of `rows[0]` (default 1). */
export type ReadCellsOptions = Omit<ReadOptions, 'delimiter' | 'encoding'> & { firstRow?: number };

/** Turns rows of cells into transactions under one mapping; keeps the date-order state of the column. */
class TransactionBuilder {
  private order: DateOrder | null;
  private decidedAt = 0;
  private sawYearLast = false;
  private dottedPending = false;
  private pending: { cells: readonly unknown[]; line: number }[] = [];
  private readonly minColumns: number;
  private readonly idCol: number;
  private readonly dateCol: number;
  private readonly amountCol: number;
  private readonly decimal: DecimalMark;
  /** Rows rejected for a number only readable with the other decimal mark, and the first of them. */
  private otherMarkRows = 0;
  private otherMarkFirst = { line: 0, text: '' };

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly options: ReadOptions,
    private readonly result: ReadResult,
    private readonly headers: readonly string[],
  ) {
    this.decimal = result.decimal;
    this.order = !options.dateOrder || options.dateOrder === 'auto' ? null : options.dateOrder;
    this.idCol = mapping.customerId as number;
    this.dateCol = mapping.date as number;
    this.amountCol = mapping.amount as number;
    this.minColumns = Math.max(...REQUIRED_ROLES.map((r) => mapping[r] as number)) + 1;
  }

  add(cells: readonly unknown[], line: number): void {
    this.result.rowsRead++;
    if (this.order !== null) return this.convert(cells, line, undefined);
    const scan = scanDateCell(cells[this.dateCol]);
    if (scan.kind === 'yearLast') {
      this.sawYearLast = true;
      if (scan.proves === 'dmy' || scan.proves === 'mdy') {
        this.decide(scan.proves, line);
        return this.convert(cells, line, scan);
      }
      if (scan.proves === 'ambiguous') {
        if (scan.dotted) this.dottedPending = true;
        this.pending.push({ cells, line });
        return;
      }
    }
    if (this.pending.length > 0) this.pending.push({ cells, line }); // keep source order
    else this.convert(cells, line, scan);
  }

  finish(): void {
    if (this.order === null && this.pending.length > 0) {
      const dmy = this.dottedPending || this.decimal === ',';
      addWarning(this.result, msg(dmy ? 'read.dateOrderGuessDmy' : 'read.dateOrderGuessMdy'));
      this.decide(dmy ? 'dmy' : 'mdy', 0);
    }
    this.result.dateOrder = this.order ?? (this.sawYearLast ? 'mdy' : 'ymd');
    if (this.otherMarkRows > 0) {
      const [used, other] = this.decimal === '.' ? [msg('word.point'), msg('word.comma')] : [msg('word.comma'), msg('word.point')];
      const { line, text } = this.otherMarkFirst;
      addWarning(this.result, msg('read.otherMarkRows', { n: this.otherMarkRows, other, text, line, used, mark: otherMark(this.decimal) }));
    }
  }

  private decide(order: 'dmy' | 'mdy', line: number): void {
    this.order = order;
    this.decidedAt = line;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) this.convert(p.cells, p.line, undefined);
  }

  private convert(cells: readonly unknown[], line: number, known: DateScan | undefined): void {
    if (cells.length < this.minColumns) {
      return this.reject(line, [msg('read.columnCount', { n: cells.length, min: this.minColumns })]);
    }
    const problems: Message[] = [];
    const customerId = cellText(cells[this.idCol]);
    if (customerId === '') problems.push(msg('read.idEmpty'));
    else if (SHEET_ERROR.test(customerId)) problems.push(msg('read.idSheetError', { id: customerId }));
    const dateError = sheetError(cells[this.dateCol]);
    if (dateError) problems.push(msg('read.dateSheetError', { error: dateError }));
    const day = dateError ? NaN : this.day(known ?? scanDateCell(cells[this.dateCol]), problems);
    const amount = this.number(cells[this.amountCol], 'amount', problems, true);
    const t: Transaction = { customerId, day, amount, line };
    const m = this.mapping;
    if (m.cost !== undefined) {
      const v = this.number(cells[m.cost], 'cost', problems, false);
      if (!Number.isNaN(v)) t.cost = v;
    }
    if (m.marginRate !== undefined) {
      const v = this.rate(cells[m.marginRate], problems);
      if (!Number.isNaN(v)) t.marginRate = v;
    }
    if (m.quantity !== undefined) {
      const v = this.number(cells[m.quantity], 'quantity', problems, false);
      if (!Number.isNaN(v)) t.quantity = v;
    }
    if (m.email !== undefined) {
      const v = cellText(cells[m.email]);
      if (v) t.email = v;
    }
    if (m.company !== undefined) {
      const v = cellText(cells[m.company]);
      if (v) t.company = v;
    }
    if (m.name !== undefined) {
      const v = cellText(cells[m.name]);
      if (v) t.name = v;
    }
    if (problems.length > 0) {
      this.noteOtherMark(cells, line);
      const repeatsHeader = this.headers.length > 0 && this.headers.every((h, i) => cellText(cells[i]) === h);
      return this.reject(line, repeatsHeader ? [msg('read.repeatsHeader')] : problems);
    }
    this.result.rowsAccepted++;
    this.options.onAccepted?.(t, cells);
    if (this.options.into) this.options.into.add(t);
    else if (this.options.onTransaction) this.options.onTransaction(t);
    else this.result.transactions.push(t);
  }

  /** Whether a row read elsewhere (the byte lane) may be taken now: not while rows wait for a day/month order. */
  direct(): boolean {
    return this.pending.length === 0;
  }

  /** Counts a row the byte lane read and accepted. */
  acceptDirect(): void {
    this.result.rowsRead++;
    this.result.rowsAccepted++;
  }

  private day(scan: DateScan, problems: Message[]): number {
    switch (scan.kind) {
      case 'day':
        return scan.day;
      case 'empty':
        problems.push(msg('read.dateEmpty'));
        return NaN;
      case 'invalid':
        problems.push(scan.message);
        return NaN;
      case 'yearLast': {
        const text = `${scan.first}/${scan.second}/${scan.year}`;
        const order = this.order ?? 'mdy';
        if (order === 'ymd') {
          problems.push(msg('read.dateYearLastYmd', { text }));
          return NaN;
        }
        const day = yearLastDay(scan, order);
        if (Number.isNaN(day)) {
          const auto = !this.options.dateOrder || this.options.dateOrder === 'auto';
          const mismatch = (scan.proves === 'dmy' || scan.proves === 'mdy') && scan.proves !== order;
          const decided = auto && this.decidedAt > 0;
          problems.push(
            !mismatch
              ? msg('read.dateInvalid', { text })
              : decided
                ? msg('read.dateOrderMismatchAt', { text, order: msg(order === 'dmy' ? 'word.dmy' : 'word.mdy'), line: this.decidedAt })
                : msg('read.dateOrderMismatch', { text, order: msg(order === 'dmy' ? 'word.dmy' : 'word.mdy') }),
          );
        }
        return day;
      }
    }
  }

  private number(cell: unknown, role: 'amount' | 'cost' | 'quantity', problems: Message[], required: boolean): number {
    const label = roleName(role);
    const error = sheetError(cell);
    if (error) {
      problems.push(msg('read.numberSheetError', { column: label, error }));
      return NaN;
    }
    if (typeof cell === 'number') {
      if (Number.isFinite(cell)) return cell;
      problems.push(msg('read.numberNotFinite', { column: label, value: String(cell) }));
      return NaN;
    }
    const text = typeof cell === 'string' ? cell : cellText(cell);
    const v = scanAmount(text, this.decimal);
    if (Number.isNaN(v)) {
      if (text.trim() !== '' || required) problems.push(amountProblemMessage(text, label, this.decimal));
    }
    return v;
  }

  /** Counts a rejected row whose amount, cost or margin rate reads only with the other mark. */
  private noteOtherMark(cells: readonly unknown[], line: number): void {
    const other = otherMark(this.decimal);
    for (const c of numberColumns(this.mapping)) {
      const cell = cells[c];
      if (typeof cell !== 'string') continue;
      const text = rateText(cell);
      if (Number.isNaN(scanAmount(text, this.decimal)) && !Number.isNaN(scanAmount(text, other))) {
        if (this.otherMarkRows++ === 0) this.otherMarkFirst = { line, text };
        return;
      }
    }
  }

  private rate(cell: unknown, problems: Message[]): number {
    let v: number;
    const text = cellText(cell);
    if (typeof cell === 'number') v = cell;
    else if (text === '') return NaN;
    else if (text.endsWith('%')) v = scanAmount(rateText(text), this.decimal) / 100;
    else v = scanAmount(text, this.decimal);
    if (!Number.isFinite(v)) {
      problems.push(
        typeof cell === 'number'
          ? msg('read.numberNotFinite', { column: roleName('marginRate'), value: String(cell) })
          : amountProblemMessage(rateText(text), roleName('marginRate'), this.decimal),
      );
      return NaN;
    }
    if (v > 1 || v < -1) {
      problems.push(msg('read.marginRange', { text, fraction: String(v / 100) }));
      return NaN;
    }
    return v;
  }

  private reject(line: number, problems: Message[]): void {
    this.result.rejected.push({ line, reason: formatMessages(problems, 'en'), problems });
  }
}

/**
 * A warning when a row taken for the header (by sniffing, not by the
 * caller) holds a date in the date column (`20240105`: written dates already
 * keep a row from being sniffed as a header): such a row is likelier a
 * transaction, lost without a trace otherwise (a header is never rejected).
 */
function headerLooksLikeData(
  headers: readonly string[],
  mapping: ColumnMapping,
  line: number,
  header: ReadOptions['header'],
  headerRow: number | undefined,
): Message | undefined {
  if (header === true || header === false || headerRow !== undefined || mapping.date === undefined) return undefined;
  const date = headers[mapping.date] ?? '';
  const kind = date === '' ? 'empty' : scanDateCell(date).kind;
  if (kind !== 'day' && kind !== 'yearLast') return undefined;
  return msg('read.headerLooksLikeData', { line, date });
}

/**
 * Says which rows above the header were skipped (a report's title, period,
 * notes), quoting the first, so that nothing disappears without a word.
 */
function preambleWarning(preamble: readonly SkippedRow[], headerLine: number, chosen: boolean, unit: 'line' | 'row'): Message | undefined {
  if (preamble.length === 0) return undefined;
  const quoted = preamble.slice(0, 2).map((r) => `'${r.text.length > 60 ? r.text.slice(0, 57) + '…' : r.text}'`);
  return msg(chosen ? 'read.preambleChosen' : 'read.preambleSkipped', {
    unit: msg(unit === 'line' ? 'read.unitLine' : 'read.unitRow'),
    header: headerLine,
    first: preamble[0].line,
    last: preamble[preamble.length - 1].line,
    n: preamble.length,
    quoted: (preamble.length > 2 ? [...quoted, '…'] : quoted).join(', '),
  });
}

/** A number cell's text without a trailing percent sign (margin rates may carry one). */
function rateText(text: string): string {
  const t = text.trim();
  return t.endsWith('%') ? t.slice(0, -1).trim() : t;
}

/** The columns whose text is a number written with the file's decimal mark. */
function numberColumns(mapping: ColumnMapping): number[] {
  const out: number[] = [];
  for (const c of [mapping.amount, mapping.cost, mapping.marginRate]) if (c !== undefined) out.push(c);
  return out;
}

/**
 * Data rows of a text the decimal mark is decided from. The vote costs a
 * second parse of what it reads (about as long as reading it), so it is
 * bounded; a row past the sample written with the other mark is still no
 * misread: it is rejected with the reason and counted in a warning.
 */
const DECIMAL_SAMPLE_ROWS = 20_000;

/**
 * The decimal mark of a text file (see ReadOptions.decimal). The vote stops
 * at the first value only readable with a point, which settles '.'; a file
 * with a comma mark is read to the end of the sample.
 */
function decideTextDecimal(source: RowSource, mapping: ColumnMapping, option: ReadOptions['decimal']): DecimalDecision {
  if (option === '.' || option === ',') return { decimal: option };
  if (source.delimiter === ',') return { decimal: '.' };
  const columns = numberColumns(mapping);
  const run = (scan: (visit: RowVisitor) => void) => {
    const vote = new DecimalVote();
    let rows = 0;
    let settled = false;
    scan({
      row(cells, line) {
        if (line < source.firstLine || line === source.headerLine) return true;
        for (const c of columns) {
          const cell = cells[c];
          if (cell !== undefined && !vote.add(rateText(cell), line)) {
            settled = true;
            return false;
          }
        }
        settled = ++rows >= DECIMAL_SAMPLE_ROWS;
        return !settled;
      },
      blank() {},
      bad() {},
    });
    return { vote, settled };
  };
  // The head, already decoded, usually settles it (the first value read only with a point does);
  // else the vote starts again over the whole text, so it sees what it always saw.
  if (source.scanHead) {
    const head = source.scanHead;
    const first = run((visit) => head.scan(visit));
    if (first.settled || head.whole) return first.vote.decide();
  }
  return run((visit) => source.scan(visit)).vote.decide();
}

/** The decimal mark of cell input: number cells say nothing, text cells vote (all of them). */
function decideCellDecimal(
  rows: readonly (readonly unknown[])[],
  from: number,
  firstRow: number,
  mapping: ColumnMapping,
  option: ReadOptions['decimal'],
): DecimalDecision {
  if (option === '.' || option === ',') return { decimal: option };
  const columns = numberColumns(mapping);
  const vote = new DecimalVote();
  for (let i = from; i < rows.length; i++) {
    for (const c of columns) {
      const cell = rows[i][c];
      if (typeof cell === 'string' && !vote.add(rateText(cell), i + firstRow)) return vote.decide();
    }
  }
  return vote.decide();
}

/**
 * Excel's error values, as a range gives them and as a sheet saved to CSV
 * writes them: as an id they would gather unrelated rows into one customer.
 */
const SHEET_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** The error value a cell holds (#N/A, #VALUE! …), or undefined. */
function sheetError(cell: unknown): string | undefined {
  if (typeof cell !== 'string') return undefined;
  const t = cell.trim();
  return t.startsWith('#') && SHEET_ERROR.test(t) ? t.toUpperCase() : undefined;
}

/** Text of a cell, trimmed: numbers in plain decimal, booleans as TRUE/FALSE, dates as ISO, null as ''. */
function cellText(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function emptyResult(encoding: string, delimiter: string): ReadResult {
  return {
    transactions: [], rejected: [], mapping: {}, headers: [], hasHeader: false, rowsRead: 0, rowsAccepted: 0,
    blankLines: 0, lines: 0, dateOrder: 'ymd', decimal: '.', encoding, delimiter, warnings: [], warningMessages: [],
  };
}

/**
 * Without a header row, the columns the user did not map are guessed from the
 * first rows: customer id = the first free column, date = the first free
 * column whose cells are all dates, amount = the last free column whose cells
 * are all numbers. The guess is reported as a warning.
 */
function guessMapping(
  sample: readonly (readonly unknown[])[],
  explicit: Partial<Record<ColumnRole, ColumnChoice>>,
  columns: number,
  warnings: { warnings: string[]; warningMessages: Message[] },
): Partial<Record<ColumnRole, ColumnChoice>> {
  const out = { ...explicit };
  const used = new Set(Object.values(out).filter((v): v is number => typeof v === 'number'));
  const all = (c: number, test: (cell: unknown) => boolean) =>
    sample.length > 0 && sample.every((r) => cellText(r[c]) !== '' && test(r[c]));
  const isDate = (cell: unknown) => {
    const k = scanDateCell(typeof cell === 'number' ? cell : cellText(cell)).kind;
    return k === 'day' || k === 'yearLast';
  };
  // Either decimal mark: the columns are guessed before the file's mark is decided.
  const isNumber = (cell: unknown) =>
    typeof cell === 'number' || !Number.isNaN(scanAmount(cellText(cell))) || !Number.isNaN(scanAmount(cellText(cell), ','));
  const guessed: Message[] = [];
  const take = (role: ColumnRole, c: number) => {
    out[role] = c;
    used.add(c);
    guessed.push(msg('read.guessedColumn', { role: roleName(role), column: c + 1 }));
  };
  if (out.customerId === undefined) {
    for (let c = 0; c < columns; c++) if (!used.has(c)) { take('customerId', c); break; }
  }
  if (out.date === undefined) {
    for (let c = 0; c < columns; c++) if (!used.has(c) && all(c, (x) => typeof x !== 'number' && isDate(x))) { take('date', c); break; }
  }
  if (out.amount === undefined) {
    for (let c = columns - 1; c >= 0; c--) if (!used.has(c) && all(c, isNumber)) { take('amount', c); break; }
  }
  if (guessed.length > 0) {
    addWarning(warnings, msg('read.guessedColumns', { columns: guessed }));
  }
  return out;
}

function settleMapping(
  fn: string,
  headers: string[] | null,
  sample: readonly (readonly unknown[])[],
  options: ReadOptions,
  warnings: { warnings: string[]; warningMessages: Message[] },
): ColumnMapping {
  const columns = Math.max(0, ...sample.map((r) => r.length));
  let explicit = (options.mapping ?? {}) as Partial<Record<ColumnRole, ColumnChoice>>;
  if (!headers && REQUIRED_ROLES.some((r) => explicit[r] === undefined)) {
    explicit = guessMapping(sample, explicit, columns, warnings);
  }
  return resolveMapping(fn, headers, explicit, columns, warnings);
}

/**
 * Reads purchase transactions from a delimited text file (CSV, semicolon,
 * tab or whitespace separated; UTF-8, UTF-8 with BOM, GBK/GB18030 or UTF-16
 * bytes, or a string). Columns are detected from English or Chinese headers
 * (see detectColumns) or given by `mapping`; dates in ISO, yyyymmdd, Excel
 * serial, 2024/3/5, 2024.3.5, 2024年3月5日, d/m/y or m/d/y form (see
 * `dateOrder`); amounts with currency signs, thousands groups and accounting
 * negatives (see scanAmount). Ids stay trimmed strings. Zero and negative
 * amounts are kept. Every unusable row is in `rejected` with its line and
 * reason; blank lines are counted, never reported.
 * Throws CvError('readTransactions', 'data') when a required column (customer
 * id, date, amount) cannot be found, and CvError('readTransactions', 'value')
 * for a mapping that names no column.
 * @example readTransactions('id,date,amount\n007,2024-03-05,12.50').transactions
 * // [{ customerId: '007', day: 19787, amount: 12.5, line: 2 }]
 */
export function readTransactions(input: string | Uint8Array | ByteSource, options: ReadOptions = {}): ReadResult {
  if (typeof input === 'string') return readRows(wholeText(input, options), options);
  return isByteSource(input) ? readTransactionsFromSource(input, options) : readTransactionsInPieces(input, options);
}

/** How {@link readTransactionsFromSource} cuts a file: only tests change it, to cut small files into many pieces. */
export interface SourcePieces {
  /** Files smaller than this are read whole (default 16 MiB). */
  streamFrom?: number;
  /** Bytes per piece of the lane and of the pre-pass (default 1 MiB, STREAM_PIECE_BYTES). */
  pieceBytes?: number;
  /** Bytes of the short head tried first (default 1.5 MiB), and of the long one (default 8 MiB). */
  shortHeadBytes?: number;
  headBytes?: number;
}

/**
 * Bytes per piece of a streamed file's pre-pass and lane: their one buffer is
 * fresh memory, each page of it a page fault; 1 MiB reads as fast as 4 did
 * (70 reads instead of 17 at a million rows) and touches 3 MiB less.
 */
const STREAM_PIECE_BYTES = 2 ** 20;

/** Bytes of the head a streamed file's columns and decimal mark are sniffed from: two text pieces, so the head is what the whole file's reading takes. */
const HEAD_BYTES = 2 * PIECE_BYTES;

/**
 * A shorter head tried first: 1.5 MiB holds the 2^20 characters papaparse
 * guesses the line break from in most files. Reading and decoding 8 MiB of
 * head had cost ~80 ms at a million rows (docs/scale.md).
 */
const SHORT_HEAD_BYTES = 3 * 2 ** 19;

/** The first `n` bytes of a file cut after their last line feed (undefined when they hold none). */
function headLines(source: ByteSource, n: number): Uint8Array | undefined {
  const head = new Uint8Array(Math.min(source.size, n));
  readFully(source, head, 0);
  const lf = head.lastIndexOf(10);
  return lf < 0 ? undefined : head.subarray(0, lf + 1);
}

/** Whether code unit c is whitespace to String.prototype.trim. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Lines with a character that is neither whitespace nor a delimiter (a row for any delimiter's sniffing) a short head must hold. */
const SHORT_HEAD_ROWS = 200;

/**
 * Whether a short head settles a file as the long one does: papaparse's
 * line-break guess reads the first 2^20 characters, the delimiter and
 * header sniffing the first 60 non-blank lines, so a head holding both,
 * cut at line feeds (a \r-only text is one line to the sniffing), gives the
 * same answers; the decimal vote (not a comma-separated file, no mark
 * given) reads up to 20,000 rows, so it keeps the long head.
 */
function sniffedAlike(prepared: PreparedPieces, options: ReadOptions): boolean {
  if (prepared.head.length < 2 ** 20 || prepared.newline === '\r') return false;
  if (prepared.delimiter !== ',' && options.decimal !== '.' && options.decimal !== ',') return false;
  const text = prepared.head;
  let rows = 0;
  let row = false;
  for (let i = 0; i < text.length && rows < SHORT_HEAD_ROWS; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (row) rows++;
      row = false;
    } else if (!row && !(c === 44 || c === 59 || c === 124 || isSpace(c))) {
      row = true;
    }
  }
  return rows >= SHORT_HEAD_ROWS;
}

/**
 * readTransactions of a file read in pieces: a UTF-8 file without a quote
 * that the byte lane reads is never whole in memory (its head for the
 * sniffing, a piece of 4 MiB, and the sink's customers); any other file
 * (a quote, another encoding, a comma decimal mark, a cost column, a caller
 * that wants every row's cells) is read whole and then as bytes are, with
 * the same result. It is read once more first, piece by piece, to know
 * which: the lane must not begin on a file it cannot finish.
 */
export function readTransactionsFromSource(source: ByteSource, options: ReadOptions = {}, pieces: SourcePieces = {}): ReadResult {
  const pieceBytes = pieces.pieceBytes ?? STREAM_PIECE_BYTES;
  const encoding = options.encoding ?? 'auto';
  const small = source.size < (pieces.streamFrom ?? 4 * PIECE_BYTES);
  // One buffer for the pre-pass and then the lane's pieces: fresh pages cost more than the reading (docs/scale.md).
  const scratch = small ? undefined : new Uint8Array(pieceBytes + 4);
  if (small || options.onAccepted || (encoding !== 'auto' && encoding !== 'utf-8') || !plainUtf8(source, pieceBytes, scratch)) {
    return readTransactionsInPieces(readAll(source), options);
  }
  const headBytes = pieces.headBytes ?? HEAD_BYTES;
  const whole = source.size <= headBytes;
  // A short head first, kept when it settles what the long one would (sniffedAlike).
  let shortHead = whole || (options.headerRow !== undefined && options.headerRow > 0) ? undefined : headLines(source, pieces.shortHeadBytes ?? SHORT_HEAD_BYTES);
  let prepared = shortHead && preparePieces(shortHead, { ...options, encoding: 'utf-8' }, undefined, source.size);
  if (prepared && !sniffedAlike(prepared, options)) prepared = shortHead = undefined;
  let head = shortHead ?? (whole ? readAll(source) : headLines(source, headBytes));
  // Whole lines only: the sniffing must not see half a line as a row.
  if (head === undefined) return readTransactionsInPieces(readAll(source), options);
  prepared ??= preparePieces(head, { ...options, encoding: 'utf-8' }, undefined, source.size);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const result = readRows(
    {
      encoding: prepared.encoding,
      delimiter: prepared.delimiter,
      hasHeader: prepared.hasHeader,
      headerLine: prepared.headerLine,
      firstLine: prepared.firstLine,
      preamble: prepared.preamble,
      sample: prepared.sample,
      // What the lane does not read (the decimal vote past the head, a file it leaves): the text reader on the whole file.
      scan: (visit, onProgress) => scanPieces(preparePieces(readAll(source), options), visit, onProgress),
      scanHead: { scan: (visit) => scanHead(prepared, visit), whole: prepared.headIsWhole },
      bytes: { input: source, newline: prepared.newline, offset: bom ? 3 : 0, quoteFree: true, pieceBytes, scratch, rows: rowsEstimate(head, source.size) },
    },
    options,
  );
  return result;
}

/** readTransactions of bytes; `pieceBytes` (default 4 MiB) only for tests that cut a small file into many pieces. */
export function readTransactionsInPieces(input: Uint8Array, options: ReadOptions = {}, pieceBytes?: number): ReadResult {
  return readRows(textInPieces(input, options, pieceBytes), options);
}

/** A text to read rows from: settled encoding, delimiter, header and sample, and a scan of its rows. */
interface RowSource {
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  /** Line of the header row; 0 without one. */
  headerLine: number;
  /** Rows starting before this line are a report's title or notes, not data. */
  firstLine: number;
  /** Those rows, to say what was skipped. */
  preamble: SkippedRow[];
  sample: string[][];
  /** Visits every row; returns the physical line count (at least the last line a row started on). */
  scan(visit: RowVisitor, onProgress?: (f: number) => void): number;
  /** Visits the rows of the text's head only; `whole` when the head is the whole text. */
  scanHead?: { scan(visit: RowVisitor): void; whole: boolean };
  /**
   * The bytes behind the text, for the byte lane: line break and where the
   * text starts (after a BOM); for a source, whether it was found free of
   * quotes, and the lane's piece size (tests only).
   */
  bytes?: {
    input: Uint8Array | ByteSource;
    newline: string;
    offset: number;
    quoteFree?: boolean;
    pieceBytes?: number;
    scratch?: Uint8Array;
    /** The rows a streamed file is estimated to hold (rowsEstimate of its head). */
    rows?: number;
  };
}

/** A string, scanned whole. */
function wholeText(input: string, options: ReadOptions): RowSource {
  const prepared = prepareText(input, options);
  return {
    ...prepared,
    scan(visit, onProgress) {
      const tracked = trackingLastLine(visit);
      scanRows(prepared.text, prepared.delimiter, tracked.visitor, onProgress);
      return countLines(prepared.text, tracked.lastLine());
    },
  };
}

/** File bytes, decoded and scanned a few megabytes at a time (scan-pieces.ts): the text is never one string. */
function textInPieces(input: Uint8Array, options: ReadOptions, pieceBytes?: number): RowSource {
  const prepared = preparePieces(input, options, pieceBytes);
  const bom = prepared.encoding === 'utf-8' && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  return {
    ...prepared,
    scan: (visit, onProgress) => scanPieces(prepared, visit, onProgress),
    scanHead: { scan: (visit) => scanHead(prepared, visit), whole: prepared.headIsWhole },
    bytes: { input, newline: prepared.newline, offset: bom ? 3 : 0 },
  };
}

function readRows(source: RowSource, options: ReadOptions): ReadResult {
  const result = emptyResult(source.encoding, source.delimiter);
  result.hasHeader = source.hasHeader;
  if (source.sample.length === 0) {
    result.lines = source.scan({ row: () => false, blank() {}, bad() {} });
    result.blankLines = result.lines;
    addWarning(result, msg('read.noRows'));
    options.onProgress?.(1);
    return result;
  }
  const headers = source.hasHeader ? source.sample[0].map((h) => h.trim()) : null;
  const sample = source.hasHeader ? source.sample.slice(1) : source.sample;
  result.mapping = settleMapping('readTransactions', headers, sample, options, result);
  result.headers = headers ?? [];
  const decision = decideTextDecimal(source, result.mapping, options.decimal);
  result.decimal = decision.decimal;
  if (decision.warning) addWarning(result, decision.warning);
  const builder = new TransactionBuilder(result.mapping, options, result, result.headers);
  const skipped = preambleWarning(source.preamble, source.headerLine, options.headerRow !== undefined, 'line');
  if (skipped) addWarning(result, skipped);
  const visitor: RowVisitor = {
    row(cells, line) {
      if (line < source.firstLine) return;
      if (line === source.headerLine) {
        const w = headerLooksLikeData(result.headers, result.mapping, line, options.header, options.headerRow);
        if (w) addWarning(result, w);
      } else {
        builder.add(cells, line);
      }
    },
    blank() {
      result.blankLines++;
    },
    bad(line, problem) {
      if (line < source.firstLine) return;
      result.rowsRead++;
      result.rejected.push({ line, reason: formatMessage(problem, 'en'), problems: [problem] });
    },
  };
  const lane = source.bytes && byteLane(source, result, options);
  result.lines = lane ? lane(builder, visitor) : source.scan(visitor, options.onProgress);
  builder.finish();
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * The byte lane (byte-rows.ts) for a file it can read: UTF-8, a plain
 * one-byte delimiter or whitespace, no quote, a '.' decimal mark, and no
 * column it does not read (cost, margin rate) nor a caller that
 * wants every row's cells (onAccepted). Undefined when it cannot.
 */
function byteLane(source: RowSource, result: ReadResult, options: ReadOptions) {
  const bytes = source.bytes;
  const m = result.mapping;
  if (!bytes || options.onAccepted || result.decimal !== '.') return undefined;
  if (m.cost !== undefined || m.marginRate !== undefined) return undefined;
  if (isByteSource(bytes.input) ? !(bytes.quoteFree && byteLaneFits(new Uint8Array(0), source.encoding, source.delimiter)) : !byteLaneFits(bytes.input, source.encoding, source.delimiter)) {
    return undefined;
  }
  const texts: { role: TextRole; col: number }[] = [];
  for (const role of ['email', 'company', 'name'] as const) {
    const col = m[role];
    if (col !== undefined) texts.push({ role, col: col as number });
  }
  const plan = {
    delimiter: source.delimiter,
    newline: bytes.newline,
    offset: bytes.offset,
    idCol: m.customerId as number,
    dateCol: m.date as number,
    amountCol: m.amount as number,
    quantityCol: m.quantity === undefined ? -1 : (m.quantity as number),
    texts: texts.map((t) => t.col),
    firstLine: source.firstLine,
    headerLine: source.headerLine,
  };
  return (builder: TransactionBuilder, visitor: RowVisitor): number => {
    const ids = new ByteIds();
    const sink = options.into;
    if (sink?.expectRows) {
      const input = bytes.input;
      const rows = isByteSource(input) ? bytes.rows : rowsEstimate(input.subarray(0, 1 << 20), input.length);
      if (rows !== undefined && rows > 0) sink.expectRows(rows);
    }
    // The sink's number of each id the lane met, plus one (0: not asked yet). Grown fourfold, no fill:
    // what is not written yet stays unfaulted fresh memory.
    let sinkIndex = new Int32Array(0);
    // While the sink has numbered every id as the lane did (a fresh sink counts customers from 0 in
    // the order met, as the lane counts ids), ids below `asked` are their own sink number and
    // sinkIndex is not written (1.5 MiB of fresh memory and its copies at a million rows).
    let same = true;
    let asked = 0;
    const store = (id: number, k: number): void => {
      if (id >= sinkIndex.length) {
        const grown = new Int32Array(Math.max(1024, sinkIndex.length * 4, id + 1));
        grown.set(sinkIndex);
        sinkIndex = grown;
      }
      sinkIndex[id] = k + 1;
    };
    const notSame = (): void => {
      same = false;
      for (let i = 0; i < asked; i++) store(i, i);
    };
    const idTexts: string[] = [];
    // Per sink customer, a bit per text column once the sink has kept its text (only the first is
    // kept): the sink is then not asked again on the customer's later rows.
    let kept = new Uint8Array(1024);
    const target: ByteRowTarget = {
      direct: () => builder.direct(),
      row(id, day, amount, line, cells, quantity) {
        builder.acceptDirect();
        if (sink) {
          // An id not asked yet is, while the numbers are the same, the next one (else they stop being).
          if (same && id > asked) notSame();
          let k = same ? (id < asked ? id : -1) : id < sinkIndex.length ? sinkIndex[id] - 1 : -1;
          if (k < 0) {
            // An ASCII id goes to a sink that keeps bytes as its bytes: no string per customer.
            k = sink.customerIndexBytes && ids.ascii(id) ? sink.customerIndexBytes(ids.bytes, ids.start(id), ids.end(id), ids, id) : sink.customerIndex(ids.string(id), ids.distinct);
            if (same && k === id) asked++;
            else {
              if (same) notSame();
              store(id, k);
            }
          }
          if (!sink.addRow(k, day, amount, line, quantity)) return;
          if (texts.length === 0) return;
          if (k >= kept.length) {
            const grown = new Uint8Array(Math.max(kept.length * 4, k + 1));
            grown.set(kept);
            kept = grown;
          }
          for (let x = 0; x < texts.length; x++) {
            const t = texts[x];
            // An empty cell has no text to keep (cells.text gives ''): most rows' company, say.
            if ((kept[k] & (1 << x)) !== 0 || t.col >= cells.cellCount || cells.start(t.col) === cells.end(t.col)) continue;
            if (!sink.lacksText(k, t.role)) {
              kept[k] |= 1 << x;
              continue;
            }
            // Kept as bytes when the sink can (no string per customer until one is shown).
            if (sink.setTextBytes && cells.plain(t.col)) {
              sink.setTextBytes(k, t.role, cells.piece, cells.start(t.col), cells.end(t.col));
              kept[k] |= 1 << x;
              continue;
            }
            const v = cells.text(t.col);
            if (v) {
              sink.setText(k, t.role, v);
              kept[k] |= 1 << x;
            }
          }
          return;
        }
        // One string per id, kept: every row of the customer carries it.
        const t: Transaction = { customerId: (idTexts[id] ??= ids.string(id)), day, amount, line };
        if (quantity !== undefined) t.quantity = quantity;
        for (const x of texts) {
          const v = cells.text(x.col);
          if (v) t[x.role] = v;
        }
        if (options.onTransaction) options.onTransaction(t);
        else result.transactions.push(t);
      },
    };
    // A source that reads its rows on another thread hands them over recorded (scanned-rows.ts).
    const recorded = isByteSource(bytes.input) ? bytes.input.scanRows?.(plan, bytes.pieceBytes) : undefined;
    const lines = recorded
      ? replayByteRows(recorded, plan, ids, target, visitor, options.onProgress)
      : scanByteRows(bytes.input, plan, ids, target, visitor, options.onProgress, bytes.pieceBytes, bytes.scratch);
    // The sink may keep the ids' bytes where the lane has them: not its hash table.
    ids.seal();
    return lines;
  };
}

function isBlankRow(row: readonly unknown[]): boolean {
  for (const cell of row) if (cellText(cell) !== '') return false;
  return true;
}

/**
 * The transaction reader for 2-D arrays of cells, as an Excel range's
 * `values` gives them (numbers, strings, booleans, null or ''; `Date`s are
 * accepted too). Number cells in the date column are Excel serials. The first
 * non-blank row is a header when `header` says so (`auto`: when it names
 * known columns or holds text over numbers). Lines in reports are sheet row
 * numbers: row index + `firstRow` (default 1).
 * Throws like {@link readTransactions}, with fn 'readTransactionCells'.
 * @example readTransactionCells([['id', 'date', 'amount'], ['7', 45356, 12]], { firstRow: 5 }).transactions
 * // [{ customerId: '7', day: 19787, amount: 12, line: 6 }]
 */
export function readTransactionCells(rows: readonly (readonly unknown[])[], options: ReadCellsOptions = {}): ReadResult {
  const firstRow = options.firstRow ?? 1;
  const result = emptyResult('cells', '');
  result.lines = rows.length;
  let start = 0;
  while (start < rows.length && isBlankRow(rows[start])) start++;
  if (start >= rows.length) {
    result.blankLines = rows.length;
    addWarning(result, msg('read.rangeNoRows'));
    options.onProgress?.(1);
    return result;
  }
  // The non-blank rows at the top, as text, with their indexes: the header
  // is looked for among them (below a report's title and notes).
  const sniff: string[][] = [];
  const sniffIndex: number[] = [];
  for (let i = start; i < rows.length && sniff.length < 21 + MAX_PREAMBLE_ROWS; i++) {
    if (!isBlankRow(rows[i])) {
      sniff.push(rows[i].map(cellText));
      sniffIndex.push(i);
    }
  }
  let headerIndex = -1;
  if (options.headerRow !== undefined && options.headerRow > 0) {
    headerIndex = options.headerRow - firstRow;
    if (headerIndex < 0 || headerIndex >= rows.length) {
      throw new CvError('readTransactionCells', 'value', msg('read.headerRowOutside', { row: options.headerRow, first: firstRow, last: firstRow + rows.length - 1 }));
    }
    if (isBlankRow(rows[headerIndex])) throw new CvError('readTransactionCells', 'value', msg('read.headerRowBlank', { row: options.headerRow }));
  } else if (options.header === true) {
    headerIndex = start;
  } else if ((options.header === undefined || options.header === 'auto') && options.headerRow !== 0) {
    const found = findHeaderRow(sniff);
    if (found >= 0) headerIndex = sniffIndex[found];
    else if (rows[start].every((c) => typeof c === 'string' || c === null || c === undefined) && looksLikeHeader(sniff[0], sniff.slice(1, 21))) headerIndex = start;
  }
  const hasHeader = headerIndex >= 0;
  result.hasHeader = hasHeader;
  const headers = hasHeader ? rows[headerIndex].map(cellText) : null;
  const dataFrom = hasHeader ? headerIndex + 1 : start;
  const preamble: SkippedRow[] = [];
  for (let i = start; i < (hasHeader ? headerIndex : start); i++) {
    if (!isBlankRow(rows[i])) preamble.push(skippedRow(rows[i].map(cellText), i + firstRow));
  }
  const sample: (readonly unknown[])[] = [];
  for (let i = dataFrom; i < rows.length && sample.length < 20; i++) {
    if (!isBlankRow(rows[i])) sample.push(rows[i]);
  }
  if (sample.length === 0 && !headers) sample.push(rows[start]);
  result.mapping = settleMapping('readTransactionCells', headers, sample, options, result);
  result.headers = headers ?? [];
  const decision = decideCellDecimal(rows, dataFrom, firstRow, result.mapping, options.decimal);
  result.decimal = decision.decimal;
  if (decision.warning) addWarning(result, decision.warning);
  const builder = new TransactionBuilder(result.mapping, options, result, result.headers);
  const skipped = preambleWarning(preamble, headerIndex + firstRow, options.headerRow !== undefined, 'row');
  if (skipped) addWarning(result, skipped);
  if (hasHeader) {
    const w = headerLooksLikeData(result.headers, result.mapping, headerIndex + firstRow, options.header, options.headerRow);
    if (w) addWarning(result, w);
  }
  for (let i = start; i < dataFrom; i++) if (isBlankRow(rows[i])) result.blankLines++;
  result.blankLines += start;
  for (let i = dataFrom; i < rows.length; i++) {
    const row = rows[i];
    if (isBlankRow(row)) result.blankLines++;
    else builder.add(row, i + firstRow);
    if (options.onProgress && i % 65536 === 65535) options.onProgress(i / rows.length);
  }
  builder.finish();
  options.onProgress?.(1);
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

