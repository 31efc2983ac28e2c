/**
 * CV.STAGE: the lifecycle stage of a relationship (exploration, formation,
 * stability, decline). A thin wrapper over core/lifecycle.
 */
import { lifecycleStage } from '../../core/index.ts';
import { broadcast, isBlank, numberArg } from './cells.ts';
import { guard } from './excel-error.ts';
import { langArg, stageLabel } from './labels.ts';

const FN = 'CV.STAGE';

/**
 * Lifecycle stage of a customer relationship: decline when the churn risk is at least 0.7; exploration for a single purchase within 90 days; formation for repeat customers younger than 365 days or whose spend per visit still grows by 10 % or more; stability otherwise. Ranges spill.
 * @customfunction STAGE
 * @helpurl https://localhost:3000/help.html#stage
 * @param purchase_days Number of distinct days the customer bought on.
 * @param age_days Days from the first purchase to the as-of date.
 * @param churn_risk Churn risk between 0 and 1 (CV.CHURNRISK, or 1 - CV.PALIVE).
 * @param [value_trend] Relative change in spend per visit (0.2 = +20 %); blank when unknown.
 * @param [lang] Language of the names: omitted for the stable codes (English names, the same for every reader); "zh" (or "zh-CN") for Chinese labels, "en" for English.
 * @returns The stage code Exploration, Formation, Stability or Decline (or its label in lang).
 */
export function stage(purchase_days: unknown, age_days: unknown, churn_risk: unknown, value_trend?: unknown, lang?: unknown): unknown[][] {
  return guard(FN, () => {
    const language = langArg(FN, lang ?? null);
    return broadcast(FN, { purchase_days, age_days, churn_risk, value_trend: value_trend ?? null }, (c) => {
      if (isBlank(c.purchase_days) && isBlank(c.age_days) && isBlank(c.churn_risk)) return '';
      const trend = isBlank(c.value_trend) ? undefined : numberArg(FN, 'value_trend', c.value_trend);
      return stageLabel(
        lifecycleStage({
          purchaseDays: numberArg(FN, 'purchase_days', c.purchase_days, { min: 0 }),
          ageDays: numberArg(FN, 'age_days', c.age_days, { min: 0 }),
          churnRisk: numberArg(FN, 'churn_risk', c.churn_risk, { min: 0, max: 1 }),
          valueTrend: trend,
        }),
        language,
      );
    });
  });
}
