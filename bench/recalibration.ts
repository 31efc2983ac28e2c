/**
 * Experiment: does a churn-risk correction learned on the analysis's own
 * internal holdout make the risk come true?
 *
 * What the product would do as of an as-of day: hold out the last third of
 * the observed span (select-model.ts holdoutPlan), fit each purchase model
 * on the part before it, set its P(no purchase in the first t days of the
 * holdout) against what customers did there and learn a map
 * (core/analysis/recalibrate.ts); refit the model on all the data to the
 * as-of day, score P(no purchase in the next t days), apply the map, and
 * compare both with what customers really did after the as-of day.
 *
 * When the internal holdout H is shorter than the churn horizon t, the map
 * can only be learned at H; it is then applied to the t-day risk, and the
 * tables show whether that transfers.
 *
 * Data: CDNOW master as of 1997-09-30 (the Fader, Hardie & Lee 2005
 * calibration end; H = 90 days), t = 30 (outcome to 1997-10-30), t = 90 (to 1997-12-29) and
 * t = 273 (to 1998-06-30); and bases simulated from the BG/NBD process with
 * CDNOW's published parameters, where BG/NBD is well specified and the
 * correction must not make things worse.
 *
 * Run: npx tsx bench/recalibration.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  calibrationTable,
  CvError,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  dayToIso,
  isoToDay,
  MODEL_TITLES,
  PURCHASE_MODELS,
  purchaseModel,
  readTransactions,
  rocAuc,
  simulateCustomers,
  type CalibrationTable,
  type FittedModelName,
  type PurchaseModelFit,
  type RepeatData,
  type Transaction,
  fitRecalibration,
  type Recalibration,
  type RecalibrationMethod,
} from '../core/index.ts';

const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
const PERIOD_DAYS = 7;
const HORIZONS = [30, 90, 273];
const METHODS: readonly RecalibrationMethod[] = ['platt', 'isotonic'];
const print = (line: string): void => console.log(line);

/** Histories at `calibrationEnd` (model periods) and whether each customer bought in (calibrationEnd, windowEnd]. */
interface Histories {
  x: number[];
  t_x: number[];
  T: number[];
  noPurchase: boolean[];
}

/**
 * The local stand-in for the addition purchase-days.ts needs:
 * split(calibrationEnd, asOf, periodDays, windowEnd) counting holdout days
 * in (calibrationEnd, min(asOf, windowEnd)]. Same definitions: distinct
 * purchase days, x = days − 1, T floored at one day.
 */
function split(days: Map<string, number[]>, calibrationEnd: number, windowEnd: number): Histories {
  const out: Histories = { x: [], t_x: [], T: [], noPurchase: [] };
  for (const list of days.values()) {
    let cal = 0;
    let first = Infinity;
    let last = -Infinity;
    let later = 0;
    for (const d of list) {
      if (d <= calibrationEnd) {
        cal++;
        first = Math.min(first, d);
        last = Math.max(last, d);
      } else if (d <= windowEnd) later++;
    }
    if (cal === 0) continue;
    out.x.push(cal - 1);
    out.t_x.push(cal > 1 ? (last - first) / PERIOD_DAYS : 0);
    out.T.push(Math.max((calibrationEnd - first) / PERIOD_DAYS, 1 / PERIOD_DAYS));
    out.noPurchase.push(later === 0);
  }
  return out;
}

/** select-model.ts holdoutPlan: the last third of the observed span, at least 28 days. */
function holdoutPlan(firstDay: number, asOf: number): { calibrationEnd: number } | { why: string } {
  const days = Math.floor((asOf - firstDay) / 3);
  return days >= 28 ? { calibrationEnd: asOf - days } : { why: `the data span ${asOf - firstDay} days, too short for a holdout` };
}

/** select-model.ts fitPurchaseModel, unpenalised as the default settings are. */
function fitPurchaseModel(name: FittedModelName, data: RepeatData): PurchaseModelFit {
  if (name === 'bgnbd') return fitBgNbd(data);
  if (name === 'mbgnbd') return fitMbgNbd(data);
  return fitParetoNbd(data);
}

/** Distinct purchase days per customer (amount ≥ 0, as purchase-days.ts keeps them). */
function purchaseDays(rows: Iterable<Transaction>): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  for (const t of rows) {
    if (!(t.amount >= 0)) continue;
    let s = sets.get(t.customerId);
    if (!s) sets.set(t.customerId, (s = new Set()));
    s.add(t.day);
  }
  const out = new Map<string, number[]>();
  for (const [id, s] of sets) out.set(id, [...s].sort((a, b) => a - b));
  return out;
}

function risks(model: FittedModelName, h: Histories, days: number): { risk: number[]; fitted: ReturnType<typeof purchaseModel> } {
  const fit = fitPurchaseModel(model, h);
  const pm = purchaseModel(fit);
  const t = days / PERIOD_DAYS;
  return { risk: h.x.map((x, i) => pm.noPurchase(t, x, h.t_x[i], h.T[i])), fitted: pm };
}

function logLoss(p: readonly number[], y: readonly boolean[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i], 1e-12), 1 - 1e-12);
    s -= Math.log(y[i] ? q : 1 - q);
  }
  return s / p.length;
}

const fix = (v: number, d = 3): string => v.toFixed(d);
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const signed = (n: number): string => (n >= 0 ? '+' : '') + n.toFixed(3);

interface Row {
  label: string;
  auc: number;
  table: CalibrationTable;
  logLoss: number;
}

function evaluate(label: string, p: number[], y: boolean[]): Row {
  return { label, auc: rocAuc(p, y), table: calibrationTable(p, y), logLoss: logLoss(p, y) };
}

function printRows(rows: readonly Row[]): void {
  print(`      ${pad('', 24)}${lpad('AUC', 7)}${lpad('max|d|', 8)}${lpad('mean|d|', 9)}${lpad('log loss', 10)}`);
  for (const r of rows) {
    print(`      ${pad(r.label, 24)}${lpad(fix(r.auc), 7)}${lpad(fix(r.table.maxAbsDifference), 8)}${lpad(fix(r.table.meanAbsDifference), 9)}${lpad(fix(r.logLoss, 4), 10)}`);
  }
}

function printTables(rows: readonly Row[]): void {
  for (const r of rows) {
    print(`      ${r.label}: decile  predicted  observed  d`);
    for (const [i, b] of r.table.rows.entries()) {
      print(`        ${lpad(String(i + 1), 2)} ${lpad(String(b.count), 6)} ${lpad(fix(b.meanPredicted), 9)} ${lpad(fix(b.observedShare), 9)}  ${signed(b.difference)}`);
    }
  }
}

/**
 * One data set, as of `asOf`: for each horizon and model, before and after
 * the correction learned on the internal holdout. Returns the max |d| per
 * (horizon, model, variant) for the summary.
 */
function experiment(name: string, days: Map<string, number[]>, asOf: number, detail: boolean): Map<string, number> {
  const summary = new Map<string, number>();
  let firstDay = Infinity;
  for (const list of days.values()) if (list[0] <= asOf) firstDay = Math.min(firstDay, list[0]);
  const plan = holdoutPlan(firstDay, asOf);
  if (!('calibrationEnd' in plan)) {
    print(`  ${name}: no internal holdout (${plan.why})`);
    return summary;
  }
  const H = asOf - plan.calibrationEnd;
  print(`  ${name}: as of ${dayToIso(asOf)}; internal holdout ${dayToIso(plan.calibrationEnd + 1)}…${dayToIso(asOf)} (H = ${H} days)`);
  for (const t of HORIZONS) {
    const learnAt = Math.min(t, H);
    const inner = split(days, plan.calibrationEnd, plan.calibrationEnd + learnAt);
    const outer = split(days, asOf, asOf + t);
    const silentInner = inner.noPurchase.filter(Boolean).length;
    const silentOuter = outer.noPurchase.filter(Boolean).length;
    print('');
    print(
      `   t = ${t} days: map learned at ${learnAt} days on ${inner.x.length} customers (${fix((100 * silentInner) / inner.x.length, 1)} % silent); ` +
        `outcome ${dayToIso(asOf + 1)}…${dayToIso(asOf + t)} for ${outer.x.length} customers (${fix((100 * silentOuter) / outer.x.length, 1)} % silent)`,
    );
    let bestInner = { model: '', loss: Infinity };
    for (const m of PURCHASE_MODELS) {
      let before: number[];
      let innerRisk: number[];
      try {
        innerRisk = risks(m, inner, learnAt).risk;
        before = risks(m, outer, t).risk;
      } catch (e) {
        if (e instanceof CvError) {
          print(`    ${MODEL_TITLES[m]}: ${e.reason}`);
          continue;
        }
        throw e;
      }
      const innerLoss = logLoss(innerRisk, inner.noPurchase);
      if (innerLoss < bestInner.loss) bestInner = { model: MODEL_TITLES[m], loss: innerLoss };
      const rows: Row[] = [evaluate('model', before, outer.noPurchase)];
      const maps: Recalibration[] = [];
      for (const method of METHODS) {
        try {
          const map = fitRecalibration(innerRisk, inner.noPurchase, method);
          maps.push(map);
          rows.push(evaluate(`+ ${method}`, before.map(map.apply), outer.noPurchase));
        } catch (e) {
          if (!(e instanceof CvError)) throw e;
          print(`    ${method}: ${e.reason}`);
        }
      }
      // What a map learned on the real outcome would reach: the floor any honest map is judged against.
      const oracle = fitRecalibration(before, outer.noPurchase, 'platt', 1);
      rows.push(evaluate('(platt fitted on outcome)', before.map(oracle.apply), outer.noPurchase));
      print(`    ${MODEL_TITLES[m]} (internal holdout log loss ${fix(innerLoss, 4)})`);
      for (const map of maps) print(`      ${map.description}${map.report.pValue === undefined ? '' : ` [p = ${map.report.pValue.toExponential(1)}]`}`);
      printRows(rows);
      if (detail) printTables(rows.slice(0, 3));
      for (const r of rows) summary.set(`${t}|${m}|${r.label}`, r.table.maxAbsDifference);
      // The rule proposed for the product: correct only where the map could be learned at the churn horizon itself.
      const platt = rows.find((r) => r.label === '+ platt');
      summary.set(`${t}|${m}|product`, (t <= H && platt ? platt : rows[0]).table.maxAbsDifference);
    }
    print(`    auto would choose ${bestInner.model} (lowest internal holdout log loss at ${learnAt} days)`);
  }
  return summary;
}

function cdnow(): void {
  if (!existsSync(CDNOW)) {
    print(`CDNOW master not found at ${CDNOW}; skipped.`);
    return;
  }
  const rows: Transaction[] = [];
  readTransactions(readFileSync(CDNOW), { onTransaction: (t) => rows.push(t) });
  print('CDNOW master');
  const s = experiment('CDNOW', purchaseDays(rows), isoToDay('1997-09-30'), true);
  print('');
  printSummary('CDNOW', new Map([...s].map(([k, v]) => [k, [v]])));
  print('');
}

function simulated(): void {
  // BG/NBD parameters of CDNOW (Fader, Hardie & Lee 2005, weekly), Gamma-Gamma of Fader, Hardie & Lee (2005b).
  const start = isoToDay('1997-01-01');
  const asOf = start + 272;
  const worst = new Map<string, number[]>();
  for (const seed of [1, 2, 3]) {
    const sim = simulateCustomers({
      seed,
      customers: 5000,
      params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
      start,
      days: 272 + 273 + 1,
      acquisitionDays: 84,
    });
    print('');
    print(`Simulated BG/NBD base, 5,000 customers, seed ${seed}`);
    const s = experiment(`simulation ${seed}`, purchaseDays(sim.transactions), asOf, false);
    for (const [k, v] of s) worst.set(k, [...(worst.get(k) ?? []), v]);
  }
  print('');
  printSummary('Simulated BG/NBD bases (seeds 1, 2, 3)', worst);
}

/** max |d| per horizon and model: the raw model, each map, and the product rule (Platt only where t ≤ H). */
function printSummary(title: string, all: Map<string, number[]>): void {
  print(`${title}: worst decile |observed − predicted|`);
  print(`  ${pad('t', 5)}${pad('model', 12)}${lpad('raw', 20)}${lpad('+ platt', 20)}${lpad('+ isotonic', 20)}${lpad('product rule', 20)}${lpad('platt on outcome', 20)}`);
  for (const t of HORIZONS) {
    for (const m of PURCHASE_MODELS) {
      const get = (label: string): string => (all.get(`${t}|${m}|${label}`) ?? []).map((v) => fix(v)).join(' ');
      print(`  ${pad(String(t), 5)}${pad(MODEL_TITLES[m], 12)}${lpad(get('model'), 20)}${lpad(get('+ platt'), 20)}${lpad(get('+ isotonic'), 20)}${lpad(get('product'), 20)}${lpad(get('(platt fitted on outcome)'), 20)}`);
    }
  }
}

cdnow();
simulated();
