import { describe, expect, it } from 'vitest';
import { analyzeTransactions } from '../analysis/analyze.ts';
import { CvError } from '../errors.ts';
import { isoToDay } from '../read/day-number.ts';
import type { CompositeField } from '../segment/segment.ts';
import { COMPOSITE_FIELDS, parseScoreSpec, rankDescending } from './score-spec.ts';

function reason(text: string): string {
  try {
    parseScoreSpec(text);
  } catch (e) {
    if (e instanceof CvError) return `${e.kind}: ${e.reason}`;
    throw e;
  }
  return 'accepted';
}

describe('parseScoreSpec', () => {
  it('reads field:weight pairs, percentages, a normalisation and Chinese column labels', () => {
    expect(parseScoreSpec('revenue:0.5,frequency:0.3,sinceLast:0.2')).toEqual([
      { field: 'revenue', weight: 0.5 },
      { field: 'frequency', weight: 0.3 },
      { field: 'sinceLast', weight: 0.2 },
    ]);
    expect(parseScoreSpec(' Profit = 60% ; clv:40%:rank ')).toEqual([
      { field: 'profit', weight: 0.6 },
      { field: 'clv', weight: 0.4, normalisation: 'rank' },
    ]);
    // The labels the Chinese outputs show: 净销售额 (revenue), 购买天数 (purchaseDays), full-width separators.
    expect(parseScoreSpec('净销售额：0.7，购买天数：0.3')).toEqual([
      { field: 'revenue', weight: 0.7 },
      { field: 'purchaseDays', weight: 0.3 },
    ]);
  });

  it('says which part is wrong and what it must be', () => {
    expect(reason('')).toMatch(/^value: a score needs at least one field:weight/);
    expect(reason('sales:0.5')).toMatch(/^value: "sales" in "sales:0.5" is not a field of the score; the fields are value, revenue,/);
    expect(reason('revenue')).toBe('value: "revenue" must be field:weight (e.g. revenue:0.3), optionally with :minmax, :rank or :z');
    expect(reason('revenue:half')).toBe('value: the weight of revenue must be a number, not "half"');
    expect(reason('revenue:-1')).toBe('num: the weight of revenue must be 0 or more, not -1');
    expect(reason('revenue:1,revenue:2')).toBe('value: revenue is given twice; give each field once');
    expect(reason('revenue:1:log')).toBe('value: "log" in "revenue:1:log" is not a normalisation; use minmax, rank or z');
    expect(reason('revenue:0,clv:0')).toBe('num: at least one weight must be above 0 in "revenue:0,clv:0"');
  });

  it('knows every composite field', () => {
    // A field of the type missing from the list fails to typecheck here.
    type Missing = Exclude<CompositeField, (typeof COMPOSITE_FIELDS)[number]>;
    const complete: [Missing] extends [never] ? true : false = true;
    expect(complete).toBe(true);
    expect(new Set(COMPOSITE_FIELDS).size).toBe(COMPOSITE_FIELDS.length);
    for (const f of COMPOSITE_FIELDS) expect(parseScoreSpec(`${f}:1`)).toEqual([{ field: f, weight: 1 }]);
  });
});

describe('rankDescending', () => {
  it('ranks as Excel RANK.EQ(x, range, 0): ties share the better rank, the next is skipped', () => {
    // Excel: =RANK.EQ(A1,A$1:A$4) over 0.2, 0.9, 0.5, 0.9 gives 4, 1, 3, 1.
    expect(rankDescending([0.2, 0.9, 0.5, 0.9])).toEqual([4, 1, 3, 1]);
    expect(rankDescending([])).toEqual([]);
    expect(rankDescending([7])).toEqual([1]);
  });
});

describe('the composite score in an analysis', () => {
  const rows = [
    { customerId: 'a', day: isoToDay('2024-01-01'), amount: 10, line: 2 },
    { customerId: 'a', day: isoToDay('2024-02-01'), amount: 20, line: 3 },
    { customerId: 'b', day: isoToDay('2024-01-15'), amount: 10, line: 4 },
    { customerId: 'c', day: isoToDay('2024-01-20'), amount: 20, line: 5 },
  ];

  it('gives every customer the weighted score and its rank', () => {
    const { segment } = analyzeTransactions(rows, { model: 'none', score: parseScoreSpec('revenue:0.5,frequency:0.5') });
    // By hand: revenue 30, 10, 20 → min–max 1, 0, 0.5; repeat purchases 1, 0, 0 → 1, 0, 0;
    // halves: a 1, b 0, c 0.25.
    const byId = Object.fromEntries(segment.customers.map((c) => [c.id, [c.composite, c.compositeRank]]));
    expect(byId).toEqual({ a: [1, 1], b: [0, 3], c: [0.25, 2] });
  });

  it('leaves the columns out without a score, and refuses a bad one before any work', () => {
    const { segment } = analyzeTransactions(rows, { model: 'none' });
    expect(segment.customers[0].composite).toBeUndefined();
    expect(segment.customers[0].compositeRank).toBeUndefined();
    expect(() => analyzeTransactions(rows, { score: [{ field: 'revenue', weight: -1 }] })).toThrow(/the weight of revenue must be a number ≥ 0/);
    expect(() => analyzeTransactions(rows, { score: [{ field: 'age' as CompositeField, weight: 1 }] })).toThrow(/"age" is not a field of the composite score/);
  });
});
