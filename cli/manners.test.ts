/**
 * The command line's manners (issue 12, item 5), checked by running the real
 * command as a user would: per-command help, one-sentence usage errors with
 * exit 2, --out checked before any work, honest counts.
 *
 * Budgets: each test spawns at most three commands on a file of a few rows;
 * one spawn takes about 1–2 s on an idle machine (tsx compiles the sources),
 * so the 30 s default leaves room for a machine shared by several runs.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/index.ts';
import { COMMANDS, SEGMENT } from './command-spec.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-manners-'));
const file = join(dir, 'sales.csv');
// A buys four times and B three, C only returns, one row is unreadable (month 13), two rows fall after
// --as-of 2024-06-30, and one customer id is a formula.
writeFileSync(
  file,
  [
    'customer,date,amount',
    'A,2024-01-05,100',
    'A,2024-03-05,80',
    'B,2024-02-01,40',
    'C,2024-02-02,(15.00)',
    'B,2024-13-01,20',
    'A,2024-05-20,60',
    'B,2024-04-11,30',
    'A,2024-08-01,70',
    'B,2024-09-01,25',
    '=HYPERLINK("http://x"),2024-03-03,12',
  ].join('\n') + '\n',
);
const fast = [file, '--model', 'none'];

/** A usage error is one line on stderr, exit 2, nothing on stdout, no stack trace. */
function expectUsageError(args: string[], sentence: string | RegExp): void {
  const run = runCli(args);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof sentence === 'string') expect(lines[0]).toBe(`cvlens: ${sentence}`);
  else expect(lines[0]).toMatch(sentence);
}

describe('per-command help', () => {
  for (const spec of COMMANDS) {
    it(`'cvlens help ${spec.name}' and '${spec.name} --help' list every option and exit 0`, () => {
      const viaHelp = runCli(['help', spec.name]);
      const viaFlag = runCli([spec.name, '--help']);
      expect(viaHelp.code).toBe(0);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      for (const o of spec.options) expect(viaHelp.stdout).toMatch(new RegExp(`^  --${o.name}\\b`, 'm'));
      expect(viaHelp.stdout).toContain(`Examples:\n  cvlens ${spec.name}`);
    });
  }

  it("states segment's units and defaults as the core defines them", () => {
    const help = runCli(['segment', '-h', 'ignored.csv']).stdout;
    expect(help).toContain(`Default: ${DEFAULT_SETTINGS.horizonDays} days.`);
    expect(help).toContain(`Default: ${DEFAULT_SETTINGS.churnHorizonDays} days.`);
    expect(help).toContain(`Default: ${DEFAULT_SETTINGS.annualDiscount} per year.`);
    expect(help).toContain(`Default: ${DEFAULT_SETTINGS.model}.`);
    expect(help).toMatch(/--horizon DAYS\n\s+how far ahead CLV looks, in days/);
    expect(SEGMENT.options.every((o) => o.help.length > 0)).toBe(true);
  });

  it('answers help for an unknown command with a suggestion', () => {
    const run = runCli(['help', 'sgement']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("cvlens: unknown command 'sgement': did you mean segment?");
  });
});

describe('usage errors: one sentence, exit 2', () => {
  it('suggests the option a misspelling meant', () => {
    expectUsageError(['segment', ...fast, '--horizn', '30'], '--horizn is not an option of segment: did you mean --horizon?');
    expectUsageError(['fit', file, '--modle', 'bgnbd'], '--modle is not an option of fit: did you mean --model?');
    expectUsageError(['segment', ...fast, '--verbose'], "--verbose is not an option of segment: run 'cvlens help segment' for its options.");
  });

  it('judges a negative number as a value, not as an option', () => {
    expectUsageError(['segment', ...fast, '--horizon', '-1'], "--horizon must be more than 0 days, not '-1'.");
    expectUsageError(['segment', ...fast, '--discount', '-0.1'], "--discount must be a yearly rate such as 0.1 or 10%, not '-0.1'.");
    expectUsageError(['demo', '--customers', '-5', '--out', join(dir, 'd.csv')], "--customers must be a whole number above 0, not '-5'.");
  });

  it('names a bad value and what is expected', () => {
    expectUsageError(['segment', ...fast, '--period', 'fortnight'], "--period must be day, week or month, not 'fortnight'.");
    expectUsageError(['segment', ...fast, '--out'], "--out needs a value (PATH); see 'cvlens help segment'.");
    expectUsageError(['segment', ...fast, '--json=yes'], '--json takes no value; write just --json.');
  });

  it('explains bad --cuts in the words of the tier method, naming no internal function', () => {
    expectUsageError(
      ['segment', ...fast, '--cuts', '1,2,4'],
      "--cuts '1,2,4' does not fit: --tiers contribution takes --cuts as three multiples of the average value for VIP, Major and Ordinary, largest first (e.g. --cuts 4,2,1).",
    );
    expectUsageError(['segment', ...fast, '--tiers', 'quantile', '--cuts', '5,20,50'], /^cvlens: --cuts '5,20,50' does not fit: --tiers quantile takes --cuts as three fractions of customers/);
    expectUsageError(['segment', ...fast, '--cuts', '4,2'], /^cvlens: --cuts '4,2' is not three numbers: /);
  });

  it('counts --columns from 1, as a spreadsheet does', () => {
    expectUsageError(['segment', ...fast, '--columns', 'amount=4'], '--columns names column 4 for the amount, but the file has 3 columns (1 to 3).');
    expectUsageError(['segment', ...fast, '--columns', 'amount=0'], '--columns amount=0: columns are counted from 1 (the first column is 1).');
    expectUsageError(
      ['segment', ...fast, '--columns', 'date=Datum'],
      "--columns names 'Datum' for the date, but no column has that header; the headers are 'customer', 'date', 'amount'.",
    );
  });
});

describe('--out', () => {
  it('fails at once, before any output, for a missing folder or a name that is not .xlsx, .csv or .json', () => {
    const missing = join(dir, 'no-such-folder', 'out.xlsx');
    expectUsageError(['segment', ...fast, '--out', missing], `--out '${missing}': the folder '${join(dir, 'no-such-folder')}' does not exist; create it first.`);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expectUsageError(['segment', ...fast, '--out', join(dir, 'out.txt')], /must end in \.xlsx \(a workbook\), \.csv or \.json: the extension sets the format written\.$/);
  });

  it('fails at once for a folder it cannot write to', () => {
    // root may write to any folder whatever its mode: there, /sys (sysfs) refuses new files instead.
    let folder = '/sys';
    if (process.getuid?.() !== 0) {
      folder = join(dir, 'read-only');
      mkdirSync(folder);
      chmodSync(folder, 0o555);
    }
    const out = join(folder, 'out.xlsx');
    expectUsageError(['segment', ...fast, '--out', out], `--out '${out}' cannot be written: permission denied.`);
  });

  it('writes the per-customer table as CSV, formulas defused, and as JSON', () => {
    const csvPath = join(dir, 'customers.csv');
    const jsonPath = join(dir, 'customers.json');
    expect(runCli(['segment', ...fast, '--out', csvPath]).code).toBe(0);
    expect(runCli(['segment', ...fast, '--out', jsonPath]).code).toBe(0);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFFid,name,email,company,firstPurchase,')).toBe(true); // text, not an xlsx (a zip starts 'PK')
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4); // header + A, B and the =HYPERLINK customer; C had only returns
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://x"")",`))).toBe(true);
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { id: string; purchases: number }[];
    expect(json.map((c) => [c.id, c.purchases]).sort()).toEqual([
      ['=HYPERLINK("http://x")', 1],
      ['A', 4],
      ['B', 3],
    ]);
  });
});

describe('the footer', () => {
  it('counts the transactions scored and says what was left out and why', () => {
    const run = runCli(['segment', ...fast, '--as-of', '2024-06-30', '--out', join(dir, 'counts.xlsx')]);
    expect(run.code, run.stderr).toBe(0);
    // 10 rows: 1 unreadable (month 13), 9 accepted − 2 after the as-of day − 1 row of C (only returns) = 6 scored.
    expect(run.stdout).toContain(
      '3 customers from 6 transactions; left out: 1 row that could not be read (listed above), ' +
        '2 rows dated after the as-of day, 1 row of 1 customer with only returns (nothing to score).',
    );
  });

  it('warns when --as-of is more than a year after the last transaction', () => {
    const run = runCli(['segment', ...fast, '--as-of', '2027-01-01', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'warning: --as-of 2027-01-01 is 2.3 years after the last transaction (2024-09-01), so every customer looks long gone; check the date.',
    );
  });
});
