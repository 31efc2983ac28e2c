import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTransactions } from '../../core/index.ts';
import { segment } from './segment.ts';

// 2024-01-01 is Excel serial 45292; three customers over a month.
const D = 45292;
const ids = [['Customer'], ['A'], ['A'], ['B'], ['C'], ['C'], ['C']];
const dates = [['Date'], [D], [D + 10], ['2024-01-05'], [D], [D + 20], [D + 30]];
const amounts = [['Amount'], [100], [50], [20], [300], ['200'], [100]];

describe('CV.SEGMENT', () => {
  it('spills a header row and one row per customer, most valuable first', async () => {
    const out = await segment(ids, dates, amounts);
    const header = out[0] as string[];
    expect(header[0]).toBe('Customer');
    expect(header).toContain('Tier');
    expect(header).toContain('Lifecycle stage');
    expect(out.length).toBe(4);
    const col = (name: string) => header.indexOf(name);
    expect(out.slice(1).map((r) => r[0])).toEqual(['C', 'A', 'B']);
    expect(out[1][col('Net sales')]).toBe(600);
    expect(out[2][col('Purchase days')]).toBe(2);
    // Dates are Excel serials: C's first purchase is 2024-01-01.
    expect(out[1][col('First purchase')]).toBe(D);
    expect(out[3][col('First purchase')]).toBe(D + 4);
    // Every row has the 30 documented columns (a rectangular spill of fixed width; help.html#segment-columns).
    expect(out.every((r) => r.length === 30)).toBe(true);
  });

  it('turns value into profit with a margin rate', async () => {
    const out = await segment(ids, dates, amounts, null, 'day', 0.25);
    const header = out[0] as string[];
    expect(out[1][header.indexOf('Profit')]).toBeCloseTo(150, 9);
    expect(out[1][header.indexOf('Value')]).toBeCloseTo(150, 9);
  });

  it('leaves out unreadable rows and keeps the rest', async () => {
    const out = await segment([...ids, ['D']], [...dates, ['not a date']], [...amounts, [5]]);
    expect(out.slice(1).map((r) => r[0])).not.toContain('D');
    expect(out.length).toBe(4);
  });

  it('reports Excel errors for unusable input', async () => {
    await expect(segment([['A'], ['B']], [[D]], [[1], [2]])).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(segment([['A']], [['x']], [['y']])).rejects.toMatchObject({ code: '#N/A' });
    await expect(segment(ids, dates, amounts, 'someday')).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(segment(ids, dates, amounts, null, 'year')).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(segment(ids, dates, amounts, null, null, null, null, undefined, 'gamma')).rejects.toMatchObject({ code: '#VALUE!' });
  });

  it('falls back to the heuristics when a model cannot be fitted to so few customers', async () => {
    const out = await segment(ids, dates, amounts, null, null, null, null, undefined, 'bgnbd');
    // Every model fails on three customers; the own-rate heuristic still fills every column, churn risk with its horizon.
    expect(out[0]).toContain('Churn risk (no purchase in 90 days)');
    expect(out.length).toBe(4);
    expect(out[0][29]).toMatch(/^Model: own-rate heuristic \(fell back: /);
  });

  const CDNOW = new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url);
  it.skipIf(!existsSync(CDNOW))('fits BG/NBD inside CV.SEGMENT on the CDNOW master ranges and adds P(alive)', async () => {
    const read = readTransactions(readFileSync(CDNOW));
    const col = (f: (t: (typeof read.transactions)[number]) => unknown) => read.transactions.map((t) => [f(t)]);
    const out = await segment(col((t) => t.customerId), col((t) => t.day + 25569), col((t) => t.amount), null, 'week', null, null, undefined, 'bgnbd');
    expect(out.length).toBe(23570 + 1);
    const p = (out[0] as string[]).indexOf('P(alive)');
    expect(p).toBeGreaterThan(0);
    expect(out.slice(1).every((r) => typeof r[p] === 'number' && r[p] >= 0 && r[p] <= 1)).toBe(true);
  });
});
