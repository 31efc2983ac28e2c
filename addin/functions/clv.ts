/**
 * CV.CLV: the classic retention-based customer lifetime value, as a cell
 * formula. A thin wrapper: cells → core/clv/classic.ts → a cell.
 */
import { classicClv } from '../../core/index.ts';
import { broadcast, numberArg, textArg, type Cell } from './cells.ts';
import { fail, guard } from './excel-error.ts';
import { message } from './messages.ts';

const FN = 'CV.CLV';

/**
 * Customer lifetime value from a constant margin per period, a retention rate and a discount rate: m·r/(1+d−r) for an infinite horizon, or the sum over a number of periods; minus the acquisition cost. Every argument may be a range: the result spills with its shape.
 * @customfunction CLV
 * @helpurl https://localhost:3000/help.html#clv
 * @param margin Margin (profit) the customer brings per period.
 * @param retention Retention rate per period, between 0 and 1 (0.8 = 80 % stay).
 * @param discount Discount rate per period (0.1 = 10 %); must be above -1.
 * @param [periods] Number of periods (whole number); blank for an infinite horizon.
 * @param [acquisition_cost] Acquisition cost subtracted once; blank for 0.
 * @param [timing] When the first margin arrives: "next" (end of period 1, default, or 0) or "now" (period 0, or 1).
 * @returns The lifetime value (a number, or an array of numbers when arguments are ranges).
 */
export function clv(
  margin: unknown,
  retention: unknown,
  discount: unknown,
  periods?: unknown,
  acquisition_cost?: unknown,
  timing?: unknown,
): unknown[][] {
  return guard(FN, () => {
    const when = timingOf(timing);
    return broadcast(FN, { margin, retention, discount, periods: periods ?? null, acquisition_cost: acquisition_cost ?? null }, (c) => {
      const r = numberArg(FN, 'retention', c.retention, { min: 0, max: 1 });
      const d = numberArg(FN, 'discount', c.discount);
      const horizon = numberArg(FN, 'periods', c.periods, { default: Infinity, min: 0, integer: true });
      // Checked here rather than left to core/clv so that the reason is in the user's language.
      if (!(d > -1)) return fail('invalidValue', message(FN, 'discountAbove', { got: d }));
      if (horizon === Infinity && r >= 1 + d) return fail('invalidValue', message(FN, 'diverges', { r, d }));
      return classicClv({
        margin: numberArg(FN, 'margin', c.margin),
        retention: r,
        discount: d,
        horizon,
        acquisitionCost: numberArg(FN, 'acquisition_cost', c.acquisition_cost, { default: 0 }),
        firstMargin: when,
      });
    });
  });
}

function timingOf(v: Cell): 'next' | 'now' {
  const t = textArg(v, FN, 'timing')?.toLowerCase();
  if (t === undefined || t === 'next' || t === '0' || t === 'end') return 'next';
  if (t === 'now' || t === '1' || t === 'begin' || t === 'start') return 'now';
  return fail('invalidValue', message(FN, 'oneOf', { arg: 'timing', choices: 'next (0), now (1)', got: t }));
}
