export { lifecycleStage } from './stage.ts';
export type { StageInput, StageOptions } from './stage.ts';
export { valueTrend } from './trend.ts';
