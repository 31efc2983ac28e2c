/**
 * Names the functions write into cells, in the Office display language.
 * The words live in core/i18n; this file only picks the language.
 */
import {
  label,
  type ChurnLevel,
  type LifecycleStage,
  type MatrixCell,
  type RfmSegment,
  type Tier,
} from '../../core/index.ts';
import { officeLang } from './lang.ts';

export const tierLabel = (tier: Tier): string => label(`tier.${tier}`, officeLang());
export const segmentLabel = (segment: RfmSegment): string => label(`rfm.${segment}`, officeLang());
export const matrixLabel = (cell: MatrixCell): string => label(`matrix.${cell}`, officeLang());
export const stageLabel = (stage: LifecycleStage): string => label(`stage.${stage}`, officeLang());
export const churnLabel = (level: ChurnLevel): string => label(`churn.${level}`, officeLang());
