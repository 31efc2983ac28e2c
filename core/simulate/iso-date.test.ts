import { describe, expect, it } from 'vitest';
import { isoDate } from './iso-date.ts';

describe('isoDate', () => {
  it('agrees with Date.toISOString over 1900–2100', () => {
    for (let day = -25567; day <= 47482; day += 13) {
      expect(isoDate(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });
  it('handles leap days and the epoch', () => {
    expect(isoDate(0)).toBe('1970-01-01');
    expect(isoDate(11016)).toBe('2000-02-29');
  });
});
