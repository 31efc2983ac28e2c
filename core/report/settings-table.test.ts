import { describe, expect, it } from 'vitest';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { dayToExcelSerial } from '../read/day-number.ts';
import { formatMessage, msg } from '../i18n/messages.ts';
import { rejectedTable } from './rejected-table.ts';
import { settingsTable, tierRuleText } from './settings-table.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';

describe('settingsTable', () => {
  it('records every option, so a workbook can say how its tiers were made', () => {
    const a = analyzeTransactions(tenCustomers(), { model: 'none', horizonDays: 730, churnHorizonDays: 60, annualDiscount: 0.08, tierRule: { method: 'contribution', cuts: [3, 1.5, 0.5] } });
    const t = settingsTable(a, { file: 'salon.csv', transactions: 10, rejected: 0, calibrationEnd: 19_005 }, 'en');
    const byName = new Map(t.rows.map((r) => [r.cells[0], r]));
    const value = (k: string) => byName.get(k)?.cells[1];
    expect(value('Source file')).toBe('salon.csv');
    expect(value('Tier method and cut points')).toBe('contribution = value ÷ mean value: VIP above 3, Major above 1.5, Ordinary above 0.5, Small 0.5 or less');
    expect(value('Lifetime value horizon (days)')).toBe(730);
    expect(value('Churn risk horizon (days)')).toBe(60);
    expect(value('Discount rate per year')).toBe(0.08);
    expect(byName.get('Discount rate per year')?.formats?.[1]).toBe('share');
    expect(value('As of (the day the analysis is taken)')).toBe(dayToExcelSerial(19_009));
    expect(byName.get('As of (the day the analysis is taken)')?.formats?.[1]).toBe('date');
    expect(value('Holdout check: calibration end')).toBe(dayToExcelSerial(19_005));
    expect(value('Model asked for')).toBe('none');
    expect(value('Model used')).toBe('own-rate heuristic (no model)');
    expect(value('Why this model')).toBe(a.models.selection.reason);
    expect(value('Value (the key indicator)')).toMatch(/^net sales/);
    expect(t.rows.filter((r) => r.heading).map((r) => r.cells[0])).toEqual(['Data', 'Settings', 'Model']);
  });

  it('speaks Chinese', () => {
    const a = analyzeTransactions(tenCustomers(), { model: 'none' });
    const t = settingsTable(a, {}, 'zh');
    expect(t.headers).toEqual(['设置', '取值']);
    expect(t.rows.find((r) => r.cells[0] === '分级方法与分界点')?.cells[1]).toBe(tierRuleText({ method: 'contribution' }, 'zh'));
    expect(tierRuleText({ method: 'contribution' }, 'zh')).toBe('客户贡献度 = 价值 ÷ 平均价值:VIP客户 > 4,主要客户 > 2,普通客户 > 1,小客户 ≤ 1');
    // Why the model was (not) used: the core's sentence, said in Chinese, not left in English.
    const why = String(t.rows.find((r) => r.cells[0] === '选择理由')?.cells[1]);
    expect(why).toBe(formatMessage(a.models.selection.reasonMessage, 'zh'));
    expect(why).toMatch(/[\u4e00-\u9fff]/);
    expect(why).not.toBe(a.models.selection.reason);
  });

  it('lists rejected rows with their reasons in the report language', () => {
    const rows = [{ line: 4, reason: 'amount is empty', problems: [msg('read.numberEmpty', { column: msg('role.amount') })] }, { line: 9, reason: 'made up elsewhere' }];
    expect(rejectedTable(rows, 'zh').rows.map((r) => r.cells)).toEqual([[4, '金额为空'], [9, 'made up elsewhere']]);
    expect(rejectedTable(rows, 'en').rows.map((r) => r.cells)).toEqual([[4, 'amount is empty'], [9, 'made up elsewhere']]);
  });

  it('names the other tier methods with their parameters', () => {
    expect(tierRuleText({ method: 'quantile' }, 'en')).toBe('by rank: the top 5 % of customers are VIP, the top 20 % Major, the top 50 % Ordinary, the rest Small');
    expect(tierRuleText({ method: 'fixed', thresholds: [1000, 500, 100] }, 'en')).toBe('fixed amounts: value 1000 or more is VIP, 500 or more Major, 100 or more Ordinary, the rest Small');
  });
});
