/**
 * CV.CVTIER: the value tier (VIP, Major, Ordinary, Small) of a value among
 * all customers' values. A thin wrapper over core/tiers.
 */
import { assignTiers, tierRuleOf, type Tier, type TierRule } from '../../core/index.ts';
import { hashCells } from './cache.ts';
import { broadcast, choiceArg, isBlank, numbersOf, readNumber, type Cell } from './cells.ts';
import { fail, guard } from './excel-error.ts';
import { message } from './messages.ts';
import { langArg, tierLabel } from './labels.ts';

const FN = 'CV.CVTIER';
const METHODS = ['contribution', 'pareto', 'quantile', 'fixed', 'threshold'] as const;

/**
 * Value tier of a customer: VIP, Major, Ordinary or Small, by the customer's value among all customers' values. Methods: contribution (value ÷ mean value, cut points 4, 2, 1 as in the classic table), pareto (cumulative value shares 0.5, 0.8, 0.95), quantile (top fractions 0.05, 0.2, 0.5 of customers), fixed (minimum values for VIP, Major, Ordinary). A value not in all_values is ranked as one more customer.
 * @customfunction CVTIER
 * @helpurl https://localhost:3000/help.html#cvtier
 * @param value The customer's value (revenue, profit or CLV), or a range of values: the result spills.
 * @param all_values All customers' values, the population to rank against; blanks and text are skipped, an error value gives an error naming its row.
 * @param [method] "contribution" (default), "pareto", "quantile" or "fixed" (alias "threshold").
 * @param [cut_points] Three numbers for the method, best tier first (e.g. 4, 2, 1 for contribution; 100000, 50000, 25000 for fixed).
 * @param [lang] Language of the names: omitted for the stable codes (English names, the same for every reader); "zh" (or "zh-CN") for Chinese labels, "en" for English.
 * @returns The tier code VIP, Major, Ordinary or Small (or its label in lang).
 */
export function cvtier(value: unknown, all_values: unknown[][], method?: unknown, cut_points?: unknown[][], lang?: unknown): unknown[][] {
  return guard(FN, () => {
    const language = langArg(FN, lang ?? null);
    const rule = ruleOf(FN, 'method', method ?? null, cut_points ?? null);
    const population = numbersOf(all_values);
    if (population.length === 0) return fail('notAvailable', message(FN, 'noNumbers', { arg: 'all_values' }));
    const tierOf = tierLookup(population, rule);
    return broadcast(FN, { value }, (c) => {
      if (isBlank(c.value)) return '';
      const v = readNumber(c.value);
      if (v === undefined) return fail('invalidValue', message(FN, 'notNumber', { arg: 'value', got: `"${String(c.value)}"` }));
      return tierLabel(tierOf(v), language);
    });
  });
}

/** Reads the method (argument `methodName` of `fn`) and its three cut_points into a core tier rule. */
export function ruleOf(fn: string, methodName: string, method: Cell, cutPoints: Cell): TierRule {
  const m = choiceArg(fn, methodName, method, METHODS, 'contribution');
  const cuts = isBlank(cutPoints) || (Array.isArray(cutPoints) && numbersOf(cutPoints).length === 0) ? undefined : numbersOf(cutPoints);
  if (cuts !== undefined && cuts.length !== 3) return fail('invalidValue', message(fn, 'cutPointCount', { arg: 'cut_points', n: cuts.length }));
  const p = cuts as [number, number, number] | undefined;
  const tierMethod = m === 'threshold' ? 'fixed' : m;
  if (tierMethod === 'fixed' && !p) return fail('notAvailable', message(fn, 'cutPointsRequired', { arg: 'cut_points', method: m }));
  return tierRuleOf(tierMethod, p);
}

// A sheet often has one CVTIER per customer over the same population: keep
// the last population's tiers instead of ranking it once per cell.
let last: { key: string; byValue: Map<number, Tier> } | undefined;

function tierLookup(population: number[], rule: TierRule): (v: number) => Tier {
  const key = `${hashCells([population])}|${JSON.stringify(rule)}`;
  if (last?.key !== key) {
    const { tiers } = assignTiers(population, rule);
    const byValue = new Map<number, Tier>();
    population.forEach((v, i) => byValue.set(v, tiers[i]));
    last = { key, byValue };
  }
  const byValue = last.byValue;
  return (v) => byValue.get(v) ?? assignTiers([...population, v], rule).tiers[population.length];
}
