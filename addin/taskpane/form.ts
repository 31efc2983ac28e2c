/**
 * The pane's option fields (text, as typed) and their reading into analysis
 * options. Invalid fields give a message instead of options.
 */
import { CvError, DEFAULT_SETTINGS, isoToDay, parseCutPoints, parseDuration, tierRuleOf, type ColumnMapping, type PurchaseModelName, type TierMethod, type TimeUnit } from '../../core/index.ts';
import type { AnalysisOptions } from '../shared/analyze.ts';

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
): { ok: true; options: AnalysisOptions } | { ok: false; message: string } {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')));
  const margin = num(f.margin);
  if (margin !== undefined && !(margin >= 0 && margin <= 1)) return { ok: false, message: `Margin rate must be between 0 and 1, got "${f.margin}".` };
  const duration = (text: string, fallback: number) => (text.trim() === '' ? fallback : parseDuration(text, 'x'));
  let horizon: number;
  let churnHorizon: number;
  try {
    horizon = duration(f.horizonDays, DEFAULT_SETTINGS.horizonDays);
    churnHorizon = duration(f.churnHorizonDays, DEFAULT_SETTINGS.churnHorizonDays);
  } catch {
    return { ok: false, message: `Horizons must be a number of days, or a number with d, w, m or y (e.g. 90, 13w, 1y); got "${f.horizonDays}" and "${f.churnHorizonDays}".` };
  }
  if (!(horizon > 0)) return { ok: false, message: `CLV horizon must be a positive number of days, got "${f.horizonDays}".` };
  if (!(churnHorizon > 0)) return { ok: false, message: `Churn horizon must be a positive number of days, got "${f.churnHorizonDays}".` };
  const discount = num(f.discount) ?? DEFAULT_SETTINGS.annualDiscount;
  if (!(discount >= 0)) return { ok: false, message: `Discount rate must be 0 or more, got "${f.discount}".` };
  let asOf: number | undefined;
  if (f.asOf.trim() !== '') {
    try {
      asOf = isoToDay(f.asOf.trim());
    } catch {
      return { ok: false, message: `As-of date must be yyyy-mm-dd, got "${f.asOf}".` };
    }
  }
  let p: [number, number, number] | undefined;
  try {
    p = f.cuts.trim() === '' ? undefined : parseCutPoints(f.cuts);
  } catch (e) {
    if (!(e instanceof CvError)) throw e;
    return { ok: false, message: `Cut points must be three numbers, got "${f.cuts}".` };
  }
  if (f.tierMethod === 'fixed' && !p) {
    return { ok: false, message: 'Fixed thresholds need three cut points (minimum values for VIP, Major, Ordinary).' };
  }
  const tierRule = tierRuleOf(f.tierMethod, p);
  return {
    ok: true,
    options: { mapping, hasHeader, firstRow, unit: f.unit, asOf, marginRate: margin, tierRule, model: f.model, horizonDays: horizon, churnHorizonDays: churnHorizon, annualDiscount: discount },
  };
}
