/**
 * The language a command speaks before its options are parsed: the
 * locale's, or --lang's. Kept apart from options.ts, which needs the core's
 * parsers, because `cvlens --help` needs only this.
 */
import type { Lang } from '../core/index.ts';

/**
 * The language of the user's locale: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set (POSIX's order for messages), else the runtime's own
 * locale (Intl). Chinese for any zh locale (zh_CN, zh_TW.UTF-8, zh-Hans),
 * English otherwise.
 */
export function localeLang(env: NodeJS.ProcessEnv, runtimeLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? runtimeLocale();
  return /^zh(?:[-_.@]|$)/i.test(locale) ? 'zh' : 'en';
}

/**
 * The language of a command line before it is parsed, for its help: the
 * value of --lang (`--lang zh` or `--lang=zh`) when it is en or zh, else the
 * locale's.
 */
export function langOfArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'zh') return v;
  }
  return localeLang(env);
}
