import { describe, expect, it } from 'vitest';
import { customerFormat, customerHeader } from './customer-columns.ts';

const totals = { unit: 'week' as const, churnHorizonDays: 90, horizonDays: 365, valueBasis: 'revenue' as const };

describe('customer columns', () => {
  it('puts the unit in every time heading, and says customer-for, not age (issue 12)', () => {
    expect(customerHeader('T', 'zh', totals)).toBe('成为客户(周)');
    expect(customerHeader('T', 'en', totals)).toBe('Customer for (weeks)');
    expect(customerHeader('recency', 'en', { ...totals, unit: 'day' })).toBe('First to last purchase (days)');
    expect(customerHeader('sinceLast', 'zh', { ...totals, unit: 'month' })).toBe('距上次购买(月)');
    expect(customerHeader('clv', 'en', totals)).toBe('Lifetime value (next 365 days)');
    expect(customerHeader('churnRisk', 'en', totals)).toBe('Churn risk (no purchase in 90 days)');
    expect(customerHeader('value', 'zh', { ...totals, valueBasis: 'profit' })).toBe('商业价值(利润)');
  });

  it('formats ratios with three decimals and ranks as whole numbers', () => {
    expect(customerFormat('contribution')).toBe('ratio');
    expect(customerFormat('composite')).toBe('ratio');
    expect(customerFormat('compositeRank')).toBe('integer');
    expect(customerFormat('firstDay')).toBe('date');
    expect(customerFormat('churnRisk')).toBe('share');
  });
});
