/**
 * Calls a custom function the way Excel does, from what functions.json
 * declares about it, instead of the way its code expects:
 *
 * - a `matrix` parameter always receives a 2-D array (a literal scalar as a
 *   1×1 array);
 * - a scalar parameter receives one value: a 1×1 range is its cell, and a
 *   larger range is "lifted": Excel calls the function once per cell and
 *   assembles the calls' results into the range's shape, broadcasting a
 *   single row or column and padding mismatched sizes with #N/A, as for
 *   built-in functions (Microsoft, "Dynamic array formulas and spilled array
 *   behavior": "lifting"). A lifted call that returns an array shows only its
 *   top-left value (as =SEQUENCE({2,3}) does); the harness reports it;
 * - an omitted optional parameter arrives as `null` (Microsoft, "Custom
 *   functions parameter options": "When no value is specified for an optional
 *   parameter, Excel assigns it the value null");
 * - an error value in an input reaches a parameter only when functions.json
 *   sets the top-level `allowErrorForDataTypeAny` and the parameter's type is
 *   any (Microsoft, "Manually create JSON metadata for custom functions": "All
 *   parameters with the type any or any[][] can accept errors as input values
 *   when allowErrorForDataTypeAny is set to true"); it arrives as a
 *   `CustomFunctions.Error` whose code is the displayed text ("#N/A", the
 *   values of `CustomFunctions.ErrorCode`). Otherwise Excel shows the input's
 *   error without calling the function;
 * - a thrown CustomFunctions.Error keeps its message only for #VALUE! and #N/A
 *   (Microsoft, "Handle and return errors from your custom function": "The
 *   #VALUE! and #N/A errors also support custom error messages");
 * - the result must have the declared dimensionality: a rectangular 2-D array
 *   of numbers, strings and booleans for `matrix`, one such value otherwise;
 * - every call gets one more argument after the declared parameters, the
 *   invocation object (@microsoft/office-js 1.1.110,
 *   dist/custom-functions-runtime.debug.js: _batchInvocationEntries pushes an
 *   InvocationContext onto every call's parameter values). When Excel cancels
 *   a call (the user edits or deletes the cell, an argument changes, a manual
 *   recalculation), the runtime calls that object's `onCanceled` only if
 *   functions.json declares the function `"options": { "cancelable": true }`
 *   (only such calls are kept in its _invocationContextMap, which
 *   _handleCancellationEntries looks in); Excel no longer wants the result,
 *   so nothing the call returns afterwards reaches a cell.
 */
import type { FunctionMetadata, Metadata } from '../../../addin/build/metadata.ts';

/** An Excel error value in a cell or a result (#N/A, #VALUE!, …), with the tooltip Excel would show. */
export interface ErrorValue {
  error: string;
  message?: string;
}

export type Scalar = number | string | boolean | null | ErrorValue;
/** One formula argument: a literal, a range or array constant (rows of cells), or `undefined` for an omitted optional. */
export type Argument = Scalar | Scalar[][] | undefined;
export type Shown = number | string | boolean | ErrorValue;

export interface ExcelCall {
  /** What the cells show, in the spill's shape; nothing when the call was cancelled. */
  values: Shown[][];
  /** How many times Excel called the function. */
  calls: number;
  /** Contract breaches seen on the way (wrong result shape, values dropped by lifting…). */
  violations: string[];
  /** Present when Excel cancelled the formula before its result was in. */
  canceled?: CancelReport;
}

export interface CancelReport {
  /** Whether the runtime told the function (its onCanceled was called): only for a function declared cancelable. */
  told: boolean;
  /** How the function's promise ended after the cancel, within `settleWithinMs`; 'pending' if it had not. */
  settled: 'resolved' | 'rejected' | 'pending';
  /** Milliseconds from the cancel to the promise settling. */
  settledAfterMs?: number;
  /** The value the promise settled with: what Excel drops. */
  dropped?: unknown;
}

export interface CallOptions {
  /** Excel cancels the formula when this promise resolves, if its result is not in by then. */
  cancel?: Promise<unknown>;
  /** How long to wait, after a cancel, for the call's promise to settle (default 10 s). */
  settleWithinMs?: number;
  /** Excel evaluates the formula for its formula value preview (the invocation's isInValuePreview), as while the user edits it. */
  valuePreview?: boolean;
}

/**
 * The invocation object as the runtime passes it (its InvocationContext):
 * the function's id, whether the call is for the formula value preview
 * (Microsoft, "Work with formula value preview mode in your custom
 * functions"), and `onCanceled` for the function to set.
 */
export class HarnessInvocation {
  onCanceled?: () => void;
  constructor(
    readonly functionName: string,
    readonly isInValuePreview = false,
  ) {}
}

export type Implementation = (...args: never[]) => unknown;

/**
 * An input error as the custom-functions runtime passes it. Read in
 * @microsoft/office-js 1.1.110, dist/custom-functions-runtime.debug.js: when
 * the invocation's flags carry "allow error" (bit 4, set for functions.json's
 * allowErrorForDataTypeAny), CustomFunctionProxy._transferCustomFunctionError
 * replaces each argument, and each cell of a 2-D argument, that Excel sent as
 * `{ type: "CustomFunctionError", code }` by `new CustomFunctionError(code)`:
 * the class exposed as `CustomFunctions.Error`, an `Error` with an empty
 * message, `code` and `basicValue` the displayed text ("#N/A", the values of
 * `CustomFunctions.ErrorCode`), `type` and `basicType` "Error", no
 * `errorSubType`. This double has the same fields.
 */
export class RuntimeInputError extends Error {
  override readonly name = 'CustomFunctions.Error';
  readonly type = 'Error';
  readonly basicType = 'Error';
  readonly basicValue: string;
  readonly errorSubType = undefined;
  constructor(readonly code: string) {
    super('');
    this.basicValue = code;
  }
}

/** What a parameter receives for one cell: an error value becomes the runtime's error object. */
function passed(v: Scalar): unknown {
  return isErrorValue(v) ? new RuntimeInputError(v.error) : v;
}

export function isErrorValue(v: unknown): v is ErrorValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as ErrorValue).error === 'string';
}

const WITH_MESSAGE = new Set(['#VALUE!', '#N/A']);

function as2d(v: Scalar | Scalar[][]): Scalar[][] {
  return Array.isArray(v) ? v : [[v]];
}

function firstError(v: Argument): ErrorValue | undefined {
  if (v === undefined) return undefined;
  for (const row of as2d(v)) for (const c of row) if (isErrorValue(c)) return { error: c.error };
  return undefined;
}

function shownOf(thrown: unknown): ErrorValue {
  if (thrown instanceof Error && typeof (thrown as { code?: unknown }).code === 'string') {
    const code = (thrown as Error & { code: string }).code;
    return WITH_MESSAGE.has(code) ? { error: code, message: thrown.message } : { error: code };
  }
  // Anything else thrown reaches the cell as a bare #VALUE!.
  return { error: '#VALUE!' };
}

function isCellValue(v: unknown): v is number | string | boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';
}

/** Checks one call's result against the declared dimensionality; returns it as rows of shown values. */
function checkResult(meta: FunctionMetadata, result: unknown, violations: string[]): Shown[][] {
  if (meta.result.dimensionality === 'matrix') {
    if (!Array.isArray(result) || result.length === 0 || !result.every((r) => Array.isArray(r) && r.length > 0)) {
      violations.push(`${meta.id}: declared a matrix result but returned ${JSON.stringify(result)?.slice(0, 80)}`);
      return [[{ error: '#VALUE!' }]];
    }
    const rows = result as unknown[][];
    if (rows.some((r) => r.length !== rows[0].length)) violations.push(`${meta.id}: ragged matrix result`);
    return rows.map((r) =>
      r.map((c) => {
        if (isCellValue(c)) return c;
        violations.push(`${meta.id}: result cell ${JSON.stringify(c)} is not a number, string or boolean`);
        return { error: '#VALUE!' };
      }),
    );
  }
  if (!isCellValue(result)) {
    violations.push(`${meta.id}: declared a scalar result but returned ${JSON.stringify(result)?.slice(0, 80)}`);
    return [[{ error: '#VALUE!' }]];
  }
  return [[result]];
}

type Outcome = { ok: true; value: unknown } | { ok: false; thrown: unknown };

async function callOnce(meta: FunctionMetadata, impl: Implementation, args: unknown[], violations: string[], options: CallOptions): Promise<Shown[][] | CancelReport> {
  const invocation = new HarnessInvocation(meta.id, options.valuePreview === true);
  const outcome: Promise<Outcome> = Promise.resolve()
    .then(() => (impl as (...a: unknown[]) => unknown)(...args, invocation))
    .then((value) => ({ ok: true as const, value }), (thrown: unknown) => ({ ok: false as const, thrown }));
  const CANCEL = Symbol('cancel');
  const first = options.cancel ? await Promise.race([outcome, options.cancel.then(() => CANCEL)]) : await outcome;
  if (first !== CANCEL) {
    const o = first as Outcome;
    return o.ok ? checkResult(meta, o.value, violations) : [[shownOf(o.thrown)]];
  }
  const told = meta.options?.cancelable === true;
  const at = performance.now();
  if (told) invocation.onCanceled?.();
  const within = options.settleWithinMs ?? 10_000;
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, within);
    void outcome.finally(() => clearTimeout(timer));
  });
  const late = await Promise.race([outcome, timeout]);
  if (!late) return { told, settled: 'pending' };
  return { told, settled: late.ok ? 'resolved' : 'rejected', settledAfterMs: performance.now() - at, dropped: late.ok ? late.value : late.thrown };
}

function isCancelReport(v: Shown[][] | CancelReport): v is CancelReport {
  return !Array.isArray(v);
}

/**
 * Evaluates `=NS.ID(args…)` as Excel would, with `meta` from functions.json.
 * @throws Error when the formula could not be entered (too few or too many arguments).
 */
export async function callAsExcel(
  meta: FunctionMetadata,
  impl: Implementation,
  args: readonly Argument[],
  file: { allowErrorForDataTypeAny?: boolean } = {},
  options: CallOptions = {},
): Promise<ExcelCall> {
  const params = meta.parameters;
  if (args.length > params.length) throw new Error(`${meta.id} takes at most ${params.length} arguments, got ${args.length}`);
  params.forEach((p, i) => {
    if (!p.optional && args[i] === undefined) throw new Error(`${meta.id}: required argument ${p.name} omitted`);
  });
  const violations: string[] = [];
  const takesErrors = params.map((p) => file.allowErrorForDataTypeAny === true && (p.type === undefined || p.type === 'any'));
  const full: Argument[] = params.map((_, i) => args[i]);

  // Matrix arguments are passed whole: one error anywhere in one that takes none and Excel never calls the function.
  for (let i = 0; i < params.length; i++) {
    if (params[i].dimensionality !== 'matrix' || takesErrors[i]) continue;
    const e = firstError(full[i]);
    if (e) return { values: [[e]], calls: 0, violations };
  }

  // Scalar arguments given a multi-cell range are lifted.
  const lifted = params.map((p, i) => {
    const a = full[i];
    return p.dimensionality !== 'matrix' && Array.isArray(a) && (a.length > 1 || (a[0]?.length ?? 0) > 1);
  });
  const rows = Math.max(1, ...full.map((a, i) => (lifted[i] ? (a as Scalar[][]).length : 1)));
  const cols = Math.max(1, ...full.map((a, i) => (lifted[i] ? Math.max(...(a as Scalar[][]).map((r) => r.length)) : 1)));
  const liftedAny = lifted.some(Boolean);

  const values: Shown[][] = [];
  let calls = 0;
  for (let r = 0; r < rows; r++) {
    const row: Shown[] = [];
    for (let c = 0; c < cols; c++) {
      let missing = false;
      const callArgs = full.map((a, i) => {
        if (a === undefined) return null;
        if (params[i].dimensionality === 'matrix') return as2d(a);
        if (!Array.isArray(a)) return a;
        if (!lifted[i]) return a[0]?.[0] ?? null;
        const rr = a.length === 1 ? 0 : r;
        const src = a[rr];
        const cc = src && src.length === 1 ? 0 : c;
        if (!src || cc >= src.length) {
          missing = true;
          return null;
        }
        return src[cc];
      });
      if (missing) {
        row.push({ error: '#N/A' });
        continue;
      }
      const inputError = callArgs.map((a, i) => (params[i].dimensionality === 'matrix' || takesErrors[i] ? undefined : isErrorValue(a) ? a : undefined)).find(Boolean);
      if (inputError) {
        row.push({ error: inputError.error });
        continue;
      }
      calls++;
      const given = callArgs.map((a) => (Array.isArray(a) ? a.map((r) => r.map(passed)) : passed(a as Scalar)));
      const out = await callOnce(meta, impl, given, violations, options);
      if (isCancelReport(out)) return { values: [], calls, violations, canceled: out };
      if (!liftedAny) return { values: out, calls, violations };
      if (out.length > 1 || out[0].length > 1) violations.push(`${meta.id}: a lifted call returned ${out.length}×${out[0].length} values; Excel shows only the first`);
      row.push(out[0][0]);
    }
    values.push(row);
  }
  return { values, calls, violations };
}

/** The function `id` of `metadata`. */
export function functionMeta(metadata: Metadata, id: string): FunctionMetadata {
  const f = metadata.functions.find((m) => m.id === id);
  if (!f) throw new Error(`no function ${id} in functions.json`);
  return f;
}
