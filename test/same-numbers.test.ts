/**
 * One transaction file through all three products, each entered the way its
 * user enters it, compared customer by customer: the command line's
 * `--json`, the Excel pane's analysis of the pasted range (the pane's
 * default fields), and the extension's import of the file (the options
 * page's defaults). They must agree on every score a user sees, because
 * they all run core's one analysis with core's one set of defaults.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isoToDay, simulateTransactionsCsv } from '../core/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { analyze } from '../addin/shared/analyze.ts';
import { DEFAULT_FIELDS, toAnalysisOptions } from '../addin/taskpane/form.ts';
import { buildImport } from '../extension/options/import-job.ts';

interface Scored {
  tier: string;
  churnRisk: number;
  clv: number;
  value: number;
  rfm: string;
  stage: string;
  matrix: string;
}

// 400 simulated CDNOW-like customers over 18 months, plus a customer with
// only a return and one row with an unreadable amount.
const simulated = simulateTransactionsCsv({
  seed: 2026,
  customers: 400,
  params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  spend: { p: 6.25, q: 3.74, gamma: 15.44 },
  start: isoToDay('2024-01-01'),
  days: 546,
});
const csv = simulated + 'RET-1,2025-03-01,(12.00),ret@example.com,\nBAD-1,2025-03-02,twelve,bad@example.com,\n';

function fromCli(): Map<string, Scored> {
  const dir = mkdtempSync(join(tmpdir(), 'cvlens-same-'));
  const file = join(dir, 'transactions.csv');
  writeFileSync(file, csv);
  const run = runCli(['segment', file, '--json']);
  expect(run.code, run.stderr).toBe(0);
  const out = JSON.parse(run.stdout) as {
    customers: { id: string; tier: string; churnRisk: number; clv: number; value: number; rfm: string; stage: string; matrix: string }[];
    excluded: { id: string; reason: string }[];
    rejected: { line: number; reason: string }[];
  };
  expect(out.excluded.map((e) => e.id)).toEqual(['RET-1']);
  expect(out.rejected.map((r) => r.line)).toEqual([csv.split('\n').length - 1]);
  return new Map(out.customers.map((c) => [c.id, { tier: c.tier, churnRisk: c.churnRisk, clv: c.clv, value: c.value, rfm: c.rfm, stage: c.stage, matrix: c.matrix }]));
}

function fromExcelPane(): Map<string, Scored> {
  // The selected range as the pane reads it: a header row, then one row of cells per line.
  const values = csv.trimEnd().split('\n').map((l) => l.split(','));
  const form = toAnalysisOptions(DEFAULT_FIELDS, { customerId: 0, date: 1, amount: 2, email: 3, company: 4 }, true, 1);
  if (!form.ok) throw new Error(form.message);
  const a = analyze(values, form.options);
  expect(a.excluded.map((e) => e.id)).toEqual(['RET-1']);
  expect(a.rejected).toHaveLength(1);
  return new Map(a.result.customers.map((c) => [c.id, { tier: c.tier, churnRisk: c.churnRisk, clv: c.clv, value: c.value, rfm: c.rfm.cell, stage: c.stage, matrix: c.matrix }]));
}

function fromExtension(): Map<string, Scored> {
  const { rows, meta } = buildImport(new TextEncoder().encode(csv), {
    fileName: 'transactions.csv',
    encoding: 'auto',
    identity: { email: 3, company: 4 },
    tierMethod: 'contribution',
    model: DEFAULT_SETTINGS.model,
  });
  expect(meta.warnings.join('\n')).toMatch(/Customer RET-1: only returns/);
  expect(meta.rejected).toHaveLength(1);
  return new Map(
    rows.map((c) => [
      c.id,
      { tier: c.tier, churnRisk: c.churnRisk ?? NaN, clv: c.clv ?? NaN, value: c.value ?? NaN, rfm: c.rfmCell ?? '', stage: c.stage ?? '', matrix: c.matrix ?? '' },
    ]),
  );
}

describe('the same file in the command line, in Excel and in the extension', () => {
  it('gives every customer the same tier, churn risk, CLV, value, RFM cell, stage and matrix cell', () => {
    const cli = fromCli();
    const excel = fromExcelPane();
    const extension = fromExtension();
    expect(cli.size).toBeGreaterThan(390);
    expect([...excel.keys()].sort()).toEqual([...cli.keys()].sort());
    expect([...extension.keys()].sort()).toEqual([...cli.keys()].sort());
    let differences = 0;
    for (const [id, c] of cli) {
      for (const [name, other] of [['Excel', excel.get(id)], ['extension', extension.get(id)]] as const) {
        const o = other as Scored;
        const same =
          o.tier === c.tier &&
          o.rfm === c.rfm &&
          o.stage === c.stage &&
          o.matrix === c.matrix &&
          // The command line's JSON rounds to 6 decimals.
          Math.abs(o.churnRisk - c.churnRisk) <= 1e-6 &&
          Math.abs(o.clv - c.clv) <= 1e-6 * Math.max(1, Math.abs(c.clv)) &&
          Math.abs(o.value - c.value) <= 1e-6 * Math.max(1, Math.abs(c.value));
        if (!same && differences++ < 5) expect.soft(o, `${name}, customer ${id}`).toEqual(c);
      }
    }
    expect(differences).toBe(0);
  });
});
