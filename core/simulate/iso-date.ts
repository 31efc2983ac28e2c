/**
 * ISO date (yyyy-mm-dd) of a DayNumber (days since 1970-01-01), proleptic
 * Gregorian, via the civil-from-days algorithm (no Date object: fast and
 * free of time zones).
 *
 * @example
 * isoDate(0); // '1970-01-01'
 * isoDate(9861); // '1996-12-31'
 */
export function isoDate(day: number): string {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
