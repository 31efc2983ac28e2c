import { msg, type Message } from '../i18n/messages.ts';
import { scanAmount, type DecimalMark } from './parse-amount.ts';

/**
 * What one number text says about its file's decimal mark: readable only
 * with a point (`12.5`, `1,234.50`, `1e3`), only with a comma (`12,5`,
 * `1.234,50`, `1.234.567`), with both but as different numbers (`1,234`,
 * `1.500`: thousands group or decimal?), with both as the same number
 * (`12`, `1 234`), or with neither (not a number).
 */
export type DecimalEvidence = 'point' | 'comma' | 'ambiguous' | 'same' | 'none';

/** Digits, one mark, digits: the shape of nearly every amount, classified without scanning. */
const SIMPLE = /^-?(\d*)([.,])(\d+)$/;

/** @example decimalEvidence('1.234,50') // 'comma' */
export function decimalEvidence(raw: string): DecimalEvidence {
  const t = raw.trim();
  if (/^-?\d*$/.test(t)) return t === '' || t === '-' ? 'none' : 'same';
  const simple = SIMPLE.exec(t);
  if (simple) {
    // One mark followed by three digits, after 1-3 digits not starting with 0,
    // is also a thousands group under the other mark; any other shape reads
    // only with its own mark (the rule of scanAmount's thousands groups).
    const [, whole, mark, frac] = simple;
    const group = frac.length === 3 && whole.length >= 1 && whole.length <= 3 && whole[0] !== '0';
    return group ? 'ambiguous' : mark === '.' ? 'point' : 'comma';
  }
  const point = scanAmount(t, '.');
  const comma = scanAmount(t, ',');
  if (Number.isNaN(point)) return Number.isNaN(comma) ? 'none' : 'comma';
  if (Number.isNaN(comma)) return 'point';
  return Object.is(point, comma) ? 'same' : 'ambiguous';
}

/** The first value that gave a kind of evidence, to quote in a warning. */
interface Seen {
  text: string;
  line: number;
}

/** The decimal mark decided for a file, and what the user should know about it. */
export interface DecimalDecision {
  decimal: DecimalMark;
  /** Set when the data could not decide and '.' was kept. */
  warning?: Message;
}

/**
 * Collects the evidence of a file's number cells (amount, cost, margin rate)
 * and decides its decimal mark. The rule, for a file whose columns are not
 * comma separated (a comma-separated file can only hold a decimal comma in
 * quotes, where a thousands comma is far likelier):
 * - a comma when some value reads only with a comma and none only with a point;
 * - otherwise a point. Values readable both ways as different numbers
 *   (`1,234`) never decide; when they are all the file has, the point is kept
 *   with a warning naming `--decimal`.
 */
export class DecimalVote {
  private point: Seen | undefined;
  private comma: Seen | undefined;
  private ambiguous: Seen | undefined;

  /** Adds one cell's text; returns false once more cells cannot change the decision. */
  add(text: string, line: number): boolean {
    const e = decimalEvidence(text);
    if (e === 'point') this.point ??= { text: text.trim(), line };
    else if (e === 'comma') this.comma ??= { text: text.trim(), line };
    else if (e === 'ambiguous') this.ambiguous ??= { text: text.trim(), line };
    return this.point === undefined;
  }

  decide(): DecimalDecision {
    const { point, comma, ambiguous } = this;
    if (comma && !point) return { decimal: ',' };
    // Both marks: the point, and the reader rejects (and counts in a warning) each row it cannot read.
    if (ambiguous && !point) {
      return {
        decimal: '.',
        warning: msg('read.ambiguousDecimal', {
          text: ambiguous.text,
          line: ambiguous.line,
          asPoint: String(scanAmount(ambiguous.text, '.')),
          asComma: String(scanAmount(ambiguous.text, ',')),
        }),
      };
    }
    return { decimal: '.' };
  }
}
