/**
 * Benchmark of the probabilistic models: fit time of BG/NBD, Pareto/NBD and
 * Gamma-Gamma on the CDNOW sample, on the full CDNOW master file (23,570
 * customers, calibration 1997-01-01 … 1997-09-30, weeks) and on a million
 * simulated customers; then scoring throughput (P(alive) + CLV) with
 * predictCustomers. Run through bench/run.ts (`npm run bench`).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  predictCustomers,
  simulateCustomers,
  type BgNbdParams,
  type FitResult,
  type PredictCustomer,
} from '../core/index.ts';

const CDNOW = new URL('../../shared/data/cdnow/', import.meta.url);

interface Dataset {
  name: string;
  x: number[];
  t_x: number[];
  T: number[];
  zbar: number[];
}

/** Days since 1970-01-01 of a yyyymmdd string. */
function dayOf(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function readSample(): Dataset {
  const x: number[] = [];
  const t_x: number[] = [];
  const T: number[] = [];
  const zbar: number[] = [];
  const text = readFileSync(new URL('cdnow_customers_summary_with_transactions.csv', CDNOW), 'utf8');
  for (const line of text.trim().split('\n').slice(1)) {
    const c = line.split(',');
    x.push(Number(c[1]));
    t_x.push(Number(c[2]));
    T.push(Number(c[3]));
    zbar.push(Number(c[4]));
  }
  return { name: 'CDNOW sample', x, t_x, T, zbar };
}

/**
 * x, t_x, T (weeks) and zbar from CDNOW_master.txt: same-day purchases
 * merged, the first purchase starts each customer's clock, calibration ends
 * 1997-09-30 (T = 38.86 weeks for a customer who started on 1997-01-01).
 */
function readMaster(): Dataset {
  const end = dayOf('19970930');
  const perCustomer = new Map<string, Map<number, number>>();
  const lines = readFileSync(new URL('CDNOW_master.txt', CDNOW), 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].trim().split(/\s+/);
    if (f.length < 4) continue;
    const day = dayOf(f[1]);
    if (day > end) continue;
    let days = perCustomer.get(f[0]);
    if (!days) perCustomer.set(f[0], (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + Number(f[3]));
  }
  const out: Dataset = { name: 'CDNOW master', x: [], t_x: [], T: [], zbar: [] };
  for (const days of perCustomer.values()) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    let repeat = 0;
    for (let k = 1; k < sorted.length; k++) repeat += days.get(sorted[k]) ?? 0;
    out.x.push(sorted.length - 1);
    out.t_x.push((last - first) / 7);
    out.T.push((end - first) / 7);
    out.zbar.push(sorted.length > 1 ? Math.max(repeat / (sorted.length - 1), 0) : 0);
  }
  return out;
}

/** A million simulated customers summarised as a day-based reader would: distinct days, weeks. */
function simulated(customers: number): { data: Dataset; seconds: number; transactions: number } {
  const t0 = performance.now();
  const start = dayOf('19970101');
  const days = 546;
  const { transactions } = simulateCustomers({
    seed: 1997,
    customers,
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    spend: { p: 6.25, q: 3.74, gamma: 15.44 },
    start,
    days,
    acquisitionDays: 84,
  });
  const seconds = (performance.now() - t0) / 1000;
  const end = start + days;
  const data: Dataset = { name: `${customers.toLocaleString('en')} simulated`, x: [], t_x: [], T: [], zbar: [] };
  let i = 0;
  while (i < transactions.length) {
    const id = transactions[i].customerId;
    const first = transactions[i].day;
    let lastDay = first;
    let distinct = 1;
    let repeatSum = 0;
    i++;
    while (i < transactions.length && transactions[i].customerId === id) {
      if (transactions[i].day !== lastDay) {
        distinct++;
        lastDay = transactions[i].day;
      }
      repeatSum += transactions[i].amount;
      i++;
    }
    data.x.push(distinct - 1);
    data.t_x.push((lastDay - first) / 7);
    data.T.push((end - first) / 7);
    data.zbar.push(distinct > 1 ? repeatSum / (distinct - 1) : 0);
  }
  return { data, seconds, transactions: transactions.length };
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmtParams = (p: Record<string, number>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v.toPrecision(4)}`)
    .join(' ');

function fitLine(print: (line: string) => void, data: string, fit: FitResult): void {
  print(
    `${pad(data, 22)}${pad(fit.model, 7)}${lpad(fit.customers.toLocaleString('en'), 10)}${lpad(fit.seconds.toFixed(3), 9)} s` +
      `${lpad(String(fit.iterations), 6)}${lpad(fit.logLikelihood.toFixed(2), 16)}  ${fmtParams(fit.params)}`,
  );
}

/** Print the model benchmark, one aligned line per measurement. */
export async function runModelBench(print: (line: string) => void): Promise<void> {
  print('models: fit time (data, model, customers, seconds, iterations, log-likelihood, parameters)');
  const sets: Dataset[] = [];
  if (existsSync(CDNOW)) {
    sets.push(readSample());
    if (existsSync(new URL('CDNOW_master.txt', CDNOW))) sets.push(readMaster());
  } else {
    print('  (CDNOW data not found next to the repository; skipping the CDNOW rows)');
  }
  const n = 1_000_000;
  const sim = simulated(n);
  print(`  simulated ${sim.transactions.toLocaleString('en')} transactions of ${n.toLocaleString('en')} customers in ${sim.seconds.toFixed(2)} s`);
  sets.push(sim.data);
  let big: { data: Dataset; bg: FitResult<BgNbdParams>; gg: ReturnType<typeof fitGammaGamma> } | undefined;
  for (const d of sets) {
    const rfm = { x: d.x, t_x: d.t_x, T: d.T };
    const bg = fitBgNbd(rfm);
    fitLine(print, d.name, bg);
    fitLine(print, d.name, fitParetoNbd(rfm));
    const gg = fitGammaGamma({ x: d.x, zbar: d.zbar });
    fitLine(print, d.name, gg);
    big = { data: d, bg, gg };
  }
  if (!big) return;
  const customers: PredictCustomer[] = big.data.x.map((x, i) => ({
    id: String(i),
    x,
    t_x: big.data.t_x[i],
    T: big.data.T[i],
    monetary: big.data.zbar[i],
  }));
  const t0 = performance.now();
  const out = predictCustomers(big.bg, big.gg, customers, {
    periodDays: 7,
    horizonDays: 365,
    annualDiscountRate: 0.1,
    marginRate: 0.3,
  });
  const s = (performance.now() - t0) / 1000;
  print(
    `scoring (P(alive) + 12 monthly CLV steps, BG/NBD + Gamma-Gamma): ${out.size.toLocaleString('en')} customers in ${s.toFixed(2)} s = ` +
      `${Math.round(out.size / s).toLocaleString('en')} customers/s`,
  );
}
