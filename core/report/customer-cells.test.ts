/**
 * The customer table kept as columns must hold, cell for cell, what
 * segmentCell gives for every row (the cells the add-in's segment sheet
 * shows), and choose the columns customerColumns chooses over all the rows.
 * Checked on the CDNOW sample (2,357 customers, BG/NBD, a composite score)
 * in both languages, and on ten customers with cost and names, each both
 * from the segment's columns and from the rows of a structured-clone copy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { analyzeCustomers, analyzeTransactions, createAnalysis } from '../analysis/analyze.ts';
import { createSummaryBuilder } from '../summary/summarize.ts';
import { readTransactions } from '../read/read-transactions.ts';
import { dayToExcelSerial } from '../read/day-number.ts';
import { COMPOSITE_COLUMNS, SEGMENT_COLUMNS, segmentCell } from '../segment/segment-table.ts';
import type { SegmentResult } from '../segment/segment.ts';
import type { Lang, Transaction } from '../types.ts';
import { cellAt, customerCells } from './customer-cells.ts';
import { customerColumns } from './customer-columns.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';
import { segmentValues } from './segment-values.ts';

/**
 * The cells read from the segment's columns, and from the rows of a copy of
 * it (as the add-in's worker hands it over: a structured clone keeps
 * `customers` and loses the non-enumerable `row` and `columns`), each held
 * against segmentCell over every row.
 */
function expectSameCells(segment: SegmentResult, lang: Lang): void {
  expect(segment.columns, 'the analysis keeps its columns').toBeDefined();
  const copy = structuredClone(segment);
  expect(copy.columns).toBeUndefined();
  expect(typeof copy.row).toBe('undefined');
  for (const s of [segment, copy]) expectCellsOf(s, lang);
}

function expectCellsOf(segment: SegmentResult, lang: Lang): void {
  const cells = customerCells(segment, lang, dayToExcelSerial);
  const rows = segment.customers;
  expect(cells.rows).toBe(rows.length);
  expect(cells.keys).toEqual(customerColumns(rows));
  for (const key of new Set([...SEGMENT_COLUMNS, ...COMPOSITE_COLUMNS])) {
    const column = cells.column(key);
    const mismatch = rows.findIndex((row, i) => !Object.is(cellAt(column, i), segmentCell(row, key, lang, dayToExcelSerial)));
    expect(mismatch, `${key}: first differing row`).toBe(-1);
  }
  expect(cells.tiers).toEqual(rows.map((r) => r.tier));
  // Dates as the CSV writes them (ISO text, no formatDay) take the same path.
  const iso = customerCells(segment, lang).column('lastDay');
  expect(rows.findIndex((row, i) => cellAt(iso, i) !== segmentCell(row, 'lastDay', lang))).toBe(-1);
  // The pass hands the report tables the same numbers the rows hold.
  const v = segmentValues(segment);
  expect(Array.from(v.value)).toEqual(rows.map((r) => r.value));
  expect(Array.from(v.clv)).toEqual(rows.map((r) => r.clv));
  expect(Array.from(v.contribution)).toEqual(rows.map((r) => r.contribution));
}

/**
 * Ten customers whose input order is not their value order (c3 first), with
 * texts and a cost on some of them only, and three who came back a month later.
 */
function mixedCustomers(): Transaction[] {
  const first = tenCustomers().map((t, i) => ({
    ...t,
    customerId: `c${(i * 7) % 10}`,
    name: i % 3 === 0 ? `Name ${i}` : undefined,
    email: i === 4 ? 'four@example.com' : undefined,
    company: i % 2 === 0 ? (i < 5 ? 'Acme' : 'Bolt') : undefined,
    cost: i % 4 === 0 ? t.amount * 0.5 : undefined,
  }));
  const again = first.slice(5, 8).map((t, i) => ({ ...t, day: t.day + 30, amount: 20 + i, cost: undefined, line: 20 + i }));
  return [...first, ...again];
}

describe('customerCells', () => {
  it(`holds segmentCell's cells for every customer of the CDNOW sample, in English and Chinese${WHY_NO_CDNOW}`, { skip: !HAS_CDNOW }, () => {
    for (const lang of ['en', 'zh'] as const) {
      const analysis = createAnalysis({ model: 'bgnbd', score: [{ field: 'revenue', weight: 0.5 }, { field: 'frequency', weight: 0.3 }, { field: 'sinceLast', weight: 0.2 }] });
      readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_sample.txt'), { onTransaction: (t) => analysis.add(t) });
      const { segment } = analysis.finish();
      expectSameCells(segment, lang);
      expect(customerCells(segment, lang).keys).toContain('compositeRank');
    }
  });

  it('leaves out the columns no customer has, and keeps cost and profit when there is a cost', () => {
    const withCost = analyzeTransactions(tenCustomers(0.6), { model: 'none' });
    expectSameCells(withCost.segment, 'en');
    expect(customerCells(withCost.segment, 'en').keys).toContain('profit');
    const noCost = analyzeTransactions(tenCustomers(), { model: 'none' });
    expectSameCells(noCost.segment, 'zh');
    expect(customerCells(noCost.segment, 'zh').keys).not.toContain('profit');
  });

  it('keeps the names, e-mails and companies some customers have, and no profit where a cost is missing', () => {
    const { segment } = analyzeTransactions(mixedCustomers(), { model: 'none' });
    expectSameCells(segment, 'en');
    const cells = customerCells(segment, 'en');
    expect(cells.keys).toEqual(expect.arrayContaining(['name', 'email', 'company']));
    // Revenue is the value when only some customers have a cost, and their profit shows with the others' left empty.
    expect(segment.totals.valueBasis).toBe('revenue');
    const profit = cells.column('profit');
    expect(Array.from(profit.kinds).filter((k) => k !== 0)).toHaveLength(3);
  });

  it('reads a customer table (summaries given as objects, no day columns) the same way', () => {
    const b = createSummaryBuilder({ unit: 'week' });
    for (const t of mixedCustomers()) b.add(t);
    const { segment } = analyzeCustomers(b.finish(), { model: 'none' });
    expectSameCells(segment, 'zh');
    expect(customerCells(segment, 'zh', dayToExcelSerial).column('firstDay').kinds[0]).toBe(1);
  });
});
