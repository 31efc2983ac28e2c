export { churnRiskScores, overdueRisk, typicalGap } from './overdue.ts';
export type { OverdueInput } from './overdue.ts';
export { CHURN_LEVEL_THRESHOLDS, churnLevel } from './level.ts';
export type { ChurnLevel } from './level.ts';
export { ownRate, probabilityNoPurchase as ownRateNoPurchase, expectedPurchases as ownRateExpectedPurchases } from './own-rate.ts';
export type { OwnRate } from './own-rate.ts';
