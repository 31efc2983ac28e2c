import { describe, expect, it } from 'vitest';
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

  it('passes finite number cells through and rejects NaN', () => {
    expect(parseAmount(-3.25)).toBe(-3.25);
    expect(() => parseAmount(Number.NaN)).toThrow(CvError);
  });

  it('explains failures in one clause', () => {
    expect(amountProblem('abc', 'amount')).toBe("amount 'abc' is not a number");
    expect(amountProblem('12-', 'amount')).toMatch(/trailing minus/);
    expect(amountProblem('12,50', 'amount')).toMatch(/decimal ','/);
    expect(amountProblem(' ', 'cost')).toBe('cost is empty');
  });
});
