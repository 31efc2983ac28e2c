/**
 * The one door through which a custom function reports failure. Excel shows
 * a thrown `CustomFunctions.Error` as #VALUE!, #NUM! or #N/A with the message
 * as the cell's tooltip; anything else thrown would show as a bare #VALUE!
 * without a reason. Outside Office (tests, the bench) the global
 * `CustomFunctions` is absent, so a test double with the same shape is used.
 */
import { CvError, formatMessage } from '../../core/index.ts';
import { officeLang } from './lang.ts';
import { message, reason } from './messages.ts';

/** The three Excel errors cvlens uses, named as in `CustomFunctions.ErrorCode`. */
export type ExcelErrorCode = 'invalidValue' | 'invalidNumber' | 'notAvailable';

/** What Excel displays for each code. */
export const EXCEL_ERROR_TEXT: Record<ExcelErrorCode, string> = {
  invalidValue: '#VALUE!',
  invalidNumber: '#NUM!',
  notAvailable: '#N/A',
};

/** The shape of `CustomFunctions.Error` that the functions rely on. */
export interface ExcelError extends Error {
  readonly code: string;
}

/** Test double for `CustomFunctions.Error`; like Office's, its code is the displayed text ("#NUM!"). */
export class CellError extends Error implements ExcelError {
  override readonly name = 'CellError';
  readonly code: string;
  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.code = EXCEL_ERROR_TEXT[code];
  }
}

interface CustomFunctionsRuntime {
  Error: new (code: string, message?: string) => ExcelError;
  ErrorCode: Record<ExcelErrorCode, string>;
}

function runtime(): CustomFunctionsRuntime | undefined {
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return cf && typeof cf.Error === 'function' && cf.ErrorCode ? cf : undefined;
}

/**
 * Builds the Excel error for `code` with a reason, using Office's
 * `CustomFunctions.Error` when the add-in runs in Excel.
 * @example toExcelError('notAvailable', 'CV.BGNBD: need at least 10 customers') // shows #N/A with the reason
 */
export function toExcelError(code: ExcelErrorCode, message: string): ExcelError {
  const cf = runtime();
  // Excel truncates long tooltips; keep the reason short and whole.
  const text = message.length > 250 ? `${message.slice(0, 247)}...` : message;
  return cf ? new cf.Error(cf.ErrorCode[code], text) : new CellError(code, text);
}

/**
 * Maps a core error kind to the Excel error. Excel shows a reason only on
 * #VALUE! and #N/A, and every core error needs its reason, so none becomes
 * #NUM!: a wrong value or a number out of domain is #VALUE!; a missing input,
 * data that cannot support a model (`data`) and a fit that did not converge
 * are #N/A (no result is available from these cells).
 */
export function excelCodeOf(kind: CvError['kind']): ExcelErrorCode {
  switch (kind) {
    case 'num':
    case 'value':
      return 'invalidValue';
    case 'missing':
    case 'data':
    case 'convergence':
      return 'notAvailable';
  }
}

/**
 * Turns anything thrown into an Excel error of function `fn` (as the user
 * typed it, "CV.PALIVE"); an Excel error passes through. A core error keeps
 * its reason (in the display language where core gives it as a message) but
 * not the core function's name, which means nothing to a user.
 */
export function asExcelError(thrown: unknown, fn: string): ExcelError {
  if (thrown instanceof CvError) {
    const why = thrown.problem ? formatMessage(thrown.problem, officeLang()) : thrown.reason;
    return toExcelError(excelCodeOf(thrown.kind), `${fn}${sep()}${why}`);
  }
  if (isExcelError(thrown)) return thrown;
  // A cancelled call (cache.ts, worker-task.ts): Excel has dropped the call, but the promise still settles with a reason.
  if (thrown instanceof DOMException && thrown.name === 'AbortError') return toExcelError('notAvailable', message(fn, 'cancelled'));
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  return toExcelError('invalidValue', message(fn, 'unexpected', { reason: text }));
}

function isExcelError(thrown: unknown): thrown is ExcelError {
  if (thrown instanceof CellError) return true;
  const cf = runtime();
  return cf !== undefined && thrown instanceof cf.Error;
}

function sep(): string {
  return officeLang() === 'zh' ? '：' : ': ';
}

/**
 * The error of function `fn` for row `row` (1-based) of its ranges: the
 * reason as thrown, with the row added.
 */
export function atRow(thrown: unknown, fn: string, row: number): ExcelError {
  const e = asExcelError(thrown, fn);
  const code = (Object.keys(EXCEL_ERROR_TEXT) as ExcelErrorCode[]).find((k) => EXCEL_ERROR_TEXT[k] === e.code || runtime()?.ErrorCode[k] === e.code) ?? 'invalidValue';
  return toExcelError(code, reason('row', { reason: e.message, row }));
}

/**
 * Runs the body of function `fn` so that nothing leaves it raw: every throw
 * becomes an Excel error with a reason.
 * @example guard('CV.CLV', () => { throw new CvError('classicClv', 'num', 'diverges') }) // throws #VALUE! 'CV.CLV: diverges'
 */
export function guard<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (thrown) {
    throw asExcelError(thrown, fn);
  }
}

/** `guard` for async bodies (functions that fit a model off the main path). */
export async function guardAsync<T>(fn: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (thrown) {
    throw asExcelError(thrown, fn);
  }
}

/** Throws the Excel error `code` with `message`. */
export function fail(code: ExcelErrorCode, message: string): never {
  throw toExcelError(code, message);
}
