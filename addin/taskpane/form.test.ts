import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, toAnalysisOptions } from './form.ts';

const mapping = { customerId: 0, date: 1, amount: 2 };

describe('toAnalysisOptions', () => {
  it('reads the defaults', () => {
    const r = toAnalysisOptions(DEFAULT_FIELDS, mapping, true, 1);
    expect(r).toEqual({
      ok: true,
      options: { mapping, hasHeader: true, firstRow: 1, unit: 'week', asOf: undefined, marginRate: undefined, tierRule: { method: 'contribution', cuts: undefined }, model: 'auto', horizonDays: 365, churnHorizonDays: 90, annualDiscount: 0.1 },
    });
  });

  it('reads dates, margins, decimal commas and cut points', () => {
    const r = toAnalysisOptions({ ...DEFAULT_FIELDS, asOf: '1970-01-11', margin: '0,3', tierMethod: 'fixed', cuts: '100000; 50000 25000' }, mapping, false, 5);
    expect(r.ok && r.options).toMatchObject({ asOf: 10, marginRate: 0.3, tierRule: { method: 'fixed', thresholds: [100000, 50000, 25000] }, firstRow: 5 });
  });

  it('explains what is wrong', () => {
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, margin: '2' }, mapping, true, 1)).toMatchObject({ ok: false, message: expect.stringMatching(/Margin/) });
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, cuts: '4, 2' }, mapping, true, 1)).toMatchObject({ ok: false });
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, tierMethod: 'fixed' }, mapping, true, 1)).toMatchObject({ ok: false });
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, asOf: '31/12/2024' }, mapping, true, 1)).toMatchObject({ ok: false });
  });

  it('explains it in Chinese too', () => {
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, margin: '2' }, mapping, true, 1, 'zh')).toEqual({ ok: false, message: '毛利率须在 0 与 1 之间，实际为“2”。' });
    expect(toAnalysisOptions({ ...DEFAULT_FIELDS, tierMethod: 'fixed' }, mapping, true, 1, 'zh')).toMatchObject({ ok: false, message: expect.stringMatching(/^固定阈值/) });
  });
});
