/**
 * The pane's option fields (text, as typed) and their reading into analysis
 * options. Invalid fields give a message instead of options.
 */
import { CvError, DEFAULT_SETTINGS, isoToDay, parseCutPoints, parseDuration, tierRuleOf, type ColumnMapping, type PurchaseModelName, type TierMethod, type TimeUnit } from '../../core/index.ts';
import type { Lang } from '../../core/index.ts';
import type { AnalysisOptions } from '../shared/analyze.ts';

/** What can be wrong with the fields, in both languages. */
const PROBLEMS = {
  margin: { en: 'Margin rate must be between 0 and 1, got "{a}".', zh: '毛利率须在 0 与 1 之间，实际为“{a}”。' },
  horizons: {
    en: 'Horizons must be a number of days, or a number with d, w, m or y (e.g. 90, 13w, 1y); got "{a}" and "{b}".',
    zh: '期限须为天数，或带 d、w、m、y 的数字（如 90、13w、1y）；实际为“{a}”和“{b}”。',
  },
  horizon: { en: 'CLV horizon must be a positive number of days, got "{a}".', zh: 'CLV 期限须为正的天数，实际为“{a}”。' },
  churnHorizon: { en: 'Churn horizon must be a positive number of days, got "{a}".', zh: '流失风险期限须为正的天数，实际为“{a}”。' },
  discount: { en: 'Discount rate must be 0 or more, got "{a}".', zh: '折现率不能小于 0，实际为“{a}”。' },
  asOf: { en: 'As-of date must be yyyy-mm-dd, got "{a}".', zh: '截止日期须为 yyyy-mm-dd 格式，实际为“{a}”。' },
  cuts: { en: 'Cut points must be three numbers, got "{a}".', zh: '分界点须为三个数字，实际为“{a}”。' },
  fixedCuts: {
    en: 'Fixed thresholds need three cut points (minimum values for VIP, Major, Ordinary).',
    zh: '固定阈值需要三个分界点（VIP、主要、普通客户的最低值）。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

function problem(key: keyof typeof PROBLEMS, lang: Lang, a = '', b = ''): { ok: false; message: string } {
  return { ok: false, message: PROBLEMS[key][lang].replace('{a}', a).replace('{b}', b) };
}

export interface FormFields {
  unit: TimeUnit;
  /** yyyy-mm-dd or blank. */
  asOf: string;
  margin: string;
  tierMethod: TierMethod;
  /** Three numbers separated by commas, semicolons or spaces; blank for the method's defaults. */
  cuts: string;
  model: PurchaseModelName;
  /** Days, or a number with d, w, m or y ("1y"). */
  horizonDays: string;
  /** Churn risk horizon: days, or a number with d, w, m or y. */
  churnHorizonDays: string;
  discount: string;
}

export const DEFAULT_FIELDS: FormFields = {
  unit: 'week',
  asOf: '',
  margin: '',
  tierMethod: 'contribution',
  cuts: '',
  model: DEFAULT_SETTINGS.model,
  horizonDays: String(DEFAULT_SETTINGS.horizonDays),
  churnHorizonDays: String(DEFAULT_SETTINGS.churnHorizonDays),
  discount: String(DEFAULT_SETTINGS.annualDiscount),
};

/**
 * Analysis options from the fields, or the first problem found.
 * @example toAnalysisOptions(DEFAULT_FIELDS, { customerId: 0, date: 1, amount: 2 }, true, 1).ok // true
 */
export function toAnalysisOptions(
  f: FormFields,
  mapping: ColumnMapping,
  hasHeader: boolean,
  firstRow: number,
  lang: Lang = 'en',
): { ok: true; options: AnalysisOptions } | { ok: false; message: string } {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')));
  const margin = num(f.margin);
  if (margin !== undefined && !(margin >= 0 && margin <= 1)) return problem('margin', lang, f.margin);
  const duration = (text: string, fallback: number) => (text.trim() === '' ? fallback : parseDuration(text, 'x'));
  let horizon: number;
  let churnHorizon: number;
  try {
    horizon = duration(f.horizonDays, DEFAULT_SETTINGS.horizonDays);
    churnHorizon = duration(f.churnHorizonDays, DEFAULT_SETTINGS.churnHorizonDays);
  } catch {
    return problem('horizons', lang, f.horizonDays, f.churnHorizonDays);
  }
  if (!(horizon > 0)) return problem('horizon', lang, f.horizonDays);
  if (!(churnHorizon > 0)) return problem('churnHorizon', lang, f.churnHorizonDays);
  const discount = num(f.discount) ?? DEFAULT_SETTINGS.annualDiscount;
  if (!(discount >= 0)) return problem('discount', lang, f.discount);
  let asOf: number | undefined;
  if (f.asOf.trim() !== '') {
    try {
      asOf = isoToDay(f.asOf.trim());
    } catch {
      return problem('asOf', lang, f.asOf);
    }
  }
  let p: [number, number, number] | undefined;
  try {
    p = f.cuts.trim() === '' ? undefined : parseCutPoints(f.cuts);
  } catch (e) {
    if (!(e instanceof CvError)) throw e;
    return problem('cuts', lang, f.cuts);
  }
  if (f.tierMethod === 'fixed' && !p) {
    return problem('fixedCuts', lang);
  }
  const tierRule = tierRuleOf(f.tierMethod, p);
  return {
    ok: true,
    options: { mapping, hasHeader, firstRow, unit: f.unit, asOf, marginRate: margin, tierRule, model: f.model, horizonDays: horizon, churnHorizonDays: churnHorizon, annualDiscount: discount },
  };
}
