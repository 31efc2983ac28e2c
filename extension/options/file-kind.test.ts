import { describe, expect, it } from 'vitest';
import { toScoredCustomersCsv } from '../../core/index.ts';
import { detectFileKind, guessCustomerColumns, guessIdColumn, guessValueColumn } from './file-kind.ts';

const scoredHeaders = toScoredCustomersCsv([]).split(/\r?\n/)[0].split(',');

describe('detectFileKind', () => {
  it('takes a file with a date column as transactions', () => {
    expect(detectFileKind(['customer_id', 'date', 'amount', 'email'])).toBe('transactions');
    expect(detectFileKind(['客户编号', '交易日期', '金额'])).toBe('transactions');
  });

  it('takes the CDNOW summary layout (ID, x, t_x, T, zbar) as a customer table', () => {
    expect(detectFileKind(['ID', 'x', 't_x', 'T', 'zbar'])).toBe('customers');
    expect(detectFileKind(['customer', 'frequency', 'recency', 'T', 'revenue', 'email'])).toBe('customers');
  });

  it('takes a one-row-per-customer list with a value and no date as a value list', () => {
    expect(detectFileKind(['Account ID', 'Account Name', 'Website', 'Email', 'Annual Revenue'])).toBe('values');
    expect(detectFileKind(['客户编号', '客户名称', '销售额'])).toBe('values');
  });

  it('recognises the Excel add-in’s scored-customers export before anything else', () => {
    expect(detectFileKind(scoredHeaders)).toBe('scored');
  });

  it('needs all of x, t_x and T for a customer table: with a date it is transactions', () => {
    expect(detectFileKind(['id', 'x', 'date', 'amount'])).toBe('transactions');
  });

  it('falls back to transactions (whose reader names the missing columns) when nothing is recognised', () => {
    expect(detectFileKind(['foo', 'bar'])).toBe('transactions');
  });
});

describe('guessValueColumn', () => {
  it('finds revenue-like headers but not counts, dates or ids', () => {
    expect(guessValueColumn(['Account ID', 'Account Name', 'Annual Revenue'])).toBe(2);
    expect(guessValueColumn(['Order count', 'Total sales'])).toBe(1);
    expect(guessValueColumn(['Revenue date', 'Value'])).toBe(1);
    expect(guessValueColumn(['id', 'name'])).toBeUndefined();
  });
});

describe('guessIdColumn and guessCustomerColumns', () => {
  it('prefers core’s customer id, then an "… ID" column, then the first column', () => {
    expect(guessIdColumn(['Name', 'Customer ID'])).toBe(1);
    expect(guessIdColumn(['Account Name', 'Account ID'])).toBe(1);
    expect(guessIdColumn(['Name', 'Revenue'])).toBe(0);
  });

  it('maps the CDNOW summary columns to id, x, t_x, T and average spend', () => {
    expect(guessCustomerColumns(['ID', 'x', 't_x', 'T', 'zbar'])).toEqual({ customerId: 0, frequency: 1, recency: 2, T: 3, monetary: 4 });
  });
});
