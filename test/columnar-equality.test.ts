/**
 * The columnar analysis (createAnalysis: typed columns per customer, purchase
 * days as lists, no row kept) against the object path it replaces
 * (createObjectAnalysis: an object per customer, every purchase row kept
 * and sorted for the holdout), on CDNOW master as read from the file and on
 * a simulated file with returns, zero amounts, costs, rows out of date
 * order, repeated days and rows after the as-of day.
 *
 * Every number must be identical (Object.is), not merely close: both paths
 * add the same amounts in the same row order and feed the fits the same
 * customers in the same order, so the likelihoods sum the same terms in the
 * same order and the optimiser takes the same steps. Only the fits' own
 * wall-clock `seconds` may differ.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeObjectCustomers, createObjectAnalysis } from '../core/analysis/analyze.ts';
import {
  analyzeCustomers,
  createAnalysis,
  createSummaryBuilder,
  isoToDay,
  parseScoreSpec,
  predictCustomers,
  readTransactions,
  simulateCustomers,
  simulateTransactionsCsv,
  type AnalysisSettingsInput,
  type Transaction,
} from '../core/index.ts';
import { predictColumns } from '../core/models/predict.ts';
import { readTransactionsFromSource } from '../core/read/read-transactions.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from './cdnow.ts';
import { differences } from './differences.ts';

/**
 * A fit that stops on its wall-clock budget (10 s, fit-driver.ts) is not a
 * difference between the paths but a machine too busy to judge them by.
 */
function outOfTime(a: { models: { selection: { steps: string[]; candidates: { error?: string }[] } } }): boolean {
  const said = [...a.models.selection.steps, ...a.models.selection.candidates.map((c) => c.error ?? '')];
  return said.some((s) => s.includes('did not settle within its budget'));
}

function both(rows: readonly Transaction[], settings: AnalysisSettingsInput) {
  const columnar = createAnalysis(settings);
  const objects = createObjectAnalysis(settings);
  for (const t of rows) {
    columnar.add(t);
    objects.add(t);
  }
  return { columnar: columnar.finish(), objects: objects.finish() };
}

/** A simulated base made awkward: returns, free items, costs, shuffled blocks, same-day repeats, late rows. */
function messyRows(): Transaction[] {
  const { transactions } = simulateCustomers({
    seed: 7,
    customers: 2500,
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start: isoToDay('2024-01-01'),
    days: 52 * 7,
  });
  const rows: Transaction[] = [];
  transactions.forEach((t, i) => {
    const row: Transaction = { ...t };
    if (i % 11 === 0) row.cost = Math.round(t.amount * 60) / 100;
    if (i % 13 === 0) rows.push({ ...t, amount: -Math.round(t.amount * 50) / 100, line: t.line + 0.5 }); // a partial return
    if (i % 17 === 0) rows.push({ ...t, amount: 0 }); // a free item on the same day
    if (i % 19 === 0) rows.push({ ...t, day: t.day + 400 }); // after the as-of day used below
    rows.push(row);
  });
  rows.push({ customerId: 'only-returns', day: isoToDay('2024-03-01'), amount: -12.5, line: 1e9 });
  // Out of date order: reverse every block of 7 rows, so customers' rows arrive late and early.
  for (let i = 0; i + 7 <= rows.length; i += 7) {
    const block = rows.slice(i, i + 7).reverse();
    for (let j = 0; j < 7; j++) rows[i + j] = block[j]!;
  }
  return rows;
}

// Each case runs two whole analyses (the default one fits every model twice); on a loaded 2-core machine that passes 30 s.
describe('the columnar analysis gives the numbers of the object path', { timeout: 180_000 }, () => {
  it.skipIf(!HAS_CDNOW)(`on CDNOW master, read from the file, with the default model choice (holdout)${WHY_NO_CDNOW}`, () => {
    const rows = readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')).transactions;
    const { columnar, objects } = both(rows, {});
    expect(columnar.models.selection.method).toBe('holdout');
    expect(columnar.models.recalibration).toBeDefined();
    expect(columnar.segment.customers).toHaveLength(23_570);
    expect(differences(columnar, objects)).toEqual([]);
  });

  it.skipIf(!HAS_CDNOW)(`on CDNOW master read from its bytes straight into the analysis (the byte lane, no row objects)${WHY_NO_CDNOW}`, () => {
    const bytes = readFileSync(CDNOW_DIR + 'CDNOW_master.txt');
    for (const settings of [{ model: 'bgnbd' }, { unit: 'day', model: 'pnbd', asOf: isoToDay('1997-09-30') }] as const) {
      const columnar = createAnalysis(settings);
      const read = readTransactions(bytes, { into: columnar });
      const objects = createObjectAnalysis(settings);
      const rows = readTransactions(bytes, { onTransaction: objects.add, onAccepted: () => {} });
      expect({ ...read, transactions: [] }).toEqual({ ...rows, transactions: [] });
      expect(read.rowsAccepted).toBe(69_659);
      expect(differences(columnar.finish(), objects.finish())).toEqual([]);
    }
  });

  it('on a simulated CSV with e-mails and companies streamed in pieces into the analysis, as the object path reads its rows', () => {
    // More customers than a block of the builder's columns (2^15) holds, and days past a block of the day lists (2^16).
    const csv = simulateTransactionsCsv({
      seed: 11,
      customers: 40_000,
      params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
      start: isoToDay('2024-01-01'),
      days: 52 * 7,
    });
    // A few rows the lane must leave to the text reader, among the rest.
    const lines = csv.split('\n');
    for (let i = 5; i < lines.length; i += 97) lines[i] = lines[i]!.replace(/,(\d+\.\d+),/, ', $$$1 ,');
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const columnar = createAnalysis({ model: 'bgnbd' });
    const source = { size: bytes.length, read: (into: Uint8Array, at: number) => (into.set(bytes.subarray(at, at + into.length)), Math.min(into.length, bytes.length - at)) };
    readTransactionsFromSource(source, { into: columnar }, { streamFrom: 0, pieceBytes: 65_536 });
    const objects = createObjectAnalysis({ model: 'bgnbd' });
    const read = readTransactions(bytes, { onTransaction: objects.add, onAccepted: () => {} });
    expect(read.rejected).toEqual([]);
    const a = columnar.finish();
    expect(a.segment.customers.some((c) => c.email !== undefined)).toBe(true);
    expect(a.segment.totals.customers).toBeGreaterThan(2 ** 15);
    expect(differences(a, objects.finish())).toEqual([]);
    // The builder's columns are let go once the analysis is finished: a row after that is refused, not lost.
    expect(differences(columnar.finish(), a)).toEqual([]);
    expect(() => columnar.add({ customerId: 'late', day: 19_800, amount: 5, line: 0 })).toThrow('rows were added after the analysis was finished');
  });

  it('on ids the lane keeps for the summary (out of order, of many lengths, some past ASCII), read straight into the analysis', () => {
    // The summary keeps these ids where the lane found them (its table): their order and strings must be the object path's.
    const csv = simulateTransactionsCsv({
      seed: 5,
      customers: 3000,
      params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
      start: isoToDay('2024-01-01'),
      days: 52 * 7,
    });
    const [head, ...rest] = csv.trimEnd().split('\n');
    const renamed = rest.map((line, i) => {
      const cut = line.indexOf(',');
      const id = line.slice(0, cut);
      const n = Number(id.replace(/\D/g, ''));
      // Lengths 1 to 20 (longer than the 16 the lane makes in one call), a few with a letter past ASCII, a prefix of another.
      const other = n % 7 === 0 ? `Kundé-${n}` : n % 5 === 0 ? String(n).slice(0, 1 + (n % 3)) + 'x'.repeat(n % 20) : `c${n}`;
      return { at: (i * 7919) % rest.length, line: other + line.slice(cut) };
    });
    renamed.sort((a, b) => a.at - b.at);
    const bytes = new TextEncoder().encode([head, ...renamed.map((r) => r.line)].join('\n') + '\n');
    const columnar = createAnalysis({ model: 'bgnbd' });
    const read = readTransactions(bytes, { into: columnar });
    const objects = createObjectAnalysis({ model: 'bgnbd' });
    const rows = readTransactions(bytes, { onTransaction: objects.add, onAccepted: () => {} });
    expect({ ...read, transactions: [] }).toEqual({ ...rows, transactions: [] });
    const a = columnar.finish();
    const ids = a.segment.customers.map((c) => c.id);
    expect(ids.some((id) => id.startsWith('Kundé-'))).toBe(true);
    expect(ids.some((id) => id.length > 16)).toBe(true);
    expect(differences(a, objects.finish())).toEqual([]);
  });

  it.skipIf(!HAS_CDNOW)(`on CDNOW master in days, BG/NBD asked for, as of 1997-09-30${WHY_NO_CDNOW}`, () => {
    const rows = readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')).transactions;
    const { columnar, objects } = both(rows, { unit: 'day', model: 'bgnbd', asOf: isoToDay('1997-09-30') });
    expect(columnar.models.selection.chosen).toBe('bgnbd');
    expect(differences(columnar, objects)).toEqual([]);
  });

  it('on a simulated base with returns, free items, costs, rows out of order and after the as-of day', () => {
    const rows = messyRows();
    for (const settings of [{ asOf: isoToDay('2024-12-29') }, { model: 'pnbd', unit: 'month', marginRate: 0.3 }] as const) {
      const { columnar, objects } = both(rows, settings);
      expect(columnar.excluded.map((e) => e.id)).toContain('only-returns');
      expect(columnar.segment.customers.length).toBeGreaterThan(2000);
      expect(outOfTime(columnar) || outOfTime(objects), 'a fit ran out of its time budget: rerun on a quieter machine').toBe(false);
      expect(differences(columnar.models, objects.models)).toEqual([]);
      expect(differences(columnar, objects)).toEqual([]);
    }
  });

  it('scores with a composite score, a margin and profit as value, and with the heuristic when no model is asked for', () => {
    const rows = messyRows().map((t, i) => ({ ...t, cost: t.cost ?? Math.round(t.amount * 55) / 100, email: i % 3 === 0 ? `c${t.customerId}@example.com` : undefined }));
    const score = parseScoreSpec('clv:2,churnRisk:1,recency:1:rank,profit:1');
    for (const settings of [{ score, valueBasis: 'profit', model: 'bgnbd' }, { model: 'none', score }] as const) {
      const { columnar, objects } = both(rows, settings);
      expect(columnar.segment.totals.valueBasis).toBe('profit');
      expect(columnar.segment.customers[0]!.composite).toBeTypeOf('number');
      expect(differences(columnar, objects)).toEqual([]);
    }
  });

  it('builds a row on its own (row(k)) exactly as the list of rows holds it, before and after the list is built', () => {
    const a = createAnalysis({ model: 'bgnbd' });
    for (const t of messyRows()) a.add(t);
    const result = a.finish();
    const n = result.segment.totals.customers;
    const alone = [0, 1, Math.floor(n / 2), n - 1].map((k) => result.segment.row(k));
    const list = result.segment.customers;
    expect(list).toHaveLength(n);
    alone.forEach((row, j) => expect(differences(row, list[[0, 1, Math.floor(n / 2), n - 1][j]!])).toEqual([]));
    expect(result.segment.row(3)).toBe(list[3]);
    // Not enumerable: a structured clone (a worker's message) carries the data only.
    expect(structuredClone(result.segment).customers).toHaveLength(n);
  });

  it.skipIf(!HAS_CDNOW)(`analyzeCustomers (a customer table) gives the numbers of the object path on CDNOW master's summaries${WHY_NO_CDNOW}`, () => {
    const b = createSummaryBuilder({ unit: 'week' });
    readTransactions(readFileSync(CDNOW_DIR + 'CDNOW_master.txt'), { onTransaction: (t) => b.add(t) });
    const summaries = b.finish();
    // Shuffled: a customer table need not come sorted by id.
    const shuffled = summaries.map((s, i) => ({ s, k: (i * 7919) % summaries.length })).sort((p, q) => p.k - q.k).map((e) => e.s);
    for (const settings of [{ model: 'pnbd' }, { model: 'bgnbd', marginRate: 0.3, score: parseScoreSpec('clv:1,revenue:1') }] as const) {
      expect(differences(analyzeCustomers(shuffled, settings), analyzeObjectCustomers(shuffled, settings))).toEqual([]);
    }
  });

  it('predicts into columns the numbers predictCustomers gives, and refuses a repeated id as it does', () => {
    const b = createSummaryBuilder({ unit: 'week' });
    for (const t of messyRows()) b.add(t);
    const analysis = analyzeCustomers(b.finish(), { model: 'bgnbd' });
    const fit = analysis.models.purchase!;
    const customers = [
      { id: 'b', x: 2, t_x: 30.43, T: 38.86, monetary: 22.35, averageSpend: 20 },
      { id: 'a', x: 0, t_x: 5, T: 12, monetary: 0, averageSpend: 14 },
      { id: 'c', x: 7, t_x: 50, T: 51, monetary: 0, averageSpend: 3 },
    ];
    const options = { periodDays: 7, horizonDays: 365, annualDiscountRate: 0.1, marginRate: 0.3, churnHorizonDays: 60 };
    const columns = predictColumns(fit, analysis.models.spend, {
      ids: customers.map((c) => c.id),
      x: customers.map((c) => c.x),
      t_x: customers.map((c) => c.t_x),
      T: customers.map((c) => c.T),
      monetary: customers.map((c) => c.monetary),
      averageSpend: customers.map((c) => c.averageSpend),
    }, options);
    const map = predictCustomers(fit, analysis.models.spend, customers, options);
    customers.forEach((c, i) => {
      const p = map.get(c.id)!;
      expect([columns.pAlive[i], columns.pNoPurchase[i], columns.expectedPurchases[i], columns.expectedSpend[i], columns.clv[i]]).toEqual([p.pAlive, p.pNoPurchase, p.expectedPurchases, p.expectedSpend, p.clv]);
    });
    const twice = { ids: ['a', 'b', 'a'], x: [0, 1, 0], t_x: [0, 1, 0], T: [3, 3, 3], monetary: [0, 5, 0], averageSpend: [1, 1, 1] };
    expect(() => predictColumns(fit, undefined, twice, options)).toThrow('customer id a appears twice');
  });

  it('says the same about rows it cannot take', () => {
    const bad: Transaction = { customerId: 'a', day: NaN, amount: 1, line: 9 };
    expect(() => createAnalysis().add(bad)).toThrow('line 9: day is not a number');
    expect(() => createObjectAnalysis().add(bad)).toThrow('line 9: day is not a number');
  });
});
