import { CvError } from '../errors.ts';
import type { DayNumber } from '../types.ts';

/**
 * Calendar arithmetic for `DayNumber` (whole days since 1970-01-01, proleptic
 * Gregorian calendar). Pure integer math — no `Date`, so no time zone can
 * shift a purchase onto the neighbouring day.
 */

/** Days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Day number of a valid calendar date, or NaN when (y, m, d) is not one
 * (2024-02-30, month 13, year outside 1..9999).
 * Algorithm: H. Hinnant, "chrono-compatible low-level date algorithms", days_from_civil.
 * @example dayFromCivil(1970, 1, 1) // 0
 */
export function dayFromCivil(y: number, m: number, d: number): DayNumber {
  if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link dayFromCivil} (Hinnant's civil_from_days). */
export function civilFromDay(day: DayNumber): [year: number, month: number, day: number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * The ISO 8601 calendar date (`yyyy-mm-dd`) of a day number.
 * Throws CvError('dayToIso', 'value') when `day` is not an integer in years 1..9999.
 * @example dayToIso(19787) // '2024-03-05'
 */
export function dayToIso(day: DayNumber): string {
  if (!Number.isInteger(day) || day < MIN_DAY || day > MAX_DAY) {
    throw new CvError('dayToIso', 'value', `${day} is not a whole day number between years 1 and 9999.`);
  }
  const [y, m, d] = civilFromDay(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * The day number of a strict ISO calendar date `yyyy-mm-dd` (nothing else:
 * use `parseDate` for the forms found in the wild).
 * Throws CvError('isoToDay', 'value') for any other text or an impossible date.
 * @example isoToDay('2024-03-05') // 19787
 */
export function isoToDay(iso: string): DayNumber {
  const ok = iso.length === 10 && iso[4] === '-' && iso[7] === '-';
  const day = ok ? dayFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))) : NaN;
  if (!Number.isInteger(day) || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    throw new CvError('isoToDay', 'value', `'${iso}' is not a valid yyyy-mm-dd date.`);
  }
  return day;
}

const MIN_DAY = dayFromCivil(1, 1, 1);
const MAX_DAY = dayFromCivil(9999, 12, 31);

/** Largest Excel serial (9999-12-31). */
export const MAX_EXCEL_SERIAL = 2958465;

/**
 * The day number of an Excel (1900 date system) serial. Serial 1 is 1900-01-01;
 * Excel counts the nonexistent 1900-02-29 as serial 60 (a Lotus 1-2-3 bug it
 * keeps), so serials 1..59 are one day later than a plain offset would give and
 * 60 itself is no date. The time-of-day fraction is dropped.
 * Returns NaN for serial 60 and outside 1..2958465.
 * @example excelSerialToDay(45356) // 19787 (2024-03-05)
 */
export function excelSerialToDay(serial: number): DayNumber {
  const s = Math.floor(serial);
  if (!(s >= 1 && s <= MAX_EXCEL_SERIAL) || s === 60) return NaN;
  return s < 60 ? s - 25568 : s - 25569;
}

/**
 * The Excel (1900 date system) serial of a day number: the inverse of
 * {@link excelSerialToDay}, for writing dates into cells.
 * Throws CvError('dayToExcelSerial', 'value') before 1900-01-01 or after 9999-12-31.
 * @example dayToExcelSerial(19787) // 45356 (2024-03-05)
 */
export function dayToExcelSerial(day: DayNumber): number {
  if (!Number.isInteger(day) || day < FIRST_SERIAL_DAY || day > MAX_DAY) {
    throw new CvError('dayToExcelSerial', 'value', `${day} is not a whole day number between 1900-01-01 and 9999-12-31.`);
  }
  return day < FIRST_SERIAL_DAY + 59 ? day + 25568 : day + 25569;
}

const FIRST_SERIAL_DAY = dayFromCivil(1900, 1, 1);
