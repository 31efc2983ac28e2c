/**
 * CV.CHURNRISK: the heuristic churn risk (how overdue a customer is against
 * their own purchase rhythm). A thin wrapper over core/churn.
 */
import { churnLevel, churnRiskScores, type OverdueInput } from '../../core/index.ts';
import { broadcast, cellsOf, isBlank, numberArg, textArg, type Cell } from './cells.ts';
import { guard } from './excel-error.ts';
import { churnLabel, langArg } from './labels.ts';

const FN = 'CV.CHURNRISK';

/**
 * Churn risk between 0 and 1 from how overdue a customer is: with gap = recency ÷ frequency (the customer's mean time between purchases; the typical gap for one-time buyers) and o = since_last ÷ gap, risk = o²/(1+o²): 0 just after a purchase, 0.5 one gap later, 0.8 two gaps later. Give ranges (one customer per row) to use the population's typical gap. All times in the same unit.
 * @customfunction CHURNRISK
 * @helpurl https://localhost:3000/help.html#churnrisk
 * @param frequency Repeat purchases (purchase days - 1).
 * @param recency Time from the first to the last purchase.
 * @param since_last Time from the last purchase to the as-of date.
 * @param age Time from the first purchase to the as-of date (T).
 * @param [typical_gap] Typical time between purchases for one-time buyers; default the median gap of the given customers.
 * @param [as_level] TRUE to return the level (low, medium, high) instead of the number.
 * @param [lang] Language of the level: omitted for the stable codes (Low, Medium, High: the same for every reader); "zh" (or "zh-CN") for Chinese labels, "en" for English.
 * @returns The risk 0..1, or its level code Low, Medium or High (or its label in lang), per customer.
 */
export function churnrisk(
  frequency: unknown[][],
  recency: unknown[][],
  since_last: unknown[][],
  age: unknown[][],
  typical_gap?: unknown[][],
  as_level?: unknown[][],
  lang?: unknown,
): unknown[][] {
  return guard(FN, () => {
    const language = langArg(FN, lang ?? null);
    const rows: (OverdueInput | undefined)[] = [];
    const shape = broadcast(FN, { frequency, recency, since_last, age }, (c, i) => {
      rows[i] = isBlank(c.frequency) && isBlank(c.since_last) ? undefined : {
        frequency: numberArg(FN, 'frequency', c.frequency, { min: 0 }),
        recency: numberArg(FN, 'recency', c.recency, { min: 0 }),
        sinceLast: numberArg(FN, 'since_last', c.since_last, { min: 0 }),
        T: numberArg(FN, 'age', c.age, { min: 0 }),
      };
      return i;
    });
    const present = rows.filter((r): r is OverdueInput => r !== undefined);
    const gap = cellsOf(typical_gap ?? null).every(isBlank) ? undefined : numberArg(FN, 'typical_gap', typical_gap, { min: 0 });
    const risks = churnRiskScores(present, { typicalGap: gap });
    const level = isTrue(as_level ?? null);
    const byIndex = new Map<number, number>();
    let k = 0;
    rows.forEach((r, i) => {
      if (r) byIndex.set(i, risks[k++]);
    });
    return shape.map((row) =>
      row.map((i) => {
        const risk = byIndex.get(i as number);
        if (risk === undefined) return '';
        return level ? churnLabel(churnLevel(risk), language) : risk;
      }),
    );
  });
}

function isTrue(v: Cell): boolean {
  if (v === true) return true;
  const t = textArg(v, FN, 'as_level')?.toLowerCase();
  return t === 'true' || t === '1' || t === 'level';
}
