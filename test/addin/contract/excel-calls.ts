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
 * - a result cell may also be a formatted number, `{ type, basicValue,
 *   numberFormat }` (Microsoft, "Use data types with custom functions in
 *   Excel": "Output a formatted number"), but only when functions.json sets
 *   the top-level `allowCustomDataForDataTypeAny` (ibid., "Enable data types
 *   for custom functions"), the result is of type any, and this Excel has
 *   CustomFunctionsRuntime 1.4 ("Custom Functions requirement sets": 1.4
 *   "includes custom functions integration with data types") and the API
 *   that defines the object's type: "FormattedNumber" since ExcelApi 1.16,
 *   "Double" with a numberFormat since ExcelApi 1.19 (@types/office-js
 *   1.0.612). Otherwise, and for any other `type`, the cell is #VALUE!
 *   ("Autogenerate JSON metadata for custom functions": "Any other type will
 *   be treated as an error"). An accepted cell's value is the basicValue (what
 *   =A2+1 and sorting use) and it shows the basicValue in the numberFormat,
 *   rendered by numfmt, an independent implementation of Excel's number
 *   formats ("Use data types in Excel add-ins": 32889 in m/d/yyyy "displays
 *   as 1/16/1990");
 * - a cell of an argument that holds such a data type reaches a parameter of
 *   type any as the object when functions.json sets
 *   allowCustomDataForDataTypeAny (it "allows a custom function to accept
 *   data types as parameters"), and as its basicValue otherwise;
 * - the function sees the Excel it runs in through office.js's
 *   `Office.context.requirements.isSetSupported`, which the harness answers
 *   from `CallOptions.requirementSets` (default: a current Microsoft 365
 *   Excel) for the duration of the call;
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
import { format as formatNumber } from 'numfmt';
import type { FunctionMetadata, Metadata } from '../../../addin/build/metadata.ts';

/** An Excel error value in a cell or a result (#N/A, #VALUE!, …), with the tooltip Excel would show. */
export interface ErrorValue {
  error: string;
  message?: string;
}

/** A cell holding an Excel data type, as the Excel API spells it: `{ type: "Double", basicValue: 45356, numberFormat: "yyyy-mm-dd" }`. */
export interface DataTypeValue {
  type: string;
  basicValue: number | string | boolean;
  numberFormat?: string;
}

/** A cell showing a formatted number: its cell value's type, its value (what formulas and sorting see), its number format, and the text the cell shows. */
export interface FormattedValue {
  type: string;
  value: number;
  numberFormat: string;
  text: string;
}

export type Scalar = number | string | boolean | null | ErrorValue | DataTypeValue;
/** One formula argument: a literal, a range or array constant (rows of cells), or `undefined` for an omitted optional. */
export type Argument = Scalar | Scalar[][] | undefined;
export type Shown = number | string | boolean | ErrorValue | FormattedValue;

/** What functions.json says at its top level about error values and data types. */
export interface FileOptions {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
}

/**
 * The requirement sets of an Excel, each with the highest version it has
 * (a set it lacks is absent), from Microsoft's "Custom Functions requirement
 * sets" and "Excel JavaScript API requirement sets": CURRENT_EXCEL is
 * Microsoft 365 from Windows version 2509 (CustomFunctionsRuntime 1.5,
 * ExcelApi 1.20); OFFICE_2021 a volume-licensed Office 2021, which stops at
 * CustomFunctionsRuntime 1.3 and ExcelApi 1.14. (Microsoft 365 gained
 * CustomFunctionsRuntime 1.4 and ExcelApi 1.16 together in version 2208,
 * ExcelApi 1.19 in 2504; no perpetual Office has CustomFunctionsRuntime 1.4.)
 */
export type RequirementSets = Readonly<Record<string, string>>;
export const CURRENT_EXCEL: RequirementSets = { CustomFunctionsRuntime: '1.5', ExcelApi: '1.20', SharedRuntime: '1.1' };
export const OFFICE_2021: RequirementSets = { CustomFunctionsRuntime: '1.3', ExcelApi: '1.14', SharedRuntime: '1.1' };

function atLeast(have: string | undefined, want: string): boolean {
  if (have === undefined) return false;
  const [a, b] = [have, want].map((v) => v.split('.').map(Number));
  return a[0] !== b[0] ? a[0] > b[0] : (a[1] ?? 0) >= (b[1] ?? 0);
}

/** True when `sets` has `name` at `version` or later. */
export function supports(sets: RequirementSets, name: string, version: string): boolean {
  return atLeast(sets[name], version);
}

/** The value of a shown cell as formulas see it: a formatted number's basicValue, anything else as it is. */
export function valueOf(cell: Shown): number | string | boolean | ErrorValue {
  return isFormattedValue(cell) ? cell.value : cell;
}

/** What a formula that refers to a shown cell receives: a formatted number is the data type the cell holds. */
export function asArgument(cell: Shown): Scalar {
  return isFormattedValue(cell) ? { type: cell.type, basicValue: cell.value, numberFormat: cell.numberFormat } : cell;
}

export function isFormattedValue(v: unknown): v is FormattedValue {
  return typeof v === 'object' && v !== null && typeof (v as FormattedValue).numberFormat === 'string' && typeof (v as FormattedValue).value === 'number';
}

export function isDataTypeValue(v: unknown): v is DataTypeValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as DataTypeValue).type === 'string' && 'basicValue' in v;
}

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
  /** The Excel the formula runs in (default CURRENT_EXCEL). */
  requirementSets?: RequirementSets;
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

/** What a parameter receives for one cell: an error value becomes the runtime's error object, a data type its basicValue unless the parameter takes data types. */
function passed(v: Scalar, takesDataTypes: boolean): unknown {
  if (isErrorValue(v)) return new RuntimeInputError(v.error);
  if (isDataTypeValue(v) && !takesDataTypes) return v.basicValue;
  return v;
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

/** Why this Excel shows a data type result cell as #VALUE!, or undefined when it shows it. */
function dataTypeRefusal(meta: FunctionMetadata, c: DataTypeValue, file: FileOptions, sets: RequirementSets): string | undefined {
  if (file.allowCustomDataForDataTypeAny !== true) return `returned a ${c.type} cell value but functions.json does not set allowCustomDataForDataTypeAny`;
  if (meta.result.type !== undefined && meta.result.type !== 'any') return `returned a ${c.type} cell value from a result declared ${meta.result.type}`;
  if (!supports(sets, 'CustomFunctionsRuntime', '1.4')) return `returned a ${c.type} cell value to an Excel without CustomFunctionsRuntime 1.4`;
  if (typeof c.basicValue !== 'number' || !Number.isFinite(c.basicValue)) return `returned a ${c.type} cell value whose basicValue ${JSON.stringify(c.basicValue)} is not a number`;
  if (c.numberFormat !== undefined && typeof c.numberFormat !== 'string') return `returned a number format that is not text`;
  if (c.type === 'FormattedNumber') return supports(sets, 'ExcelApi', '1.16') ? undefined : 'returned a FormattedNumber cell value to an Excel without ExcelApi 1.16';
  if (c.type === 'Double') {
    if (!supports(sets, 'ExcelApi', '1.16')) return 'returned a Double cell value to an Excel without ExcelApi 1.16';
    if (c.numberFormat !== undefined && !supports(sets, 'ExcelApi', '1.19')) return 'returned a Double cell value with a numberFormat to an Excel without ExcelApi 1.19';
    return undefined;
  }
  return `returned a cell value of type ${JSON.stringify(c.type)}, which the harness does not know`;
}

/** One result cell as the cell shows it. */
function shownCell(meta: FunctionMetadata, c: unknown, file: FileOptions, sets: RequirementSets, violations: string[]): Shown {
  if (isCellValue(c)) return c;
  if (isDataTypeValue(c)) {
    const why = dataTypeRefusal(meta, c, file, sets);
    if (why) {
      violations.push(`${meta.id}: ${why}`);
      return { error: '#VALUE!' };
    }
    const value = c.basicValue as number;
    const numberFormat = c.numberFormat ?? 'General';
    return { type: c.type, value, numberFormat, text: formatNumber(numberFormat, value) };
  }
  violations.push(`${meta.id}: result cell ${JSON.stringify(c)?.slice(0, 80)} is not a number, string, boolean or formatted number`);
  return { error: '#VALUE!' };
}

/** Checks one call's result against the declared dimensionality; returns it as rows of shown values. */
function checkResult(meta: FunctionMetadata, result: unknown, file: FileOptions, sets: RequirementSets, violations: string[]): Shown[][] {
  if (meta.result.dimensionality === 'matrix') {
    if (!Array.isArray(result) || result.length === 0 || !result.every((r) => Array.isArray(r) && r.length > 0)) {
      violations.push(`${meta.id}: declared a matrix result but returned ${JSON.stringify(result)?.slice(0, 80)}`);
      return [[{ error: '#VALUE!' }]];
    }
    const rows = result as unknown[][];
    if (rows.some((r) => r.length !== rows[0].length)) violations.push(`${meta.id}: ragged matrix result`);
    return rows.map((r) => r.map((c) => shownCell(meta, c, file, sets, violations)));
  }
  if (Array.isArray(result)) {
    violations.push(`${meta.id}: declared a scalar result but returned ${JSON.stringify(result)?.slice(0, 80)}`);
    return [[{ error: '#VALUE!' }]];
  }
  return [[shownCell(meta, result, file, sets, violations)]];
}

/**
 * Office as office.js gives it to the function while Excel runs it: the
 * Office the test set up (a display language), with the requirements of
 * `sets`. Returns the function that puts the previous Office back.
 */
function installOffice(sets: RequirementSets): () => void {
  const g = globalThis as unknown as { Office?: { context?: Record<string, unknown> } };
  const had = 'Office' in g;
  const before = g.Office;
  const requirements = { isSetSupported: (name: string, minVersion = '1.1') => supports(sets, name, minVersion) };
  g.Office = { ...before, context: { ...before?.context, requirements } };
  return () => {
    if (had) g.Office = before;
    else delete g.Office;
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; thrown: unknown };

async function callOnce(meta: FunctionMetadata, impl: Implementation, args: unknown[], file: FileOptions, violations: string[], options: CallOptions): Promise<Shown[][] | CancelReport> {
  const invocation = new HarnessInvocation(meta.id, options.valuePreview === true);
  const sets = options.requirementSets ?? CURRENT_EXCEL;
  const restore = installOffice(sets);
  const outcome: Promise<Outcome> = Promise.resolve()
    .then(() => (impl as (...a: unknown[]) => unknown)(...args, invocation))
    .then((value) => ({ ok: true as const, value }), (thrown: unknown) => ({ ok: false as const, thrown }));
  const CANCEL = Symbol('cancel');
  const first = await (options.cancel ? Promise.race([outcome, options.cancel.then(() => CANCEL)]) : outcome).finally(restore);
  if (first !== CANCEL) {
    const o = first as Outcome;
    return o.ok ? checkResult(meta, o.value, file, sets, violations) : [[shownOf(o.thrown)]];
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
  file: FileOptions = {},
  options: CallOptions = {},
): Promise<ExcelCall> {
  const params = meta.parameters;
  if (args.length > params.length) throw new Error(`${meta.id} takes at most ${params.length} arguments, got ${args.length}`);
  params.forEach((p, i) => {
    if (!p.optional && args[i] === undefined) throw new Error(`${meta.id}: required argument ${p.name} omitted`);
  });
  const violations: string[] = [];
  const typedAny = params.map((p) => p.type === undefined || p.type === 'any');
  const takesErrors = params.map((_, i) => file.allowErrorForDataTypeAny === true && typedAny[i]);
  const takesDataTypes = params.map((_, i) => file.allowCustomDataForDataTypeAny === true && typedAny[i]);
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
      const given = callArgs.map((a, i) => (Array.isArray(a) ? a.map((r) => r.map((c) => passed(c, takesDataTypes[i]))) : passed(a as Scalar, takesDataTypes[i])));
      const out = await callOnce(meta, impl, given, file, violations, options);
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
