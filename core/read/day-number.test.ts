import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { civilFromDay, dayFromCivil, dayToExcelSerial, dayToIso, daysInMonth, excelSerialToDay, isoToDay } from './day-number.ts';

// Reference: the platform's Date.UTC, an independent proleptic-Gregorian implementation.
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;

describe('dayFromCivil / civilFromDay', () => {
  it('puts 1970-01-01 at day 0', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
  });

  it('agrees with Date.UTC on every day of 1899..2101 and round-trips', () => {
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= daysInMonth(y, m); d++) {
          const day = dayFromCivil(y, m, d);
          if (day !== utcDay(y, m, d)) expect([y, m, d, day]).toEqual([y, m, d, utcDay(y, m, d)]);
          const back = civilFromDay(day);
          if (back[0] !== y || back[1] !== m || back[2] !== d) expect(back).toEqual([y, m, d]);
        }
      }
    }
  });

  it('returns NaN for impossible dates', () => {
    expect(dayFromCivil(2024, 2, 30)).toBeNaN();
    expect(dayFromCivil(2023, 2, 29)).toBeNaN();
    expect(dayFromCivil(1900, 2, 29)).toBeNaN(); // 1900 is not a leap year
    expect(dayFromCivil(2024, 13, 1)).toBeNaN();
    expect(dayFromCivil(2024, 4, 31)).toBeNaN();
    expect(dayFromCivil(2000, 2, 29)).toBe(utcDay(2000, 2, 29)); // 2000 is
  });
});

describe('dayToIso / isoToDay', () => {
  it('formats and parses 2024-03-05 as day 19787', () => {
    expect(dayToIso(19787)).toBe('2024-03-05');
    expect(isoToDay('2024-03-05')).toBe(19787);
    expect(dayToIso(-1)).toBe('1969-12-31');
  });

  it('throws CvError on non-ISO text or impossible dates', () => {
    expect(() => isoToDay('2024-3-5')).toThrow(CvError);
    expect(() => isoToDay('2024-02-30')).toThrow(/not a valid yyyy-mm-dd date/);
    expect(() => dayToIso(1.5)).toThrow(CvError);
  });
});

describe('excelSerialToDay', () => {
  // Microsoft: "Excel stores dates as sequential serial numbers … January 1, 1900 is serial number 1";
  // DATE(2024,1,1) = 45292; serial 60 is the fictitious 1900-02-29 (Lotus 1-2-3 compatibility).
  it('maps serial 1 to 1900-01-01 and 59 to 1900-02-28', () => {
    expect(dayToIso(excelSerialToDay(1))).toBe('1900-01-01');
    expect(dayToIso(excelSerialToDay(59))).toBe('1900-02-28');
  });
  it('rejects serial 60 (1900-02-29 does not exist) and maps 61 to 1900-03-01', () => {
    expect(excelSerialToDay(60)).toBeNaN();
    expect(dayToIso(excelSerialToDay(61))).toBe('1900-03-01');
  });
  it('maps 45292 to 2024-01-01, drops the time fraction, rejects 0 and beyond 9999-12-31', () => {
    expect(dayToIso(excelSerialToDay(45292))).toBe('2024-01-01');
    expect(dayToIso(excelSerialToDay(45292.75))).toBe('2024-01-01');
    expect(dayToIso(excelSerialToDay(2958465))).toBe('9999-12-31');
    expect(excelSerialToDay(0)).toBeNaN();
    expect(excelSerialToDay(2958466)).toBeNaN();
  });
});

describe('dayToExcelSerial', () => {
  it('inverts excelSerialToDay for every serial but 60', () => {
    for (let s = 1; s < 80000; s++) {
      if (s === 60) continue;
      const back = dayToExcelSerial(excelSerialToDay(s));
      if (back !== s) expect([s, back]).toEqual([s, s]);
    }
    expect(dayToExcelSerial(isoToDay('1900-03-01'))).toBe(61);
  });
  it('throws before 1900-01-01', () => {
    expect(() => dayToExcelSerial(isoToDay('1899-12-31'))).toThrow(CvError);
  });
});
