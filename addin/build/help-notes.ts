/**
 * The parts of help.html that are not one function: what the cells hold
 * whatever the reader's language, CV.SEGMENT's columns, and where to get help.
 * Generated from the same tables the functions use, so help cannot drift.
 */
import { churnRiskLabel, DEFAULT_SETTINGS, label, SEGMENT_COLUMN_KIND, type ChurnLevel, type LifecycleStage, type MatrixCell, type RfmSegment, type Tier } from '../../core/index.ts';
import { SPILL_COLUMNS } from '../functions/segment-spill.ts';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

const TIERS: readonly Tier[] = ['VIP', 'Major', 'Ordinary', 'Small'];
const MATRIX: readonly MatrixCell[] = ['Gold', 'Platinum', 'Iron', 'Lead'];
const STAGES: readonly LifecycleStage[] = ['exploration', 'formation', 'stability', 'decline'];
const CHURN: readonly ChurnLevel[] = ['low', 'medium', 'high'];
const RFM: readonly RfmSegment[] = ['Champions', 'Loyal', 'Potential Loyalists', 'New', 'Promising', 'Need Attention', 'About to Sleep', 'At Risk', "Can't Lose", 'Hibernating'];

type LabelKey = Parameters<typeof label>[0];

function codeRows(fn: string, keys: readonly LabelKey[]): string {
  return keys.map((k) => `<tr><td>${fn}</td><td><code>${escape(label(k, 'en'))}</code></td><td>${escape(label(k, 'zh'))}</td></tr>`).join('');
}

/** Excel's column letter of a 0-based index. @example columnLetter(29) // 'AD' */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const FORMAT: Record<string, string> = {
  text: 'text',
  date: 'date (yyyy-mm-dd; a date number in Excel 2024 and older perpetual versions)',
  count: 'whole number',
  score: 'score 1–5',
  decimal: 'number',
  money: 'money',
  share: '0 to 1: format as %',
};

function valuesSection(): string {
  return `<section id="values"><h2>Values that stay the same in every language</h2>
<p>A workbook is often shared between people whose Excel runs in different languages. So that a formula such as
<code>=COUNTIF(B2:B500, "VIP")</code> counts the same cells for everyone, the functions write <strong>codes</strong> (the English names below),
whatever the display language of whoever recalculates. To show Chinese labels instead, give the last argument
<code>lang</code> as <code>"zh"</code> (or <code>"zh-CN"</code>): <code>=CV.CVTIER(B2, B$2:B$500, , , "zh")</code>. The formula then holds
the labels for every reader. Error messages and the task pane follow your display language; the segment sheet the pane writes
is a one-off report in your language.</p>
<table><tr><th>Function</th><th>Code (default)</th><th>lang "zh"</th></tr>
${codeRows('CV.CVTIER', TIERS.map((t) => `tier.${t}` as const))}
${codeRows('CV.VALUEMATRIX', MATRIX.map((m) => `matrix.${m}` as const))}
${codeRows('CV.STAGE', STAGES.map((s) => `stage.${s}` as const))}
${codeRows('CV.CHURNRISK (as_level)', CHURN.map((c) => `churn.${c}` as const))}
${codeRows('CV.RFMSEGMENT', RFM.map((r) => `rfm.${r}` as const))}
</table>
<p>CV.BGNBD labels its rows <code>r, alpha, a, b, log-likelihood, customers, converged</code> (the last three in Chinese with lang "zh");
CV.SEGMENT's header row is English unless lang is "zh".</p></section>`;
}

function segmentSection(): string {
  const horizon = DEFAULT_SETTINGS.churnHorizonDays;
  const rows = SPILL_COLUMNS.map((k, i) => {
    const en = k === 'churnRisk' ? churnRiskLabel(horizon, 'en') : label(`col.${k}`, 'en');
    const zh = k === 'churnRisk' ? churnRiskLabel(horizon, 'zh') : label(`col.${k}`, 'zh');
    return `<tr><td>${columnLetter(i)}</td><td>${escape(en)}</td><td>${escape(zh)}</td><td>${FORMAT[SEGMENT_COLUMN_KIND[k]]}</td></tr>`;
  });
  rows.push(`<tr><td>${columnLetter(SPILL_COLUMNS.length)}</td><td>Model: …</td><td>模型：…</td><td>code of the model that scored the customer: bgnbd, mbgnbd, pnbd or heuristic</td></tr>`);
  return `<section id="segment-columns"><h2>CV.SEGMENT's columns</h2>
<p>The spill always has these ${SPILL_COLUMNS.length + 1} columns in this order, whatever the data, so formulas next to it can point at a fixed column
(for example <code>=INDEX(E2#, 0, 27)</code> is always the tier). A value that does not apply is a blank cell (Profit without a margin_rate). When no model scored the customers, P(alive),
expected purchases and expected spend come from the own-rate heuristic, as churn risk and lifetime value do.</p>
<p><strong>Which model:</strong> the header of the last column says which model scored the customers (<code>Model: BG/NBD</code>).
When the model could not be used (too few customers, no convergence) the analysis falls back to the own-rate heuristic and the header says so and why:
<code>Model: own-rate heuristic (fell back: …)</code>. It is the rightmost cell of the spill, so the whole note shows over the empty cells to its right.
Each row's cell in that column says what scored that customer.</p>
<p><strong>Dates:</strong> First purchase and Last purchase show as dates (<code>2024-03-05</code>) whose value is Excel's date number (45356),
so the last purchase minus the first counts days, sorting and filters treat them as dates, and a date format you give the columns replaces ours.
This needs Excel for Microsoft 365 (Windows version 2208 or later, Mac 16.64 or later) or Excel on the web: the function returns each date as a formatted number,
which Excel takes only from CustomFunctionsRuntime 1.4 on. In the perpetual versions (Excel 2024, 2021, 2019, 2016) the spill shows the bare numbers instead;
format its second and third columns as dates there (select the whole sheet columns, then Home › Number Format › Short Date, or Ctrl+1): the format stays when the spill recalculates or grows.
The task pane's segment sheet formats them in every Excel.</p>
<p><strong>Long calculations:</strong> over tens of thousands of rows, choosing the model takes seconds, during which the cell shows <code>#BUSY!</code>.
The analysis runs in the background and stops as soon as Excel no longer wants its result: when you edit or delete the cell, change one of its
inputs, or recalculate by hand. Several CV.SEGMENT cells over the same ranges share one analysis. While you edit the formula, Excel's value
preview shows the table only if it was already computed for those cells; otherwise it says the table comes when the formula is entered.</p>
<table><tr><th>Column</th><th>Header</th><th>lang "zh"</th><th>Holds</th></tr>${rows.join('')}</table></section>`;
}

function supportSection(): string {
  return `<section id="support"><h2>Support</h2>
<p>cvlens needs Excel with the shared runtime (SharedRuntime 1.1), custom functions with error messages (CustomFunctionsRuntime 1.2) and,
for the task pane, ExcelApi 1.7: Excel for Microsoft 365 on Windows or Mac, or Excel on the web. In an older Excel the pane says what is missing.
CV.SEGMENT shows its dates as dates where Excel also has CustomFunctionsRuntime 1.4, and as date numbers elsewhere.
A function that shows <code>#VALUE!</code> or <code>#N/A</code> explains why in the cell's tooltip (the error's ⚠ button).</p></section>`;
}

/** The sections of help.html after the function reference. */
export function helpNotes(): string {
  return [valuesSection(), segmentSection(), supportSection()].join('\n');
}
