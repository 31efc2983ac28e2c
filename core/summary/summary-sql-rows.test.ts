import { describe, expect, it } from 'vitest';
import { detectCustomerColumns } from '../read/read-customer-cells.ts';
import { isoToDay } from '../read/day-number.ts';
import { createSummarySqlReader, isSummarySqlHeader, readSummarySqlRows, type SummarySqlRow } from './summary-sql-rows.ts';
import { SUMMARY_SQL_COLUMNS } from './summary-sql.ts';
import { idStrings } from './summary-table.ts';

/** A row as psql --csv prints it (every value text, NULL as empty). */
const row = (extra: Partial<Record<string, string>> = {}): SummarySqlRow => ({
  customer_id: '00123',
  first_day: '2024-01-01',
  last_day: '2024-01-15',
  as_of: '2024-01-29',
  transactions: '3',
  purchase_days: '3',
  frequency: '2',
  recency: '2',
  t: '4',
  since_last: '2',
  gross_revenue: '60.5',
  return_amount: '0',
  returns: '0',
  revenue: '60.5',
  average_spend: '20.166666666666668',
  monetary: '25',
  cost: '',
  profit: '',
  quantity: '',
  email: '',
  company: '',
  name: '',
  row_count: '3',
  first_line: '',
  ...extra,
});

describe('readSummarySqlRows', () => {
  it('reads text values into a CustomerSummary, ids kept as text and dates as day numbers', () => {
    const { summaries, asOf, rejected } = readSummarySqlRows([row({ cost: '40', profit: '20.5', email: ' a@x.cn ' })]);
    expect(rejected).toEqual([]);
    expect(asOf).toBe(isoToDay('2024-01-29'));
    expect(summaries[0]).toEqual({
      id: '00123', firstDay: isoToDay('2024-01-01'), lastDay: isoToDay('2024-01-15'), transactions: 3, purchaseDays: 3, frequency: 2,
      recency: 2, T: 4, sinceLast: 2, grossRevenue: 60.5, returnAmount: 0, returns: 0, revenue: 60.5, averageSpend: 20.166666666666668,
      monetary: 25, cost: 40, profit: 20.5, email: 'a@x.cn',
    });
  });

  it('takes numbers, bigints and day numbers as a driver gives them', () => {
    const r = readSummarySqlRows([{ ...row(), first_day: 19_723, last_day: 19_737n, as_of: 19_751, transactions: 3n, purchase_days: 3n, frequency: 2n }]);
    expect(r.summaries[0]).toMatchObject({ firstDay: 19_723, lastDay: 19_737, purchaseDays: 3 });
  });

  it('lists a customer with only returns (purchase_days 0) as excluded, with the builder\'s reason', () => {
    const r = readSummarySqlRows([
      row({ customer_id: 'r', first_day: '', last_day: '', purchase_days: '0', frequency: '', recency: '', t: '', since_last: '', returns: '2', return_amount: '12', row_count: '2', first_line: '5', average_spend: '', monetary: '' }),
    ]);
    expect(r.summaries).toEqual([]);
    expect(r.excluded).toEqual([{ id: 'r', reason: 'only returns (2 rows, \u221212.00), no purchase to score', rows: 2, returnAmount: 12, firstLine: 5 }]);
  });

  it('rejects, with line and reason, a blank id, a repeated id, a bad date, another as-of and an inconsistent frequency', () => {
    const r = readSummarySqlRows(
      [
        row({ customer_id: ' ' }),
        row({ customer_id: 'a' }),
        row({ customer_id: 'a' }),
        row({ customer_id: 'b', first_day: '2024-02-30x' }),
        row({ customer_id: 'c', as_of: '2024-02-01' }),
        row({ customer_id: 'd', frequency: '5' }),
        row({ customer_id: 'e', recency: 'NaN' }),
      ],
      { firstLine: 2 },
    );
    expect(r.summaries.map((s) => s.id)).toEqual(['a']);
    expect(r.rejected).toEqual([
      { line: 2, reason: 'the customer id is blank' },
      { line: 4, reason: 'customer a appears twice (one row per customer expected)' },
      { line: 5, reason: 'first_day and last_day must be dates with first ≤ last ≤ as_of, got "2024-02-30x" and "2024-01-15"' },
      { line: 6, reason: 'as_of 2024-02-01 differs from the first row\'s (one summary has one as-of day)' },
      { line: 7, reason: 'frequency 5 is not purchase_days − 1 (2)' },
      { line: 8, reason: 'recency is not a number: "NaN"' },
    ]);
  });

  it('sorts customers by id as the TypeScript builder does', () => {
    const ids = readSummarySqlRows([row({ customer_id: 'b' }), row({ customer_id: 'B' }), row({ customer_id: 'a' })]).summaries.map((s) => s.id);
    expect(ids).toEqual(['B', 'a', 'b']);
  });
});

describe('isSummarySqlHeader', () => {
  it('knows the query\'s columns in any order and case, and not a transaction header', () => {
    expect(isSummarySqlHeader([...SUMMARY_SQL_COLUMNS])).toBe(true);
    expect(isSummarySqlHeader([...SUMMARY_SQL_COLUMNS].reverse().map((c) => c.toUpperCase()))).toBe(true);
    expect(isSummarySqlHeader(['customer_id', 'date', 'amount'])).toBe(false);
  });

  it('is also a customer table for the add-in and the extension (their detectCustomerColumns)', () => {
    const m = detectCustomerColumns([...SUMMARY_SQL_COLUMNS]);
    const at = (c: string) => SUMMARY_SQL_COLUMNS.indexOf(c as (typeof SUMMARY_SQL_COLUMNS)[number]);
    expect(m).toEqual({ customerId: at('customer_id'), frequency: at('frequency'), recency: at('recency'), T: at('t'), revenue: at('revenue'), monetary: at('monetary') });
  });
});

describe('createSummarySqlReader with asTable', () => {
  it('keeps the customers as columns whose summary(i) is, field by field, the object the plain reader builds', () => {
    const rows: SummarySqlRow[] = [
      row({ customer_id: 'b', email: 'b@x.cn', cost: '30', profit: '30.5', quantity: '4' }),
      row({ customer_id: 'a', company: '甲公司', name: '王' }),
      row({ customer_id: 'c', purchase_days: '1', frequency: '0', recency: '0', monetary: '0', last_day: '2024-01-01', since_last: '4' }),
      row({ customer_id: 'r', purchase_days: '0', frequency: '', first_day: '', last_day: '', return_amount: '12', row_count: '2' }),
      row({ customer_id: 'a' }),
    ];
    const objects = readSummarySqlRows(rows);
    const reader = createSummarySqlReader({ asTable: true });
    for (const r of rows) reader.add(r);
    const columns = reader.finish();
    expect(columns.summaries).toEqual([]);
    const table = columns.table!;
    expect(idStrings(table.ids)).toEqual(['a', 'b', 'c']);
    expect(Array.from({ length: table.length }, (_, i) => table.summary(i))).toStrictEqual(objects.summaries);
    expect(Array.from(table.profitKnown)).toEqual([0, 1, 0]);
    expect(Array.from(table.monetary)).toEqual(objects.summaries.map((s) => s.monetary));
    expect(columns.excluded).toEqual(objects.excluded);
    expect(columns.rejected).toEqual(objects.rejected);
  });
});
