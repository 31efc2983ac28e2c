export { DEFAULT_TIER_RULE, TIERS, tierRuleOf, tierRuleParams } from './rule.ts';
export type { TierMethod, TierRule } from './rule.ts';
export { assignTiers } from './assign.ts';
export type { TierAssignment } from './assign.ts';
export { tierSummary } from './summary.ts';
