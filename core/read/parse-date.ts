import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import type { DayNumber } from '../types.ts';
import { dayFromCivil, excelSerialToDay, MAX_EXCEL_SERIAL } from './day-number.ts';

/**
 * How a date whose year comes last (`3/5/2024`) is read: day first (`dmy`),
 * month first (`mdy`); `ymd` accepts only year-first forms.
 */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/**
 * Outcome of scanning one date text, before a day/month order is applied.
 * `ambiguous` means the year is last and both other parts are ≤ 12 and differ,
 * so the column's order decides; `dmy`/`mdy` mean the value itself proves
 * one order (a part > 12); `either` means both orders give the same day (5/5/2024).
 */
export type DateScan =
  | { kind: 'day'; day: DayNumber }
  | {
      kind: 'yearLast';
      first: number;
      second: number;
      year: number;
      proves: 'dmy' | 'mdy' | 'ambiguous' | 'either';
      /** The separator: dotted dates (5.3.2024) are a day-first convention. */
      dotted: boolean;
    }
  | { kind: 'empty' }
  | { kind: 'invalid'; message: Message };

/** Numeric strings in this range in a date column are Excel serials (1927-05-18..2173-10-14). */
export const SERIAL_TEXT_MIN = 10000;
export const SERIAL_TEXT_MAX = 99999;

const EMPTY: DateScan = { kind: 'empty' };

type InvalidWhy = 'read.dateInvalid' | 'read.dateTwoDigitYear' | 'read.dateSerial60' | 'read.dateNotSerial';

function invalid(text: string, why: InvalidWhy = 'read.dateInvalid'): DateScan {
  // The English text is made only when a sentence is needed: columns are sniffed with many scans that fail.
  return { kind: 'invalid', message: msg(why, { text }) };
}

function dayOrInvalid(text: string, y: number, m: number, d: number): DateScan {
  const day = dayFromCivil(y, m, d);
  return Number.isNaN(day) ? invalid(text) : { kind: 'day', day };
}

/** The whole number written by the ASCII digits text[from … to−1] (the caller checked they are digits). */
function digitsAt(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

const SEP_DASH = 45, SEP_DOT = 46, SEP_SLASH = 47;
const NIAN = 0x5e74, YUE = 0x6708, RI = 0x65e5; // 年 月 日

/**
 * Reads a date text by character codes (no regular expression on the hot path).
 * Accepted: `2024-03-05` (optionally followed by `T…` or ` …` time), `20240305`,
 * `2024/3/5`, `2024.3.5`, `2024年3月5日`, `3/5/2024`, `5.3.2024`, `5-3-2024`
 * (year last: see {@link DateScan}) and Excel serials written as text
 * (10000..99999, optionally with a time fraction), and English month names
 * (`5 Mar 2024`, `05-Mar-2024`, `March 5, 2024`).
 * @example scanDateText('2024-03-05') // { kind: 'day', day: 19787 }
 */
export function scanDateText(raw: string): DateScan {
  const text = raw.trim();
  const n = text.length;
  if (n === 0) return EMPTY;
  // All digits (and maybe one '.' for a serial's time fraction)?
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i === n && n === 8) {
    // yyyymmdd (the CDNOW form): the digits were just checked, so read them by code, not by slicing.
    return dayOrInvalid(text, digitsAt(text, 0, 4), digitsAt(text, 4, 6), digitsAt(text, 6, 8));
  }
  if (i === n || (text.charCodeAt(i) === SEP_DOT && i >= 5 && isDigits(text, i + 1, n))) {
    const serial = Number(text);
    if (serial >= SERIAL_TEXT_MIN && serial < SERIAL_TEXT_MAX + 1) {
      return { kind: 'day', day: excelSerialToDay(serial) };
    }
    if (i === n) return invalid(text);
  }
  for (let k = 0; k < 4 && k < n; k++) {
    const c = text.charCodeAt(k) | 32; // lower-cases ASCII letters
    if (c >= 97 && c <= 122) return scanMonthName(text);
  }
  // Three digit groups separated by - / . or 年 月 (日).
  const g: number[] = [0, 0, 0];
  const len: number[] = [0, 0, 0];
  let pos = 0;
  let sep = -1;
  let cjk = false;
  for (let k = 0; k < 3; k++) {
    const start = pos;
    let v = 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      pos++;
    }
    len[k] = pos - start;
    g[k] = v;
    if (len[k] === 0 || len[k] > 4) return invalid(text);
    if (k === 2) break;
    if (pos >= n) return invalid(text);
    const c = text.charCodeAt(pos);
    if (k === 0) {
      if (c === NIAN) cjk = true;
      else if (c === SEP_DASH || c === SEP_SLASH || c === SEP_DOT) sep = c;
      else return invalid(text);
    } else if (cjk ? c !== YUE : c !== sep) {
      return invalid(text);
    }
    pos++;
    while (cjk && pos < n && text.charCodeAt(pos) === 32) pos++;
  }
  if (cjk) {
    if (pos < n && text.charCodeAt(pos) === RI) pos++;
  } else if (sep === SEP_DOT && pos < n && text.charCodeAt(pos) === SEP_DOT) {
    pos++; // "5.3.2024."
  }
  if (pos < n) {
    // A time part may follow ("T10:00", " 10:00:00"); anything else is not a date.
    const c = text.charCodeAt(pos);
    const next = pos + 1 < n ? text.charCodeAt(pos + 1) : 0;
    if (!((c === 84 || c === 32) && next >= 48 && next <= 57)) return invalid(text);
  }
  if (len[0] === 4) return dayOrInvalid(text, g[0], g[1], g[2]);
  if (cjk) return invalid(text);
  if (len[2] === 4) {
    const [a, b, y] = g;
    if (a < 1 || b < 1 || (a > 12 && b > 12)) return invalid(text);
    const proves = a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'either' : 'ambiguous';
    return { kind: 'yearLast', first: a, second: b, year: y, proves, dotted: sep === SEP_DOT };
  }
  if (len[2] <= 2 && len[0] <= 2) {
    return invalid(text, 'read.dateTwoDigitYear');
  }
  return invalid(text);
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};
const DAY_MONTH_YEAR = /^(\d{1,2})[\s\-./]*([A-Za-z]{3,9})\.?[\s\-./,]*(\d{2,4})(?:[ T]\d.*)?$/;
const MONTH_DAY_YEAR = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?[\s\-./]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-./]*(\d{2,4})(?:[ T]\d.*)?$/;

/** English month names: 5 Mar 2024, 05-Mar-2024, Mar 5, 2024, Tuesday, March 5th 2024. */
function scanMonthName(text: string): DateScan {
  let m = DAY_MONTH_YEAR.exec(text);
  let d: string, mon: string, y: string;
  if (m) [, d, mon, y] = m;
  else if ((m = MONTH_DAY_YEAR.exec(text))) [, mon, d, y] = m;
  else return invalid(text);
  const month = MONTHS[mon.toLowerCase()];
  if (!month) return invalid(text);
  if (y.length !== 4) return invalid(text, 'read.dateTwoDigitYear');
  return dayOrInvalid(text, +y, month, +d);
}

function isDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The day of a year-last scan under a day/month order (NaN when not a date). */
export function yearLastDay(scan: { first: number; second: number; year: number }, order: 'dmy' | 'mdy'): DayNumber {
  return order === 'dmy'
    ? dayFromCivil(scan.year, scan.second, scan.first)
    : dayFromCivil(scan.year, scan.first, scan.second);
}

/**
 * Scans one cell of a date column: numbers are Excel serials (what a date
 * cell holds), `Date` objects give their UTC calendar date, strings go to
 * {@link scanDateText}; empty cells give `empty`, booleans `invalid`.
 */
export function scanDateCell(cell: unknown): DateScan {
  if (typeof cell === 'string') return scanDateText(cell);
  if (cell === null || cell === undefined) return EMPTY;
  if (typeof cell === 'number') {
    if (Number.isFinite(cell) && cell >= 1 && cell < MAX_EXCEL_SERIAL + 1) {
      const day = excelSerialToDay(cell);
      if (!Number.isNaN(day)) return { kind: 'day', day };
    }
    return invalid(String(cell), cell === 60 ? 'read.dateSerial60' : 'read.dateNotSerial');
  }
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return invalid('Invalid Date');
    return { kind: 'day', day: Math.floor(t / 86400000) };
  }
  return invalid(String(cell));
}

/**
 * Parses one date as found in transaction files and sheets into a
 * {@link DayNumber}. Accepts every form {@link scanDateText} does, Excel serial
 * numbers (1..2958465; serial 1 = 1900-01-01, serial 60 = Excel's fictitious
 * 1900-02-29 is rejected) and `Date` objects (their UTC date). A year-last date
 * is read with `order` when given (strictly: '3/25/2024' fails under `dmy`;
 * `ymd` rejects year-last dates); without `order`, a part > 12 decides and
 * otherwise `mdy` (Excel's US default) applies.
 * Throws CvError('parseDate', 'value') for empty, impossible (2024-02-30) or
 * unrecognised input.
 * @example parseDate('5/3/2024', 'dmy') // 19787 (2024-03-05)
 * @example parseDate(45356) // 19787
 */
export function parseDate(value: unknown, order?: DateOrder): DayNumber {
  const scan = scanDateCell(value);
  switch (scan.kind) {
    case 'day':
      return scan.day;
    case 'empty':
      throw new CvError('parseDate', 'value', 'date is empty.');
    case 'invalid':
      throw new CvError('parseDate', 'value', `${formatMessage(scan.message, 'en')}.`);
    case 'yearLast': {
      if (order === 'ymd') {
        throw new CvError('parseDate', 'value', `date '${String(value).trim()}' has the year last, but the order is year-month-day.`);
      }
      const eff = order ?? (scan.proves === 'dmy' ? 'dmy' : 'mdy');
      const day = yearLastDay(scan, eff);
      if (Number.isNaN(day)) throw new CvError('parseDate', 'value', `date '${String(value).trim()}' is not a valid date.`);
      return day;
    }
  }
}
