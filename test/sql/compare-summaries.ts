/**
 * Test helper: two lists of customer summaries compared field by field —
 * ids, days and counts exactly, money and times to a bound that only
 * summation order can explain (an engine adds the same amounts in another
 * order, so sums may differ in the last bits; 1e-9 of the customer's gross
 * revenue is a million times that and a cent's ten-millionth on CDNOW).
 */
import type { CustomerSummary, ExcludedCustomer } from '../../core/index.ts';

const EXACT = ['id', 'firstDay', 'lastDay', 'transactions', 'purchaseDays', 'frequency', 'returns', 'email', 'company', 'name'] as const;
const CLOSE = ['recency', 'T', 'sinceLast', 'grossRevenue', 'returnAmount', 'revenue', 'averageSpend', 'monetary', 'cost', 'profit', 'quantity'] as const;

/** Every difference, one line each ("id field: expected … got …"); [] when they agree. */
export function summaryDifferences(expected: readonly CustomerSummary[], got: readonly CustomerSummary[]): string[] {
  const out: string[] = [];
  if (expected.length !== got.length) out.push(`customers: expected ${expected.length}, got ${got.length}`);
  const byId = new Map(got.map((s) => [s.id, s]));
  for (const e of expected) {
    const g = byId.get(e.id);
    if (!g) {
      out.push(`${e.id}: missing`);
      continue;
    }
    for (const k of EXACT) if (e[k] !== g[k]) out.push(`${e.id} ${k}: expected ${String(e[k])}, got ${String(g[k])}`);
    const scale = 1e-9 * Math.max(1, Math.abs(e.grossRevenue));
    for (const k of CLOSE) {
      const a = e[k];
      const b = g[k];
      if (a === undefined || b === undefined) {
        if (a !== b) out.push(`${e.id} ${k}: expected ${String(a)}, got ${String(b)}`);
      } else if (!(Math.abs(a - b) <= scale)) {
        out.push(`${e.id} ${k}: expected ${a}, got ${b} (bound ${scale})`);
      }
    }
  }
  return out;
}

export function excludedDifferences(expected: readonly ExcludedCustomer[], got: readonly ExcludedCustomer[]): string[] {
  const out: string[] = [];
  if (expected.length !== got.length) out.push(`excluded: expected ${expected.length}, got ${got.length}`);
  expected.forEach((e, i) => {
    const g = got[i];
    if (!g || g.id !== e.id || g.rows !== e.rows || g.firstLine !== e.firstLine || g.reason !== e.reason || Math.abs(g.returnAmount - e.returnAmount) > 1e-9) {
      out.push(`excluded ${i}: expected ${JSON.stringify(e)}, got ${JSON.stringify(g)}`);
    }
  });
  return out;
}
