import {
  label,
  type ChurnLevel,
  type Lang,
  type LifecycleStage,
  type MatrixCell,
  type RfmSegment,
  type Tier,
} from '../../core/index.ts';

/** The domain's names (core/i18n) in one language, as functions for the UI. */
export interface DomainLabels {
  tier(tier: Tier): string;
  stage(stage: LifecycleStage): string;
  matrix(cell: MatrixCell): string;
  segment(segment: RfmSegment): string;
  churn(level: ChurnLevel): string;
  /** The seed's suggested action (strategy) for a tier. */
  action(tier: Tier): string;
}

/**
 * Binds core's label table to a language.
 * @example domainLabels('zh').tier('Major') // '主要客户'
 */
export function domainLabels(lang: Lang): DomainLabels {
  return {
    tier: (x) => label(`tier.${x}`, lang),
    stage: (x) => label(`stage.${x}`, lang),
    matrix: (x) => label(`matrix.${x}`, lang),
    segment: (x) => label(`rfm.${x}`, lang),
    churn: (x) => label(`churn.${x}`, lang),
    action: (x) => label(`strategy.${x}`, lang),
  };
}
