import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { amountProblem, parseAmount, scanAmount } from './parse-amount.ts';

describe('parseAmount', () => {
  it.each([
    ['12', 12], ['-12', -12], ['0', 0], ['12.5', 12.5], ['.5', 0.5], ['+3', 3], ['1e3', 1000], ['1.5E+07', 15000000],
    ['1,234.50', 1234.5], ['1,234,567', 1234567], ['1 234.50', 1234.5], ['1\u00a0234.50', 1234.5], ["1'234.50", 1234.5],
    ['$12', 12], ['$1,234.50', 1234.5], ['€12.50', 12.5], ['£7', 7], ['¥100', 100], ['￥100', 100], ['100元', 100],
    ['100 元', 100], ['RMB 100', 100], ['rmb100', 100], ['USD 1,234', 1234], ['12 EUR', 12], ['US$5', 5],
    ['(12.00)', -12], ['($12.00)', -12], ['-$12', -12], ['$-12', -12], ['\u221212', -12], [' 12 ', 12],
  ])('reads %s as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each([
    ['1.234,50', 1234.5], ['1 234,50', 1234.5], ['12,5', 12.5], ['-12,5', -12.5], ['€ 1.234', 1234], ['(1.234,00)', -1234],
  ])("reads %s with decimal ',' as %d", (text, value) => {
    expect(parseAmount(text, ',')).toBe(value);
  });

  it.each([['abc'], ['12-'], ['1,23'], ['12%'], ['$'], ['1.2.3'], ['1,2345'], ['--12'], ['12 apples'], ['']])(
    'rejects %j',
    (text) => {
      expect(scanAmount(text)).toBeNaN();
      expect(() => parseAmount(text)).toThrow(CvError);
    },
  );

  it('rejects a dot-decimal amount when the decimal mark is a comma (it cannot tell 12.50 from 1.250)', () => {
    expect(scanAmount('12.50', ',')).toBeNaN();
  });

  it('rejects, with the reason, a value that only reads with the other decimal mark', () => {
    // '0,500' cannot be a thousands group (no group starts with 0): it is 0.5 written with a comma.
    for (const text of ['5,25', '1.234,50', '0,500', '12,5']) {
      expect(scanAmount(text, '.'), text).toBeNaN();
      expect(() => parseAmount(text, '.')).toThrow(/has a decimal comma, but the amounts are read with a decimal point/);
    }
    for (const text of ['12.5', '1,234.50', '0.5', '1e3']) {
      expect(scanAmount(text, ','), text).toBeNaN();
      expect(() => parseAmount(text, ',')).toThrow(/has a decimal point, but the amounts are read with a decimal comma/);
    }
    expect(parseAmount('0,500', ',')).toBe(0.5);
    expect(parseAmount('0.500')).toBe(0.5);
  });

  it('rejects text that overflows to Infinity instead of reading it', () => {
    for (const text of ['1e400', '-1e400', '9'.repeat(400), `${'9'.repeat(400)}.5`, '(1e999)']) {
      expect(scanAmount(text), text.slice(0, 12)).toBeNaN();
      expect(() => parseAmount(text)).toThrow(/is too large to be a number/);
    }
    expect(() => parseAmount('Infinity')).toThrow(/'Infinity' is not a number/);
    expect(amountProblem('9'.repeat(400), 'amount')).toBe(`amount '${'9'.repeat(37)}…' is too large to be a number`);
  });

  it('passes finite number cells through and rejects NaN', () => {
    expect(parseAmount(-3.25)).toBe(-3.25);
    expect(() => parseAmount(Number.NaN)).toThrow(CvError);
    expect(() => parseAmount(Number.POSITIVE_INFINITY)).toThrow(CvError);
  });

  it('explains failures in one clause', () => {
    expect(amountProblem('abc', 'amount')).toBe("amount 'abc' is not a number");
    expect(amountProblem('12-', 'amount')).toMatch(/trailing minus/);
    expect(amountProblem('12,50', 'amount')).toMatch(/decimal ','/);
    expect(amountProblem('12.50', 'cost', ',')).toMatch(/^cost '12.50' has a decimal point.*decimal '\.'$/);
    expect(amountProblem(' ', 'cost')).toBe('cost is empty');
  });
});

describe('scanAmount fast path for plain decimals', () => {
  // The fast path divides the digits by a power of ten instead of calling Number(); for up to
  // 15 digits both are exact doubles, so the result must be the very same double.
  it('gives exactly Number(text) for digits with an optional point and minus (property)', () => {
    const plain = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,12}$/), fc.option(fc.stringMatching(/^[0-9]{0,8}$/)))
      .map(([minus, whole, frac]) => `${minus ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(plain, (text) => {
        fc.pre(text !== ''); // empty text is no amount (NaN), whereas Number('') is 0
        expect(Object.is(scanAmount(text), Number(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps Number() for the cases it does not cover', () => {
    expect(Object.is(scanAmount('-0'), -0)).toBe(true);
    expect(scanAmount('1234567890123456.7')).toBe(Number('1234567890123456.7'));
    expect(scanAmount('0.1')).toBe(0.1);
    expect(scanAmount('1.2.3')).toBeNaN();
    expect(scanAmount('.')).toBeNaN();
    expect(scanAmount('-')).toBeNaN();
    expect(scanAmount('007.50')).toBe(7.5);
  });
});

describe('scanAmount never misreads a mark', () => {
  /**
   * The grammar of DecimalMark, written out independently: an optional minus,
   * an integer part of plain digits or of thousands groups (1-3 digits not
   * starting with 0, then groups of three after the other mark; spaces and
   * apostrophes group too), then optionally the mark and digits.
   */
  function byGrammar(text: string, mark: '.' | ','): number {
    const group = mark === '.' ? ',' : '.';
    let s = text.trim();
    let negative = false;
    if (s.startsWith('-')) {
      negative = true;
      s = s.slice(1).trim();
    }
    s = s.replace(/[ ']/g, group);
    const g = group === '.' ? '\\.' : ',';
    const m = new RegExp(`^(\\d*|[1-9]\\d{0,2}(?:${g}\\d{3})+)(?:${mark === '.' ? '\\.' : ','}(\\d*))?$`).exec(s);
    if (!m) return NaN;
    const whole = m[1].split(group).join('');
    const frac = m[2] ?? '';
    if (whole === '' && frac === '') return NaN;
    const v = Number(`${whole || '0'}.${frac || '0'}`);
    return negative ? -v : v;
  }

  it('reads digits, marks, spaces and apostrophes exactly as the grammar of each mark says (property)', () => {
    const text = fc
      .tuple(fc.boolean(), fc.array(fc.constantFrom('0', '1', '5', '9', '.', ',', "'", ' '), { minLength: 1, maxLength: 9 }))
      .map(([minus, chars]) => `${minus ? '-' : ''}${chars.join('')}`);
    fc.assert(
      fc.property(text, fc.constantFrom('.' as const, ',' as const), (t, mark) => {
        const got = scanAmount(t, mark);
        const want = byGrammar(t, mark);
        return Number.isNaN(want) ? Number.isNaN(got) : got === want;
      }),
      { numRuns: 20000 },
    );
  });
});
