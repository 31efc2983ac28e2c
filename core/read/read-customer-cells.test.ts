import { describe, expect, it } from 'vitest';
import { detectCustomerColumns, readCustomerCells } from './read-customer-cells.ts';


describe('one row per customer', () => {
  it('detects the columns of customer tables in English and Chinese', () => {
    expect(detectCustomerColumns(['ID', 'x', 't_x', 'T', 'zbar'])).toEqual({ customerId: 0, frequency: 1, recency: 2, T: 3, monetary: 4 });
    expect(detectCustomerColumns(['客户编号', '重复购买次数', '首末购买间隔', '客户年龄', '销售额'])).toEqual({ customerId: 0, frequency: 1, recency: 2, T: 3, revenue: 4 });
  });

  it('builds summaries in the chosen unit around the as-of day', () => {
    const r = readCustomerCells(
      [['id', 'x', 't_x', 'T', 'revenue'], ['a', 2, 3, 5, 90], ['b', 0, 0, 1, 10]],
      { mapping: { customerId: 0, frequency: 1, recency: 2, T: 3, revenue: 4 }, hasHeader: true, firstRow: 1, unit: 'week', asOf: 1000 },
    );
    expect(r.rejected).toEqual([]);
    expect(r.summaries[0]).toMatchObject({ id: 'a', frequency: 2, purchaseDays: 3, recency: 3, T: 5, sinceLast: 2, revenue: 90, averageSpend: 30, monetary: 30, firstDay: 965, lastDay: 986 });
    expect(r.summaries[1]).toMatchObject({ id: 'b', monetary: 0, firstDay: 993 });
  });

  it('rejects impossible rows with their sheet row and reason', () => {
    const r = readCustomerCells(
      [['a', 1.5, 1, 2], ['b', 1, 3, 2], ['', 1, 1, 2], ['c', 1, 1, 2], ['c', 1, 1, 2]],
      { mapping: { customerId: 0, frequency: 1, recency: 2, T: 3 }, hasHeader: false, firstRow: 7, unit: 'day', asOf: 0 },
    );
    expect(r.rejected.map((x) => x.line)).toEqual([7, 8, 9, 11]);
    expect(r.rejected[1].reason).toMatch(/t_x/);
    expect(r.summaries.map((s) => s.id)).toEqual(['c']);
    expect(r.warnings[0]).toMatch(/No revenue column/);
  });

});
