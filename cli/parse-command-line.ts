/**
 * Arguments of one command, checked against its spec. Written instead of
 * node:util parseArgs because that one rejects `--horizon -1` as
 * "ambiguous" and names unknown options without suggesting the one meant;
 * here every mistake is one sentence the user can act on.
 */
import type { CommandSpec } from './command-spec.ts';
import { closestMatch } from './edit-distance.ts';
import { UsageError } from './usage-error.ts';

export interface ParsedCommandLine {
  /** Values of the options that take one, by option name without dashes. */
  values: Partial<Record<string, string>>;
  /** Flags given (options without a value). */
  flags: Set<string>;
  positionals: string[];
  /** --help or -h was given: print the command's help and do nothing else. */
  help: boolean;
}

export function parseCommandLine(spec: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const out: ParsedCommandLine = { values: {}, flags: new Set(), positionals: [], help: false };
  if (args.includes('--help') || args.includes('-h')) return { ...out, help: true };
  const names = spec.options.map((o) => o.name);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const typed = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^-+/, '');
    const option = spec.options.find((o) => o.name === typed);
    if (!option) throw unknownOption(spec, arg.slice(0, eq < 0 ? undefined : eq), typed, names);
    if (option.value === undefined) {
      if (eq >= 0) throw new UsageError(`--${option.name} takes no value; write just --${option.name}.`, `--${option.name} 不带值；只写 --${option.name}。`);
      out.flags.add(option.name);
      continue;
    }
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      // The next word is the value even when it starts with a dash (a negative number is
      // then judged by the option itself), unless it is another option.
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(
          `--${option.name} needs a value (${option.value}); see 'cvlens help ${spec.name}'.`,
          `--${option.name} 需要一个值（${option.value}）；见“cvlens help ${spec.name}”。`,
        );
      }
      value = next;
      i++;
    }
    if (out.values[option.name] !== undefined) {
      throw new UsageError(
        `--${option.name} was given twice ('${out.values[option.name]}' and '${value}'); give it once.`,
        `--${option.name} 给了两次（“${out.values[option.name]}”和“${value}”）；只能给一次。`,
      );
    }
    out.values[option.name] = value;
  }
  return out;
}

function unknownOption(spec: CommandSpec, written: string, typed: string, names: readonly string[]): UsageError {
  const guess = typed === '' ? undefined : closestMatch(typed, names);
  const hint = guess ? `did you mean --${guess}?` : `run 'cvlens help ${spec.name}' for its options.`;
  const hintZh = guess ? `是不是 --${guess}？` : `运行“cvlens help ${spec.name}”查看它的选项。`;
  return new UsageError(`${written} is not an option of ${spec.name}: ${hint}`, `${written} 不是 ${spec.name} 的选项：${hintZh}`);
}
