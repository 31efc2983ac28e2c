/**
 * Every sentence the core says to a user — rejected-row reasons, warnings,
 * why a model was chosen — as a code with parameters, and one catalog that
 * says it in English and in Chinese. Producers keep their English text
 * (`reason`, `warnings`) for the products that read it, and carry the
 * {@link Message} beside it so that any product can show it in the user's
 * language with {@link formatMessage}.
 *
 * Templates use the subset of ICU MessageFormat that these sentences need:
 * `{name}` and `{name, plural, one {…} other {…}}` with `#` for the number
 * (English only; Chinese has no plural forms). intl-messageformat reads the
 * same syntax, but it adds 20 ms to every start of the command line (the
 * start-up target is 0.15 s) and formats a plural message in 14 µs against
 * 2.4 µs here (a plain one in 0.2 µs against 0.7 µs; loops of 200,000
 * messages on the shared 2-core build machine, so only the ratios mean much).
 * `npm run bench -- rejected` measures what it costs a whole file.
 */
import type { Lang } from '../types.ts';
import { MESSAGE_CATALOG } from './messages-catalog.ts';

export type MessageCode = keyof typeof MESSAGE_CATALOG;

/** A parameter: text, a number, a message said in the same language, or a list of those. */
export type MessageParam = string | number | Message | readonly MessageParam[];

/** One sentence (or sentence part) of the core, independent of language. */
export interface Message {
  code: MessageCode;
  params?: Readonly<Record<string, MessageParam>>;
}

/** A message from its code and parameters. */
export function msg(code: MessageCode, params?: Readonly<Record<string, MessageParam>>): Message {
  return params === undefined ? { code } : { code, params };
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'plural'; name: string; one: Part[]; other: Part[] };

/** Compiled templates by code, one slot per language, filled on first use. */
const compiled = new Map<string, { en?: Part[]; zh?: Part[] }>();

/**
 * The message in a language. Numbers are written plainly (a producer that
 * wants 1,234 passes text), lists joined with ", " (English) or "、" (Chinese).
 *
 * @throws Error for a code not in the catalog or a template parameter that
 *   is not given — both programming errors the catalog test rules out.
 * @example formatMessage(msg('read.idEmpty'), 'zh') // "客户编号为空"
 * @example formatMessage(msg('analysis.afterAsOf', { n: 2 }), 'en') x
 */
export function formatMessage(m: Message, lang: Lang): string {
  const entry = (MESSAGE_CATALOG as Readonly<Record<string, { en: string; zh: string }>>)[m.code];
  if (entry === undefined) throw new Error(`formatMessage: no message "${String(m.code)}"`);
  let slot = compiled.get(m.code);
  if (slot === undefined) {
    slot = {};
    compiled.set(m.code, slot);
  }
  const parts = (slot[lang] ??= compile(lang === 'zh' ? entry.zh : entry.en, m.code));
  return render(parts, m, lang, undefined);
}

/** Several messages as one text: "; " between them in English, "；" in Chinese (the reasons of one rejected row). */
export function formatMessages(ms: readonly Message[], lang: Lang): string {
  return ms.map((m) => formatMessage(m, lang)).join(lang === 'zh' ? '；' : '; ');
}

/** A rejected row's (or an excluded customer's) reason in a language: its messages, else its English reason. */
export function formatReason(row: { reason: string; problems?: readonly Message[] }, lang: Lang): string {
  return row.problems !== undefined && row.problems.length > 0 ? formatMessages(row.problems, lang) : row.reason;
}

/** The placeholder names of a template, sorted, for the catalog test. */
export function templateParams(template: string): string[] {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const p of parts) {
      if (p.kind === 'param') names.add(p.name);
      else if (p.kind === 'plural') {
        names.add(p.name);
        walk(p.one);
        walk(p.other);
      }
    }
  };
  walk(compile(template, 'templateParams'));
  return [...names].sort();
}

function render(parts: readonly Part[], m: Message, lang: Lang, count: number | undefined): string {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'text') {
      out += count !== undefined && p.text.includes('#') ? p.text.split('#').join(formatNumber(count)) : p.text;
    } else if (p.kind === 'param') {
      out += formatParam(param(m, p.name), lang);
    } else {
      const v = param(m, p.name);
      const n = typeof v === 'number' ? v : Number(v);
      out += render(n === 1 ? p.one : p.other, m, lang, n);
    }
  }
  return out;
}

function param(m: Message, name: string): MessageParam {
  const v = m.params?.[name];
  if (v === undefined) throw new Error(`formatMessage: "${m.code}" needs the parameter {${name}}`);
  return v;
}

function formatParam(v: MessageParam, lang: Lang): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (isList(v)) return v.map((x) => formatParam(x, lang)).join(lang === 'zh' ? '、' : ', ');
  return formatMessage(v, lang);
}

function isList(v: MessageParam): v is readonly MessageParam[] {
  return Array.isArray(v);
}

/** Plainly, as the core's sentences always wrote numbers: line numbers and ids must not gain thousands groups. */
function formatNumber(n: number): string {
  return String(n);
}

/** Splits a template into text, `{name}` and `{name, plural, one {…} other {…}}` parts. */
function compile(template: string, code: string): Part[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`message "${code}": ${why} at ${i} in "${template}"`);
  };
  const parseParts = (inPlural: boolean): Part[] => {
    const parts: Part[] = [];
    let text = '';
    while (i < template.length) {
      const c = template[i];
      if (c === '}') {
        if (!inPlural) fail('unmatched }');
        break;
      }
      if (c !== '{') {
        text += c;
        i++;
        continue;
      }
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const close = /^\{\s*([A-Za-z][\w]*)\s*(,\s*plural\s*,)?\s*/.exec(template.slice(i));
      if (!close) fail('a placeholder must be {name} or {name, plural, …}');
      const name = close![1];
      i += close![0].length;
      if (!close![2]) {
        if (template[i] !== '}') fail(`{${name}} is not closed`);
        i++;
        parts.push({ kind: 'param', name });
        continue;
      }
      const forms: Record<string, Part[]> = {};
      for (;;) {
        const sel = /^\s*(one|other)\s*\{/.exec(template.slice(i));
        if (!sel) break;
        i += sel[0].length;
        forms[sel[1]] = parseParts(true);
        if (template[i] !== '}') fail('a plural form is not closed');
        i++;
      }
      const end = /^\s*\}/.exec(template.slice(i));
      if (!end || !forms.one || !forms.other) fail(`{${name}, plural} needs one {…} and other {…}`);
      i += end![0].length;
      parts.push({ kind: 'plural', name, one: forms.one, other: forms.other });
    }
    if (text !== '') parts.push({ kind: 'text', text });
    return parts;
  };
  const parts = parseParts(false);
  if (i < template.length) fail('unmatched }');
  return parts;
}
