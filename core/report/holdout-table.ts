/**
 * The holdout check as a table: customers grouped by repeat purchases in the
 * calibration period, actual against predicted purchases per customer in the
 * holdout (Fader, Hardie & Lee 2005, "Counting your customers" the easy way,
 * figure 4), then the totals.
 */
import type { HoldoutComparison } from '../models/holdout.ts';
import type { Lang, TimeUnit } from '../types.ts';
import type { ReportTable } from './report-table.ts';
import { unitWord } from './report-words.ts';

/** @example holdoutTable(h, 'week', 'en').headers[0] // "Repeat purchases in calibration" */
export function holdoutTable(h: HoldoutComparison, unit: TimeUnit, lang: Lang): ReportTable {
  const zh = lang === 'zh';
  const length = `${Number.isInteger(h.length) ? h.length : h.length.toFixed(1)} ${unitWord(unit, lang)}`;
  return {
    id: 'Holdout',
    title: zh ? `预测检验:校准期之后的${length}` : `Holdout check: the ${length} after calibration`,
    headers: zh
      ? ['校准期重复购买次数', '客户数', '检验期实际购买(人均)', '检验期预测购买(人均)']
      : ['Repeat purchases in calibration', 'Customers', 'Actual purchases per customer', 'Predicted purchases per customer'],
    formats: ['text', 'count', 'ratio', 'ratio'],
    rows: [
      ...h.byFrequency.map((r) => ({ cells: [r.group, r.customers, r.actual, r.predicted] })),
      { total: true, cells: [zh ? '合计(购买次数)' : 'Total purchases', h.customers, h.actualTotal, h.predictedTotal], formats: [undefined, undefined, 'decimal', 'decimal'] },
    ],
  };
}
