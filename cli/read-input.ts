/**
 * Reads a FILE argument: its bytes, with file-system failures turned into
 * one sentence the user can act on, and its transactions, from a text table
 * (CSV and the like) or an .xlsx workbook, told apart by their bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { CvError, formatMessage, readTransactionCells, readTransactions, type ReadOptions, type ReadResult } from '../core/index.ts';
import { explainMissingColumn, parseNumber } from './options.ts';
import { UsageError } from './usage-error.ts';
import { isOle2, isZip, readSheetRows } from './xlsx-input.ts';
import { openFileSource, type FileSource } from './file-source.ts';

export function readInputFile(path: string | undefined): Uint8Array {
  return openInput(path, (p) => readFileSync(p));
}

/**
 * A FILE argument opened to be read in pieces (a CSV of millions of rows is
 * then never whole in memory: core/read/byte-source.ts), with the same
 * sentences as readInputFile when it cannot be. The caller closes it.
 */
export function openInputFile(path: string | undefined): FileSource {
  // Off unless asked for: on the 1,005,320-row file it cost more CPU and memory than it saved in time (docs/scale.md).
  const parseWorker = process.env.CVLENS_PARSE_WORKER === '1';
  return openInput(path, (p) => openFileSource(p, { parseWorker }));
}

function openInput<T>(path: string | undefined, open: (path: string) => T): T {
  if (!path) throw new UsageError('missing FILE: give the path of a CSV or .xlsx file of transactions.');
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`'${path}' is a folder, not a file.`);
    return open(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read '${path}': no such file.`);
    if (code === 'EACCES') throw new UsageError(`cannot read '${path}': permission denied.`);
    throw new UsageError(`cannot read '${path}': ${(error as Error).message}.`);
  }
}

/** `--header-row N`: the line (sheet row) of the column names; 0 for none. */
export function parseHeaderRow(text: string | undefined): number | undefined {
  return parseNumber(text, '--header-row', (n) =>
    Number.isInteger(n) && n >= 0 ? undefined : 'must be the line number of the column names (1 for the first line; 0 when there are none)',
  );
}

export interface TransactionInput {
  read: ReadResult;
  /** The sheet read, for a workbook; its rows are what `line` counts then. */
  sheet?: string;
}

/** What the reader's line numbers count: file lines, or sheet rows. */
export function lineWord(input: TransactionInput): 'line' | 'row' {
  return input.sheet === undefined ? 'line' : 'row';
}

/**
 * The transactions of a file's bytes: an .xlsx (a zip package) through its
 * first visible sheet or `sheet`, anything else as a text table. An
 * Excel 97–2003 .xls (or a password-protected workbook) is refused with what
 * to do instead.
 */
export async function readTransactionsFrom(
  input: Uint8Array | FileSource,
  path: string,
  options: ReadOptions,
  sheet?: string,
): Promise<TransactionInput> {
  // The first bytes tell a workbook from text; a text file is then read in pieces, a workbook whole.
  const head = input instanceof Uint8Array ? input : firstBytes(input, 4);
  const bytes = (): Uint8Array => (input instanceof Uint8Array ? input : readWhole(input));
  if (isOle2(head)) {
    throw new UsageError(`'${path}' is an Excel 97–2003 workbook (.xls) or a password-protected one; cvlens reads .xlsx and CSV: save it as one of those.`);
  }
  // The bytes decide, not the name: a CSV saved as "report.xlsx" is still read.
  const workbook = isZip(head);
  if (!workbook && sheet !== undefined) throw new UsageError(`--sheet is for .xlsx workbooks; '${path}' is a text file.`);
  try {
    if (!workbook) return { read: readTransactions(input, options) };
    const { rows, sheet: name } = await readSheetRows(bytes(), path, sheet);
    const { delimiter: _d, encoding: _e, ...cellOptions } = options;
    return { read: readTransactionCells(rows, { ...cellOptions, firstRow: 1 }), sheet: name };
  } catch (error) {
    throw explainReadError(error, options.headerRow !== undefined);
  }
}

function firstBytes(source: FileSource, n: number): Uint8Array {
  const out = new Uint8Array(Math.min(n, source.size));
  source.read(out, 0);
  return out;
}

function readWhole(source: FileSource): Uint8Array {
  const out = new Uint8Array(source.size);
  for (let at = 0; at < out.length; ) {
    const got = source.read(out.subarray(at), at);
    if (got <= 0) throw new UsageError(`the file ended at byte ${at} of ${out.length} while being read (did it change?).`);
    at += got;
  }
  return out;
}

/**
 * Whether the row taken for the header may be a title instead: it names
 * fewer columns than the three a transaction needs, or there was none.
 */
function mayBeTitle(message: string): boolean {
  const list = /the headers found are (.*?)\); name it/.exec(message)?.[1];
  if (list === undefined) return true;
  return [...list.matchAll(/'([^']*)'/g)].filter((m) => m[1]!.trim() !== '').length < 3;
}

/** The reader's failures in the command line's words (options, not the reader's option names). */
function explainReadError(error: unknown, headerRowGiven: boolean): unknown {
  if (error instanceof CvError && error.problem?.code.startsWith('read.headerRow')) {
    return new UsageError(`--header-row: ${formatMessage(error.problem, 'en')}`, `--header-row：${formatMessage(error.problem, 'zh')}`);
  }
  const explained = explainMissingColumn(error);
  if (explained instanceof UsageError && !headerRowGiven && / column was found/.test(explained.message) && mayBeTitle(explained.message)) {
    return new UsageError(
      `${explained.message} If the column names are not on the first line, give their line with --header-row N.`,
      `${explained.zh ?? explained.message}如果列名不在第一行，请用 --header-row N 指定其所在行。`,
    );
  }
  return explained;
}
