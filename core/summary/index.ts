export { createSummaryBuilder, summarize } from './summarize.ts';
export type { SummaryBuilder, SummaryOptions, SummaryReport } from './summarize.ts';
export { describeExcluded } from './describe-excluded.ts';
export { unitDays } from './units.ts';
