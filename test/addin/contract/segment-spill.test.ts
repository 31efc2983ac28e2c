/**
 * CV.SEGMENT as Excel calls it (issue 11, item 6): the same columns whatever
 * the data and options, blanks where a value does not apply, a visible note
 * in the last header cell when the model fell back, dates as Excel serials,
 * and the same cells in an en-US and a zh-CN Excel.
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
import { callAsExcel, functionMeta, type Argument, type Scalar, type Shown } from './excel-calls.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let metadata: Metadata;
beforeAll(async () => {
  metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f)));
});
afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

async function spill(...args: Argument[]): Promise<Shown[][]> {
  const r = await callAsExcel(functionMeta(metadata, 'SEGMENT'), FUNCTIONS.SEGMENT, args);
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

  it('writes dates as Excel serials (numbers a date format shows as dates)', async () => {
    const out = await spill(...small);
    const byId = Object.fromEntries(out.slice(1).map((r) => [r[0], r]));
    expect(byId.C[col('First purchase')]).toBe(D);
    expect(byId.C[col('Last purchase')]).toBe(D + 30);
    expect(byId.B[col('First purchase')]).toBe(D + 4);
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
    expect(Math.min(...out.slice(1).map((r) => r[col('First purchase')] as number))).toBe(35431);
  }, 60_000);
});
