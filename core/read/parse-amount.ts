import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';

/**
 * Decimal mark of a file's numbers. With `'.'` (the default) commas, spaces
 * and apostrophes group thousands (`1,234.50`, `1 234.50`); with `','`
 * (European files) dots and spaces group thousands (`1.234,50`, `1 234,50`).
 * One value alone cannot always tell them apart (`1,234`); the transaction
 * reader decides from a whole column (see DecimalVote).
 */
export type DecimalMark = '.' | ',';

/** Currency signs and codes an amount may carry before or after the number. */
const CURRENCIES = new Set([
  '$', '€', '£', '¥', '￥', '₹', '₩', '₽', '元', '圆', '人民币', 'rmb', 'cny', 'usd', 'eur', 'gbp', 'jpy', 'hkd',
  'twd', 'ntd', 'cad', 'aud', 'chf', 'sgd', 'krw', 'inr', 'us$', 'hk$', 'nt$', 'a$', 'c$', 's$', 'r$', 'rs',
]);

/**
 * Reads a money amount as written in spreadsheets and exports. Accepted:
 * plain numbers (`12`, `-12.5`, `1e3`), thousands groups (`1,234.50`),
 * currency signs or codes before or after (`$12`, `12 元`, `RMB 12`, `-$12`,
 * `USD 1,234`), accounting negatives `(12.00)`, and the Unicode minus.
 * Not accepted: trailing minus `12-`, misplaced groups `1,23` (which is
 * `1.23` in a European file: pass `decimal: ','`), text, empty.
 * Returns NaN when the text is not an amount (use {@link parseAmount} for a reason).
 * @example scanAmount('(1,234.50)') // -1234.5
 */
export function scanAmount(raw: string, decimal: DecimalMark = '.'): number {
  // Fast path: digits with optional leading '-' and one '.'; Number() does the rest.
  const n = raw.length;
  let plain = n > 0 && decimal === '.';
  for (let i = 0; plain && i < n; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || (c === 45 && i === 0))) plain = false;
  }
  // A finite check here, not in the callers: '1e400' or 400 digits read as
  // Infinity, which is no amount and would poison every sum downstream.
  const v = plain ? plainDecimal(raw) : scanAmountSlow(raw, decimal);
  return Number.isFinite(v) ? v : NaN;
}

/** 10^0 … 10^15, all exact doubles. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Number(raw) for text made of digits, at most one '.' and an optional
 * leading '-' (what the fast path of scanAmount admits), without the generic
 * string-to-number conversion: with at most 15 digits both the digits as a
 * whole number m and 10^k (k digits after the point) are exact doubles, so
 * the one division m / 10^k is correctly rounded, the same double Number()
 * gives. Anything else (more digits, no digit, two points) goes to Number().
 *
 * @example plainDecimal('-12.50') // -12.5
 */
function plainDecimal(raw: string): number {
  const n = raw.length;
  const negative = raw.charCodeAt(0) === 45;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (let i = negative ? 1 : 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) {
      if (point >= 0) return Number(raw);
      point = i;
    } else {
      m = m * 10 + (c - 48);
      digits++;
    }
  }
  if (digits === 0 || digits > 15) return Number(raw);
  const v = point < 0 ? m : m / POW10[n - 1 - point];
  return negative ? -v : v;
}

const EXPONENT = /^\d+(?:\.\d*)?[eE][+-]?\d+$/;

/**
 * Thousands groups before the decimal mark: a first group of 1-3 digits not
 * starting with 0, then groups of three. `0,500` is no grouped number, so
 * under '.' it is rejected rather than read as 500 (it is 0.5 with a comma).
 */
const GROUPED = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

/** scanAmount without the finite check: Infinity for text that only overflows. */
function scanAmountSlow(raw: string, decimal: DecimalMark): number {
  let t = raw.trim();
  if (t === '') return NaN;
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  t = t.replace(/\u2212/g, '-');
  // Sign may come before or after a leading currency: "-$12", "$-12".
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t[0] === '-') negative = !negative;
    t = t.slice(1).trim();
  }
  if (decimal === '.' && EXPONENT.test(t)) {
    const v = Number(t);
    return negative ? -v : v;
  }
  const head = /^[^\d.,\-+]+/.exec(t);
  if (head) {
    if (!CURRENCIES.has(head[0].trim().toLowerCase())) return NaN;
    t = t.slice(head[0].length).trim();
    if (t.startsWith('-') || t.startsWith('+')) {
      if (t[0] === '-') negative = !negative;
      t = t.slice(1).trim();
    }
  }
  const tail = /[^\d.,]+$/.exec(t);
  if (tail) {
    if (!CURRENCIES.has(tail[0].trim().toLowerCase())) return NaN;
    t = t.slice(0, t.length - tail[0].length).trim();
  }
  const groupSep = decimal === '.' ? ',' : '.';
  // Spaces (incl. no-break and thin) and apostrophes group thousands in either convention.
  t = t.replace(/[\s\u00a0\u202f']/g, groupSep);
  const m = /^(\d*)((?:\.|,)\d*)?$/.exec(t);
  let intPart: string;
  let frac = '';
  if (m && (!m[2] || m[2][0] === decimal)) {
    intPart = m[1];
    frac = m[2] ? m[2].slice(1) : '';
  } else {
    const lastDec = t.lastIndexOf(decimal);
    intPart = lastDec >= 0 ? t.slice(0, lastDec) : t;
    frac = lastDec >= 0 ? t.slice(lastDec + 1) : '';
    if (!GROUPED.test(intPart) || intPart.includes(decimal)) return NaN;
    intPart = intPart.split(groupSep).join('');
    if (!/^\d*$/.test(frac)) return NaN;
  }
  if (intPart === '' && frac === '') return NaN;
  const v = Number(`${intPart || '0'}.${frac || '0'}`);
  return negative ? -v : v;
}

/**
 * Why `raw` is not an amount, as one sentence fragment naming the column
 * (`amount 'abc' is not a number`), for reader reports.
 */
export function amountProblem(raw: string, column: string, decimal: DecimalMark = '.'): string {
  return formatMessage(amountProblemMessage(raw, column, decimal), 'en');
}

/**
 * {@link amountProblem} as a message, so the reason can be said in any
 * language; `column` is a role's message (msg('role.amount')) or a name.
 */
export function amountProblemMessage(raw: string, column: Message | string, decimal: DecimalMark = '.'): Message {
  const t = raw.trim();
  if (t === '') return msg('read.numberEmpty', { column });
  const text = t.length > 40 ? `${t.slice(0, 37)}…` : t;
  if (/^\d+(?:[.,]\d+)?-$/.test(t)) return msg('read.numberTrailingMinus', { column, text, digits: t.slice(0, -1) });
  const plain = /^[-+]?[\d.]+$/.test(t) ? Number(t) : NaN;
  if (Math.abs(plain) === Infinity || Math.abs(scanAmountSlow(t, decimal)) === Infinity) return msg('read.numberTooLarge', { column, text });
  if (!Number.isNaN(scanAmount(t, otherMark(decimal)))) {
    return msg(decimal === '.' ? 'read.numberDecimalComma' : 'read.numberDecimalPoint', { column, text });
  }
  return msg('read.numberInvalid', { column, text });
}

/** The mark that is not `decimal`. */
export function otherMark(decimal: DecimalMark): DecimalMark {
  return decimal === '.' ? ',' : '.';
}

/**
 * Parses a money amount (see {@link scanAmount} for the accepted forms).
 * Zero and negative amounts (returns) are valid amounts.
 * Throws CvError('parseAmount', 'value') with the reason when `text` is not one.
 * @example parseAmount('¥1,234.50') // 1234.5
 * @example parseAmount('1.234,50', ',') // 1234.5
 */
export function parseAmount(text: string | number, decimal: DecimalMark = '.'): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text)) return text;
    throw new CvError('parseAmount', 'value', `amount ${text} is not a finite number.`);
  }
  const v = scanAmount(text, decimal);
  if (Number.isNaN(v)) throw new CvError('parseAmount', 'value', `${amountProblem(text, 'amount', decimal)}.`);
  return v;
}
