/**
 * The Office requirement sets the add-in needs, checked when the pane opens.
 * manifest.xml declares the same sets (test/addin/manifest.test.ts keeps
 * them equal), so Office should not activate the add-in where one is
 * missing; the check is for the hosts that load it anyway (a sideloaded
 * manifest, an Excel that reports less than its build has), where the pane
 * would otherwise fail at its first Excel call with a bare error.
 */
import type { Lang } from '../../core/index.ts';

export interface Requirement {
  name: string;
  minVersion: string;
  /** What stops working without it, so the message can say so. */
  needs: 'pane' | 'functions' | 'both';
}

/**
 * ExcelApi 1.7 for the pane's reads and writes (worksheet and range
 * formatting, tables, charts); CustomFunctionsRuntime 1.2 for the functions'
 * error messages (CustomFunctions.Error); SharedRuntime 1.1 for the pane and
 * the functions sharing one runtime and its caches.
 */
export const REQUIREMENTS: readonly Requirement[] = [
  { name: 'SharedRuntime', minVersion: '1.1', needs: 'both' },
  { name: 'ExcelApi', minVersion: '1.7', needs: 'pane' },
  { name: 'CustomFunctionsRuntime', minVersion: '1.2', needs: 'functions' },
];

/** Office.context.requirements, or any object with its isSetSupported. */
export interface RequirementChecker {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/**
 * The requirements this Office lacks. Without a checker (an office.js
 * too old to have one) nothing can be said, so nothing is reported missing.
 */
export function missingRequirements(checker: RequirementChecker | undefined): Requirement[] {
  if (!checker || typeof checker.isSetSupported !== 'function') return [];
  return REQUIREMENTS.filter((r) => {
    try {
      return !checker.isSetSupported(r.name, r.minVersion);
    } catch {
      return true;
    }
  });
}

/** True when the pane cannot work with these missing. */
export function paneBlocked(missing: readonly Requirement[]): boolean {
  return missing.some((r) => r.needs !== 'functions');
}

const TEXT = {
  en: {
    title: 'This Excel is too old for part of cvlens',
    lacks: (sets: string) => `It does not support ${sets}.`,
    pane: 'The pane cannot read or write ranges here.',
    functions: 'The CV functions may show errors without their explanation.',
    fix: 'Update Excel (Microsoft 365, version 2002 or later on Windows, 16.35 or later on Mac) or use Excel on the web.',
  },
  zh: {
    title: '此版本的 Excel 无法使用 cvlens 的部分功能',
    lacks: (sets: string) => `它不支持 ${sets}。`,
    pane: '任务窗格无法在此读取或写入区域。',
    functions: 'CV 函数出错时可能不显示原因。',
    fix: '请更新 Excel（Microsoft 365：Windows 版本 2002 或更高，Mac 16.35 或更高），或使用 Excel 网页版。',
  },
} as const;

/** The message the pane shows for `missing`, as a title and sentences; undefined when nothing is missing. */
export function requirementsMessage(missing: readonly Requirement[], lang: Lang): { title: string; lines: string[] } | undefined {
  if (missing.length === 0) return undefined;
  const t = TEXT[lang];
  const sets = missing.map((r) => `${r.name} ${r.minVersion}`).join(lang === 'zh' ? '、' : ', ');
  const lines: string[] = [t.lacks(sets)];
  if (paneBlocked(missing)) lines.push(t.pane);
  if (missing.some((r) => r.needs !== 'pane')) lines.push(t.functions);
  lines.push(t.fix);
  return { title: t.title, lines };
}
