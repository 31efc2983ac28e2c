/**
 * The segment sheet's layout, from a segment result:
 *
 *   A1   title (customers, as-of day), A2 notes
 *   A4   tier summary table (core/report, as in the command line's workbook: contribution band,
 *        customers, shares, value, average, lifetime value, strategy)
 *   right of it: concentration: share of value held by the top 10 %, 20 % … 100 % of customers, and its chart
 *   A18  the per-customer table (an Excel table), tier cells coloured
 *   right of it: rejected source rows with reasons
 */
import {
  dayToIso,
  rejectedTable,
  tierColors,
  tierRuleOf,
  tierSummaryTable,
  topShare,
  type Lang,
  type RejectedRow,
  type SegmentResult,
  type Tier,
  type TierRule,
} from '../../core/index.ts';
import { notesIn, rejectedIn } from '../shared/analyze.ts';
import { DATE_COLUMNS, MONEY_COLUMNS, SHARE_COLUMNS, segmentCells, segmentColumns } from '../shared/segment-table.ts';
import { a1, reportBlock, type FormatPlan, type SheetPlan } from './sheet-plan.ts';

/** Tier fills: core's palette, so a VIP looks the same in every product. */
export const TIER_COLOURS: Record<Tier, string> = Object.fromEntries(Object.entries(tierColors).map(([t, s]) => [t, s.fill])) as Record<Tier, string>;

export const CUSTOMERS_ROW = 17;
const TEXT = {
  en: {
    sheet: 'Segments',
    title: (n: number, asOf: string) => `Customer segments: ${n.toLocaleString('en-US')} customers, as of ${asOf}`,
    top: 'Top customers',
    share: 'Share of value',
    chart: 'Value concentration',
  },
  zh: {
    sheet: '客户分层',
    title: (n: number, asOf: string) => `客户分层：${n} 位客户，截至 ${asOf}`,
    top: '前百分比客户',
    share: '占价值比例',
    chart: '价值集中度',
  },
};

/**
 * The plan of the segment sheet for `result` (tiered by `tierRule`), with `rejected` source rows listed.
 * Every sentence on it (notes, reasons) is in `lang`, from core's messages.
 */
export function segmentSheetPlan(result: SegmentResult, rejected: readonly RejectedRow[], lang: Lang, tierRule: TierRule = tierRuleOf('contribution')): SheetPlan {
  const t = TEXT[lang];
  const columns = segmentColumns(result);
  const customers = segmentCells(result, lang, columns);
  const asOf = result.totals.asOf === undefined ? '' : dayToIso(result.totals.asOf);
  const values = result.customers.map((c) => Math.max(0, c.value));
  const concentration: unknown[][] = [[t.top, t.share]];
  for (let k = 1; k <= 10; k++) concentration.push([k / 10, values.length ? topShare(values, k / 10) : 0]);

  // The same tier summary as the command line's workbook; its total row stays out of the Excel table.
  const summary = reportBlock(tierSummaryTable(result, tierRule, lang), { id: 'summary', row: 3, col: 0 }, { totals: false });
  const concentrationCol = summary.block.values[0]!.length + 1;
  const formats: FormatPlan[] = [
    ...summary.formats,
    { block: 'concentration', row: 1, col: 0, rows: 10, cols: 2, numberFormat: '0%' },
    { block: 'title', row: 0, col: 0, rows: 1, cols: 1, bold: true },
  ];
  const n = result.customers.length;
  if (n > 0) {
    columns.forEach((key, j) => {
      const numberFormat = DATE_COLUMNS.has(key)
        ? 'yyyy-mm-dd'
        : MONEY_COLUMNS.has(key)
          ? '#,##0.00'
          : SHARE_COLUMNS.has(key)
            ? '0.0%'
            : key === 'contribution' || key === 'recency' || key === 'T' || key === 'sinceLast' || key === 'expectedPurchases'
              ? '0.00'
              : undefined;
      if (numberFormat) formats.push({ block: 'customers', row: 1, col: j, rows: n, cols: 1, numberFormat });
    });
    // Rows are sorted by value, so tiers come in runs: one fill per run.
    const tierCol = columns.indexOf('tier');
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || result.customers[i].tier !== result.customers[start].tier) {
        formats.push({ block: 'customers', row: 1 + start, col: tierCol, rows: i - start, cols: 1, fill: TIER_COLOURS[result.customers[start].tier] });
        start = i;
      }
    }
  }

  const blocks: SheetPlan['blocks'] = [
    { id: 'title', row: 0, col: 0, values: [[t.title(n, asOf)]] },
    ...(result.warnings.length ? [{ id: 'notes', row: 1, col: 0, values: [[notesIn(result, lang).join(' ')]] }] : []),
    summary.block,
    { id: 'concentration', row: 3, col: concentrationCol, values: concentration, boldHeader: true },
    { id: 'customers', row: CUSTOMERS_ROW, col: 0, values: customers },
  ];
  if (rejected.length > 0) {
    const list = reportBlock(rejectedTable(rejectedIn(rejected, lang), lang, 'sheetRow'), { id: 'rejected', row: CUSTOMERS_ROW, col: columns.length + 1 });
    blocks.push({ ...list.block, boldHeader: true });
    formats.push(...list.formats);
  }
  return {
    baseName: t.sheet,
    blocks,
    tables: [
      { block: 'summary', name: 'TierSummary', style: 'TableStyleLight9' },
      { block: 'customers', name: 'Segments', style: 'TableStyleMedium2' },
    ],
    formats,
    charts: [{ type: 'Line', block: 'concentration', title: t.chart, from: a1(2, concentrationCol + 3), to: a1(15, concentrationCol + 10) }],
    freezeRows: 0,
  };
}

