export { analyzeCustomers, analyzeTransactions, createAnalysis, modelInputs } from './analyze.ts';
export type { Analysis, AnalysisBuilder, ModelReport } from './analyze.ts';
export { DEFAULT_SETTINGS, MODEL_TITLES, PURCHASE_MODELS, parseCutPoints, parseDuration, resolveSettings } from './settings.ts';
export type { AnalysisSettings, AnalysisSettingsInput, FittedModelName, PurchaseModelName } from './settings.ts';
export type { CandidateReport, ModelSelection } from './select-model.ts';
export { compareCalibration, createCalibrationSplit } from './calibration-split.ts';
export type { CalibrationData, CalibrationSplit, CalibrationSplitOptions } from './calibration-split.ts';
