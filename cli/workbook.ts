/**
 * Writes the segment workbook: the per-customer table, the tier summary,
 * the model report, the holdout comparison and the rejected rows, each on
 * its own sheet, tiers coloured as everywhere in cvlens. Streams rows so a
 * workbook of a hundred thousand customers does not hold them all as cell
 * objects.
 */
import ExcelJS from 'exceljs';
import {
  label,
  SEGMENT_COLUMN_KIND,
  segmentTable,
  type ColumnKey,
  type ColumnKind,
  tierColors,
  type Analysis,
  type HoldoutComparison,
  type Lang,
  type RejectedRow,
  type Tier,
} from '../core/index.ts';

export interface WorkbookInput {
  analysis: Analysis;
  lang: Lang;
  rejected: readonly RejectedRow[];
  holdout?: HoldoutComparison;
  /** Lines describing where the data came from and the options used. */
  about: [string, string | number][];
}

const SHEETS = {
  customers: { en: 'Customers', zh: '客户' },
  summary: { en: 'Tier summary', zh: '客户分级汇总' },
  model: { en: 'Model', zh: '模型' },
  holdout: { en: 'Holdout', zh: '预测检验' },
  rejected: { en: 'Rejected rows', zh: '未使用的行' },
} as const;

const PERCENT = '0.0%';
const MONEY = '#,##0.00';
const DECIMAL = '0.00';

function argb(hex: string): string {
  return 'FF' + hex.slice(1).toUpperCase();
}

function fill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

export async function writeSegmentWorkbook(path: string, input: WorkbookInput): Promise<void> {
  const { analysis, lang } = input;
  const { segment } = analysis;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  wb.creator = 'cvlens';

  // Tier summary first: it is what an analyst reads first (table 4-2 of the seed).
  const summary = wb.addWorksheet(SHEETS.summary[lang]);
  summary.columns = [
    { header: label('summary.tier', lang), width: 14 },
    { header: label('summary.customers', lang), width: 12, style: { numFmt: '#,##0' } },
    { header: label('summary.customerShare', lang), width: 18, style: { numFmt: PERCENT } },
    { header: label('summary.value', lang), width: 16, style: { numFmt: MONEY } },
    { header: label('summary.valueShare', lang), width: 16, style: { numFmt: PERCENT } },
    { header: label('summary.averageValue', lang), width: 16, style: { numFmt: MONEY } },
    { header: label('col.clv', lang), width: 16, style: { numFmt: MONEY } },
  ];
  summary.getRow(1).font = { bold: true };
  const clvByTier = new Map<Tier, number>();
  for (const c of segment.customers) clvByTier.set(c.tier, (clvByTier.get(c.tier) ?? 0) + c.clv);
  for (const row of segment.summary) {
    const r = summary.addRow([
      label(`tier.${row.tier}`, lang),
      row.customers,
      row.customerShare,
      row.value,
      row.valueShare,
      row.averageValue,
      clvByTier.get(row.tier) ?? 0,
    ]);
    r.getCell(1).fill = fill(tierColors[row.tier].fill);
    r.commit();
  }
  const totals = summary.addRow([
    lang === 'zh' ? '合计' : 'Total',
    segment.totals.customers,
    1,
    segment.totals.value,
    1,
    segment.totals.customers > 0 ? segment.totals.value / segment.totals.customers : 0,
    segment.totals.clv,
  ]);
  totals.font = { bold: true };
  totals.commit();
  summary.addRow([]).commit();
  summary.addRow([lang === 'zh' ? '前20%客户价值占比' : 'Value held by the top 20 %', segment.concentration.top20Share]).commit();
  summary.addRow([lang === 'zh' ? '基尼系数' : 'Gini coefficient', segment.concentration.gini]).commit();
  for (const w of segment.warnings) summary.addRow([w]).commit();
  summary.commit();

  // The per-customer table.
  const table = segmentTable(segment.customers, lang, undefined, undefined, segment.totals.churnHorizonDays);
  const customers = wb.addWorksheet(SHEETS.customers[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  customers.columns = table.keys.map((key, i) => ({
    header: table.headers[i],
    width: Math.max(10, Math.min(28, (table.headers[i] ?? '').length + 4)),
    style: { numFmt: numberFormat(key) },
  }));
  customers.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.keys.length } };
  customers.getRow(1).font = { bold: true };
  const tierColumn = table.keys.indexOf('tier') + 1;
  table.rows.forEach((cells, i) => {
    const row = customers.addRow(cells);
    if (tierColumn > 0) row.getCell(tierColumn).fill = fill(tierColors[segment.customers[i]!.tier].fill);
    row.commit();
  });
  customers.commit();

  const model = wb.addWorksheet(SHEETS.model[lang]);
  model.columns = [{ width: 34 }, { width: 40 }];
  for (const [k, v] of input.about) model.addRow([k, v]).commit();
  const { purchase, spend } = analysis.models;
  if (purchase) {
    model.addRow([]).commit();
    model.addRow([`${purchase.model === 'pnbd' ? 'Pareto/NBD' : 'BG/NBD'} fit`, '']).commit();
    for (const [k, v] of Object.entries(purchase.params)) model.addRow([k, v]).commit();
    model.addRow(['log-likelihood', purchase.logLikelihood]).commit();
    model.addRow(['customers', purchase.customers]).commit();
    model.addRow(['converged', purchase.converged ? 'yes' : 'no']).commit();
  }
  if (spend) {
    model.addRow([]).commit();
    model.addRow(['Gamma-Gamma fit', '']).commit();
    for (const [k, v] of Object.entries(spend.params)) model.addRow([k, v]).commit();
    model.addRow(['repeat customers', spend.customers]).commit();
    model.addRow(['corr(frequency, spend)', spend.correlation]).commit();
  }
  if (analysis.models.fallback) model.addRow(['fallback', analysis.models.fallback]).commit();
  model.commit();

  if (input.holdout) {
    const h = input.holdout;
    const sheet = wb.addWorksheet(SHEETS.holdout[lang]);
    sheet.columns = [
      { header: lang === 'zh' ? '校准期重复购买次数' : 'Calibration repeat purchases', width: 28 },
      { header: lang === 'zh' ? '客户数' : 'Customers', width: 12 },
      { header: lang === 'zh' ? '实际(人均)' : 'Actual per customer', width: 20, style: { numFmt: '0.000' } },
      { header: lang === 'zh' ? '预测(人均)' : 'Predicted per customer', width: 22, style: { numFmt: '0.000' } },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of h.byFrequency) sheet.addRow([r.group, r.customers, r.actual, r.predicted]).commit();
    const total = sheet.addRow([lang === 'zh' ? '合计(次数)' : 'Total purchases', h.customers, h.actualTotal, h.predictedTotal]);
    total.font = { bold: true };
    total.commit();
    sheet.addRow([lang === 'zh' ? '检验期长度' : 'Holdout length (periods)', h.length]).commit();
    sheet.commit();
  }

  if (input.rejected.length > 0) {
    const sheet = wb.addWorksheet(SHEETS.rejected[lang]);
    sheet.columns = [
      { header: lang === 'zh' ? '行号' : 'Line', width: 8 },
      { header: lang === 'zh' ? '原因' : 'Reason', width: 80 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of input.rejected) sheet.addRow([r.line, r.reason]).commit();
    sheet.commit();
  }
  await wb.commit();
}

/** Excel number format per kind of column (core/segment/segment-table.ts). */
const NUMBER_FORMAT: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  date: undefined,
  count: '#,##0',
  score: '0',
  decimal: DECIMAL,
  money: MONEY,
  share: PERCENT,
};

function numberFormat(key: ColumnKey): string | undefined {
  return NUMBER_FORMAT[SEGMENT_COLUMN_KIND[key]];
}
