/**
 * Numbers as the terminal shows them, digits grouped by threes with commas:
 * "23,570", "789,456.23". The same text as `toLocaleString('en')` (and, for
 * {@link money}, with exactly two decimals), without Intl: the first
 * toLocaleString of a process loads ICU's number formatting, about 20 ms of
 * a command that takes about a second, for the dozen numbers of a summary
 * (measured: 19–21 ms for the first call, 0.01 ms for the next).
 *
 * ICU formats a double from its shortest decimal form (the digits of
 * String(x)), rounding half away from zero, so 1.005 (stored as
 * 1.00499999999999989…) shows as "1.01" where toFixed(2) gives "1.00"; the
 * rounding below works on the same digits. Anything these do not cover (not
 * finite, −0, beyond 1e21) is handed to toLocaleString itself.
 */

/** A whole number grouped ("1,234,567"); any other number as toLocaleString('en') writes it. */
export function groupedCount(x: number): string {
  if (!Number.isSafeInteger(x) || Object.is(x, -0)) return x.toLocaleString('en');
  return x < 0 ? `-${groupDigits(String(-x))}` : groupDigits(String(x));
}

/** x with two decimals, grouped ("1,234.50"), as toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) writes it. */
export function groupedMoney(x: number): string {
  if (!Number.isFinite(x) || Object.is(x, -0) || Math.abs(x) >= 1e21) {
    return x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  const negative = x < 0;
  const [whole, cents] = roundedToCents(String(Math.abs(x)));
  // ICU keeps the sign of a negative number that rounds to zero ("-0.00").
  return `${negative ? '-' : ''}${groupDigits(whole)}.${cents}`;
}

/** "1234567" → "1,234,567". */
function groupDigits(digits: string): string {
  let out = '';
  let i = digits.length % 3 || 3;
  out = digits.slice(0, i);
  for (; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/**
 * The shortest decimal form of a non-negative number (String(x): plain
 * digits, or d.ddde-n below 1e-6) rounded half away from zero to two
 * decimals, as [whole digits, two decimal digits].
 */
function roundedToCents(text: string): [string, string] {
  let whole: string;
  let fraction: string;
  const e = text.indexOf('e');
  if (e >= 0) {
    // Below 1e-6 (x ≥ 1e21 is not asked for): rounds to 0.00.
    return ['0', '00'];
  }
  const dot = text.indexOf('.');
  if (dot < 0) {
    whole = text;
    fraction = '';
  } else {
    whole = text.slice(0, dot);
    fraction = text.slice(dot + 1);
  }
  const up = fraction.length > 2 && fraction.charCodeAt(2) >= 53; // the third decimal is 5 or more
  let digits = whole + (fraction + '00').slice(0, 2);
  if (up) digits = plusOne(digits);
  return [digits.slice(0, -2).replace(/^$/, '0'), digits.slice(-2)];
}

/** A string of decimal digits plus one ("0999" → "1000", "99" → "100"). */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}
