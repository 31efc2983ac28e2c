/**
 * CV.VALUEMATRIX: the value-matrix cell (Gold, Platinum, Iron, Lead) of
 * current × future value. A thin wrapper over core/matrix.
 */
import { matrixCell, median } from '../../core/index.ts';
import { broadcast, isBlank, isMulti, numberArg, numbersOf, type Cell } from './cells.ts';
import { fail, guard } from './excel-error.ts';
import { message } from './messages.ts';
import { langArg, matrixLabel } from './labels.ts';

const FN = 'CV.VALUEMATRIX';

/**
 * Value-matrix cell of a customer: Gold (high current, high future value), Platinum (high current, low future), Iron (low current, high future) or Lead (low, low). "High" means above the split; a split given as a range means its median. With ranges of current and future values and no splits, each split is the median of its range.
 * @customfunction VALUEMATRIX
 * @helpurl https://localhost:3000/help.html#valuematrix
 * @param current Current value (profit to date) of the customer, or a range of them: the result spills.
 * @param future Future value (e.g. CLV or expected profit), aligned with current.
 * @param [current_split] Split between low and high current value: a number, or a range whose median is used; default the median of current.
 * @param [future_split] Split between low and high future value: a number, or a range whose median is used; default the median of future.
 * @param [lang] Language of the names: omitted for the stable codes (English names, the same for every reader); "zh" (or "zh-CN") for Chinese labels, "en" for English.
 * @returns The matrix cell code Gold, Platinum, Iron or Lead (or its label in lang).
 */
export function valuematrix(current: unknown[][], future: unknown[][], current_split?: unknown[][], future_split?: unknown[][], lang?: unknown): unknown[][] {
  return guard(FN, () => {
    const language = langArg(FN, lang ?? null);
    const cs = splitOf('current_split', current_split ?? null, current);
    const fs = splitOf('future_split', future_split ?? null, future);
    return broadcast(FN, { current, future }, (c) => {
      if (isBlank(c.current) && isBlank(c.future)) return '';
      return matrixLabel(matrixCell(numberArg(FN, 'current', c.current), numberArg(FN, 'future', c.future), cs, fs), language);
    });
  });
}

function splitOf(name: string, split: Cell, values: Cell): number {
  if (isMulti(split)) return medianOf(name, split);
  if (!isBlank(Array.isArray(split) ? numbersOf(split)[0] ?? null : split)) return numberArg(FN, name, split);
  if (isMulti(values)) return medianOf(name, values);
  return fail('notAvailable', message(FN, 'splitRequired', { arg: name }));
}

function medianOf(name: string, range: Cell): number {
  const numbers = numbersOf(range);
  if (numbers.length === 0) return fail('notAvailable', message(FN, 'noNumbers', { arg: name }));
  return median(numbers);
}
