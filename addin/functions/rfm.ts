/**
 * CV.RFM and CV.RFMSEGMENT: RFM quintile scores of a population and the named
 * segment of a score. Thin wrappers over core/rfm.
 */
import { rfmScores, rfmSegment } from '../../core/index.ts';
import { broadcast, cellsOf, choiceArg, isBlank, numberArg, readNumber, textArg, type Cell } from './cells.ts';
import { fail, guard } from './excel-error.ts';
import { message } from './messages.ts';
import { langArg, segmentLabel } from './labels.ts';

/**
 * RFM scores 1 to 5 (quintiles) for every customer: R from recency (most recent = 5), F from frequency, M from monetary value. The three ranges hold one customer per cell, aligned; rows with a blank or non-numeric cell get blanks and are left out of the ranking. Spills one row per customer.
 * @customfunction RFM
 * @helpurl https://localhost:3000/help.html#rfm
 * @param recency Time since each customer's last purchase (days, weeks…): smaller is better.
 * @param frequency Number of purchases of each customer.
 * @param monetary Money each customer spent (revenue or profit).
 * @param [format] "scores" (default: three columns R, F, M) or "cell" (one column of text such as "545").
 * @returns One row per customer: R, F, M scores, or the three-digit cell.
 */
export function rfm(recency: unknown[][], frequency: unknown[][], monetary: unknown[][], format?: unknown): unknown[][] {
  const FN = 'CV.RFM';
  return guard(FN, () => {
    const shape = choiceArg(FN, 'format', format ?? null, ['scores', 'cell'] as const, 'scores');
    const rc = cellsOf(recency);
    const fc = cellsOf(frequency);
    const mc = cellsOf(monetary);
    if (rc.length !== fc.length || rc.length !== mc.length) {
      return fail('invalidValue', message(FN, 'sameCells', { args: 'recency, frequency, monetary', counts: `${rc.length}, ${fc.length}, ${mc.length}` }));
    }
    const rows: { index: number; sinceLast: number; frequency: number; monetary: number }[] = [];
    rc.forEach((_, i) => {
      const [r, f, m] = [readNumber(rc[i]), readNumber(fc[i]), readNumber(mc[i])];
      if (r !== undefined && f !== undefined && m !== undefined) rows.push({ index: i, sinceLast: r, frequency: f, monetary: m });
    });
    if (rows.length === 0) return fail('notAvailable', message(FN, 'noRows', { args: 'recency, frequency, monetary' }));
    const scores = rfmScores(rows);
    const blank = shape === 'cell' ? [''] : ['', '', ''];
    const out: Cell[][] = rc.map(() => blank);
    rows.forEach((row, k) => {
      const s = scores[k];
      out[row.index] = shape === 'cell' ? [s.cell] : [s.r, s.f, s.m];
    });
    return out;
  });
}

/**
 * Named RFM segment (Champions, Loyal, At Risk, Hibernating…) of R, F and M scores 1 to 5, or of a three-digit cell such as 545 given alone. Ranges spill.
 * @customfunction RFMSEGMENT
 * @helpurl https://localhost:3000/help.html#rfmsegment
 * @param r R score 1 to 5, or a three-digit RFM cell ("545") when f and m are omitted.
 * @param [f] F score 1 to 5.
 * @param [m] M score 1 to 5.
 * @param [lang] Language of the names: omitted for the stable codes (English names, the same for every reader); "zh" (or "zh-CN") for Chinese labels, "en" for English.
 * @returns The segment code (Champions, Loyal, …; or its label in lang).
 */
export function rfmsegment(r: unknown, f?: unknown, m?: unknown, lang?: unknown): unknown[][] {
  const FN = 'CV.RFMSEGMENT';
  return guard(FN, () => {
    const language = langArg(FN, lang ?? null);
    const together = isBlank(f ?? null) && isBlank(m ?? null) && !Array.isArray(f) && !Array.isArray(m);
    return broadcast(FN, { r, f: f ?? null, m: m ?? null }, (c) => {
      if (isBlank(c.r)) return '';
      if (together) {
        const cell = textArg(c.r, FN, 'r') ?? '';
        if (!/^[1-5]{3}$/.test(cell)) return fail('invalidValue', message(FN, 'notRfmCell', { arg: 'r', got: cell }));
        return segmentLabel(rfmSegment(Number(cell[0]), Number(cell[1]), Number(cell[2])), language);
      }
      const score = (name: string, v: Cell) => numberArg(FN, name, v, { min: 1, max: 5, integer: true });
      return segmentLabel(rfmSegment(score('r', c.r), score('f', c.f), score('m', c.m)), language);
    });
  });
}
