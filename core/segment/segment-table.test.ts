import { describe, expect, it } from 'vitest';
import { isoToDay } from '../read/day-number.ts';
import type { Transaction } from '../types.ts';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { SEGMENT_COLUMNS, segmentTable } from './segment-table.ts';

const tx = (customerId: string, iso: string, amount: number, name?: string): Transaction => ({
  customerId,
  day: isoToDay(iso),
  amount,
  line: 0,
  name,
});

const result = analyzeTransactions(
  [tx('A', '2024-01-01', 100, 'Ann'), tx('A', '2024-02-01', 50), tx('B', '2024-01-15', 10), tx('C', '2024-01-20', 5)],
  { unit: 'week' },
).segment;

describe('segmentTable', () => {
  it('has one row per customer in the order of the result, and one cell per header', () => {
    const t = segmentTable(result.customers, 'en');
    expect(t.rows).toHaveLength(3);
    expect(t.rows.map((r) => r[0])).toEqual(result.customers.map((c) => c.id));
    for (const row of t.rows) expect(row).toHaveLength(t.headers.length);
  });

  it('leaves out columns that are empty for every customer unless asked for', () => {
    const t = segmentTable(result.customers, 'en');
    expect(t.keys).toContain('name');
    expect(t.keys).not.toContain('email');
    expect(t.keys).not.toContain('profit');
    const all = segmentTable(result.customers, 'en', SEGMENT_COLUMNS);
    expect(all.keys).toEqual(SEGMENT_COLUMNS);
    expect(all.rows[0]![all.keys.indexOf('profit')]).toBeNull();
  });

  it('translates headers and labels, and writes dates as ISO strings', () => {
    const t = segmentTable(result.customers, 'zh', ['id', 'firstDay', 'tier', 'stage']);
    expect(t.headers).toEqual(['客户', '首次购买', '客户等级', '生命周期阶段']);
    const a = t.rows.find((r) => r[0] === 'A')!;
    expect(a[1]).toBe('2024-01-01');
    expect(['VIP客户', '主要客户', '普通客户', '小客户']).toContain(a[2]);
  });

  it('flattens RFM into its three scores, the cell and the named segment', () => {
    const t = segmentTable(result.customers, 'en', ['rfmR', 'rfmF', 'rfmM', 'rfmCell', 'rfmSegment']);
    const c = result.customers[0]!;
    expect(t.rows[0]).toEqual([c.rfm.r, c.rfm.f, c.rfm.m, c.rfm.cell, c.rfm.segment]);
  });
});
