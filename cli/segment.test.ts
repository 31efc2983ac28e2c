import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_DIR, HAS_CDNOW } from '../test/cdnow.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-cli-'));
const demo = join(dir, 'demo.csv');

interface JsonOut {
  customers: { id: string; tier: string; rfm: string; frequency: number; churnSource: string; pAlive: number | null }[];
  summary: { tier: string; customers: number; customerShare: number; valueShare: number }[];
  rejected: { line: number; reason: string }[];
  model: { model: string; params: Record<string, number> } | null;
  selection: { requested: string; chosen: string; method: string; reason: string; candidates: { model: string }[] };
  settings: { churnHorizonDays: number; horizonDays: number };
  holdout: { actualTotal: number; byFrequency: unknown[] } | null;
}

beforeAll(() => {
  const run = runCli(['demo', '--out', demo, '--customers', '800', '--seed', '7']);
  expect(run.code, run.stderr).toBe(0);
});

describe('cvlens demo', () => {
  it('writes the same file for the same seed', () => {
    const again = join(dir, 'again.csv');
    expect(runCli(['demo', '--out', again, '--customers', '800', '--seed', '7']).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(demo, 'utf8'));
    expect(readFileSync(demo, 'utf8').split('\n')[0]).toBe('customer_id,date,amount,email,company');
  });
});

describe('cvlens segment', () => {
  it('prints the tier summary and writes a workbook with customers, summary and model sheets', async () => {
    const out = join(dir, 'segments.xlsx');
    const run = runCli(['segment', demo, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Tier\s+Customers\s+Share of customers\s+Sales\s+Share of sales/);
    for (const tier of ['VIP', 'Major', 'Ordinary', 'Small', 'Total']) expect(run.stdout).toContain(tier);
    expect(run.stdout).toContain('800 customers');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tier summary', 'Customers', 'Model', 'Read me']);
    const customers = wb.getWorksheet('Customers')!;
    expect(customers.rowCount).toBe(801);
    expect(customers.getRow(1).getCell(1).value).toBe('Customer');
    const summary = wb.getWorksheet('Tier summary')!;
    expect(summary.getRow(5).getCell(1).value).toBe('VIP');
    expect((summary.getRow(5).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8E08E');
  });

  it('prints one JSON object whose shares add up to 1', () => {
    const run = runCli(['segment', demo, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.customers).toHaveLength(800);
    expect(json.summary.map((s) => s.tier)).toEqual(['VIP', 'Major', 'Ordinary', 'Small']);
    expect(json.summary.reduce((a, s) => a + s.customerShare, 0)).toBeCloseTo(1, 5);
    expect(json.summary.reduce((a, s) => a + s.valueShare, 0)).toBeCloseTo(1, 5);
    expect(json.customers[0]!.rfm).toMatch(/^[1-5]{3}$/);
    // The default chooses among the three models on the file's own last third, and says which and why.
    expect(json.selection).toMatchObject({ requested: 'auto', method: 'holdout', chosen: json.model?.model });
    expect(json.selection.reason).toMatch(/^(BG\/NBD|MBG\/NBD|Pareto\/NBD) was chosen: on the last \d+ days, held out, its churn risk had the lowest log loss/);
    expect(json.selection.candidates.map((c) => c.model)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
    expect(json.settings).toMatchObject({ churnHorizonDays: 90, horizonDays: 365 });
    expect(json.customers.every((c) => c.churnSource === 'model' && c.pAlive !== null)).toBe(true);
    expect(json.rejected).toEqual([]);
  });

  it('uses the heuristic churn score with --model none', () => {
    const json = JSON.parse(runCli(['segment', demo, '--json', '--model', 'none']).stdout) as JsonOut;
    expect(json.model).toBeNull();
    expect(json.selection).toMatchObject({ requested: 'none', chosen: 'none', method: 'heuristic' });
    // The heuristic answers the same questions: P(still buying) is there too.
    expect(json.customers.every((c) => c.churnSource === 'heuristic' && typeof c.pAlive === 'number')).toBe(true);
  });

  it('keeps the good rows of a file with bad ones and reports each bad row with its line', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      ['客户编号,日期,金额', '00123,2024-01-05,100', '00123,2024-13-01,50', 'A7,2024/3/5,"1,200.00"', ',2024-03-06,5', 'A7,2024年4月1日,abc', '00123,2024-05-01,(12.00)'].join('\n'),
    );
    const run = runCli(['segment', file, '--json', '--model', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as JsonOut;
    expect(json.customers.map((c) => c.id).sort()).toEqual(['00123', 'A7']);
    expect(json.rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(run.stderr).toContain('3 rows could not be used');
    expect(run.stderr).toMatch(/line 3: .*2024-13-01/);
  });

  it('reads European decimal commas with --decimal ,', () => {
    const file = join(dir, 'eu.csv');
    writeFileSync(file, 'Kunde;Datum;Betrag\nK1;05.03.2024;1.234,50\nK1;06.04.2024;10,00\n');
    const run = runCli(['segment', file, '--json', '--model', 'none', '--decimal', ',', '--columns', 'customerId=Kunde,date=Datum,amount=Betrag']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { customers: { id: string; revenue: number; firstPurchase: string }[] };
    expect(json.customers[0]).toMatchObject({ id: 'K1', revenue: 1244.5, firstPurchase: '2024-03-05' });
  });

  it('reads decimal commas without --decimal when the amounts leave no doubt', () => {
    const file = join(dir, 'eu-auto.csv');
    writeFileSync(file, 'Kunde;Datum;Betrag\nK1;05.03.2024;1.234,50\nK1;06.04.2024;10,00\nK2;07.04.2024;5,25\n');
    const run = runCli(['segment', file, '--json', '--model', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { customers: { id: string; revenue: number }[]; read: { decimal: string } };
    expect(json.read.decimal).toBe(',');
    expect(json.customers.map((c) => [c.id, c.revenue])).toEqual([['K1', 1244.5], ['K2', 5.25]]);
  });

  it('names the customers with only returns on stderr and in the JSON', () => {
    const file = join(dir, 'returns.csv');
    writeFileSync(file, 'customer,date,amount\nA,2024-01-05,10\nC,2024-01-08,(12.00)\nA,2024-02-05,20\n');
    const run = runCli(['segment', file, '--json', '--model', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 customer with only returns was left out (no purchase to score): C (line 3, \u221212.00).');
    const json = JSON.parse(run.stdout) as { customers: { id: string }[]; excluded: unknown[] };
    expect(json.customers.map((c) => c.id)).toEqual(['A']);
    expect(json.excluded).toEqual([{ id: 'C', reason: 'only returns (1 row, \u221212.00), no purchase to score', rows: 1, returnAmount: 12, firstLine: 3 }]);
  });

  it('exits 1 when nothing in the file is usable', () => {
    const file = join(dir, 'nothing.csv');
    writeFileSync(file, 'customer,date,amount\nA,not a date,1\nB,2024-01-01,x\n');
    const run = runCli(['segment', file, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cvlens: no usable transactions in '");
  });

  it('says in one sentence which column it cannot find', () => {
    const file = join(dir, 'nocol.csv');
    writeFileSync(file, 'customer_id,date,note\nA,2024-01-01,hello\n');
    const run = runCli(['segment', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^cvlens: no amount column was found \(the headers found are 'customer_id', 'date', 'note'\); name it with --columns, e.g. --columns amount=<header>\.$/m);
  });

  it('rejects a bad option value with a sentence', () => {
    const run = runCli(['segment', demo, '--tiers', 'golden']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("cvlens: --tiers must be one of contribution, pareto, quantile, threshold, not 'golden'.");
  });

  it('prints Chinese labels with --lang zh', () => {
    const run = runCli(['segment', demo, '--lang', 'zh', '--out', join(dir, 'zh.xlsx')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('VIP客户');
    expect(run.stdout).toContain('占总人数比例');
  });
});

// The segment run reads 69,659 rows, chooses a model on a holdout and writes a 23,570-row workbook: about
// 10 s alone on the 2-core build machine and 19.5 s once measured, so a machine shared by several test runs
// needs a budget well past the 30 s default (issue 12, item 6).
const CDNOW_BUDGET_MS = 120_000;

describe.skipIf(!HAS_CDNOW)('cvlens on the CDNOW master file', { timeout: CDNOW_BUDGET_MS }, () => {
  it('fits BG/NBD in weeks up to the calibration end and compares the holdout', () => {
    const run = runCli(['fit', CDNOW_DIR + 'CDNOW_master.txt', '--model', 'bgnbd', '--calibration-end', '1997-09-30', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { model: string; customers: number; params: Record<string, number>; seconds: number; holdout: { customers: number } };
    expect(json.model).toBe('bgnbd');
    expect(json.customers).toBe(23570);
    expect(json.holdout.customers).toBe(23570);
    expect(json.seconds).toBeGreaterThan(0);
  });

  it('segments with a holdout sheet when a calibration end is given', async () => {
    const out = join(dir, 'master.xlsx');
    const run = runCli(['segment', CDNOW_DIR + 'CDNOW_master.txt', '--calibration-end', '1997-09-30', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('23,570 customers from 69,659 transactions');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toContain('Holdout');
  });
});
