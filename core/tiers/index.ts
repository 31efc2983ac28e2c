export { DEFAULT_TIER_RULE, TIERS, tierRuleParams } from './rule.ts';
export type { TierRule } from './rule.ts';
export { assignTiers } from './assign.ts';
export type { TierAssignment } from './assign.ts';
export { tierSummary } from './summary.ts';
