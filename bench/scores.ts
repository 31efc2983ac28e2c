/**
 * Do the scores come true? On the CDNOW master file, every scorer is run on
 * the calibration period (to 1997-09-30) exactly as a product runs it
 * (analyzeCustomers), and its per-customer churn risk, expected purchases and
 * CLV are set against what each customer did in the 39 weeks after
 * (to 1998-06-30, the end of the data): the validation design of Fader,
 * Hardie & Lee (2005). Beside the scorers stand the naive baselines a user
 * could compute without cvlens: time since the last purchase as the risk,
 * past value as the CLV, the past purchase rate as expected purchases.
 *
 * The figures follow whatever analyzeCustomers returns: when the churn risk
 * or the models change, they change with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeCustomers,
  calibrationTable,
  createAnalysis,
  DEFAULT_SETTINGS,
  createCalibrationSplit,
  createSummaryBuilder,
  CvError,
  dayToIso,
  isoToDay,
  meanAbsoluteError,
  readTransactions,
  rocAuc,
  spearman,
  type Analysis,
  type CalibrationData,
  type CalibrationTable,
  type PurchaseModelName,
  type SegmentRow,
} from '../core/index.ts';

type Print = (line: string) => void;

const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
const CALIBRATION_END = '1997-09-30';
const HOLDOUT_END = '1998-06-30';

/** The scorers compared, in print order; a new purchase model is one more entry. */
const SCORERS: readonly { model: PurchaseModelName; label: string }[] = [
  { model: 'bgnbd', label: 'BG/NBD' },
  { model: 'mbgnbd', label: 'MBG/NBD' },
  { model: 'pnbd', label: 'Pareto/NBD' },
  { model: 'none', label: 'heuristic' },
];

/** What one scorer said about each customer, or a baseline's stand-ins, aligned with the outcomes. */
interface Scores {
  label: string;
  risk: number[];
  /** Expected holdout purchases per customer; undefined entries where the scorer gives none. */
  expected: (number | undefined)[];
  clv: number[];
  /** Customers with churn level low although silent longer than the churn horizon, and of how many silent ones. */
  lowButSilent?: { low: number; silent: number };
  seconds?: number;
  note?: string;
}

interface Outcomes {
  ids: string[];
  noPurchase: boolean[];
  purchases: number[];
  spend: number[];
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const int = (n: number): string => n.toLocaleString('en');
const fix = (n: number | undefined, digits = 3): string => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const signed = (n: number): string => (n >= 0 ? '+' : '') + n.toFixed(3);

/** A figure, or the reason it cannot be computed on these data (a CvError the user would see). */
function figure<T>(compute: () => T): T | string {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CvError) return error.reason;
    throw error;
  }
}

function show(v: number | string | undefined, digits = 3): string {
  return typeof v === 'number' ? fix(v, digits) : '—';
}

/** Customers silent longer than the horizon at `asOf`, and how many of them the scorer calls low risk. */
function lowButSilent(rows: readonly SegmentRow[], asOf: number, horizonDays: number): { low: number; silent: number } {
  let low = 0;
  let silent = 0;
  for (const r of rows) {
    if (asOf - r.lastDay <= horizonDays) continue;
    silent++;
    if (r.churnLevel === 'low') low++;
  }
  return { low, silent };
}

function runScorer(
  model: PurchaseModelName,
  label: string,
  data: CalibrationData,
  outcomes: Outcomes,
  horizonDays: number,
): Scores {
  const t0 = performance.now();
  const { segment, models } = analyzeCustomers(data.calibration, {
    unit: data.unit,
    model,
    churnHorizonDays: horizonDays,
    horizonDays,
  });
  const seconds = (performance.now() - t0) / 1000;
  return scoresOf(label, segment, models, data, outcomes, horizonDays, seconds);
}

/** A scorer's figures from an analysis's segment table, aligned with the outcomes. */
function scoresOf(label: string, segment: Analysis['segment'], models: Analysis['models'], data: CalibrationData, outcomes: Outcomes, horizonDays: number, seconds: number): Scores {
  const byId = new Map(segment.customers.map((r) => [r.id, r]));
  const rows = outcomes.ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw new Error(`${label}: customer ${id} is missing from the segment table`);
    return r;
  });
  return {
    label,
    risk: rows.map((r) => r.churnRisk),
    expected: rows.map((r) => r.expectedPurchases),
    clv: rows.map((r) => r.clv),
    lowButSilent: lowButSilent(rows, data.calibrationEnd, horizonDays),
    seconds,
    note: models.fallback,
  };
}

/** Risk = weeks since the last purchase; CLV = past value; expected purchases = past repeat rate × holdout length. */
function baseline(data: CalibrationData): Scores {
  // The outcomes are in the order of data.calibration.
  const rows = data.calibration;
  return {
    label: 'recency / past value',
    risk: rows.map((s) => s.sinceLast),
    expected: rows.map((s) => (s.T > 0 ? (s.frequency / s.T) * data.holdoutLength : 0)),
    clv: rows.map((s) => s.revenue),
  };
}

/** One line per scorer; a baseline has no calibration table, its risk being weeks, not a probability. */
function printSummary(print: Print, all: readonly Scores[], outcomes: Outcomes, tables: Map<string, CalibrationTable | string>): void {
  print('');
  print(
    `  ${pad('scorer', 22)}${lpad('AUC risk', 9)}${lpad('calib max|d|', 14)}${lpad('mean|d|', 9)}` +
      `${lpad('MAE purch.', 12)}${lpad('Σ expected', 12)}${lpad('Spearman CLV', 14)}${lpad('fit+score', 11)}`,
  );
  for (const s of all) {
    const auc = figure(() => rocAuc(s.risk, outcomes.noPurchase));
    const table = tables.get(s.label);
    const have = s.expected.flatMap((e, i) => (e === undefined ? [] : [[e, outcomes.purchases[i]] as const]));
    const mae = have.length > 0 ? figure(() => meanAbsoluteError(have.map((p) => p[0]), have.map((p) => p[1]))) : undefined;
    const expectedTotal = have.length > 0 ? have.reduce((sum, p) => sum + p[0], 0) : undefined;
    const rho = figure(() => spearman(s.clv, outcomes.spend));
    const partial = have.length > 0 && have.length < s.expected.length ? ` (${int(have.length)} customers)` : '';
    print(
      `  ${pad(s.label, 22)}${lpad(show(auc), 9)}${lpad(typeof table === 'object' ? fix(table.maxAbsDifference) : '—', 14)}` +
        `${lpad(typeof table === 'object' ? fix(table.meanAbsDifference) : '—', 9)}${lpad(show(mae), 12)}` +
        `${lpad(expectedTotal === undefined ? '—' : int(Math.round(expectedTotal)), 12)}${lpad(show(rho), 14)}` +
        `${lpad(s.seconds === undefined ? '' : `${s.seconds.toFixed(2)} s`, 11)}${partial}`,
    );
    for (const v of [auc, mae, rho]) if (typeof v === 'string') print(`    (${v})`);
    if (typeof table === 'string') print(`    (calibration: ${table})`);
    if (s.note) print(`    (${s.note})`);
  }
}

function printCalibration(print: Print, label: string, table: CalibrationTable): void {
  print(`  ${label}: max |d| ${fix(table.maxAbsDifference)}, count-weighted mean |d| ${fix(table.meanAbsDifference)}`);
  print(`    ${lpad('bin', 3)}  ${pad('predicted risk in', 17)}${lpad('customers', 10)}${lpad('predicted', 11)}${lpad('observed', 10)}${lpad('d', 8)}`);
  table.rows.forEach((r, i) => {
    print(
      `    ${lpad(String(i + 1), 3)}  ${pad(`${r.lower.toFixed(3)}–${r.upper.toFixed(3)}`, 17)}${lpad(int(r.count), 10)}` +
        `${lpad(fix(r.meanPredicted), 11)}${lpad(fix(r.observedShare), 10)}${lpad(signed(r.difference), 8)}`,
    );
  });
}

/** Print the score checks on CDNOW: summary line per scorer, then the calibration tables. */
export async function runScoresBench(print: Print): Promise<void> {
  if (!existsSync(CDNOW)) {
    print(`  skipped: ${CDNOW} not found`);
    return;
  }
  const calibrationEnd = isoToDay(CALIBRATION_END);
  const asOf = isoToDay(HOLDOUT_END);
  const split = createCalibrationSplit({ calibrationEnd, asOf, unit: 'week' });
  // The whole file as of its end, for the silence check where silences longer than the horizon exist.
  const whole = createSummaryBuilder({ unit: 'week', asOf });
  const holdoutSpend = new Map<string, number>();
  // The product's default path: every row of the file into one analysis as of the calibration end
  // (model 'auto': it holds out the last third of the calibration period itself to choose a model).
  const holdoutDays = asOf - calibrationEnd;
  const auto = createAnalysis({ unit: 'week', asOf: calibrationEnd, churnHorizonDays: holdoutDays, horizonDays: holdoutDays });
  // The same default at the default churn horizon (90 days), where its own holdout can correct it, and on the whole file.
  const auto90 = createAnalysis({ unit: 'week', asOf: calibrationEnd, horizonDays: holdoutDays });
  const autoWhole = createAnalysis({ unit: 'week', asOf, churnHorizonDays: holdoutDays, horizonDays: holdoutDays });
  const bought90 = new Set<string>();
  readTransactions(readFileSync(CDNOW), {
    onTransaction: (t) => {
      split.add(t);
      whole.add(t);
      auto.add(t);
      auto90.add(t);
      autoWhole.add(t);
      if (t.day > calibrationEnd && t.day <= calibrationEnd + DEFAULT_SETTINGS.churnHorizonDays && t.amount >= 0) bought90.add(t.customerId);
      if (t.day > calibrationEnd && t.day <= asOf) holdoutSpend.set(t.customerId, (holdoutSpend.get(t.customerId) ?? 0) + t.amount);
    },
  });
  const data = split.finish();
  const horizonDays = data.asOf - data.calibrationEnd;
  const ids = data.calibration.map((s) => s.id);
  const purchases = ids.map((id) => data.holdoutPurchases.get(id) ?? 0);
  const outcomes: Outcomes = {
    ids,
    purchases,
    noPurchase: purchases.map((p) => p === 0),
    spend: ids.map((id) => holdoutSpend.get(id) ?? 0),
  };
  const silent = outcomes.noPurchase.filter(Boolean).length;
  print(
    `  CDNOW master: calibration to ${dayToIso(data.calibrationEnd)}, ${int(ids.length)} customers; holdout to ${dayToIso(data.asOf)} ` +
      `(${horizonDays} days = ${fix(data.holdoutLength, 2)} weeks; churn horizon and CLV horizon set to it)`,
  );
  print(
    `  holdout: ${int(silent)} customers (${((100 * silent) / ids.length).toFixed(1)} %) made no purchase; ` +
      `${int(purchases.reduce((a, b) => a + b, 0))} purchase days; spend ${int(Math.round(outcomes.spend.reduce((a, b) => a + b, 0)))}` +
      `${data.newInHoldout > 0 ? `; ${int(data.newInHoldout)} customers new in the holdout left out` : ''}`,
  );
  print('  AUC: churn risk vs "no purchase in the holdout" (0.5 = chance). calib: deciles of risk vs observed share without a purchase,');
  print('  d = observed − predicted. MAE: expected vs actual holdout purchase days per customer. Spearman: CLV vs actual holdout spend.');

  const all: Scores[] = [];
  const tables = new Map<string, CalibrationTable | string>();
  const wholeSummaries = whole.finish();
  const silenceAtEnd = new Map<string, { low: number; silent: number }>();
  for (const { model, label } of SCORERS) {
    const scores = runScorer(model, label, data, outcomes, horizonDays);
    all.push(scores);
    tables.set(label, figure(() => calibrationTable(scores.risk, outcomes.noPurchase)));
    const atEnd = analyzeCustomers(wholeSummaries, { unit: 'week', model, churnHorizonDays: horizonDays, horizonDays });
    silenceAtEnd.set(label, lowButSilent(atEnd.segment.customers, asOf, horizonDays));
  }
  const t0 = performance.now();
  const chosen = auto.finish();
  const autoScores = scoresOf('default (auto)', chosen.segment, chosen.models, data, outcomes, horizonDays, (performance.now() - t0) / 1000);
  all.unshift(autoScores);
  silenceAtEnd.set(autoScores.label, lowButSilent(autoWhole.finish().segment.customers, asOf, horizonDays));
  tables.set(autoScores.label, figure(() => calibrationTable(autoScores.risk, outcomes.noPurchase)));
  all.push(baseline(data));
  print(`  default (auto): ${chosen.models.selection.reason}`);
  for (const c of chosen.models.selection.candidates) {
    print(`    ${pad(c.model, 8)} ${c.holdout ? `holdout log loss ${fix(c.holdout.logLoss, 4)}, MAE ${fix(c.holdout.purchasesMae)}` : c.error ?? ''}`);
  }
  printSummary(print, all, outcomes, tables);
  print('  (baseline: risk = weeks since the last purchase, CLV = calibration revenue, expected purchases = repeat rate x/T × 39 weeks)');

  print('');
  print(`  churn level "low" although silent longer than the churn horizon (${horizonDays} days):`);
  print(`    ${pad('scorer', 22)}${lpad(`as of ${CALIBRATION_END}`, 20)}${lpad(`as of ${HOLDOUT_END}`, 20)}`);
  for (const s of all) {
    const end = silenceAtEnd.get(s.label);
    if (!s.lowButSilent || !end) continue;
    print(
      `    ${pad(s.label, 22)}${lpad(`${int(s.lowButSilent.low)} of ${int(s.lowButSilent.silent)}`, 20)}` +
        `${lpad(`${int(end.low)} of ${int(end.silent)}`, 20)}`,
    );
  }
  print('    (no calibration customer can be silent that long: the cohort started buying 39 weeks before the calibration end;');
  print(`     the second column scores all ${int(wholeSummaries.length)} customers on the whole file)`);

  // The default churn horizon: what a user sees with the defaults, against "no purchase in the next 90 days".
  const h90 = DEFAULT_SETTINGS.churnHorizonDays;
  const noPurchase90 = ids.map((id) => !bought90.has(id));
  print('');
  print(`  at the default churn horizon (${h90} days): churn risk vs "no purchase ${dayToIso(calibrationEnd + 1)} … ${dayToIso(calibrationEnd + h90)}" (${int(noPurchase90.filter(Boolean).length)} customers)`);
  print(`    ${pad('scorer', 22)}${lpad('AUC', 7)}${lpad('calib max|d|', 14)}${lpad('mean|d|', 9)}`);
  const tables90 = new Map<string, CalibrationTable | string>();
  const risk90 = (label: string, rows: readonly SegmentRow[]): void => {
    const byId = new Map(rows.map((r) => [r.id, r.churnRisk]));
    const risk = ids.map((id) => byId.get(id) ?? NaN);
    const auc = figure(() => rocAuc(risk, noPurchase90));
    const table = figure(() => calibrationTable(risk, noPurchase90));
    tables90.set(label, table);
    print(`    ${pad(label, 22)}${lpad(show(auc), 7)}${lpad(typeof table === 'object' ? fix(table.maxAbsDifference) : '—', 14)}${lpad(typeof table === 'object' ? fix(table.meanAbsDifference) : '—', 9)}`);
  };
  const default90 = auto90.finish();
  risk90('default (auto)', default90.segment.customers);
  for (const { model, label } of SCORERS) risk90(label, analyzeCustomers(data.calibration, { unit: 'week', model, horizonDays: holdoutDays }).segment.customers);
  const recency90 = figure(() => rocAuc(data.calibration.map((c) => c.sinceLast), noPurchase90));
  print(`    ${pad('recency (baseline)', 22)}${lpad(show(recency90), 7)}${lpad('—', 14)}${lpad('—', 9)}`);
  print(`    default (auto): ${default90.models.selection.reason}`);
  print(`    ${default90.models.recalibration?.description ?? 'no recalibration'}`);
  const t90 = tables90.get('default (auto)');
  if (typeof t90 === 'object') printCalibration(print, `default (auto), ${h90} days`, t90);

  print('');
  print('  calibration of churn risk: deciles of predicted risk, observed share without a purchase in the holdout');
  for (const s of all) {
    const t = tables.get(s.label);
    if (typeof t === 'object') printCalibration(print, s.label, t);
  }
}
