/**
 * Per-command help, laid out from the command's spec: every option with
 * what its value looks like, its unit and its default, then examples.
 */
import type { CommandSpec } from './command-spec.ts';

const WIDTH = 100;

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, '', ...wrap(spec.summary, WIDTH, ''), '', 'Options:'];
  for (const o of spec.options) {
    lines.push(`  --${o.name}${o.value ? ` ${o.value}` : ''}`);
    lines.push(...wrap(`${o.help}.`, WIDTH, '      '));
    if (o.default !== undefined) lines.push(...wrap(`Default: ${o.default}.`, WIDTH, '      '));
  }
  lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
