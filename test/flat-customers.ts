/**
 * Test and benchmark data: customer summaries (x, t_x, T in weeks) with one
 * purchase rate and no visible drop-out for anyone, where the optimum of the
 * Pareto/NBD and BG/NBD likelihoods lies at a limit of the model (r → ∞ at
 * a fixed mean rate, and s → ∞ or s, β → 0). Fits used to wander there.
 */
import { transactions } from './addin/synthetic-transactions.ts';

export interface Summaries {
  x: number[];
  t_x: number[];
  T: number[];
}

/**
 * Customers buying on 1 to 8 days drawn uniformly from 540 (a Lehmer
 * generator, seed 7), as of day 540, or as of the last purchase of anyone
 * (what a summary of the same transactions exported to a file gives).
 */
export function uniformDays(customers: number, asOfLastPurchase = false): Summaries {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const histories: number[][] = [];
  for (let c = 0; c < customers; c++) {
    const n = 1 + Math.floor(rnd() * 8);
    const days = new Set<number>();
    for (let k = 0; k < n; k++) days.add(Math.floor(rnd() * 540));
    histories.push([...days].sort((a, b) => a - b));
  }
  const end = asOfLastPurchase ? Math.max(...histories.map((d) => d[d.length - 1])) : 540;
  const data: Summaries = { x: [], t_x: [], T: [] };
  for (const d of histories) {
    data.x.push(d.length - 1);
    data.t_x.push((d[d.length - 1] - d[0]) / 7);
    data.T.push((end - d[0]) / 7);
  }
  return data;
}

/**
 * The add-in tests' transactions (synthetic-transactions.ts: the same
 * shape, with an amount drawn between the dates), summarised by distinct
 * day, as of the day after their 540-day window.
 */
export function addinCustomers(customers: number): Summaries {
  const [ids, dates] = transactions(customers);
  const days = new Map<string, Set<number>>();
  for (let i = 1; i < ids.length; i++) {
    const id = String(ids[i][0]);
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)?.add(Number(dates[i][0]));
  }
  const end = 45292 + 540;
  const data: Summaries = { x: [], t_x: [], T: [] };
  for (const set of days.values()) {
    const d = [...set].sort((a, b) => a - b);
    data.x.push(d.length - 1);
    data.t_x.push((d[d.length - 1] - d[0]) / 7);
    data.T.push((end - d[0]) / 7);
  }
  return data;
}
