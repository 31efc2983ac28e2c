/**
 * Company aggregates at import (issue 13 item 2): how long the extension's
 * one computation of the companies (extension/store/company-records.ts over
 * core's companyAggregates) takes for imports of growing size, every
 * customer at one of a tenth as many firms, known by domain and by name (half
 * of them by both, so the two keys must be joined).
 */
import { companyRecords } from '../extension/store/company-records.ts';
import type { StoredCustomer } from '../extension/store/stored-customer.ts';

function customers(n: number): StoredCustomer[] {
  const firms = Math.max(1, Math.floor(n / 10));
  return Array.from({ length: n }, (_, i): StoredCustomer => {
    const f = (i * 7919) % firms;
    const keys = [`email:buyer${i}@firm${f}.example`];
    if (i % 2 === 0) keys.push(`domain:firm${f}.example`);
    if (i % 3 !== 0) keys.push(`company:firm ${f}`);
    return { id: String(i), tier: 'Small', value: 10 + (i % 900), churnRisk: (i % 100) / 100, company: `Firm ${f}`, keys, search: [] };
  });
}

export async function runExtensionCompaniesBench(print: (line: string) => void): Promise<void> {
  for (const n of [50_000, 200_000, 1_000_000]) {
    const rows = customers(n);
    companyRecords(rows.slice(0, 1000), 'contribution');
    const t0 = performance.now();
    const companies = companyRecords(rows, 'contribution');
    const ms = performance.now() - t0;
    print(`  ${n.toLocaleString('en')} customers → ${companies.length.toLocaleString('en')} companies: ${ms.toFixed(0)} ms (${Math.round(n / (ms / 1000)).toLocaleString('en')} customers/s)`);
  }
}
