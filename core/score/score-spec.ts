import { CvError } from '../errors.ts';
import { LABELS } from '../i18n/labels.ts';
import type { CompositeField, CompositeIndicator } from '../segment/segment.ts';
import type { Normalisation } from './normalise.ts';

/**
 * Every field a composite indicator can draw on, in the order help texts
 * list them. The `satisfies` check and the exhaustiveness test keep it equal
 * to the CompositeField type.
 */
export const COMPOSITE_FIELDS = [
  'value',
  'revenue',
  'grossRevenue',
  'profit',
  'purchaseDays',
  'frequency',
  'recency',
  'T',
  'sinceLast',
  'averageSpend',
  'monetary',
  'returns',
  'returnAmount',
  'clv',
  'churnRisk',
] as const satisfies readonly CompositeField[];

const NORMALISATIONS: readonly Normalisation[] = ['minmax', 'rank', 'z'];

/**
 * A field by its English key (any case) or by its Chinese column label
 * (净销售额, 利润, 客户终身价值 …), so a spec can be written in either
 * language of the labels the outputs show.
 */
function fieldOf(name: string): CompositeField | undefined {
  const lower = name.toLowerCase();
  for (const f of COMPOSITE_FIELDS) {
    if (f.toLowerCase() === lower || LABELS[`col.${f}`].zh === name) return f;
  }
  return undefined;
}

/**
 * The composite weighted score (the seeds' 综合评价法) as users write it in
 * every product: indicators separated by commas or semicolons, each
 * `field:weight`, optionally `field:weight:normalisation`
 * (minmax, rank or z; default minmax). A weight may be a percentage. Weights
 * need not add up to 1: they are scaled (see normaliseWeights). Fields are
 * the keys of {@link COMPOSITE_FIELDS} or their Chinese column labels;
 * sinceLast, churnRisk, returns and returnAmount count lower as better.
 * Note `recency` is t_x, the time from first to last purchase (the models'
 * convention, higher is better); "how recently" is `sinceLast`.
 *
 * @throws CvError('parseScoreSpec', 'value') naming the part that is wrong
 *   and what it must be; 'num' for a negative weight or all weights zero.
 * @example parseScoreSpec('revenue:0.5, frequency:0.3, sinceLast:20%')
 * // [{ field: 'revenue', weight: 0.5 }, { field: 'frequency', weight: 0.3 }, { field: 'sinceLast', weight: 0.2 }]
 */
export function parseScoreSpec(text: string): CompositeIndicator[] {
  const fn = 'parseScoreSpec';
  const parts = text
    .split(/[,;，；]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new CvError(fn, 'value', `a score needs at least one field:weight, e.g. revenue:0.5,frequency:0.3,sinceLast:0.2 — not "${text}"`);
  const out: CompositeIndicator[] = [];
  for (const part of parts) {
    const [name = '', weightText, norm, ...rest] = part.split(/\s*[:=：]\s*/);
    const field = fieldOf(name.trim());
    if (field === undefined) {
      throw new CvError(fn, 'value', `"${name}" in "${part}" is not a field of the score; the fields are ${COMPOSITE_FIELDS.join(', ')}`);
    }
    if (weightText === undefined || rest.length > 0) {
      throw new CvError(fn, 'value', `"${part}" must be field:weight (e.g. ${field}:0.3), optionally with :minmax, :rank or :z`);
    }
    const w = weightText.trim();
    const weight = w.endsWith('%') ? Number(w.slice(0, -1)) / 100 : Number(w);
    if (w === '' || !Number.isFinite(weight)) throw new CvError(fn, 'value', `the weight of ${field} must be a number, not "${weightText}"`);
    if (weight < 0) throw new CvError(fn, 'num', `the weight of ${field} must be 0 or more, not ${weightText}`);
    if (out.some((i) => i.field === field)) throw new CvError(fn, 'value', `${field} is given twice; give each field once`);
    const indicator: CompositeIndicator = { field, weight };
    if (norm !== undefined) {
      const n = norm.trim().toLowerCase() as Normalisation;
      if (!NORMALISATIONS.includes(n)) throw new CvError(fn, 'value', `"${norm}" in "${part}" is not a normalisation; use minmax, rank or z`);
      indicator.normalisation = n;
    }
    out.push(indicator);
  }
  if (!out.some((i) => i.weight > 0)) throw new CvError(fn, 'num', `at least one weight must be above 0 in "${text}"`);
  return out;
}

/**
 * Standard competition ranks of scores, highest first (1 = best; equal
 * scores share the better rank and the next rank is skipped: 1, 2, 2, 4),
 * as Excel's RANK.EQ(x, range, 0) ranks them.
 *
 * @example rankDescending([0.2, 0.9, 0.5, 0.9]) // [4, 1, 3, 1]
 */
export function rankDescending(scores: readonly number[]): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const ranks = new Array<number>(scores.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    ranks[i] = k > 0 && scores[order[k - 1]] === scores[i] ? ranks[order[k - 1]] : k + 1;
  }
  return ranks;
}
