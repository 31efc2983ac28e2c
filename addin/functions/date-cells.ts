/**
 * Dates in a custom function's result as Excel dates. A custom function
 * cannot format the cells it spills into, but since CustomFunctionsRuntime
 * 1.4 it can return a formatted number: a cell value object whose
 * `basicValue` is the date serial and whose `numberFormat` Excel shows it
 * with (Microsoft, "Use data types with custom functions in Excel": "Output a
 * formatted number"; "Custom Functions requirement sets": 1.4 "includes custom
 * functions integration with data types and the allowCustomDataForDataTypeAny
 * JSON manifest property"). The cell's value stays the number, so =B2+1,
 * sorting and DATEDIF work as on any date (Microsoft, "Use data types in Excel
 * add-ins": "Formatted number values"), and a format the user applies to the
 * cell overrides ours.
 *
 * Such values may fill a spill: Microsoft's Script Lab sample "Data types:
 * Custom functions" (CustomFunctionsRuntime 1.4) returns a 2-D array of them,
 * and OfficeDev/office-js issue 3206 formats the date columns of a spilled
 * table this way.
 *
 * Excel reads such an object only where functions.json sets the top-level
 * `allowCustomDataForDataTypeAny` (addin/build/metadata.ts sets it and the
 * build checks it). What an Excel without CustomFunctionsRuntime 1.4 does
 * with one is not documented: its custom functions return numbers, strings,
 * booleans and errors, and any other type "will be treated as an error"
 * (Microsoft, "Autogenerate JSON metadata for custom functions": "Other
 * types"). So there the serial is returned instead, and help.html says to
 * format the columns.
 *
 * The object's shape depends on the Excel API version: ExcelApi 1.16 added it
 * as `FormattedNumberCellValue` (type "FormattedNumber"), which ExcelApi 1.19
 * deprecated for `DoubleCellValue`, whose `numberFormat` is new in 1.19
 * (@types/office-js 1.0.612, Excel.FormattedNumberCellValue and
 * Excel.DoubleCellValue). Each Excel gets the shape its API has: Microsoft
 * 365 gained CustomFunctionsRuntime 1.4 and ExcelApi 1.16 together in
 * version 2208 and ExcelApi 1.19 in 2504, so versions 2208 to 2503 get
 * FormattedNumber ("Custom Functions requirement sets", "Excel JavaScript API
 * requirement sets"). No perpetual Office has CustomFunctionsRuntime 1.4.
 */

/** How this Excel takes a date from a custom function. */
export type DateCellKind = 'double' | 'formattedNumber' | 'serial';

/** Office.context.requirements, or any object with its isSetSupported. */
export interface RequirementChecker {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/**
 * The number format of dates: ISO order, which no reader misreads whatever
 * their locale, and the format the task pane's segment sheet and CSV import
 * use. A cell value's number format is a fixed en-US format string
 * (@types/office-js: DoubleCellValue.numberFormat) with no "the reader's
 * short date" (OfficeDev/office-js issue 3206), so m/d/yyyy would show
 * 3/5/2024 to a reader who reads 3 May.
 */
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A date serial with its number format, as the Excel API of `kind` spells it. */
export interface FormattedDate {
  type: 'Double' | 'FormattedNumber';
  basicValue: number;
  numberFormat: string;
}

/** Office.context.requirements of the running Office; undefined outside Office or before it is ready. */
export function officeRequirements(): RequirementChecker | undefined {
  const office = (globalThis as { Office?: { context?: { requirements?: RequirementChecker } } }).Office;
  try {
    return office?.context?.requirements;
  } catch {
    return undefined;
  }
}

/**
 * Which date cells this Excel shows: formatted numbers when it has
 * CustomFunctionsRuntime 1.4 and an Excel API that knows their shape,
 * serials otherwise (and outside Office, where nothing reads the format).
 * @example dateCellKind({ isSetSupported: () => true }) // 'double'
 */
export function dateCellKind(checker: RequirementChecker | undefined = officeRequirements()): DateCellKind {
  if (!checker || typeof checker.isSetSupported !== 'function') return 'serial';
  try {
    if (!checker.isSetSupported('CustomFunctionsRuntime', '1.4')) return 'serial';
    if (checker.isSetSupported('ExcelApi', '1.19')) return 'double';
    if (checker.isSetSupported('ExcelApi', '1.16')) return 'formattedNumber';
  } catch {
    // Office.context throws before Office.onReady in some hosts: the serial is always safe.
  }
  return 'serial';
}

/**
 * One date cell: the serial itself, or the serial with DATE_FORMAT.
 * @example dateCell(45356, 'double') // { type: 'Double', basicValue: 45356, numberFormat: 'yyyy-mm-dd' }
 */
export function dateCell(serial: number, kind: DateCellKind): number | FormattedDate {
  if (kind === 'serial') return serial;
  return { type: kind === 'double' ? 'Double' : 'FormattedNumber', basicValue: serial, numberFormat: DATE_FORMAT };
}
