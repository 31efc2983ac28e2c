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
