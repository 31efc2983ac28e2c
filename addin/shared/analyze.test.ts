import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTransactions } from '../../core/index.ts';
import { analyze, inspectCells, type AnalysisOptions } from './analyze.ts';

const D = 45292; // 2024-01-01 as an Excel serial
const CDNOW = new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url);
const haveCdnow = existsSync(CDNOW);
if (!haveCdnow) console.warn(`CDNOW master not found at ${CDNOW.pathname}: the model test is skipped`);

const base: Omit<AnalysisOptions, 'mapping' | 'hasHeader'> = {
  firstRow: 1,
  unit: 'week',
  tierRule: { method: 'contribution' },
  model: 'none',
  horizonDays: 365,
  annualDiscount: 0.1,
};

const SUMMARY = new URL('../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url);
const haveSummary = existsSync(SUMMARY);
if (!haveSummary) console.warn(`CDNOW summary not found at ${SUMMARY.pathname}: the customer-table test is skipped`);

describe('inspectCells', () => {
  it('detects English and Chinese headers (via core) and previews the data rows', () => {
    const en = inspectCells([['Customer ID', 'Order Date', 'Amount'], ['a', D, 1], ['b', D, 2]]);
    expect(en).toMatchObject({ hasHeader: true, columns: ['Customer ID', 'Order Date', 'Amount'], mapping: { customerId: 0, date: 1, amount: 2 }, missing: [] });
    expect(en.preview).toEqual([['a', D, 1], ['b', D, 2]]);
    const zh = inspectCells([['金额', '客户编号', '交易日期'], [1, 'a', D]]);
    expect(zh.mapping).toEqual({ amount: 0, customerId: 1, date: 2 });
  });

  it('names columns "Column n" without a header row', () => {
    const none = inspectCells([['a', D, 1], ['b', D + 1, 2]]);
    expect(none.hasHeader).toBe(false);
    expect(none.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(none.preview).toHaveLength(2);
  });

  it('guesses the columns of a header-less sheet range: text ids, date serials, amounts (core will not take numbers for dates)', () => {
    const none = inspectCells([['a', D, 1.5], ['b', D + 1, 2], ['', '', ''], ['c', D + 9, 30]]);
    expect(none.mapping).toEqual({ customerId: 0, date: 1, amount: 2 });
    // Amounts that could be serials (20…31) are not taken for dates when a column of real date serials comes first.
    expect(inspectCells([['x', D, 25], ['y', D + 3, 31]]).mapping).toEqual({ customerId: 0, date: 1, amount: 2 });
    // Numbers outside 1970–2099 are no dates: no guess rather than a wrong one.
    expect(inspectCells([['x', 5, 25], ['y', 7, 31]]).mapping).toEqual({ customerId: 0, amount: 2 });
  });
});

describe('analyze', () => {
  const rows: unknown[][] = [['id', 'date', 'amount']];
  for (let c = 0; c < 30; c++) for (let k = 0; k <= c % 3; k++) rows.push([`c${c}`, D + c + 20 * k, 10 + c]);

  it('reads with the corrected mapping and reports rejected rows with sheet row numbers', () => {
    const withBad = [...rows, ['zz', 'soon', 5]];
    const a = analyze(withBad, { ...base, mapping: { customerId: 0, date: 1, amount: 2 }, hasHeader: true, firstRow: 10 });
    expect(a.result.customers).toHaveLength(30);
    expect(a.rejected).toMatchObject([{ line: 10 + withBad.length - 1, reason: expect.stringMatching(/date/i) }]);
  });

  it('names the customers with only returns, with their sheet row, and reads text decimal commas', () => {
    const cells = [...rows, ['ret', D + 5, '-12,50'], ['ret', D + 6, '(1,50)'], ['dec', D + 7, '5,25']];
    const a = analyze(cells, { ...base, mapping: { customerId: 0, date: 1, amount: 2 }, hasHeader: true, firstRow: 3 });
    expect(a.rejected).toEqual([]);
    expect(a.result.customers.find((c) => c.id === 'dec')?.revenue).toBe(5.25);
    expect(a.result.warnings).toContain(
      `1 customer with only returns was left out (no purchase to score): ret (line ${3 + rows.length}, 2 rows, \u221214.00).`,
    );
  });

  it('falls back to the heuristics, with the reason, when a model cannot be fitted', () => {
    const tiny = rows.slice(0, 8);
    const a = analyze(tiny, { ...base, model: 'bgnbd', mapping: { customerId: 0, date: 1, amount: 2 }, hasHeader: true });
    expect(a.models.fallback).toMatch(/^No model could be fitted \(BG\/NBD: /);
    expect(a.models.selection.steps[0]).toMatch(/^BG\/NBD could not be fitted/);
    expect(a.result.totals.churnSource).toBe('heuristic');
  });

  it.skipIf(!haveCdnow)('uses BG/NBD predictions when the fit works (CDNOW master as cells)', () => {
    const read = readTransactions(readFileSync(CDNOW));
    const cells: unknown[][] = [['customer', 'date', 'amount']];
    for (const t of read.transactions) cells.push([t.customerId, t.day + 25569, t.amount]);
    const a = analyze(cells, { ...base, model: 'bgnbd', mapping: { customerId: 0, date: 1, amount: 2 }, hasHeader: true });
    expect(a.models.purchase?.model).toBe('bgnbd');
    expect(a.result.customers).toHaveLength(23570);
    expect(a.result.totals.churnSource).toBe('model');
    expect(a.result.customers.every((c) => c.pAlive !== undefined)).toBe(true);
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
