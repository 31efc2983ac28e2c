/**
 * Names the functions write into cells. A workbook is shared between people
 * whose Office runs in different display languages, and a cell must not
 * change when one of them recalculates (COUNTIF(…, "VIP") would silently
 * stop counting "VIP客户"). So functions write stable codes by default, the
 * English names core uses as identifiers (VIP, Major, Ordinary, Small; Gold,
 * Platinum, Iron, Lead; Exploration…; Champions…; Low, Medium, High), and
 * translated labels only when the formula asks for them with its `lang`
 * argument: the formula, not the reader, decides what the cell holds. Error
 * messages and the task pane follow the display language; they are not data.
 * The words live in core/i18n; this file only picks the language.
 */
import {
  label,
  type ChurnLevel,
  type Lang,
  type LifecycleStage,
  type MatrixCell,
  type RfmSegment,
  type Tier,
} from '../../core/index.ts';
import { textArg, type Cell } from './cells.ts';
import { fail } from './excel-error.ts';
import { message } from './messages.ts';

/** The language of codes: what a function writes when its `lang` argument is omitted. */
export const CODE_LANG: Lang = 'en';

/**
 * Reads the optional `lang` argument of `fn`: blank → codes (English);
 * "en" or "zh", or a locale tag such as "zh-CN" or "en-US"; anything else is #VALUE!.
 * @example langArg('CV.CVTIER', 'zh-CN') // 'zh'
 */
export function langArg(fn: string, v: Cell): Lang {
  const text = textArg(v ?? null, fn, 'lang');
  if (text === undefined) return CODE_LANG;
  const m = /^(en|zh)(?:[-_][a-z0-9-]+)?$/i.exec(text);
  return m ? (m[1].toLowerCase() as Lang) : fail('invalidValue', message(fn, 'oneOf', { arg: 'lang', choices: 'en, zh, zh-CN', got: text }));
}

export const tierLabel = (tier: Tier, lang: Lang = CODE_LANG): string => label(`tier.${tier}`, lang);
export const segmentLabel = (segment: RfmSegment, lang: Lang = CODE_LANG): string => label(`rfm.${segment}`, lang);
export const matrixLabel = (cell: MatrixCell, lang: Lang = CODE_LANG): string => label(`matrix.${cell}`, lang);
export const stageLabel = (stage: LifecycleStage, lang: Lang = CODE_LANG): string => label(`stage.${stage}`, lang);
export const churnLabel = (level: ChurnLevel, lang: Lang = CODE_LANG): string => label(`churn.${level}`, lang);
