/**
 * The one door through which a custom function reports failure. Excel shows
 * a thrown `CustomFunctions.Error` as #VALUE!, #NUM! or #N/A with the message
 * as the cell's tooltip; anything else thrown would show as a bare #VALUE!
 * without a reason. Outside Office (tests, the bench) the global
 * `CustomFunctions` is absent, so a test double with the same shape is used.
 */
import { CvError } from '../../core/index.ts';

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
 * @example toExcelError('invalidNumber', 'retention must be below 1 + discount') // shows #NUM!
 */
export function toExcelError(code: ExcelErrorCode, message: string): ExcelError {
  const cf = runtime();
  // Excel truncates long tooltips; keep the reason short and whole.
  const text = message.length > 250 ? `${message.slice(0, 247)}...` : message;
  return cf ? new cf.Error(cf.ErrorCode[code], text) : new CellError(code, text);
}

/**
 * Maps a core error kind to the Excel error: data that is wrong in kind is
 * #VALUE!, numbers out of domain and fits that did not converge are #NUM!,
 * missing inputs are #N/A. A `data` error (nothing usable in the range) is
 * #VALUE!, because the cells hold the wrong kind of thing.
 */
export function excelCodeOf(kind: CvError['kind']): ExcelErrorCode {
  switch (kind) {
    case 'num':
    case 'convergence':
      return 'invalidNumber';
    case 'missing':
      return 'notAvailable';
    case 'value':
    case 'data':
      return 'invalidValue';
  }
}

/** Turns anything thrown into an Excel error; an Excel error passes through. */
export function asExcelError(thrown: unknown): ExcelError {
  if (thrown instanceof CvError) return toExcelError(excelCodeOf(thrown.kind), thrown.message);
  if (thrown instanceof CellError) return thrown;
  const cf = runtime();
  if (cf && thrown instanceof cf.Error) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return toExcelError('invalidValue', `cvlens: unexpected error: ${message}`);
}

/**
 * Runs a function body so that nothing leaves it raw: every throw becomes an
 * Excel error with a reason.
 * @example guard(() => { throw new CvError('CV.CLV', 'num', 'r >= 1 + d') }) // throws #NUM! 'CV.CLV: r >= 1 + d'
 */
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (thrown) {
    throw asExcelError(thrown);
  }
}

/** `guard` for async bodies (functions that fit a model off the main path). */
export async function guardAsync<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (thrown) {
    throw asExcelError(thrown);
  }
}

/** Throws the Excel error `code` with `message`. */
export function fail(code: ExcelErrorCode, message: string): never {
  throw toExcelError(code, message);
}
