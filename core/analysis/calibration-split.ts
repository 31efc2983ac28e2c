/**
 * Splits transactions at a calibration end date for out-of-sample checks:
 * customers are summarised on the calibration period only, and for each of
 * them the purchase days after it (up to the as-of date) are counted. That
 * is how Fader, Hardie & Lee (2005) validate BG/NBD on CDNOW: calibrate on
 * 39 weeks, compare predicted with actual repeat purchases in the next 39.
 *
 * Customers whose first purchase falls after the calibration end are not in
 * the comparison (the models only speak about customers already acquired);
 * their count is reported.
 */
import { CvError } from '../errors.ts';
import { compareHoldout, type HoldoutComparison } from '../models/holdout.ts';
import { modelInputs } from './analyze.ts';
import type { PurchaseModelFit } from '../models/purchase-model.ts';
import { createSummaryBuilder } from '../summary/summarize.ts';
import { unitDays } from '../summary/units.ts';
import type { CustomerSummary, DayNumber, ExcludedCustomer, TimeUnit, Transaction } from '../types.ts';

export interface CalibrationSplitOptions {
  calibrationEnd: DayNumber;
  /** End of the holdout period; default the latest transaction day. */
  asOf?: DayNumber;
  unit?: TimeUnit;
  marginRate?: number;
}

export interface CalibrationData {
  /** Summaries of the calibration period (as of calibrationEnd). */
  calibration: CustomerSummary[];
  /** Purchase days after calibrationEnd, up to asOf, per calibration customer (0 when none). */
  holdoutPurchases: Map<string, number>;
  /** Holdout length in periods of the unit. */
  holdoutLength: number;
  calibrationEnd: DayNumber;
  asOf: DayNumber;
  unit: TimeUnit;
  /** Customers first seen after the calibration end, left out. */
  newInHoldout: number;
  /**
   * Customers with rows in the calibration period but only returns there
   * (no purchase to calibrate on), with the reason, in id order. A later
   * purchase of theirs counts in `newInHoldout`.
   */
  excluded: ExcludedCustomer[];
}

export interface CalibrationSplit {
  add(t: Transaction): void;
  finish(): CalibrationData;
}

/**
 * @throws CvError('calibrationSplit', 'value') when the calibration end is
 *   not before the as-of date or nothing falls in the calibration period.
 * @example
 * const split = createCalibrationSplit({ calibrationEnd: isoToDay('1997-09-30'), unit: 'week' });
 * transactions.forEach(split.add);
 * split.finish().holdoutLength; // 39 weeks on CDNOW
 */
export function createCalibrationSplit(options: CalibrationSplitOptions): CalibrationSplit {
  const fn = 'calibrationSplit';
  const { calibrationEnd } = options;
  if (!Number.isInteger(calibrationEnd)) throw new CvError(fn, 'value', 'the calibration end must be a date');
  const unit = options.unit ?? 'week';
  const builder = createSummaryBuilder({ unit, asOf: calibrationEnd, marginRate: options.marginRate });
  const later = new Map<string, Set<DayNumber>>();
  let latest = -Infinity;
  return {
    add(t) {
      if (t.day > latest) latest = t.day;
      builder.add(t);
      if (t.day > calibrationEnd && t.amount >= 0 && (options.asOf === undefined || t.day <= options.asOf)) {
        let days = later.get(t.customerId);
        if (!days) later.set(t.customerId, (days = new Set()));
        days.add(t.day);
      }
    },
    finish() {
      const asOf = options.asOf ?? latest;
      if (!(asOf > calibrationEnd)) {
        throw new CvError(fn, 'value', 'the calibration end must be before the last transaction (or the as-of date)');
      }
      const calibration = builder.finish();
      if (calibration.length === 0) throw new CvError(fn, 'value', 'no purchase falls on or before the calibration end');
      const holdoutPurchases = new Map<string, number>();
      for (const c of calibration) holdoutPurchases.set(c.id, later.get(c.id)?.size ?? 0);
      let newInHoldout = 0;
      for (const id of later.keys()) if (!holdoutPurchases.has(id)) newInHoldout++;
      return {
        calibration,
        holdoutPurchases,
        holdoutLength: (asOf - calibrationEnd) / unitDays(unit),
        calibrationEnd,
        asOf,
        unit,
        newInHoldout,
        excluded: builder.report().excluded,
      };
    },
  };
}

/**
 * Predicted vs actual holdout purchases for a model fitted on the
 * calibration summaries, overall and by calibration frequency (0..6, 7+).
 */
export function compareCalibration(model: PurchaseModelFit, data: CalibrationData): HoldoutComparison {
  const inputs = modelInputs(data.calibration, data.unit);
  return compareHoldout(
    model,
    {
      x: inputs.map((c) => c.x),
      t_x: inputs.map((c) => c.t_x),
      T: inputs.map((c) => c.T),
      xHoldout: inputs.map((c) => data.holdoutPurchases.get(c.id) ?? 0),
    },
    data.holdoutLength,
  );
}
