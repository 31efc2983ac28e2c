import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { detectColumns, normalizeHeader, resolveMapping } from './detect-columns.ts';

describe('detectColumns', () => {
  it('finds English headers, ignoring case, spaces, underscores and hyphens', () => {
    expect(detectColumns(['Customer ID', 'Order Date', 'Revenue', 'COST', 'Margin', 'Qty', 'E-mail', 'Company', 'Name'])).toEqual({
      customerId: 0, date: 1, amount: 2, cost: 3, marginRate: 4, quantity: 5, email: 6, company: 7, name: 8,
    });
  });
  it('finds the CDNOW headers', () => {
    expect(detectColumns(['customer_id', 'date', 'number_of_cds', 'dollar_value'])).toEqual({
      customerId: 0, date: 1, quantity: 2, amount: 3,
    });
  });
  it('finds Chinese headers', () => {
    expect(detectColumns(['客户编号', '交易日期', '消费金额', '成本', '毛利率', '数量', '电子邮件', '公司名称', '客户名称'])).toEqual({
      customerId: 0, date: 1, amount: 2, cost: 3, marginRate: 4, quantity: 5, email: 6, company: 7, name: 8,
    });
    expect(detectColumns(['客户', '日期', '销售额', '邮箱', '公司', '姓名'])).toEqual({
      customerId: 0, date: 1, amount: 2, email: 3, company: 4, name: 5,
    });
  });
  it('prefers the more specific name when two columns match a role', () => {
    expect(detectColumns(['id', 'customer_id', 'date', 'amount']).customerId).toBe(1);
    expect(detectColumns(['Total', 'Amount', 'date', 'client']).amount).toBe(1);
  });
  it('recognises decorated headers and does not mistake "Customer Email" for the id', () => {
    expect(detectColumns(['Customer ID (CRM)', 'Sales Date', 'Order Amount (USD)', 'Customer Email', '订单金额(元)'])).toEqual({
      customerId: 0, date: 1, amount: 2, email: 3,
    });
  });
  it('leaves unknown columns out', () => {
    expect(detectColumns(['foo', 'bar'])).toEqual({});
  });
  it('normalizes a header', () => {
    expect(normalizeHeader('\uFEFF Customer_ID ')).toBe('customerid');
  });
});

describe('resolveMapping', () => {
  it('names the missing column and lists the headers found', () => {
    expect(() => resolveMapping('readTransactions', ['who', 'date', 'amount'], undefined, 3)).toThrow(
      "readTransactions: no customer id column was found (the headers found are 'who', 'date', 'amount'); name it in the mapping option.",
    );
    let error: unknown;
    try {
      resolveMapping('readTransactions', ['who'], undefined, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvError);
    expect((error as CvError).kind).toBe('data');
  });
  it('takes explicit choices by index or header name, and detects the rest', () => {
    expect(resolveMapping('f', ['who', 'when', 'amount'], { customerId: 'who', date: 1 }, 3)).toEqual({
      customerId: 0, date: 1, amount: 2,
    });
  });
  it('rejects an explicit choice that names no column', () => {
    expect(() => resolveMapping('f', ['a', 'b', 'c'], { customerId: 'nope', date: 1, amount: 2 }, 3)).toThrow(/'nope' is not among/);
    expect(() => resolveMapping('f', null, { customerId: 0, date: 1, amount: 7 }, 3)).toThrow(/does not exist/);
  });
});
