/**
 * The customer table kept as columns must hold, cell for cell, what
 * segmentCell gives for every row (the cells the add-in's segment sheet
 * shows), and choose the columns customerColumns chooses over all the rows.
 * Checked on the CDNOW sample (2,357 customers, BG/NBD, a composite score)
 * in both languages, and on ten customers with cost and names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { analyzeTransactions, createAnalysis } from '../analysis/analyze.ts';
import { readTransactions } from '../read/read-transactions.ts';
import { dayToExcelSerial } from '../read/day-number.ts';
import { COMPOSITE_COLUMNS, SEGMENT_COLUMNS, segmentCell } from '../segment/segment-table.ts';
import type { SegmentResult } from '../segment/segment.ts';
import type { Lang } from '../types.ts';
import { cellAt, customerCells } from './customer-cells.ts';
import { customerColumns } from './customer-columns.ts';
import { tenCustomers } from './fixtures/ten-customers.ts';
import { segmentValues } from './segment-values.ts';

function expectSameCells(segment: SegmentResult, lang: Lang): void {
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
  // The pass hands the report tables the same numbers the rows hold.
  const v = segmentValues(segment);
  expect(Array.from(v.value)).toEqual(rows.map((r) => r.value));
  expect(Array.from(v.clv)).toEqual(rows.map((r) => r.clv));
  expect(Array.from(v.contribution)).toEqual(rows.map((r) => r.contribution));
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
});
