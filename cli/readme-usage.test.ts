/**
 * The README's usage block is the first thing a new user reads, and it is
 * written by hand: this keeps it naming every option the command accepts
 * (cli/command-spec.ts, from which the parser and `cvlens help` are made),
 * and nothing the command would refuse.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './command-spec.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The options on each `npx cvlens NAME` line of the usage block and its continuation lines. */
function usageOptions(): Map<string, Set<string>> {
  const block = /```sh\n(npx cvlens segment[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README: no ```sh block starting with "npx cvlens segment"');
  const byCommand = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of block[1].split('\n')) {
    const head = /^npx cvlens (\w+)/.exec(line);
    if (head) byCommand.set(head[1], (current = new Set()));
    for (const m of line.matchAll(/--([a-z][a-z-]*)/g)) current?.add(m[1]);
  }
  return byCommand;
}

describe('README usage lines', () => {
  const listed = usageOptions();
  for (const command of COMMANDS) {
    it(`cvlens ${command.name}: lists every option and only those`, () => {
      const accepted = command.options.map((o) => o.name).filter((name) => name !== 'help');
      expect([...(listed.get(command.name) ?? [])].sort()).toEqual([...accepted].sort());
    });
  }
});
