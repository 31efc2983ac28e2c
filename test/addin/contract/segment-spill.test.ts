/**
 * CV.SEGMENT as Excel calls it (issue 11, items 3 and 6): the same columns
 * whatever the data and options, blanks where a value does not apply, a
 * visible note in the last header cell when the model fell back, dates shown
 * as dates where Excel can take a formatted number and as serials where it
 * cannot, and the same cells in an en-US and a zh-CN Excel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTransactions } from '../../../core/index.ts';
import { generateMetadata, type Metadata } from '../../../addin/build/metadata.ts';
import { FUNCTION_FILES, FUNCTIONS } from '../../../addin/functions/index.ts';
import { SPILL_COLUMNS } from '../../../addin/functions/segment-spill.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../../cdnow.ts';
import {
  asArgument,
  callAsExcel,
  CURRENT_EXCEL,
  functionMeta,
  isFormattedValue,
  OFFICE_2021,
  valueOf,
  type Argument,
  type CallOptions,
  type FileOptions,
  type Scalar,
  type Shown,
} from './excel-calls.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let metadata: Metadata;
beforeAll(async () => {
  metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f)));
});
afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

/** =CV.SEGMENT(args…) in a current Excel with the generated functions.json. */
async function spill(...args: Argument[]): Promise<Shown[][]> {
  return spillIn({}, metadata, ...args);
}

async function spillIn(options: CallOptions, file: FileOptions, ...args: Argument[]): Promise<Shown[][]> {
  const r = await callAsExcel(functionMeta(metadata, 'SEGMENT'), FUNCTIONS.SEGMENT, args, file, options);
  expect(r.violations).toEqual([]);
  expect(r.calls).toBe(1);
  return r.values;
}

// Three customers over a month, with a header row; 2024-01-01 is Excel serial 45292 (Excel's DATE(2024,1,1)).
const D = 45292;
const small: [Scalar[][], Scalar[][], Scalar[][]] = [
  [['Customer'], ['A'], ['A'], ['B'], ['C'], ['C'], ['C']],
  [['Date'], [D], [D + 10], ['2024-01-05'], [D], [D + 20], [D + 30]],
  [['Amount'], [100], [50], [20], [300], [200], [100]],
];
const WIDTH = 30;
const ENGLISH_HEADER = [
  'Customer', 'First purchase', 'Last purchase', 'Purchase days', 'Repeat purchases', 'Recency (t_x)', 'Age (T)', 'Since last purchase',
  'Net sales', 'Returned amount', 'Average spend', 'Average repeat spend', 'Profit', 'Value', 'Contribution', 'Lifetime value', 'P(alive)',
  'Expected purchases', 'Expected spend per purchase', 'Churn risk (no purchase in 90 days)', 'Churn level', 'R score', 'F score', 'M score',
  'RFM', 'RFM segment', 'Tier', 'Value matrix', 'Lifecycle stage',
];
const col = (name: string) => ENGLISH_HEADER.indexOf(name);

describe('CV.SEGMENT spills a fixed set of columns', () => {
  it('is 30 columns wide, in the documented order, whatever the options', async () => {
    expect(SPILL_COLUMNS).toHaveLength(WIDTH - 1);
    const variants: Argument[][] = [
      [...small],
      [...small, undefined, 'day', 0.25],
      [...small, undefined, undefined, undefined, undefined, undefined, 'none'],
      [...small, undefined, undefined, undefined, undefined, undefined, 'bgnbd'],
    ];
    for (const args of variants) {
      const out = await spill(...args);
      expect(out.every((row) => row.length === WIDTH)).toBe(true);
      expect(out[0].slice(0, WIDTH - 1)).toEqual(ENGLISH_HEADER);
      expect(out).toHaveLength(4);
    }
  });

  it('leaves a blank where a value does not apply (profit without a margin rate); the heuristic fills the model columns', async () => {
    const out = await spill(...small, undefined, undefined, undefined, undefined, undefined, 'none');
    for (const row of out.slice(1)) {
      expect(row[col('Profit')]).toBe('');
      expect(typeof row[col('Value')]).toBe('number');
      expect(typeof row[col('P(alive)')]).toBe('number');
    }
    const withMargin = await spill(...small, undefined, 'day', 0.25);
    // C bought 600 in all: profit 0.25 × 600.
    expect(withMargin[1][col('Profit')]).toBeCloseTo(150, 9);
  });

  it('shows first and last purchase as dates whose value is the date serial, in a current Excel', async () => {
    const out = await spill(...small);
    const byId = Object.fromEntries(out.slice(1).map((r) => [r[0], r]));
    expect(byId.C[col('First purchase')]).toEqual({ type: 'Double', value: D, numberFormat: 'yyyy-mm-dd', text: '2024-01-01' });
    expect(byId.C[col('Last purchase')]).toMatchObject({ value: D + 30, text: '2024-01-31' });
    expect(byId.B[col('First purchase')]).toMatchObject({ value: D + 4, text: '2024-01-05' });
    // The cell's value is the number: =C2-B2 is C's days between first and last purchase, =B2+1 the next day.
    expect((valueOf(byId.C[col('Last purchase')]) as number) - (valueOf(byId.C[col('First purchase')]) as number)).toBe(30);
  });

  it('formats no other column: the rest are plain numbers and text', async () => {
    const out = await spill(...small);
    const dates = [col('First purchase'), col('Last purchase')];
    for (const row of out) {
      row.forEach((cell, j) => {
        if (!dates.includes(j)) expect(isFormattedValue(cell), `column ${j}: ${JSON.stringify(cell)}`).toBe(false);
      });
    }
    expect(out.slice(1).every((row) => dates.every((j) => isFormattedValue(row[j])))).toBe(true);
  });

  it('gives the older FormattedNumber value to an Excel whose API stops before 1.19, shown the same', async () => {
    const out = await spillIn({ requirementSets: { ...CURRENT_EXCEL, ExcelApi: '1.18' } }, metadata, ...small);
    expect(out[1][col('First purchase')]).toEqual({ type: 'FormattedNumber', value: D, numberFormat: 'yyyy-mm-dd', text: '2024-01-01' });
  });

  it('gives bare serials to an Excel without CustomFunctionsRuntime 1.4 (Office 2021), where a formatted number would be #VALUE!', async () => {
    const out = await spillIn({ requirementSets: OFFICE_2021 }, metadata, ...small);
    const byId = Object.fromEntries(out.slice(1).map((r) => [r[0], r]));
    expect(byId.C[col('First purchase')]).toBe(D);
    expect(byId.C[col('Last purchase')]).toBe(D + 30);
    expect(byId.B[col('First purchase')]).toBe(D + 4);
  });

  it('shows #VALUE! in every date cell if functions.json did not set allowCustomDataForDataTypeAny', async () => {
    const dropped = { ...metadata, allowCustomDataForDataTypeAny: false };
    const r = await callAsExcel(functionMeta(metadata, 'SEGMENT'), FUNCTIONS.SEGMENT, [...small], dropped);
    expect(r.values.slice(1).map((row) => row[col('First purchase')])).toEqual([{ error: '#VALUE!' }, { error: '#VALUE!' }, { error: '#VALUE!' }]);
    expect(r.violations[0]).toMatch(/does not set allowCustomDataForDataTypeAny/);
  });

  it("reads its own dates back: a spilled last purchase as as_of, and the spill's date column as dates", async () => {
    const out = await spill(...small);
    const lastOfC = asArgument(out[1][col('Last purchase')]);
    expect(lastOfC).toEqual({ type: 'Double', basicValue: D + 30, numberFormat: 'yyyy-mm-dd' });
    const asOf = await spill(...small, lastOfC);
    expect(asOf).toEqual(out);
    // Each customer's first purchase as its only transaction: the dates arrive as Double cell values.
    const firsts = out.slice(1);
    const again = await spill(firsts.map((r) => [asArgument(r[0])]), firsts.map((r) => [asArgument(r[col('First purchase')])]), firsts.map(() => [10]));
    const idAndFirst = (rows: Shown[][]) => rows.map((r) => `${String(r[0])} ${String(valueOf(r[col('First purchase')]))}`).sort();
    expect(idAndFirst(again.slice(1))).toEqual(idAndFirst(firsts));
    expect(idAndFirst(firsts)).toEqual([`A ${D}`, `B ${D + 4}`, `C ${D}`]);
  });

  it('says in its last header cell that the model fell back, and why; each row names the heuristic', async () => {
    const out = await spill(...small, undefined, undefined, undefined, undefined, undefined, 'bgnbd');
    expect(out[0][WIDTH - 1]).toMatch(/^Model: own-rate heuristic \(fell back: .{10,}\)$/);
    expect(out.slice(1).map((r) => r[WIDTH - 1])).toEqual(['heuristic', 'heuristic', 'heuristic']);
    const auto = await spill(...small);
    expect(auto[0][WIDTH - 1]).toMatch(/^Model: own-rate heuristic \(fell back: /);
    const none = await spill(...small, undefined, undefined, undefined, undefined, undefined, 'none');
    expect(none[0][WIDTH - 1]).toBe('Model: own-rate heuristic');
  });

  it('gives the same cells in an en-US and a zh-CN Excel, and Chinese headers and labels with lang "zh"', async () => {
    const en = await spill(...small);
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'zh-CN' } };
    expect(await spill(...small)).toEqual(en);
    const zh = await spill(...small, undefined, undefined, undefined, undefined, undefined, undefined, 'zh');
    expect(zh[0][0]).toBe('客户');
    expect(zh[0][col('Tier')]).toBe('客户等级');
    expect(zh[0][WIDTH - 1]).toMatch(/^模型：自身购买节奏启发式/);
    expect(zh.slice(1).map((r) => r[col('Tier')])).toEqual(en.slice(1).map((r) => ({ VIP: 'VIP客户', Major: '主要客户', Ordinary: '普通客户', Small: '小客户' })[r[col('Tier')] as string]));
  });

  it.skipIf(!HAS_CDNOW)(`names BG/NBD when it scored CDNOW's 2357 sampled customers, with P(alive) in every row${WHY_NO_CDNOW}`, async () => {
    const read = readTransactions(readFileSync(path.join(CDNOW_DIR, 'CDNOW_sample.txt')));
    const column = (f: (t: (typeof read.transactions)[number]) => Scalar) => read.transactions.map((t) => [f(t)]);
    const out = await spill(column((t) => t.customerId), column((t) => t.day + 25569), column((t) => t.amount), undefined, 'week', undefined, undefined, undefined, 'bgnbd');
    expect(out).toHaveLength(2357 + 1);
    expect(out[0][WIDTH - 1]).toBe('Model: BG/NBD');
    expect(out.slice(1).every((r) => r.length === WIDTH && r[WIDTH - 1] === 'bgnbd')).toBe(true);
    const p = col('P(alive)');
    expect(out.slice(1).every((r) => typeof r[p] === 'number' && r[p] >= 0 && r[p] <= 1)).toBe(true);
    // CDNOW's purchases start on 1997-01-01: Excel serial 35431 (DATE(1997,1,1)).
    expect(Math.min(...out.slice(1).map((r) => valueOf(r[col('First purchase')]) as number))).toBe(35431);
    expect(out.slice(1).find((r) => valueOf(r[col('First purchase')]) === 35431)?.[col('First purchase')]).toMatchObject({ text: '1997-01-01' });
  }, 60_000);
});
