export { averageRanks } from './ranks.ts';
export { rocAuc } from './auc.ts';
export { calibrationTable } from './calibration-table.ts';
export type { CalibrationRow, CalibrationTable } from './calibration-table.ts';
export { spearman } from './spearman.ts';
export { meanAbsoluteError } from './mean-absolute-error.ts';
