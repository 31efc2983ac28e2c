import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { isoToDay } from './day-number.ts';
import { parseDate, scanDateText } from './parse-date.ts';

const D = isoToDay('2024-03-05');

describe('parseDate: one test per accepted form', () => {
  it('reads ISO yyyy-mm-dd', () => expect(parseDate('2024-03-05')).toBe(D));
  it('reads ISO with a time part (T or space), keeping the written calendar date', () => {
    expect(parseDate('2024-03-05T23:59:00Z')).toBe(D);
    expect(parseDate('2024-03-05 10:00:00')).toBe(D);
  });
  it('reads yyyymmdd', () => expect(parseDate('20240305')).toBe(D));
  it('reads an Excel serial number cell', () => expect(parseDate(45356)).toBe(D));
  it('reads an Excel serial written as text, with or without a time fraction', () => {
    expect(parseDate('45356')).toBe(D);
    expect(parseDate('45356.5')).toBe(D);
  });
  it('reads 2024/3/5 and 2024/03/05', () => {
    expect(parseDate('2024/3/5')).toBe(D);
    expect(parseDate('2024/03/05')).toBe(D);
  });
  it('reads 2024.3.5', () => expect(parseDate('2024.3.5')).toBe(D));
  it('reads 2024年3月5日, with or without 日 and spaces', () => {
    expect(parseDate('2024年3月5日')).toBe(D);
    expect(parseDate('2024年 3月 5日')).toBe(D);
    expect(parseDate('2024年03月05')).toBe(D);
  });
  it('reads 3/5/2024 as m/d/y by default and 5/3/2024 as d/m/y when asked', () => {
    expect(parseDate('3/5/2024')).toBe(D);
    expect(parseDate('5/3/2024', 'dmy')).toBe(D);
    expect(parseDate('5.3.2024', 'dmy')).toBe(D);
    expect(parseDate('05-03-2024', 'dmy')).toBe(D);
  });
  it('lets a part above 12 decide when no order is given', () => {
    expect(parseDate('25/3/2024')).toBe(isoToDay('2024-03-25'));
    expect(parseDate('3/25/2024')).toBe(isoToDay('2024-03-25'));
  });
  it('reads English month names', () => {
    for (const text of ['5 Mar 2024', '05-Mar-2024', '5 March 2024', 'Mar 5, 2024', 'March 5th 2024', 'Tue, Mar 5, 2024', 'mar 5 2024 10:00 AM']) {
      expect([text, parseDate(text)]).toEqual([text, D]);
    }
    expect(() => parseDate('5 Foo 2024')).toThrow(CvError);
    expect(() => parseDate('30 Feb 2024')).toThrow(/not a valid date/);
    expect(() => parseDate('5-Mar-24')).toThrow(/two-digit/);
  });
  it('reads Date objects by their UTC calendar date', () => {
    expect(parseDate(new Date(Date.UTC(2024, 2, 5, 18)))).toBe(D);
  });
});

describe('parseDate: rejections', () => {
  it.each([
    ['2024-02-30'], ['2024-13-01'], ['20241301'], ['2023-02-29'], ['abc'], ['2024-03'], ['2024-03-05x'], ['2024-03/05'],
  ])('rejects %s', (text) => {
    expect(() => parseDate(text)).toThrow(CvError);
    expect(() => parseDate(text)).toThrow(`date '${text}' is not a valid date`);
  });
  it('rejects two-digit years with the reason', () => {
    expect(() => parseDate('3/5/24')).toThrow(/two-digit years are ambiguous/);
  });
  it('rejects empty text, booleans, serial 60 and a year-last date under ymd', () => {
    expect(() => parseDate('  ')).toThrow(/date is empty/);
    expect(() => parseDate(true)).toThrow(CvError);
    expect(() => parseDate(60)).toThrow(/nonexistent 1900-02-29/);
    expect(() => parseDate('3/5/2024', 'ymd')).toThrow(/year last/);
    expect(() => parseDate('3/25/2024', 'dmy')).toThrow(/not a valid date/);
  });
  it('does not take small numbers or 4-digit years for serials', () => {
    expect(() => parseDate('2024')).toThrow(CvError);
    expect(() => parseDate('123')).toThrow(CvError);
  });
});

describe('scanDateText', () => {
  it('says which order a year-last date proves', () => {
    expect(scanDateText('13/5/2024')).toMatchObject({ kind: 'yearLast', proves: 'dmy' });
    expect(scanDateText('5/13/2024')).toMatchObject({ kind: 'yearLast', proves: 'mdy' });
    expect(scanDateText('5/3/2024')).toMatchObject({ kind: 'yearLast', proves: 'ambiguous' });
    expect(scanDateText('5/5/2024')).toMatchObject({ kind: 'yearLast', proves: 'either' });
  });
});
