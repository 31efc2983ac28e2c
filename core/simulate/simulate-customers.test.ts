import { describe, expect, it } from 'vitest';
import { bgNbdExpected, bgNbdLogLikelihood, bgNbdProbabilityOfCount, fitBgNbd, type BgNbdParams } from '../models/bg-nbd.ts';
import { fitGammaGamma, gammaGammaLogLikelihood } from '../models/gamma-gamma.ts';
import { fitMbgNbd, mbgNbdExpected, mbgNbdLogLikelihood, mbgNbdProbabilityNoPurchase } from '../models/mbg-nbd.ts';
import { simulateCustomers, simulateTransactionsCsv, type SimulateOptions } from './simulate-customers.ts';

// CDNOW-like process (Fader, Hardie & Lee 2005 estimates), weekly parameters.
const PARAMS: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const BASE: SimulateOptions = { seed: 11, customers: 200, params: PARAMS, spend: SPEND, start: 9862, days: 546 };

describe('simulateCustomers', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = simulateCustomers(BASE).transactions;
    const b = simulateCustomers(BASE).transactions;
    const c = simulateCustomers({ ...BASE, seed: 12 }).transactions;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
  it('keeps every purchase in the window, first purchases in the acquisition period', () => {
    const { transactions, truth } = simulateCustomers({ ...BASE, acquisitionDays: 84 });
    const firstDay = new Map<string, number>();
    for (const t of transactions) {
      expect(t.day).toBeGreaterThanOrEqual(9862);
      expect(t.day).toBeLessThan(9862 + 546);
      expect(Number.isInteger(t.amount * 100 + 1e-9) || Math.abs(Math.round(t.amount * 100) - t.amount * 100) < 1e-6).toBe(true);
      expect(t.amount).toBeGreaterThan(0);
      if (!firstDay.has(t.customerId)) firstDay.set(t.customerId, t.day);
    }
    for (const d of firstDay.values()) expect(d).toBeLessThan(9862 + 84);
    // Each customer has 1 + x transactions; t_x ≤ T.
    expect(transactions.length).toBe(truth.x.reduce((s, v) => s + v + 1, 0));
    truth.t_x.forEach((t, i) => expect(t).toBeLessThanOrEqual(truth.T[i]));
  });
  it('numbers lines as the CSV does (header is line 1)', () => {
    const { transactions } = simulateCustomers(BASE);
    expect(transactions[0].line).toBe(2);
    expect(transactions[transactions.length - 1].line).toBe(transactions.length + 1);
  });
  it('rejects invalid options with CvError', () => {
    expect(() => simulateCustomers({ ...BASE, customers: -1 })).toThrow(/customers/);
    expect(() => simulateCustomers({ ...BASE, params: { ...PARAMS, a: 0 } })).toThrow(/parameter a/);
    expect(() => simulateCustomers({ ...BASE, acquisitionDays: 1000 })).toThrow(/acquisitionDays/);
  });
});

describe('simulateTransactionsCsv', () => {
  it('writes the header, ISO dates and two-decimal amounts', () => {
    const csv = simulateTransactionsCsv(BASE);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,date,amount,email,company');
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^C\d{7},\d{4}-\d{2}-\d{2},\d+\.\d{2},[^,]+@[^,]+,[^,]*$/);
    }
    expect(lines.length - 1).toBe(simulateCustomers(BASE).transactions.length);
  });
});

/** Observed-information standard errors: √diag((−H)⁻¹), H the numerical Hessian of the log-likelihood. */
function standardErrors(ll: (p: number[]) => number, at: number[]): number[] {
  const n = at.length;
  const h = at.map((v) => 1e-3 * v);
  const f = (d: number[]): number => ll(at.map((v, i) => v + d[i]));
  const H: number[][] = Array.from({ length: n }, () => new Array(n).fill(0));
  const f0 = f(new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const e = (a: number, b: number): number[] => at.map((_, k) => (k === i ? a * h[i] : 0) + (k === j ? b * h[j] : 0));
      H[i][j] = H[j][i] =
        i === j
          ? (f(e(1, 0).map((v) => v)) - 2 * f0 + f(e(-1, 0))) / (h[i] * h[i])
          : (f(e(1, 1)) - f(e(1, -1)) - f(e(-1, 1)) + f(e(-1, -1))) / (4 * h[i] * h[j]);
    }
  }
  // Invert −H by Gauss–Jordan.
  const A = H.map((row, i) => [...row.map((v) => -v), ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    const d = A[c][c];
    for (let k = 0; k < 2 * n; k++) A[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const m = A[r][c];
      for (let k = 0; k < 2 * n; k++) A[r][k] -= m * A[c][k];
    }
  }
  return at.map((_, i) => Math.sqrt(A[i][n + i]));
}

describe('simulator against the BG/NBD formulas', () => {
  it('matches E[X(t)] and P(X(t) = n) of FHL 2005 (eqs. 8–9) for a single cohort', () => {
    // Everyone starts on day 0 and is watched 39 weeks: x is then a draw of X(39).
    const n = 40_000;
    const { truth } = simulateCustomers({ ...BASE, seed: 5, customers: n, days: 273, acquisitionDays: 1 });
    const t = 39;
    let sum = 0;
    let sum2 = 0;
    const counts = [0, 0, 0];
    for (const x of truth.x) {
      sum += x;
      sum2 += x * x;
      if (x < 3) counts[x]++;
    }
    const mean = sum / n;
    const se = Math.sqrt((sum2 / n - mean * mean) / n);
    expect(Math.abs(mean - bgNbdExpected(PARAMS, t)) / se).toBeLessThan(4);
    counts.forEach((c, k) => {
      const p = bgNbdProbabilityOfCount(PARAMS, t, k);
      expect(Math.abs(c / n - p) / Math.sqrt((p * (1 - p)) / n), `P(X = ${k})`).toBeLessThan(4);
    });
  });
});

describe('simulator against the MBG/NBD formulas', () => {
  it('matches E[X(t)] (Batislam et al. 2007) and P(X(t) = 0) = a/(a+b) + b/(a+b)·(α/(α+t))^r for a single cohort', () => {
    const n = 40_000;
    const { truth } = simulateCustomers({ ...BASE, model: 'mbgnbd', seed: 6, customers: n, days: 273, acquisitionDays: 1 });
    const t = 39;
    let sum = 0;
    let sum2 = 0;
    let zeros = 0;
    for (const x of truth.x) {
      sum += x;
      sum2 += x * x;
      if (x === 0) zeros++;
    }
    const mean = sum / n;
    const se = Math.sqrt((sum2 / n - mean * mean) / n);
    expect(Math.abs(mean - mbgNbdExpected(PARAMS, t)) / se).toBeLessThan(4);
    const p0 = PARAMS.a / (PARAMS.a + PARAMS.b) + (PARAMS.b / (PARAMS.a + PARAMS.b)) * Math.pow(PARAMS.alpha / (PARAMS.alpha + t), PARAMS.r);
    expect(Math.abs(zeros / n - p0) / Math.sqrt((p0 * (1 - p0)) / n)).toBeLessThan(4);
    // The same number as P(no purchase in (0, t]) of a customer just acquired.
    expect(mbgNbdProbabilityNoPurchase(PARAMS, t, 0, 0, 1e-12)).toBeCloseTo(p0, 10);
  });
  it('leaves the BG/NBD stream as it was when model is not given', () => {
    expect(simulateCustomers({ ...BASE, model: 'bgnbd' }).transactions).toEqual(simulateCustomers(BASE).transactions);
    expect(simulateCustomers({ ...BASE, model: 'mbgnbd' }).transactions).not.toEqual(simulateCustomers(BASE).transactions);
  });
});

describe('parameter recovery', () => {
  // 20,000 customers, 12-week cohort followed 78 weeks. Each estimate must fall within 4 standard
  // errors of the truth, the standard errors taken from the observed information of the same
  // sample (a correct estimator misses by more than 4 SE with probability 6e-5 per parameter).
  const sim = simulateCustomers({ ...BASE, seed: 2026, customers: 20_000, acquisitionDays: 84 });
  const data = { x: sim.truth.x, t_x: sim.truth.t_x, T: sim.truth.T };
  it('recovers r, α, a, b of BG/NBD', () => {
    const fit = fitBgNbd(data);
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const se = standardErrors((p) => bgNbdLogLikelihood({ r: p[0], alpha: p[1], a: p[2], b: p[3] }, data), est);
    const truth = [PARAMS.r, PARAMS.alpha, PARAMS.a, PARAMS.b];
    truth.forEach((t, i) => {
      // Standard errors must be small enough for the check to mean something (≤ 20 %).
      expect(se[i] / t).toBeLessThan(0.2);
      expect(Math.abs(est[i] - t) / se[i], `parameter ${i}: est ${est[i]} ± ${se[i]}, truth ${t}`).toBeLessThan(4);
    });
  });
  it('recovers r, α, a, b of MBG/NBD from 20,000 simulated MBG/NBD customers', () => {
    const mbg = simulateCustomers({ ...BASE, model: 'mbgnbd', seed: 2027, customers: 20_000, acquisitionDays: 84 });
    const d = { x: mbg.truth.x, t_x: mbg.truth.t_x, T: mbg.truth.T };
    const fit = fitMbgNbd(d);
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const se = standardErrors((p) => mbgNbdLogLikelihood({ r: p[0], alpha: p[1], a: p[2], b: p[3] }, d), est);
    [PARAMS.r, PARAMS.alpha, PARAMS.a, PARAMS.b].forEach((t, i) => {
      expect(se[i] / t).toBeLessThan(0.2);
      expect(Math.abs(est[i] - t) / se[i], `parameter ${i}: est ${est[i]} ± ${se[i]}, truth ${t}`).toBeLessThan(4);
    });
  });
  it('recovers p, q, γ of Gamma-Gamma from the repeat buyers', () => {
    const spendData = { x: sim.truth.x, zbar: sim.truth.zbar };
    const fit = fitGammaGamma(spendData);
    const est = [fit.params.p, fit.params.q, fit.params.gamma];
    const se = standardErrors((v) => gammaGammaLogLikelihood({ p: v[0], q: v[1], gamma: v[2] }, spendData), est);
    // Amounts are rounded to cents, a negligible perturbation at these spend levels.
    [SPEND.p, SPEND.q, SPEND.gamma].forEach((t, i) => {
      expect(se[i] / t).toBeLessThan(0.2);
      expect(Math.abs(est[i] - t) / se[i], `parameter ${i}: est ${est[i]} ± ${se[i]}, truth ${t}`).toBeLessThan(4);
    });
    // Spend is independent of frequency by construction.
    expect(fit.warnings).toEqual([]);
  });
});
