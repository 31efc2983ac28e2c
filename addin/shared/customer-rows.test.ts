import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, inspectCells } from './analyze.ts';
import { detectCustomerColumns, readCustomerCells } from './customer-rows.ts';

const SUMMARY = new URL('../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url);
const haveSummary = existsSync(SUMMARY);
if (!haveSummary) console.warn(`CDNOW summary not found at ${SUMMARY.pathname}: the customer-table test is skipped`);

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

  it.skipIf(!haveSummary)('segments the CDNOW customer summary (2,357 customers) with BG/NBD', () => {
    const cells = readFileSync(SUMMARY, 'utf8').trim().split(/\r?\n/).map((l, i) => l.split(',').map((c, j) => (i === 0 || j === 0 ? c : Number(c))));
    const inspection = inspectCells(cells);
    expect(inspection.kind).toBe('customers');
    const a = analyze(cells, {
      kind: 'customers',
      customerMapping: inspection.customerMapping,
      mapping: {},
      hasHeader: true,
      firstRow: 1,
      unit: 'week',
      asOf: 10_408, // 1998-07-01 (day number)
      tierRule: { method: 'contribution' },
      model: 'bgnbd',
      horizonDays: 365,
      annualDiscount: 0.1,
    });
    expect(a.result.customers).toHaveLength(2357);
    // The summary is the published calibration data: the fit gives FHL 2005's parameters.
    const params = a.models.purchase?.params as { r: number; b: number } | undefined;
    expect(params?.r).toBeCloseTo(0.2426, 3);
    expect(params?.b).toBeCloseTo(2.4259, 2);
    expect(a.result.totals.churnSource).toBe('model');
  });
});
