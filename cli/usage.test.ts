import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cvlens usage errors', () => {
  it('prints help with --help and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cvlens segment FILE');
  });

  it('names an unknown command in one sentence and exits 2', () => {
    const run = runCli(['segmnt', 'x.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("cvlens: unknown command 'segmnt': did you mean segment?");
  });

  it('names an unknown option without a stack trace', () => {
    const run = runCli(['segment', 'x.csv', '--tier', 'pareto']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('cvlens: --tier is not an option of segment: did you mean --tiers?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says when the file does not exist', () => {
    const run = runCli(['segment', 'no/such/file.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("cvlens: cannot read 'no/such/file.csv': no such file.");
  });

  it('prints the version from package.json', () => {
    const run = runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
