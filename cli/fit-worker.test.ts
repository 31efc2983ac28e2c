/**
 * The model fits run partly on the fit worker (cli/fit-worker.ts) give the
 * analysis the main thread alone gives, number for number (Object.is):
 * the same fits, the same choice with the same candidates' figures, the
 * same predictions, churn-risk correction, tiers and totals. A worker that
 * fails in any way gives the same analysis too, and no worker outlives its
 * batch or the command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysis, isoToDay, readTransactions, simulateTransactionsCsv, type Analysis, type AnalysisSettingsInput } from '../core/index.ts';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../test/cdnow.ts';
import { practiceFor, startFitWorker, wantFitWorker, workerShare, type FitWorkerOptions } from './fit-worker-runner.ts';
import { differences } from '../test/differences.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-fit-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a product reads of an analysis, the customers row by row. */
function shown(a: Analysis): unknown {
  const rows = [];
  for (let k = 0; k < a.segment.totals.customers; k++) rows.push(a.segment.row(k));
  return { models: a.models, settings: a.settings, summary: a.segment.summary, totals: a.segment.totals, concentration: a.segment.concentration, warnings: a.warningMessages, excluded: a.excluded, rows };
}

/** The analysis of `bytes` on this thread alone, and with the fits run by a fit worker. */
async function both(bytes: Uint8Array, settings: AnalysisSettingsInput, options?: FitWorkerOptions) {
  const inline = createAnalysis(settings);
  readTransactions(bytes, { into: inline });
  const withWorker = createAnalysis(settings);
  readTransactions(bytes, { into: withWorker });
  const fits = startFitWorker(options);
  try {
    const worker = await withWorker.finishAsync(fits.runner);
    // The batch ends the thread.
    const code = await fits.exited;
    return { inline: inline.finish(), worker, report: fits.report(), code };
  } finally {
    fits.close();
  }
}

function simulated(days: number, seed: number): Uint8Array {
  const csv = simulateTransactionsCsv({
    seed,
    customers: 3000,
    params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start: isoToDay('2024-01-01'),
    days,
  });
  return new TextEncoder().encode(csv);
}

describe('the fit worker', () => {
  it(`gives CDNOW master's analysis as the main thread does: Pareto/NBD chosen on the holdout, its refit and churn risk done ahead${WHY_NO_CDNOW}`, { skip: !HAS_CDNOW, timeout: 120_000 }, async () => {
    const bytes = readFileSync(CDNOW_DIR + 'CDNOW_master.txt');
    const { inline, worker, report } = await both(bytes, {}, { practice: 'candidate' });
    expect(report.onWorker).toBe(1);
    expect(report.fallback).toBeUndefined();
    expect(inline.models.selection.method).toBe('holdout');
    expect(inline.models.selection.chosen).toBe('pnbd');
    expect(inline.models.recalibration?.applied).toBe(true);
    expect(worker.segment.totals.customers).toBe(23_570);
    expect(differences(shown(worker), shown(inline))).toEqual([]);
  });

  it(`gives CDNOW master's analysis with BG/NBD asked for, Gamma-Gamma on the worker${WHY_NO_CDNOW}`, { skip: !HAS_CDNOW, timeout: 120_000 }, async () => {
    const bytes = readFileSync(CDNOW_DIR + 'CDNOW_master.txt');
    const { inline, worker, report } = await both(bytes, { model: 'bgnbd' }, { practice: 'spend' });
    expect(report.onWorker).toBe(1);
    expect(report.fallback).toBeUndefined();
    expect(inline.models.spend?.params.p).toBeGreaterThan(0);
    expect(differences(shown(worker), shown(inline))).toEqual([]);
  });

  it('gives a simulated base the same analysis on every route: holdout, likelihood (span too short), Pareto/NBD asked for', { timeout: 180_000 }, async () => {
    for (const [days, settings] of [
      [546, {}],
      [70, {}],
      [546, { model: 'pnbd' }],
    ] as const) {
      const { inline, worker, report } = await both(simulated(days, 5), settings, { practice: practiceFor(settings.model, {}) });
      expect(report.onWorker).toBe(1);
      expect(report.fallback).toBeUndefined();
      expect(differences(shown(worker), shown(inline)), `${days} days, ${JSON.stringify(settings)}`).toEqual([]);
      if (days === 70) expect(inline.models.selection.method).toBe('likelihood');
    }
  });

  it('that fails gives the main thread’s analysis: a script that throws, one that exits when asked, one that answers nonsense', { timeout: 120_000 }, async () => {
    const bytes = simulated(546, 9);
    const failing: string[] = [
      'throw new Error("no worker today")',
      'require("node:worker_threads").parentPort.once("message", () => process.exit(3))',
      'require("node:worker_threads").parentPort.once("message", (m) => require("node:worker_threads").parentPort.postMessage({ results: [] }))',
    ];
    for (const script of failing) {
      const { inline, worker, report } = await both(bytes, {}, { script: { script, eval: true } });
      expect(report.onWorker, script).toBe(0);
      expect(report.fallback, script).toBeTruthy();
      expect(differences(shown(worker), shown(inline)), script).toEqual([]);
    }
  });

  it('takes the costliest fit and leaves the rest to the main thread; none for the heuristic or a small file', () => {
    const data = { x: [1], t_x: [1], T: [2] };
    const candidate = (model: 'bgnbd' | 'mbgnbd' | 'pnbd') => ({ kind: 'candidate' as const, model, penalizer: 0, data, refit: false });
    const spend = { kind: 'spend' as const, x: new Float64Array(1), zbar: new Float64Array(1), penalizer: 0 };
    expect(workerShare([candidate('bgnbd'), candidate('mbgnbd'), candidate('pnbd'), spend])).toEqual([2]);
    expect(workerShare([candidate('bgnbd'), spend])).toEqual([1]);
    expect(workerShare([candidate('bgnbd')])).toEqual([]);
    // Off unless asked: on the build machine it made runs slower (wantFitWorker's comment).
    expect(wantFitWorker('auto', 1e9, {})).toBe(false);
    expect(wantFitWorker('bgnbd', 1e9, {})).toBe(false);
    expect(wantFitWorker('none', 1e9, { CVLENS_FIT_WORKER: '1' })).toBe(false);
    expect(wantFitWorker('auto', 1000, { CVLENS_FIT_WORKER: '1' })).toBe(false);
    expect(wantFitWorker('auto', 1e9, { CVLENS_FIT_WORKER: '1' })).toBe(os.availableParallelism() > 1);
    expect(wantFitWorker('auto', 1000, { CVLENS_FIT_WORKER: 'force' })).toBe(true);
    expect(wantFitWorker('auto', 1e9, { CVLENS_FIT_WORKER: '0' })).toBe(false);
    expect([practiceFor('auto', {}), practiceFor('pnbd', {}), practiceFor('bgnbd', {}), practiceFor('auto', { CVLENS_FIT_WORKER_PRACTICE: '0' })]).toEqual(['candidate', 'candidate', 'spend', undefined]);
  });

  it('outlives no command: `cvlens segment` with the worker ends without process.exit, asked or not, and writes what it writes without one', { timeout: 180_000 }, () => {
    const file = join(dir, 'sim.csv');
    writeFileSync(file, simulated(546, 3));
    // No usable row: the command ends before any fit, the worker started and never asked.
    const unusable = join(dir, 'unusable.csv');
    writeFileSync(unusable, 'customer_id,date,amount\na,not a date,1\nb,2024-01-02,abc\n');
    // main() run as a module, without bin.js' process.exit: a thread left running would keep the process alive.
    const main = JSON.stringify(new URL('./main.ts', import.meta.url).href);
    const script = `const { main } = await import(${main}); process.exitCode = await main(process.argv.slice(1));`;
    const run = (worker: string, input = file) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'segment', input, '--json'], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, CVLENS_FIT_WORKER: worker, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
        encoding: 'utf8',
        timeout: 40_000,
        maxBuffer: 64 * 1024 * 1024,
      });
    const withWorker = run('force');
    const without = run('0');
    expect(withWorker.status, withWorker.stderr).toBe(0);
    expect(without.status, without.stderr).toBe(0);
    expect(withWorker.stdout).toBe(without.stdout);
    const notAsked = run('force', unusable);
    expect(notAsked.status, notAsked.stderr).toBe(1);
    expect(notAsked.stderr).toContain('no usable transactions');
  });
});
