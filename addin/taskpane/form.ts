/**
 * The pane's option fields (text, as typed) and their reading into analysis
 * options. Invalid fields give a message instead of options.
 */
import { isoToDay, tierRuleOf, type ColumnMapping, type TierMethod, type TimeUnit } from '../../core/index.ts';
import type { AnalysisOptions } from '../shared/analyze.ts';

export interface FormFields {
  unit: TimeUnit;
  /** yyyy-mm-dd or blank. */
  asOf: string;
  margin: string;
  tierMethod: TierMethod;
  /** Three numbers separated by commas, semicolons or spaces; blank for the method's defaults. */
  cuts: string;
  model: 'none' | 'bgnbd' | 'pnbd';
  horizonDays: string;
  discount: string;
}

export const DEFAULT_FIELDS: FormFields = {
  unit: 'week',
  asOf: '',
  margin: '',
  tierMethod: 'contribution',
  cuts: '',
  model: 'none',
  horizonDays: '365',
  discount: '0.1',
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
  const horizon = num(f.horizonDays) ?? 365;
  if (!(horizon > 0)) return { ok: false, message: `CLV horizon must be a positive number of days, got "${f.horizonDays}".` };
  const discount = num(f.discount) ?? 0.1;
  if (!(discount >= 0)) return { ok: false, message: `Discount rate must be 0 or more, got "${f.discount}".` };
  let asOf: number | undefined;
  if (f.asOf.trim() !== '') {
    try {
      asOf = isoToDay(f.asOf.trim());
    } catch {
      return { ok: false, message: `As-of date must be yyyy-mm-dd, got "${f.asOf}".` };
    }
  }
  const parts = f.cuts.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (parts.length !== 0 && (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))) {
    return { ok: false, message: `Cut points must be three numbers, got "${f.cuts}".` };
  }
  const p = parts.length === 3 ? (parts as [number, number, number]) : undefined;
  if (f.tierMethod === 'fixed' && !p) {
    return { ok: false, message: 'Fixed thresholds need three cut points (minimum values for VIP, Major, Ordinary).' };
  }
  const tierRule = tierRuleOf(f.tierMethod, p);
  return {
    ok: true,
    options: { mapping, hasHeader, firstRow, unit: f.unit, asOf, marginRate: margin, tierRule, model: f.model, horizonDays: horizon, annualDiscount: discount },
  };
}
