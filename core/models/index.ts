/** Probabilistic customer models ("buy till you die"), model CLV, predictions and holdout checks. */
export type { RepeatData, GroupedRepeatData } from './customer-data.ts';
export type { FitControl } from './fit-driver.ts';
export { DEFAULT_MAX_SECONDS, DEFAULT_MAX_EVALUATIONS } from './fit-driver.ts';
export { groupRepeatData, MIN_CUSTOMERS, MIN_REPEAT_CUSTOMERS } from './customer-data.ts';
export type { BgNbdParams, BgNbdFitOptions } from './bg-nbd.ts';
export {
  fitBgNbd,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdConditionalExpected,
  bgNbdExpected,
  bgNbdProbabilityOfCount,
  bgNbdProbabilityNoPurchase,
} from './bg-nbd.ts';
export type { MbgNbdParams, MbgNbdFitOptions } from './mbg-nbd.ts';
export {
  fitMbgNbd,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  mbgNbdConditionalExpected,
  mbgNbdExpected,
  mbgNbdProbabilityNoPurchase,
} from './mbg-nbd.ts';
export type { ParetoNbdParams, ParetoNbdFitOptions } from './pareto-nbd.ts';
export {
  fitParetoNbd,
  paretoNbdLogLikelihood,
  paretoNbdObjective,
  paretoNbdProbabilityAlive,
  paretoNbdConditionalExpected,
  paretoNbdExpected,
  paretoNbdProbabilityNoPurchase,
} from './pareto-nbd.ts';
export type { GammaGammaParams, GammaGammaFit, GammaGammaFitOptions, SpendData } from './gamma-gamma.ts';
export { fitGammaGamma, gammaGammaLogLikelihood, gammaGammaExpectedSpend, SPEND_CORRELATION_WARNING, MIN_SPEND_CUSTOMERS } from './gamma-gamma.ts';
export type { ClvOptions } from './model-clv.ts';
export { modelClv, discountedPurchases, discountRatePerStep, daysPerUnit } from './model-clv.ts';
export type { PurchaseModel, PurchaseModelFit } from './purchase-model.ts';
export { purchaseModel } from './purchase-model.ts';
export type { PredictCustomer, PredictOptions } from './predict.ts';
export { predictCustomers, DEFAULT_CHURN_HORIZON_DAYS } from './predict.ts';
export type { HoldoutData, HoldoutRow, HoldoutComparison } from './holdout.ts';
export { compareHoldout, HOLDOUT_GROUPS } from './holdout.ts';
