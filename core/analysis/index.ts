export { analyzeCustomers, modelInputs } from './analyze.ts';
export type { Analysis, AnalyzeOptions, ModelReport, PurchaseModelName } from './analyze.ts';
export { compareCalibration, createCalibrationSplit } from './calibration-split.ts';
export type { CalibrationData, CalibrationSplit, CalibrationSplitOptions } from './calibration-split.ts';
