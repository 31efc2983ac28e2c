/**
 * "Export for the browser extension": the scored-customers CSV of
 * core/exchange from a segment result, so the sales rep's badges show the
 * analyst's numbers.
 */
import { toScoredCustomersCsv, type ScoredCustomer, type SegmentResult } from '../../core/index.ts';

export const EXPORT_FILE_NAME = 'cvlens-scored-customers.csv';

/** One scored customer per segment row. */
export function scoredCustomers(result: SegmentResult): ScoredCustomer[] {
  return result.customers.map((c) => ({
    cvlensId: c.id,
    name: c.name,
    email: c.email,
    company: c.company,
    crmIds: [],
    tier: c.tier,
    value: c.value,
    revenue: c.revenue,
    clv: c.clv,
    churnRisk: c.churnRisk,
    churnHorizonDays: result.totals.churnHorizonDays,
    pAlive: c.pAlive,
    frequency: c.frequency,
    recency: c.recency,
    T: c.T,
    rfm: c.rfm.cell,
    rfmSegment: c.rfm.segment,
    stage: c.stage,
    matrix: c.matrix,
  }));
}

/** The CSV text (with a BOM, so Excel opens it as UTF-8). */
export function scoredCustomersCsv(result: SegmentResult): string {
  return toScoredCustomersCsv(scoredCustomers(result), { bom: true });
}

/** Offers `text` as a file download (Blob + anchor); browser only. */
export function downloadText(text: string, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
