/**
 * How concentrated value is: the top-20 % share and the Gini coefficient as
 * a small table, and the concentration curve (share of value held by the top
 * x % of customers) that the workbook charts, beside the line of equal
 * shares (no concentration). The curve reads the 20/80 rule
 * of 王海洲《客户价值及其管理》 straight off the chart: it is the Lorenz curve
 * seen from the top (share held by the top x = 1 − L(1 − x)).
 */
import type { SegmentResult } from '../segment/segment.ts';
import type { Lang } from '../types.ts';
import type { ReportTable } from './report-table.ts';
import { basisWord, shareOf, word } from './report-words.ts';
import { segmentValues } from './segment-values.ts';

/** @example concentrationTable(segment, 'en').rows[0].cells[1] // 0.65 for CDNOW's top 20 % */
export function concentrationTable(segment: SegmentResult, lang: Lang): ReportTable {
  const basis = segment.totals.valueBasis;
  const top = lang === 'zh' ? `前20%客户所占${basisWord(basis, lang)}比例` : `Share of ${basisWord(basis, lang)} held by the top 20 % of customers`;
  return {
    id: 'Concentration',
    title: word('concentrationTitle', lang),
    headers: [word('measure', lang), word('result', lang)],
    formats: ['text', 'share'],
    rows: [{ cells: [top, segment.concentration.top20Share] }, { cells: [word('gini', lang), segment.concentration.gini], formats: [undefined, 'ratio'] }],
  };
}

/**
 * The curve at 0 %, 5 %, … 100 % of customers (`steps` intervals). The top
 * x % are the ⌈x·n⌉ customers of highest value, as in topShare; negative
 * values count as 0, as in the concentration figures.
 *
 * @example concentrationCurve(segment, 'en', 4).rows.map((r) => r.cells[0]) // [0, 0.25, 0.5, 0.75, 1]
 */
export function concentrationCurve(segment: SegmentResult, lang: Lang, steps = 20): ReportTable {
  const { n, value } = segmentValues(segment);
  // Rows are sorted by value descending, so the running sum is the top-k total.
  const running = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) running[i + 1] = running[i] + Math.max(0, value[i]);
  const total = running[n];
  const rows = [];
  for (let s = 0; s <= steps; s++) {
    const x = s / steps;
    const k = x === 0 ? 0 : Math.max(1, Math.ceil(x * n - 1e-9));
    rows.push({ cells: [x, total > 0 ? running[Math.min(k, n)] / total : 0, x] });
  }
  return {
    id: 'ConcentrationCurve',
    title: word('curveTitle', lang),
    headers: [word('topCustomers', lang), shareOf(segment.totals.valueBasis, lang), word('equalShares', lang)],
    formats: ['share', 'share', 'share'],
    rows,
  };
}
