/**
 * Per-command help, laid out from the command's spec: every option with
 * what its value looks like, its unit and its default, then examples — in
 * English or Chinese (an option without a Chinese text shows its English).
 */
import type { Lang } from '../core/index.ts';
import type { CommandSpec } from './command-spec.ts';
import { displayWidth } from './text-table.ts';

const WIDTH = 100;

const WORDS = {
  en: { usage: 'Usage: ', options: 'Options:', examples: 'Examples:', default: (d: string) => `Default: ${d}.`, stop: '.' },
  zh: { usage: '用法：', options: '选项：', examples: '示例：', default: (d: string) => `默认：${d}。`, stop: '。' },
} as const;

export function commandHelp(spec: CommandSpec, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const zh = lang === 'zh';
  const summary = zh ? (spec.summaryZh ?? spec.summary) : spec.summary;
  const lines = [`${w.usage}${spec.usage}`, '', ...wrap(summary, WIDTH, ''), '', w.options];
  for (const o of spec.options) {
    lines.push(`  --${o.name}${o.value ? ` ${o.value}` : ''}`);
    const help = zh && o.helpZh !== undefined ? `${o.helpZh}${w.stop}` : `${o.help}.`;
    lines.push(...wrap(help, WIDTH, '      '));
    const def = zh ? (o.defaultZh ?? o.default) : o.default;
    if (def !== undefined) lines.push(...wrap(w.default(def), WIDTH, '      '));
  }
  lines.push('', w.examples, ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/**
 * Lines of at most `width` terminal columns. English breaks at spaces;
 * Chinese, written without spaces, may break between any two characters
 * (but not before closing punctuation).
 */
export function wrap(text: string, maxWidth: number, indent: string): string[] {
  const tokens = text.match(/\s+|[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6][，。；：、）》”’！？]*|[^\s\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  let pendingSpace = false;
  const room = maxWidth - displayWidth(indent);
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      pendingSpace = true;
      continue;
    }
    const piece = line !== '' && pendingSpace ? ` ${token}` : token;
    if (line !== '' && displayWidth(line) + displayWidth(piece) > room) {
      lines.push(indent + line);
      line = token;
    } else {
      line += piece;
    }
    pendingSpace = false;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}
