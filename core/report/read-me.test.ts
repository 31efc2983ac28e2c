import { describe, expect, it } from 'vitest';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { SEGMENT_COLUMNS } from '../segment/segment-table.ts';
import { customerColumns, customerHeader, type CustomerColumn } from './customer-columns.ts';
import { readMeTable } from './read-me.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';

describe('readMeTable', () => {
  const a = analyzeTransactions(tenCustomers(), { model: 'none' });
  const all: CustomerColumn[] = [...SEGMENT_COLUMNS, 'composite', 'compositeRank', 'transactions', 'grossRevenue', 'returns', 'cost', 'quantity', 'churnSource'];

  it('defines every column by the heading it carries, in both languages, with the units filled in', () => {
    for (const lang of ['en', 'zh'] as const) {
      const t = readMeTable(all, lang, a.segment.totals, a.settings);
      const defined = new Map(t.rows.map((r) => [r.cells[0], r.cells[1]]));
      for (const key of all) {
        const meaning = defined.get(customerHeader(key, lang, a.segment.totals));
        expect(meaning, `${lang} ${key}`).toMatch(/\S/);
        expect(meaning).not.toMatch(/[{}]/);
      }
    }
    const zh = readMeTable(all, 'zh', a.segment.totals, a.settings);
    expect(zh.rows.find((r) => r.cells[0] === '成为客户(周)')?.cells[1]).toContain('单位:周');
  });

  it("states the rules with this analysis's cut points", () => {
    const t = readMeTable(customerColumns(a.segment.customers), 'en', a.segment.totals, a.settings);
    expect(t.rows.find((r) => r.cells[0] === 'Tiers')?.cells[1]).toBe('contribution = value ÷ mean value: VIP above 4, Major above 2, Ordinary above 1, Small 1 or less.');
    expect(t.rows.find((r) => r.cells[0] === 'Churn levels')?.cells[1]).toBe('Low below 30 %, Medium from 30 % to 70 %, High from 70 %.');
  });
});
