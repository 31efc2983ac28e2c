/**
 * Excel data types arriving as arguments. functions.json sets
 * `allowCustomDataForDataTypeAny` so that CV.SEGMENT can return formatted
 * dates; the same property makes every parameter of type any receive a cell
 * that holds a data type as its cell value object rather than its value
 * (Microsoft, "Manually create JSON metadata for custom functions": it
 * "allows a custom function to accept data types as parameters and return
 * values"). So a first-purchase date taken from CV.SEGMENT's spill arrives as
 * `{ type: "Double", basicValue: 45356, numberFormat: "yyyy-mm-dd" }`.
 *
 * The functions read such a cell as Excel's own functions do, by its
 * `basicValue`, "the value returned by the values property" (Microsoft, "Use
 * data types in Excel add-ins": JSON schema). Only the basic types (Double,
 * the older FormattedNumber, String, Boolean) are unwrapped: an entity or an
 * image is no number or date, and stays an object that the readers reject
 * with a reason. Error values are input-errors.ts's business.
 *
 * What exactly arrives is not in Microsoft's pages. The runtime
 * (@microsoft/office-js 1.1.110, dist/custom-functions-runtime.debug.js)
 * hands a function, for an invocation flagged with rich data (bit 8),
 * `JSON.parse` of the JSON Excel sent for each such cell
 * (CustomFunctionProxy._transferCustomFunctionRichData), and its own reader of
 * that JSON (CreateCustomFunctionInstance) takes the value of a Double,
 * FormattedNumber, String or Boolean from a field named `primitive`, not
 * `basicValue`. So the value is read from either.
 */

const BASIC_TYPES = new Set(['Double', 'FormattedNumber', 'String', 'Boolean']);
type Basic = number | string | boolean;

const isBasic = (v: unknown): v is Basic => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** The value of a basic data type cell value (a formatted number, a string or boolean with properties), or undefined for anything else. */
function basicValueOf(v: unknown): Basic | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { type, basicValue, primitive } = v as { type?: unknown; basicValue?: unknown; primitive?: unknown };
  if (typeof type !== 'string' || !BASIC_TYPES.has(type)) return undefined;
  return isBasic(basicValue) ? basicValue : isBasic(primitive) ? primitive : undefined;
}

const isBasicDataType = (v: unknown): boolean => basicValueOf(v) !== undefined;

/**
 * The value a cell holds, for one argument or each cell of a range. A range
 * without data types is returned as it came (no copy of a large range).
 * @example basicValues([[{ type: 'Double', basicValue: 45356, numberFormat: 'yyyy-mm-dd' }], [7]]) // [[45356], [7]]
 */
export function basicValues(arg: unknown): unknown {
  const value = basicValueOf(arg);
  if (value !== undefined) return value;
  if (!Array.isArray(arg)) return arg;
  const hasDataType = arg.some((row: unknown) => (Array.isArray(row) ? row.some(isBasicDataType) : isBasicDataType(row)));
  if (!hasDataType) return arg;
  return arg.map((row: unknown) => (Array.isArray(row) ? row.map(basicValues) : basicValues(row)));
}

/**
 * Wraps custom function `impl` so that its first `declared` arguments (the
 * parameters of functions.json; the invocation object after them is left
 * alone) reach it as values, not data type objects.
 */
export function acceptBasicValues<F extends (...args: never[]) => unknown>(declared: number, impl: F): F {
  const wrapped = (...args: unknown[]): unknown => {
    const values = args.map((a, i) => (i < declared ? basicValues(a) : a));
    return (impl as unknown as (...a: unknown[]) => unknown)(...values);
  };
  return wrapped as unknown as F;
}
