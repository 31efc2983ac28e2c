import { describe, expect, it } from 'vitest';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { label } from '../i18n/labels.ts';
import { concentrationCurve } from './concentration-table.ts';
import { customerCells } from './customer-cells.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';
import { tierSummaryTable } from './tier-summary-table.ts';

describe('tierSummaryTable', () => {
  it('lays out table 4-2: band, customers, shares of customers and of net sales, averages, total', () => {
    const a = analyzeTransactions(tenCustomers(), { model: 'none' });
    const t = tierSummaryTable(a.segment, a.settings.tierRule, 'en');
    expect(t.headers).toEqual([
      'Tier', 'Contribution (value ÷ mean value)', 'Customers', 'Share of customers', 'Net sales', 'Share of net sales',
      'Average net sales per customer', 'Lifetime value (next 365 days)', 'Management strategy',
    ]);
    expect(t.formats).toEqual(['text', 'text', 'count', 'share', 'money', 'share', 'money', 'money', 'text']);
    const rows = t.rows.map((r) => r.cells.slice(0, 7));
    expect(rows[0]).toEqual(['VIP', '> 4', 1, 0.1, 1000, 1000 / 2100, 1000]);
    expect(rows[1]).toEqual(['Major', '(2, 4]', 1, 0.1, 500, 500 / 2100, 500]);
    expect(rows[2]).toEqual(['Ordinary', '(1, 2]', 1, 0.1, 250, 250 / 2100, 250]);
    expect(rows[3]).toEqual(['Small', '≤ 1', 7, 0.7, 350, 350 / 2100, 50]);
    expect(rows[4]).toEqual(['Total', '', 10, 1, 2100, 1, 210]);
    expect(t.rows.map((r) => r.tier)).toEqual(['VIP', 'Major', 'Ordinary', 'Small', undefined]);
    expect(t.rows[4]!.total).toBe(true);
    // Lifetime value of the tiers adds up to the customer equity.
    const clv = t.rows.slice(0, 4).reduce((s, r) => s + (r.cells[7] as number), 0);
    expect(clv).toBeCloseTo(a.segment.totals.clv, 9);
  });

  it("puts each tier's management strategy (步骤四) beside it", () => {
    const a = analyzeTransactions(tenCustomers(), { model: 'none' });
    const t = tierSummaryTable(a.segment, a.settings.tierRule, 'zh');
    expect(t.rows.slice(0, 4).map((r) => r.cells[8])).toEqual((['VIP', 'Major', 'Ordinary', 'Small'] as const).map((k) => label(`strategy.${k}`, 'zh')));
  });

  it('says the shares are of profit when value is profit (a cost column), in Chinese too', () => {
    const a = analyzeTransactions(tenCustomers(0.6), { model: 'none' });
    expect(a.segment.totals.valueBasis).toBe('profit');
    const zh = tierSummaryTable(a.segment, a.settings.tierRule, 'zh');
    expect(zh.headers.slice(0, 7)).toEqual(['客户等级', '客户贡献度(价值÷平均价值)', '客户数', '占总人数比例', '利润', '占利润比例', '人均利润']);
    expect(zh.rows[0]!.cells[4]).toBeCloseTo(400, 9);
    expect(tierSummaryTable(a.segment, a.settings.tierRule, 'en').headers[5]).toBe('Share of profit');
  });
});

describe('the report tables of a copied segment result', () => {
  it("lay out the same tables from a structured clone (the add-in's analysis comes back from its worker so), which has no row()", () => {
    const a = analyzeTransactions(tenCustomers(), { model: 'none', tierRule: { method: 'quantile' } });
    const copy = structuredClone(a.segment);
    expect(typeof (copy as { row?: unknown }).row).toBe('undefined');
    expect(tierSummaryTable(copy, a.settings.tierRule, 'en')).toEqual(tierSummaryTable(a.segment, a.settings.tierRule, 'en'));
    expect(concentrationCurve(copy, 'zh')).toEqual(concentrationCurve(a.segment, 'zh'));
    expect(customerCells(copy, 'en').keys).toEqual(customerCells(a.segment, 'en').keys);
  });
});
