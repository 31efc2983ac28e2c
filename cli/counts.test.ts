import { describe, expect, it } from 'vitest';
import { isoToDay } from '../core/index.ts';
import { asOfWarning, describeCounts } from './counts.ts';

describe('describeCounts', () => {
  it('says nothing was left out only when nothing was', () => {
    expect(describeCounts({ customers: 5000, accepted: 14135, rejected: 0, afterAsOf: 0, excludedCustomers: 0, excludedRows: 0 })).toBe(
      '5,000 customers from 14,135 transactions',
    );
  });

  it('counts the transactions scored and names each kind of row left out', () => {
    // 14,135 accepted − 2,281 after as-of − 3 rows of returns-only customers = 11,851 scored.
    expect(describeCounts({ customers: 4998, accepted: 14135, rejected: 1, afterAsOf: 2281, excludedCustomers: 2, excludedRows: 3 })).toBe(
      '4,998 customers from 11,851 transactions; left out: 1 row that could not be read (listed above), ' +
        '2,281 rows dated after the as-of day, 3 rows of 2 customers with only returns (nothing to score)',
    );
  });
});

describe('asOfWarning', () => {
  const last = isoToDay('2024-06-30');
  it('stays quiet within a year of the last transaction', () => {
    expect(asOfWarning(isoToDay('2025-06-30'), last)).toBeUndefined();
    expect(asOfWarning(undefined, last)).toBeUndefined();
  });
  it('warns when the as-of date is more than a year later', () => {
    expect(asOfWarning(isoToDay('2034-06-30'), last)).toBe(
      '--as-of 2034-06-30 is 10.0 years after the last transaction (2024-06-30), so every customer looks long gone; check the date.',
    );
  });
});

describe('describeCounts in Chinese', () => {
  it('says the same counts', () => {
    expect(describeCounts({ customers: 4998, accepted: 14135, rejected: 1, afterAsOf: 2281, excludedCustomers: 2, excludedRows: 3 }, 'zh')).toBe(
      '4,998 位客户，来自 11,851 笔交易；未计入：1 行无法读取（见上方列表），2,281 行日期晚于分析基准日，2 位只有退货的客户的 3 行（没有可评分的购买）',
    );
    expect(asOfWarning(isoToDay('2030-01-01'), isoToDay('2024-01-01'), 'zh')).toBe(
      '--as-of 2030-01-01 比最后一笔交易（2024-01-01）晚 6.0 年，所有客户看起来都早已流失；请检查日期。',
    );
  });
});
