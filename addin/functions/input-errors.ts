/**
 * Excel error values (#N/A, #DIV/0!, …) arriving as arguments. functions.json
 * sets `allowErrorForDataTypeAny` (Microsoft, "Manually create JSON metadata
 * for custom functions": a top-level property; every parameter of type any
 * then receives errors), so a range holding one error still reaches the
 * function, which says where the error is instead of Excel passing the bare
 * input error on (Microsoft, "Handle and return errors from your custom
 * function": "Errors as custom function inputs").
 *
 * What such an argument looks like is not in @types/office-js or Microsoft's
 * pages; it is in the runtime (@microsoft/office-js 1.1.110,
 * dist/custom-functions-runtime.debug.js): for an invocation flagged "allow
 * error", CustomFunctionProxy._transferCustomFunctionError turns every
 * argument, and every cell of a 2-D argument, that Excel sent as
 * `{ type: "CustomFunctionError", code }` into `new CustomFunctionError(code)`,
 * i.e. a `CustomFunctions.Error`: an Error whose `code` (and `basicValue`) is
 * the displayed text ("#N/A", "#DIV/0!": the values of
 * `CustomFunctions.ErrorCode`) and whose message is empty. A host that sends
 * no flags skips that step and the raw `{ type, code }` object arrives, so an
 * input error is recognised by its `code` alone.
 */
import { toExcelError } from './excel-error.ts';
import { message, reason } from './messages.ts';

/** An error value as a custom function receives it. */
export interface InputError {
  readonly code: string;
}

/** True for an Excel error value received as an argument or a range cell. */
export function isInputError(v: unknown): v is InputError {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { code?: unknown }).code === 'string' && (v as InputError).code.startsWith('#');
}

/**
 * The first error in argument `value`: its code and, for a range, the 1-based row.
 * @example firstInputError([[1], [{ code: '#N/A' }]]) // { code: '#N/A', row: 2 }
 */
export function firstInputError(value: unknown): { code: string; row?: number } | undefined {
  if (isInputError(value)) return { code: value.code };
  if (!Array.isArray(value)) return undefined;
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    const cells: unknown[] = Array.isArray(row) ? row : [row];
    for (const c of cells) if (isInputError(c)) return { code: c.code, row: i + 1 };
  }
  return undefined;
}

/**
 * Wraps custom function `impl` (named `fn`, parameters `names` in the order
 * of functions.json) so that an error in any argument becomes #N/A (for an
 * input #N/A: the value is missing) or #VALUE! (any other error), with a
 * reason naming the argument and the row of the range. Only #VALUE! and #N/A
 * carry a reason in Excel, so the input's own code is not passed on.
 */
export function rejectInputErrors<F extends (...args: never[]) => unknown>(fn: string, names: readonly string[], impl: F): F {
  const wrapped = (...args: unknown[]): unknown => {
    for (let i = 0; i < args.length; i++) {
      const e = firstInputError(args[i]);
      if (!e) continue;
      const arg = names[i] ?? `argument ${i + 1}`;
      const text = message(fn, 'errorInput', { arg, error: e.code });
      const full = e.row === undefined ? text : reason('row', { reason: text, row: e.row });
      const error = toExcelError(e.code === '#N/A' ? 'notAvailable' : 'invalidValue', full);
      if (impl.constructor.name === 'AsyncFunction') return Promise.reject(error);
      throw error;
    }
    return (impl as unknown as (...a: unknown[]) => unknown)(...args);
  };
  return wrapped as unknown as F;
}
