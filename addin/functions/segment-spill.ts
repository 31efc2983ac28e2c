/**
 * CV.SEGMENT's spill: a fixed set of columns, so that formulas next to the
 * spill (=INDEX(E2#,,29), a chart on column AC) point at the same column
 * whatever the data. A value that does not apply (profit without a margin
 * rate, P(alive) when no model scored the customers) is a blank cell, not a
 * missing column. The task pane's sheet, a one-off table, still leaves empty
 * columns out (addin/shared/segment-table.ts).
 */
import { formatMessage, MODEL_TITLES, SEGMENT_COLUMNS, type ColumnKey, type Lang, type ModelReport, type SegmentResult } from '../../core/index.ts';
import { cellOf, DATE_COLUMNS, segmentHeader } from '../shared/segment-table.ts';
import { dateCell, type DateCellKind, type FormattedDate } from './date-cells.ts';

/**
 * Every column the three inputs can fill, in core's order (core/segment/segment-table.ts
 * without name, email and company, which CV.SEGMENT does not read).
 */
export const SPILL_COLUMNS: readonly ColumnKey[] = SEGMENT_COLUMNS.filter((key) => key !== 'name' && key !== 'email' && key !== 'company');

/** The code in the last column of a customer scored by the own-rate heuristic rather than a model. */
export const HEURISTIC = 'heuristic';

const NOTE = {
  model: { en: 'Model', zh: '模型' },
  heuristic: { en: 'own-rate heuristic', zh: '自身购买节奏启发式' },
  fellBack: { en: 'fell back', zh: '已回退' },
} as const;

/**
 * The header of the last column: "Model: <title>", and when the model the
 * formula asked for did not score the customers, why. It is the rightmost
 * cell of the spill, so its text runs on over the empty cells to its right
 * and stays readable. The reason is core's message in `lang`.
 */
export function modelNote(models: ModelReport, lang: Lang): string {
  const { requested, chosen, reasonMessage } = models.selection;
  const sep = lang === 'zh' ? '：' : ': ';
  const scored = models.purchase !== undefined && models.fallback === undefined && chosen !== 'none';
  const head = `${NOTE.model[lang]}${sep}${scored ? MODEL_TITLES[chosen] : NOTE.heuristic[lang]}`;
  const asked = scored ? requested === 'auto' || requested === chosen : requested === 'none';
  const why = formatMessage(models.fallbackMessage ?? reasonMessage, lang);
  return asked ? head : `${head} (${NOTE.fellBack[lang]}${sep}${why})`;
}

/** One cell of the spill. */
export type SpillCell = string | number | FormattedDate;

/**
 * Header row + one row per customer, SPILL_COLUMNS and then the model that
 * scored each customer (bgnbd, mbgnbd, pnbd, or "heuristic"). Every row has
 * SPILL_COLUMNS.length + 1 cells. The date columns hold what `dates` says
 * this Excel shows as dates (date-cells.ts); every other cell is a plain
 * number or text.
 */
export function spillCells(result: SegmentResult, models: ModelReport, lang: Lang, dates: DateCellKind = 'serial'): SpillCell[][] {
  const chosen = models.selection.chosen;
  const header = [...segmentHeader(SPILL_COLUMNS, lang, result.totals.churnHorizonDays), modelNote(models, lang)];
  const isDate = SPILL_COLUMNS.map((k) => DATE_COLUMNS.has(k));
  const rows = result.customers.map((c) => [
    ...SPILL_COLUMNS.map((k, j): SpillCell => {
      const cell = cellOf(c, k, lang);
      return isDate[j] && typeof cell === 'number' ? dateCell(cell, dates) : cell;
    }),
    c.churnSource === 'model' && chosen !== 'none' ? chosen : HEURISTIC,
  ]);
  return [header, ...rows];
}

