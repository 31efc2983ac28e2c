import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { DEFAULT_SETTINGS, parseCutPoints, parseDuration, resolveSettings } from './settings.ts';

describe('resolveSettings', () => {
  it('fills in one set of defaults for every product', () => {
    const s = resolveSettings();
    expect(s).toMatchObject({ unit: 'week', model: 'auto', horizonDays: 365, churnHorizonDays: 90, annualDiscount: 0.1, penalizer: 0, spendModel: true });
    expect(s.tierRule).toEqual({ method: 'contribution', cuts: [4, 2, 1] });
    expect(s.churnThresholds).toEqual([0.3, 0.7]);
    expect(resolveSettings({ horizonDays: 730 })).toMatchObject({ horizonDays: 730, churnHorizonDays: DEFAULT_SETTINGS.churnHorizonDays });
  });

  it('names the setting and what it must be when a value is wrong', () => {
    const reason = (input: Parameters<typeof resolveSettings>[0]) => {
      try {
        resolveSettings(input);
      } catch (e) {
        if (e instanceof CvError) return `${e.kind}: ${e.reason}`;
        throw e;
      }
      return 'accepted';
    };
    expect(reason({ horizonDays: -1 })).toBe('num: the CLV horizon must be a positive number of days, got -1');
    expect(reason({ churnHorizonDays: 0 })).toMatch(/^num: the churn horizon must be a positive number of days/);
    expect(reason({ marginRate: 30 })).toMatch(/^num: the margin rate must be between 0 and 1/);
    expect(reason({ annualDiscount: Number.NaN })).toMatch(/^num: the discount rate/);
    expect(reason({ model: 'lifetimes' as never })).toBe('value: the model must be one of auto, bgnbd, mbgnbd, pnbd, none, not "lifetimes"');
    expect(reason({ unit: 'year' as never })).toMatch(/^value: the time unit must be day, week or month/);
    expect(reason({ churnThresholds: [0.7, 0.3] })).toMatch(/^num: the churn thresholds must satisfy 0 < low < high < 1/);
    expect(reason({ tierRule: { method: 'contribution', cuts: [1, 2, 4] } })).toMatch(/descending/);
    expect(reason({ penalizer: -0.1 })).toMatch(/^num: the penalizer/);
  });
});

describe('parseDuration', () => {
  it('reads days bare or with a unit, months and years as cvlens counts them', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration(' 90d ')).toBe(90);
    expect(parseDuration('13w')).toBe(91);
    expect(parseDuration('3m')).toBeCloseTo(3 * 30.4375, 12);
    expect(parseDuration('1y')).toBe(365.25);
    expect(parseDuration('2 weeks')).toBe(14);
    expect(parseDuration('90天')).toBe(90);
    expect(parseDuration('3个月')).toBeCloseTo(91.3125, 12);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '-5', 'soon', '5x', '1,5w']) expect(() => parseDuration(bad), bad).toThrow(CvError);
  });
});

describe('parseCutPoints', () => {
  it('reads one grammar everywhere: commas, semicolons or spaces, percentages', () => {
    expect(parseCutPoints('4,2,1')).toEqual([4, 2, 1]);
    expect(parseCutPoints('4; 2; 1')).toEqual([4, 2, 1]);
    expect(parseCutPoints('0.05 0.2 0.5')).toEqual([0.05, 0.2, 0.5]);
    expect(parseCutPoints('5%, 20%, 50%')).toEqual([0.05, 0.2, 0.5]);
    expect(parseCutPoints('4，2，1')).toEqual([4, 2, 1]);
  });

  it('refuses anything but three numbers', () => {
    for (const bad of ['4,2', '4,2,1,0', 'a,b,c', '']) expect(() => parseCutPoints(bad), bad).toThrow(/three numbers/);
  });
});
