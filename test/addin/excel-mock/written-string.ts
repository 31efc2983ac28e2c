/**
 * What Excel makes of a string written with `Range.values` into a cell whose
 * number format is not Text. Each rule with its source:
 *
 * - A string starting with "=", "+" or "-" is a formula: @types/office-js,
 *   Excel.Range.values: "If the returned value starts with a plus ("+"),
 *   minus ("-"), or equal sign ("="), Excel interprets this value as a
 *   formula." ("-5" and "+5" are formulas whose value is the number.)
 * - Number text becomes a number, so "00123" becomes 123, and Excel keeps 15
 *   significant digits: Microsoft Support, "Last digits are changed to zeros
 *   when you type long numbers in cells of Excel" ("Excel follows the IEEE
 *   754 specification … Excel stores only 15 significant digits"; the
 *   digits after the fifteenth are changed to zeros).
 * - Dates in a locale-neutral ISO form (YYYY-MM-DD) become date serials with a
 *   date format: @types/office-js, Excel.Range.values ("use a locale-neutral
 *   format like ISO (YYYY-MM-DD) … to ensure dates are stored as dates");
 *   the mock's locale is en-US, where M/D/YYYY is a date too.
 * - TRUE and FALSE become booleans, as when typed.
 * - A cell formatted as Text ("@") keeps the string as it is: Microsoft
 *   Support, "Format numbers as text" ("Excel … treats the content as text
 *   … even when you type numbers"). The caller checks the format.
 */
import type { CellValue } from './state.ts';

export interface ParsedWrite {
  value: CellValue;
  /** Set when Excel stores a formula (the string as written). */
  formula?: string;
  /** The number format Excel applies on its own (dates). */
  numberFormat?: string;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Excel's serial of a calendar date (1900 system: 1 = 1900-01-01, with the 1900 leap-year bug, so day 0 is 1899-12-30 from March 1900). */
function serial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The number Excel stores for number text: digits after the 15th significant one become zeros (truncated, not rounded). */
function excelNumber(text: string): number {
  const t = text.replace(/,/g, '');
  if (/[eE]/.test(t)) return Number(t);
  let significant = 0;
  let out = '';
  for (const ch of t) {
    if (ch >= '0' && ch <= '9') {
      if (significant > 0 || ch !== '0') significant++;
      out += significant > 15 ? '0' : ch;
    } else out += ch;
  }
  return Number(out);
}

export function parseWrittenString(s: string): ParsedWrite {
  const t = s.trim();
  if (t === '') return { value: s };
  if (NUMBER.test(t) || GROUPED.test(t)) return { value: excelNumber(t), ...(t[0] === '+' || t[0] === '-' ? { formula: `=${t}` } : {}) };
  if (/^[=+-]/.test(s)) return { value: s, formula: s[0] === '=' ? s : `=${s}` };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(t);
  const us = US_DATE.exec(t);
  const day = iso ? serial(+iso[1], +iso[2], +iso[3]) : us ? serial(+us[3], +us[1], +us[2]) : undefined;
  if (day !== undefined) return { value: day, numberFormat: iso ? 'yyyy-mm-dd' : 'm/d/yyyy' };
  return { value: s };
}
