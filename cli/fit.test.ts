import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, dayToIso } from '../core/index.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-fit-'));

/**
 * 1,000 customers who buy every day for 5–30 days from a random day of the first quarter of
 * 2024, then never again; the file's last purchase sets the as-of date, so the run passes
 * --as-of a year after the quarter. `fit --model pnbd` on such a file once ran for over 20 minutes.
 */
function burstCsv(): string {
  const rng = createRng(3);
  const start = Date.UTC(2024, 0, 1) / 86_400_000;
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 1000; i++) {
    const first = start + Math.floor(rng.next() * 91);
    const days = 5 + Math.floor(rng.next() * 26);
    for (let d = 0; d < days; d++) lines.push(`B${i},${dayToIso(first + d)},${(10 + 5 * rng.next()).toFixed(2)}`);
  }
  return lines.join('\n') + '\n';
}

describe('cvlens fit on a burst of daily purchases followed by silence', () => {
  const file = join(dir, 'burst.csv');
  writeFileSync(file, burstCsv());
  it('returns a Pareto/NBD fit with notes', () => {
    const run = runCli(['fit', file, '--model', 'pnbd', '--as-of', '2025-03-31', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { notes: string[]; params: Record<string, number> };
    expect(json.notes.join(' ')).toMatch(/purchase rates look the same/);
  });
  it('gives up with a one-sentence reason, not a hang, on a tiny time budget', () => {
    const run = runCli(['fit', file, '--model', 'pnbd', '--as-of', '2025-03-31', '--max-seconds', '0.000001']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/did not settle within its budget/);
  });
  it('gives up with the same sentence on a small budget of likelihood evaluations, the same on every run', () => {
    const runs = [0, 1].map(() => runCli(['fit', file, '--model', 'pnbd', '--as-of', '2025-03-31', '--max-evaluations', '10']));
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/did not settle within its budget of 10 likelihood evaluations \(it used 10\)/);
    }
    expect(runs[1].stderr).toBe(runs[0].stderr);
  });
  it('prints the notes', () => {
    const run = runCli(['fit', file, '--model', 'bgnbd', '--as-of', '2025-03-31']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/note: purchase rates look the same/);
  });
  it('takes a penalizer, which keeps the parameters finite and small', () => {
    const run = runCli(['fit', file, '--model', 'bgnbd', '--as-of', '2025-03-31', '--penalizer', '0.01', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { notes: string[]; params: Record<string, number> };
    expect(json.notes).toEqual([]);
    expect(json.params.r).toBeLessThan(100);
  });
  it('rejects a negative penalizer and a zero time budget as usage errors', () => {
    expect(runCli(['fit', file, '--model', 'bgnbd', '--penalizer', '-1']).code).toBe(2);
    expect(runCli(['fit', file, '--model', 'bgnbd', '--max-seconds', '0']).code).toBe(2);
    expect(runCli(['fit', file, '--model', 'bgnbd', '--max-evaluations', '2.5']).code).toBe(2);
  });
});
