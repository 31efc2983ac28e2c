export { churnRiskLabel, LABEL_KEYS, LABELS, label } from './labels.ts';
export type { ColumnKey, LabelKey } from './labels.ts';
