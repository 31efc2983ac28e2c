import { describe, expect, it } from 'vitest';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { concentrationCurve, concentrationTable } from './concentration-table.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';

describe('concentration', () => {
  const a = analyzeTransactions(tenCustomers(), { model: 'none' });

  it('gives the top-20 % share as a share and the Gini coefficient with three decimals', () => {
    const t = concentrationTable(a.segment, 'en');
    // The top two of ten hold 1000 + 500 of 2100 (by hand).
    expect(t.rows[0]!.cells[1]).toBeCloseTo(1500 / 2100, 12);
    expect(t.formats[1]).toBe('share');
    expect(t.rows[1]!.formats?.[1]).toBe('ratio');
    expect(t.rows[0]!.cells[0]).toBe('Share of net sales held by the top 20 % of customers');
  });

  it('draws the curve from 0 to 1 through the top-20 % share, beside the line of equal shares', () => {
    const c = concentrationCurve(a.segment, 'en', 10);
    expect(c.rows).toHaveLength(11);
    expect(c.rows[0]!.cells).toEqual([0, 0, 0]);
    expect(c.rows[2]!.cells[1]).toBeCloseTo(a.segment.concentration.top20Share, 12);
    expect(c.rows[10]!.cells).toEqual([1, 1, 1]);
    const ys = c.rows.map((r) => r.cells[1] as number);
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThanOrEqual(ys[i - 1]!);
  });
});
