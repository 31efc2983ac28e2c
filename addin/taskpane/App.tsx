/**
 * The task pane, laid out for Office's narrowest pane (320 px) first:
 * 1. your data: Use selection / Import CSV; 2. check the detected columns
 * (guesses when there is no header row) and the preview; 3. options, then
 * Generate and Export. Each action shows its progress and its Cancel right
 * under its own buttons, and its outcome in a message bar there. Excel is
 * reached only through excel-io.ts (the `host`).
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import {
  CUSTOMER_ROLES,
  CvError,
  dayToIso,
  excelSerialToDay,
  formatMessage,
  formatReason,
  label,
  REQUIRED_CUSTOMER_ROLES,
  tierColors,
  type ColumnMapping,
  type ColumnRole,
  type CustomerMapping,
  type CustomerRole,
  type Lang,
} from '../../core/index.ts';
import { ALL_ROLES, inspectCells, notesIn, REQUIRED_ROLES, type DataKind, type Inspection } from '../shared/analyze.ts';
import { columnLetters, type ErrorCell } from '../shared/error-cells.ts';
import { parseCsv } from './csv-parse.ts';
import { describeSelection, readCells, SelectionTooLargeError, writePlan, type ExcelHost, type SelectionInfo } from './excel-io.ts';
import { downloadText, EXPORT_FILE_NAME, scoredCustomersCsv } from './export-csv.ts';
import { DEFAULT_FIELDS, toAnalysisOptions, type FormFields } from './form.ts';
import { generateSegmentSheet, type Generated } from './generate.ts';
import { UI_TEXT, type UiText } from './ui-text.ts';

/** The pane's long actions; each has its own place for progress, Cancel and outcome. */
type Action = 'read' | 'import' | 'generate' | 'export';
/** Where an action's progress and message show: under the data buttons or under Generate. */
const PLACE: Record<Action, 'source' | 'run'> = { read: 'source', import: 'source', generate: 'run', export: 'run' };

interface Busy {
  action: Action;
  fraction: number;
  text: string;
}

interface Message {
  at: 'source' | 'run';
  intent: 'success' | 'warning' | 'error' | 'info';
  text: string;
}

export function App({ host, lang }: { host: ExcelHost; lang: Lang }) {
  const t: UiText = UI_TEXT[lang];
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [values, setValues] = useState<unknown[][] | null>(null);
  const [errorCells, setErrorCells] = useState<ErrorCell[]>([]);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [customerMapping, setCustomerMapping] = useState<CustomerMapping>({});
  const [kind, setKind] = useState<DataKind>('transactions');
  const [hasHeader, setHasHeader] = useState(true);
  const [fields, setFields] = useState<FormFields>(DEFAULT_FIELDS);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  /** Starts a long action: a fresh AbortController, the progress shown where the action is. */
  const start = (action: Action, text: string): AbortSignal => {
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setBusy({ action, fraction: 0, text });
    return controller.signal;
  };
  const progress = (action: Action, text: string) => (fraction: number) => setBusy({ action, fraction, text });

  const fail = (e: unknown, action: Action) => {
    const at = PLACE[action];
    const name = (e as { name?: string }).name;
    if (name === 'AbortError') return setMessage({ at, intent: 'info', text: t.cancelled });
    let text: string;
    if (e instanceof SelectionTooLargeError) text = t.tooLarge(e.cells.toLocaleString(locale(lang)), e.max.toLocaleString(locale(lang)));
    else if (e instanceof CvError) text = t.dataProblem(e.problem ? formatMessage(e.problem, lang) : e.reason);
    else text = t.unexpected(e instanceof Error ? e.message : String(e));
    setMessage({ at, intent: 'error', text });
  };

  async function useSelection() {
    const signal = start('read', t.reading);
    try {
      const info = await describeSelection(host);
      if (info.rowCount === 0 || info.columnCount === 0) {
        setMessage({ at: 'source', intent: 'warning', text: t.emptySelection });
        return;
      }
      const read = await readCells(host, info, { signal, onProgress: progress('read', t.reading) });
      const found = inspectCells(read.values);
      setSelection(info);
      setValues(read.values);
      setErrorCells(read.errors);
      setInspection(found);
      setMapping(found.mapping);
      setCustomerMapping(found.customerMapping);
      setKind(found.kind);
      setHasHeader(found.hasHeader);
      setGenerated(null);
      const notes = [info.expanded ? t.expanded(info.address) : '', read.errors.length ? t.errorCells(read.errors.length) : ''].filter(Boolean);
      if (notes.length) setMessage({ at: 'source', intent: read.errors.length ? 'warning' : 'info', text: notes.join(' ') });
    } catch (e) {
      fail(e, 'read');
    } finally {
      setBusy(null);
    }
  }

  async function generate() {
    if (!values || !selection) return;
    const missing =
      kind === 'customers'
        ? REQUIRED_CUSTOMER_ROLES.filter((r) => customerMapping[r] === undefined).map((r) => t.customerRoles[r])
        : REQUIRED_ROLES.filter((r) => mapping[r] === undefined).map((r) => t.roles[r]);
    if (missing.length) return setMessage({ at: 'run', intent: 'error', text: t.missing(missing.join(lang === 'zh' ? '、' : ', ')) });
    const parsed = toAnalysisOptions(fields, mapping, hasHeader, selection.rowIndex + 1, lang);
    if (!parsed.ok) return setMessage({ at: 'run', intent: 'error', text: parsed.message });
    const options = { ...parsed.options, kind, customerMapping, errorCells, firstColumn: selection.columnIndex };
    const signal = start('generate', t.analysing);
    // Let the progress bar paint first (where the analysis cannot run in a worker it holds the thread).
    await new Promise((r) => setTimeout(r, 30));
    try {
      const started = performance.now();
      // The first progress comes when the analysis is done and the writes begin.
      const g = await generateSegmentSheet(host, values, options, lang, { signal, onProgress: progress('generate', t.writing) });
      setGenerated(g);
      const seconds = (performance.now() - started) / 1000;
      const notes = [t.done(g.write.sheet, g.analysis.result.customers.length, seconds)];
      if (g.analysis.rejected.length) notes.push(t.rejected(g.analysis.rejected.length));
      setMessage({ at: 'run', intent: 'success', text: notes.join(' ') });
    } catch (e) {
      fail(e, 'generate');
    } finally {
      setBusy(null);
    }
  }

  async function importCsv(file: File) {
    const signal = start('import', t.importing);
    try {
      const bytes = await file.arrayBuffer();
      if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
      // The parse runs in a worker (csv-parse.ts): Cancel ends it at once, however large the file.
      const imported = await parseCsv(file.name, bytes, { signal, onProgress: progress('import', t.importing) });
      setBusy({ action: 'import', fraction: 0, text: t.writing });
      const report = await writePlan(host, imported.plan, { signal, onProgress: progress('import', t.writing) });
      const notes = [t.imported(report.sheet, imported.rows, imported.encoding)];
      // Lines that are no row (a quote never closed) are named, in the user's language: nothing is dropped unsaid.
      const bad = imported.rejected;
      if (bad.length) {
        const shown = bad.slice(0, 3).map((r) => t.lineReason(r.line, formatReason(r, lang)));
        notes.push(t.importRejected(bad.length, shown.join(lang === 'zh' ? '；' : '; ') + (bad.length > 3 ? ' …' : '')));
      }
      setMessage({ at: 'source', intent: bad.length ? 'warning' : 'success', text: notes.join(' ') });
    } catch (e) {
      fail(e, 'import');
    } finally {
      setBusy(null);
    }
  }

  function exportCsv() {
    if (!generated) return;
    downloadText(scoredCustomersCsv(generated.analysis.result), EXPORT_FILE_NAME);
    setMessage({ at: 'run', intent: 'success', text: t.exported(generated.analysis.result.customers.length) });
  }

  const setField = <K extends keyof FormFields>(k: K, v: FormFields[K]) => setFields({ ...fields, [k]: v });
  const setRole = (role: ColumnRole | CustomerRole, v: string) => {
    if (kind === 'customers') {
      const next = { ...customerMapping };
      if (v === '') delete next[role as CustomerRole];
      else next[role as CustomerRole] = Number(v);
      return setCustomerMapping(next);
    }
    const next = { ...mapping };
    if (v === '') delete next[role as ColumnRole];
    else next[role as ColumnRole] = Number(v);
    setMapping(next);
  };
  const roles: { role: ColumnRole | CustomerRole; name: string; required: boolean; column: number | undefined }[] =
    kind === 'customers'
      ? CUSTOMER_ROLES.map((r) => ({ role: r, name: t.customerRoles[r], required: REQUIRED_CUSTOMER_ROLES.includes(r), column: customerMapping[r] }))
      : ALL_ROLES.map((r) => ({ role: r, name: t.roles[r], required: REQUIRED_ROLES.includes(r), column: mapping[r] }));

  /** A column's name in the pickers: its header, or (no header) its letter and a value from the first data row. */
  const columnName = (j: number): string => {
    if (!inspection || !selection) return '';
    if (hasHeader && inspection.hasHeader) return inspection.columns[j];
    return t.column(columnLetters(selection.columnIndex + j), shortText(previewCell(inspection.preview[0]?.[j], kind === 'transactions' && mapping.date === j)));
  };
  const guesses = roles.filter((r) => r.column !== undefined).map((r) => `${r.name} → ${columnName(r.column as number)}`);

  const status = (at: 'source' | 'run') => (
    <>
      {busy && PLACE[busy.action] === at && (
        <div class="progress" role="status" aria-live="polite" data-testid={`progress-${at}`}>
          <div class="progress-text">
            <span>{busy.text}</span>
            <span class="percent">{Math.round(busy.fraction * 100)} %</span>
          </div>
          <div class="progress-row">
            <fluent-progress-bar value={Math.round(busy.fraction * 100)} max={100} aria-label={busy.text} />
            <fluent-button appearance="secondary" size="small" onClick={() => abort.current?.abort()} data-testid="cancel">
              {t.cancel}
            </fluent-button>
          </div>
        </div>
      )}
      {message && message.at === at && (
        <fluent-message-bar intent={message.intent} layout="multiline" role={message.intent === 'error' ? 'alert' : 'status'} data-testid={`message-${at}`}>
          {message.text}
        </fluent-message-bar>
      )}
    </>
  );

  const isBusy = busy !== null;
  return (
    <main>
      <header>
        <h1>{t.title}</h1>
        <p class="intro">{t.intro}</p>
      </header>

      <Section title={t.step1}>
        <div class="actions">
          <fluent-button appearance={selection ? 'secondary' : 'primary'} onClick={useSelection} disabled={isBusy}>
            {t.useSelection}
          </fluent-button>
          <fluent-button appearance="secondary" onClick={() => fileInput.current?.click()} disabled={isBusy}>
            {t.importCsv}
          </fluent-button>
          <input
            ref={fileInput}
            class="visually-hidden"
            type="file"
            tabIndex={-1}
            aria-hidden="true"
            accept=".csv,.txt,text/csv"
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (file) void importCsv(file);
              (e.currentTarget as HTMLInputElement).value = '';
            }}
          />
        </div>
        {status('source')}
        {selection && (
          <p class="selection" data-testid="selection">
            {t.selection(selection.address, selection.rowCount, selection.columnCount)}
          </p>
        )}
      </Section>

      {selection && inspection && (
        <Section title={t.step2}>
          {!inspection.hasHeader && (
            <fluent-message-bar intent="warning" layout="multiline" data-testid="no-header">
              {t.noHeader} {guesses.length > 0 && t.guesses(guesses.join(lang === 'zh' ? '；' : '; '))}
            </fluent-message-bar>
          )}
          <label class="field">
            <span>{t.kind}</span>
            <select data-testid="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as DataKind)}>
              {(['transactions', 'customers'] as const).map((k) => (
                <option key={k} value={k}>
                  {t.kinds[k]}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={hasHeader} onChange={(e) => setHasHeader((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t.hasHeader}</span>
          </label>
          <div class="mapping">
            {roles.map(({ role, name, required, column }) => (
              <label key={role} class="map-row">
                <span>
                  {name}
                  {required && <span class="required"> *</span>}
                </span>
                <select aria-label={name} data-role={role} value={column === undefined ? '' : String(column)} onChange={(e) => setRole(role, (e.currentTarget as HTMLSelectElement).value)}>
                  <option value="">{t.none}</option>
                  {inspection.columns.map((_, j) => (
                    <option key={j} value={String(j)}>
                      {columnName(j)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h3>{t.preview}</h3>
          <div class="scroll" tabIndex={0} aria-label={t.preview}>
            <table class="preview" data-testid="preview">
              <thead>
                <tr>
                  {inspection.columns.map((_, j) => (
                    <th key={j}>{columnName(j)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {inspection.preview.map((r, i) => (
                  <tr key={i}>
                    {inspection.columns.map((_, j) => {
                      const error = errorCells.find((e) => e.row === inspection.previewStart + i && e.col === j);
                      return error ? (
                        <td key={j} class="cell-error">
                          {error.error}
                        </td>
                      ) : (
                        <td key={j}>{previewCell(r[j], kind === 'transactions' && mapping.date === j)}</td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      {selection && inspection && (
        <Section title={t.step3}>
          <div class="options">
            <Field label={t.unit}>
              <select value={fields.unit} onChange={(e) => setField('unit', (e.currentTarget as HTMLSelectElement).value as FormFields['unit'])}>
                {(['day', 'week', 'month'] as const).map((u) => (
                  <option key={u} value={u}>
                    {t.units[u]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.asOf}>
              <input type="date" value={fields.asOf} onInput={(e) => setField('asOf', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
            <Field label={t.margin}>
              <input inputMode="decimal" value={fields.margin} onInput={(e) => setField('margin', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
            <Field label={t.tierMethod}>
              <select value={fields.tierMethod} onChange={(e) => setField('tierMethod', (e.currentTarget as HTMLSelectElement).value as FormFields['tierMethod'])}>
                {(['contribution', 'pareto', 'quantile', 'fixed'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t.methods[m]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.cuts}>
              <input value={fields.cuts} placeholder="4, 2, 1" onInput={(e) => setField('cuts', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
            <Field label={t.model}>
              <select value={fields.model} onChange={(e) => setField('model', (e.currentTarget as HTMLSelectElement).value as FormFields['model'])}>
                {(['auto', 'bgnbd', 'mbgnbd', 'pnbd', 'none'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t.models[m]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t.horizon}>
              <input inputMode="numeric" value={fields.horizonDays} onInput={(e) => setField('horizonDays', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
            <Field label={t.churnHorizon}>
              <input value={fields.churnHorizonDays} onInput={(e) => setField('churnHorizonDays', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
            <Field label={t.discount}>
              <input inputMode="decimal" value={fields.discount} onInput={(e) => setField('discount', (e.currentTarget as HTMLInputElement).value)} />
            </Field>
          </div>
          <div class="actions">
            <fluent-button appearance="primary" onClick={generate} disabled={isBusy} data-testid="generate">
              {t.generate}
            </fluent-button>
            <fluent-button appearance="secondary" onClick={exportCsv} disabled={isBusy || !generated}>
              {t.exportCsv}
            </fluent-button>
          </div>
          {status('run')}
        </Section>
      )}

      {generated && (
        <Section title={t.summary}>
          <ul class="tiers" data-testid="tier-summary">
            {generated.analysis.result.summary.map((s) => (
              <li key={s.tier} data-tier={s.tier} style={{ borderInlineStartColor: tierColors[s.tier].strong }}>
                <span class="tier-name">
                  <span class="swatch" style={{ background: tierColors[s.tier].fill }} aria-hidden="true" />
                  {label(`tier.${s.tier}`, lang)}
                </span>
                <span class="tier-count" data-count={s.customers}>
                  {t.tierLine(s.customers, percent(s.customerShare))}
                </span>
                <span class="tier-value">{t.valueLine(s.value.toLocaleString(locale(lang), { maximumFractionDigits: 0 }), percent(s.valueShare))}</span>
              </li>
            ))}
          </ul>
          {generated.analysis.result.warnings.length > 0 && (
            <details class="warnings" data-testid="warnings">
              <summary>
                {t.notes} ({generated.analysis.result.warnings.length})
              </summary>
              <ul>
                {notesIn(generated.analysis.result, lang).map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </Section>
      )}
    </main>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Field({ label: text, children }: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{text}</span>
      {children}
    </label>
  );
}

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** A cell shortened for a column picker. */
function shortText(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return s.length > 12 ? `${s.slice(0, 11)}…` : s;
}

/** A preview cell as the user knows it: date serials in the date column shown as dates. */
function previewCell(v: unknown, isDate: boolean): string {
  if (isDate && typeof v === 'number') {
    const day = excelSerialToDay(v);
    if (!Number.isNaN(day)) return dayToIso(day);
  }
  return v === null || v === undefined ? '' : String(v);
}
