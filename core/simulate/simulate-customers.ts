import { CvError } from '../errors.ts';
import type { DayNumber, Transaction } from '../types.ts';
import type { BgNbdParams } from '../models/bg-nbd.ts';
import type { GammaGammaParams } from '../models/gamma-gamma.ts';
import { makeIdentity, type Identity } from './identities.ts';
import { dayToIso } from '../read/day-number.ts';
import { createRng, type Rng } from './prng.ts';
import { sampleBeta, sampleExponential, sampleGamma } from './samplers.ts';

export interface SimulateOptions {
  seed: number;
  /** Number of customers, a whole number ≥ 0. */
  customers: number;
  /** BG/NBD (or MBG/NBD, see `model`) parameters, α in model periods of `periodDays` days. */
  params: BgNbdParams;
  /**
   * 'bgnbd' (default): dropout only after repeat purchases. 'mbgnbd' (modified
   * BG/NBD, Batislam et al. 2007): also right after the first purchase, so some
   * customers never come back.
   */
  model?: 'bgnbd' | 'mbgnbd';
  /** Gamma-Gamma spend parameters (γ in money). */
  spend: GammaGammaParams;
  /** First day of the simulated window. */
  start: DayNumber;
  /** Length of the window in days; observation ends at day start + days (exclusive). */
  days: number;
  /** Days per model period of `params`; default 7 (weekly parameters such as CDNOW's). */
  periodDays?: number;
  /**
   * Customers make their first purchase on a day drawn uniformly from the
   * first `acquisitionDays` days of the window; default a third of the window
   * (CDNOW: a 12-week cohort followed for 39 weeks).
   */
  acquisitionDays?: number;
}

/** The true per-customer quantities behind the simulated transactions. */
export interface SimulationTruth {
  ids: string[];
  /** Repeat purchases in the window (continuous time; same-day repeats are not merged). */
  x: Float64Array;
  /** Time of the last repeat purchase after the first, in model periods (continuous). */
  t_x: Float64Array;
  /** Time from the first purchase to the end of the window, in model periods. */
  T: Float64Array;
  /** Mean of the recorded (rounded) repeat amounts; 0 without repeats. */
  zbar: Float64Array;
  /** Each customer's latent purchase rate λ, dropout probability p, and spend rate ν. */
  lambda: Float64Array;
  p: Float64Array;
  nu: Float64Array;
}

export interface SimulationResult {
  transactions: Transaction[];
  truth: SimulationTruth;
}

/**
 * Simulate customers of the BG/NBD (or MBG/NBD) process with Gamma-Gamma spend:
 * - each customer draws λ ~ Gamma(r, α), p ~ Beta(a, b), ν ~ Gamma(q, γ);
 * - the first purchase is on the acquisition day; while alive, repeat
 *   purchases follow a Poisson process with rate λ, and after each repeat
 *   purchase the customer drops out with probability p (with model 'mbgnbd',
 *   after the first purchase too);
 * - every purchase amount is Gamma(p_spend, ν), rounded to cents (≥ 0.01);
 * - each customer gets an id (C0000001 …), an e-mail and, for business
 *   customers, a company.
 * Transactions come grouped by customer, in time order within a customer;
 * `line` numbers match simulateTransactionsCsv (header is line 1).
 * Deterministic for a seed.
 *
 * Throws CvError('simulateCustomers', 'value') for invalid options.
 *
 * @example
 * simulateCustomers({ seed: 1, customers: 100, params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
 *   spend: { p: 6.25, q: 3.74, gamma: 15.44 }, start: 9862, days: 546 }).transactions.length;
 */
export function simulateCustomers(options: SimulateOptions): SimulationResult {
  const fn = 'simulateCustomers';
  const { seed, customers, params, spend, start, days } = options;
  const periodDays = options.periodDays ?? 7;
  const model = options.model ?? 'bgnbd';
  if (model !== 'bgnbd' && model !== 'mbgnbd') throw new CvError(fn, 'value', `model must be 'bgnbd' or 'mbgnbd', got ${String(model)}`);
  const acquisitionDays = options.acquisitionDays ?? Math.max(1, Math.floor(days / 3));
  if (!(Number.isInteger(customers) && customers >= 0)) throw new CvError(fn, 'value', `customers must be a whole number ≥ 0, got ${customers}`);
  if (!Number.isInteger(start)) throw new CvError(fn, 'value', `start must be a whole day number, got ${start}`);
  if (!(Number.isInteger(days) && days > 0)) throw new CvError(fn, 'value', `days must be a whole number > 0, got ${days}`);
  if (!(periodDays > 0 && Number.isFinite(periodDays))) throw new CvError(fn, 'value', `periodDays must be positive, got ${periodDays}`);
  if (!(Number.isInteger(acquisitionDays) && acquisitionDays >= 1 && acquisitionDays <= days)) {
    throw new CvError(fn, 'value', `acquisitionDays must be a whole number in [1, days], got ${acquisitionDays}`);
  }
  for (const [k, v] of Object.entries({ ...params, ...{ p_spend: spend.p, q: spend.q, gamma: spend.gamma } })) {
    if (!(Number.isFinite(v) && v > 0)) throw new CvError(fn, 'value', `parameter ${k} must be a positive number, got ${v}`);
  }
  const rng = createRng(seed);
  const idRng = createRng(seed + 0.5); // identities on their own stream: changing names never moves purchases
  const truth: SimulationTruth = {
    ids: new Array<string>(customers),
    x: new Float64Array(customers),
    t_x: new Float64Array(customers),
    T: new Float64Array(customers),
    zbar: new Float64Array(customers),
    lambda: new Float64Array(customers),
    p: new Float64Array(customers),
    nu: new Float64Array(customers),
  };
  const transactions: Transaction[] = [];
  const end = start + days;
  for (let i = 0; i < customers; i++) {
    const id = `C${String(i + 1).padStart(7, '0')}`;
    const who = makeIdentity(idRng, i + 1);
    const lambda = sampleGamma(rng, params.r, params.alpha);
    const drop = sampleBeta(rng, params.a, params.b);
    const nu = sampleGamma(rng, spend.q, spend.gamma);
    const first = start + Math.floor(rng.next() * acquisitionDays);
    const T = (end - first) / periodDays;
    const push = (day: number): number => record(transactions, id, who, day, amountOf(rng, spend.p, nu));
    push(first);
    let tau = 0;
    let x = 0;
    let tx = 0;
    let repeatSum = 0;
    // The MBG/NBD customer's first dropout chance; BG/NBD draws nothing here, so its stream is unchanged.
    const goneAtStart = model === 'mbgnbd' && rng.next() < drop;
    while (!goneAtStart) {
      tau += sampleExponential(rng, lambda);
      if (!(tau < T)) break;
      x++;
      tx = tau;
      // A purchase late on the last day could round past the window; keep it inside.
      repeatSum += push(Math.min(first + Math.floor(tau * periodDays), end - 1));
      if (rng.next() < drop) break;
    }
    truth.ids[i] = id;
    truth.x[i] = x;
    truth.t_x[i] = tx;
    truth.T[i] = T;
    truth.zbar[i] = x > 0 ? repeatSum / x : 0;
    truth.lambda[i] = lambda;
    truth.p[i] = drop;
    truth.nu[i] = nu;
  }
  return { transactions, truth };
}

/** Gamma(p, ν) spend rounded to cents, at least one cent. */
function amountOf(rng: Rng, p: number, nu: number): number {
  return Math.max(0.01, Math.round(sampleGamma(rng, p, nu) * 100) / 100);
}

/** Append one transaction; object literals of two fixed shapes keep millions of them cheap. */
function record(out: Transaction[], customerId: string, who: Identity, day: number, amount: number): number {
  const line = out.length + 2;
  out.push(
    who.company === undefined
      ? { customerId, day, amount, email: who.email, line }
      : { customerId, day, amount, email: who.email, company: who.company, line },
  );
  return amount;
}

/**
 * The simulated transactions as CSV text with the header
 * `customer_id,date,amount,email,company`: ISO dates, amounts with two
 * decimals, an empty company for private customers, fields quoted only when
 * they contain a comma, quote or line break. Lines end with "\n".
 *
 * @example
 * simulateTransactionsCsv({ ...options, customers: 2 }).split('\n')[0]; // 'customer_id,date,amount,email,company'
 */
export function simulateTransactionsCsv(options: SimulateOptions): string {
  return transactionsToCsv(simulateCustomers(options).transactions);
}

/** Format transactions as the simulator's CSV (see simulateTransactionsCsv). */
export function transactionsToCsv(transactions: readonly Transaction[]): string {
  const parts: string[] = ['customer_id,date,amount,email,company\n'];
  let lastDay = NaN;
  let lastIso = '';
  for (const t of transactions) {
    if (t.day !== lastDay) {
      lastDay = t.day;
      lastIso = dayToIso(t.day);
    }
    parts.push(`${csvField(t.customerId)},${lastIso},${t.amount.toFixed(2)},${csvField(t.email ?? '')},${csvField(t.company ?? '')}\n`);
  }
  return parts.join('');
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
