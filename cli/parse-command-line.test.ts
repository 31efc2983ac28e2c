import { describe, expect, it } from 'vitest';
import { SEGMENT } from './command-spec.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { UsageError } from './usage-error.ts';

const parse = (...args: string[]) => parseCommandLine(SEGMENT, args);

describe('parseCommandLine', () => {
  it('reads values, flags and positionals in any order, with or without =', () => {
    const p = parse('--horizon', '2y', 'sales.csv', '--json', '--cuts=5,3,1');
    expect(p.values).toEqual({ horizon: '2y', cuts: '5,3,1' });
    expect([...p.flags]).toEqual(['json']);
    expect(p.positionals).toEqual(['sales.csv']);
    expect(p.help).toBe(false);
  });

  it('takes a value that starts with a dash, so the option can judge a negative number', () => {
    expect(parse('f.csv', '--horizon', '-1').values.horizon).toBe('-1');
    expect(parse('f.csv', '--margin=-0.2').values.margin).toBe('-0.2');
  });

  it('treats everything after -- as positionals', () => {
    expect(parse('--', '--odd-name.csv').positionals).toEqual(['--odd-name.csv']);
  });

  it('reports help wherever --help or -h appears', () => {
    expect(parse('f.csv', '--horizn', '-h').help).toBe(true);
  });

  it.each([
    [['--horizn', '3'], '--horizn is not an option of segment: did you mean --horizon?'],
    [['-o', 'x.xlsx'], '-o is not an option of segment: did you mean --out?'],
    [['--out', '--json'], "--out needs a value (PATH); see 'cvlens help segment'."],
    [['--json=true'], '--json takes no value; write just --json.'],
    [['--lang', 'en', '--lang', 'zh'], "--lang was given twice ('en' and 'zh'); give it once."],
  ])('%j → %s', (args, message) => {
    let thrown: unknown;
    try {
      parse(...args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toBe(message);
  });
});
