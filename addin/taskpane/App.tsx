/**
 * The task pane: use the selection → check the detected columns and the
 * preview → set options → Generate (progress, Cancel) → the tier summary,
 * plus Import CSV and Export for the browser extension. Excel is reached
 * only through excel-io.ts (the `host`).
 */
import { useRef, useState } from 'preact/hooks';
import {
  CUSTOMER_ROLES,
  dayToIso,
  excelSerialToDay,
  label,
  REQUIRED_CUSTOMER_ROLES,
  tierColors,
  type ColumnMapping,
  type ColumnRole,
  type CustomerMapping,
  type CustomerRole,
  type Lang,
} from '../../core/index.ts';
import { ALL_ROLES, inspectCells, REQUIRED_ROLES, type DataKind, type Inspection } from '../shared/analyze.ts';
import { csvImportPlan } from './csv-import.ts';
import { describeSelection, readValues, writePlan, type ExcelHost, type SelectionInfo } from './excel-io.ts';
import { downloadText, EXPORT_FILE_NAME, scoredCustomersCsv } from './export-csv.ts';
import { DEFAULT_FIELDS, toAnalysisOptions, type FormFields } from './form.ts';
import { generateSegmentSheet, type Generated } from './generate.ts';
import { UI_TEXT } from './ui-text.ts';

interface Progress {
  fraction: number;
  text: string;
}

export function App({ host, lang }: { host: ExcelHost; lang: Lang }) {
  const t = UI_TEXT[lang];
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [values, setValues] = useState<unknown[][] | null>(null);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [customerMapping, setCustomerMapping] = useState<CustomerMapping>({});
  const [kind, setKind] = useState<DataKind>('transactions');
  const [hasHeader, setHasHeader] = useState(true);
  const [fields, setFields] = useState<FormFields>(DEFAULT_FIELDS);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const abort = useRef<AbortController | null>(null);
  const busy = progress !== null;

  const fail = (e: unknown) => {
    const name = (e as { name?: string }).name;
    setMessage(name === 'AbortError' ? { kind: 'info', text: t.cancelled } : { kind: 'error', text: e instanceof Error ? e.message : String(e) });
  };

  async function useSelection() {
    setMessage(null);
    const controller = new AbortController();
    abort.current = controller;
    try {
      setProgress({ fraction: 0, text: t.reading });
      const info = await describeSelection(host);
      const read = await readValues(host, info, { signal: controller.signal, onProgress: (f) => setProgress({ fraction: f, text: t.reading }) });
      const found = inspectCells(read);
      setSelection(info);
      setValues(read);
      setInspection(found);
      setMapping(found.mapping);
      setCustomerMapping(found.customerMapping);
      setKind(found.kind);
      setHasHeader(found.hasHeader);
      setGenerated(null);
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  }

  async function generate() {
    if (!values || !selection) return;
    const missing =
      kind === 'customers'
        ? REQUIRED_CUSTOMER_ROLES.filter((r) => customerMapping[r] === undefined).map((r) => t.customerRoles[r])
        : REQUIRED_ROLES.filter((r) => mapping[r] === undefined).map((r) => t.roles[r]);
    if (missing.length) return setMessage({ kind: 'error', text: t.missing(missing.join(', ')) });
    const parsed = toAnalysisOptions(fields, mapping, hasHeader, selection.rowIndex + 1);
    if (!parsed.ok) return setMessage({ kind: 'error', text: parsed.message });
    parsed.options.kind = kind;
    parsed.options.customerMapping = customerMapping;
    setMessage(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ fraction: 0, text: t.writing });
    // Let the progress bar paint before the core work blocks the thread.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const started = performance.now();
      const g = await generateSegmentSheet(host, values, parsed.options, lang, {
        signal: controller.signal,
        onProgress: (f) => setProgress({ fraction: f, text: t.writing }),
      });
      setGenerated(g);
      const seconds = (performance.now() - started) / 1000;
      const notes = [t.done(g.write.sheet, g.analysis.result.customers.length, seconds)];
      if (g.analysis.rejected.length) notes.push(t.rejected(g.analysis.rejected.length));
      setMessage({ kind: 'info', text: notes.join(' ') });
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  }

  async function importCsv(file: File) {
    setMessage(null);
    setProgress({ fraction: 0, text: t.writing });
    try {
      const imported = csvImportPlan(file.name, new Uint8Array(await file.arrayBuffer()));
      const report = await writePlan(host, imported.plan, { onProgress: (f) => setProgress({ fraction: f, text: t.writing }) });
      setMessage({ kind: 'info', text: t.imported(report.sheet, imported.rows, imported.encoding) });
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  }

  function exportCsv() {
    if (!generated) return;
    downloadText(scoredCustomersCsv(generated.analysis.result), EXPORT_FILE_NAME);
    setMessage({ kind: 'info', text: t.exported(generated.analysis.result.customers.length) });
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

  return (
    <main>
      <h1>{t.title}</h1>
      <p class="intro">{t.intro}</p>
      <div class="actions">
        <button type="button" onClick={useSelection} disabled={busy}>
          {t.useSelection}
        </button>
        <label class="file">
          {t.importCsv}
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            disabled={busy}
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (file) void importCsv(file);
              (e.currentTarget as HTMLInputElement).value = '';
            }}
          />
        </label>
      </div>

      {progress && (
        <div class="progress" role="status">
          <progress value={progress.fraction} max={1} />
          <span>{progress.text}</span>
          <button type="button" onClick={() => abort.current?.abort()}>
            {t.cancel}
          </button>
        </div>
      )}
      {message && <p class={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}

      {selection && inspection && (
        <section>
          <p class="selection" data-testid="selection">{t.selection(selection.address, selection.rowCount, selection.columnCount)}</p>
          <h2>{t.mapping}</h2>
          <label class="field">
            {t.kind}{' '}
            <select data-testid="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as DataKind)}>
              {(['transactions', 'customers'] as const).map((k) => <option key={k} value={k}>{t.kinds[k]}</option>)}
            </select>
          </label>
          <label class="field">
            <input type="checkbox" checked={hasHeader} onChange={(e) => setHasHeader((e.currentTarget as HTMLInputElement).checked)} /> {t.hasHeader}
          </label>
          <table class="mapping">
            <tbody>
              {roles.map(({ role, name, required, column }) => (
                <tr key={role}>
                  <th scope="row">
                    {name}
                    {required ? ' *' : ''}
                  </th>
                  <td>
                    <select aria-label={name} data-role={role} value={column === undefined ? '' : String(column)} onChange={(e) => setRole(role, (e.currentTarget as HTMLSelectElement).value)}>
                      <option value="">{t.none}</option>
                      {inspection.columns.map((c, j) => (
                        <option key={j} value={String(j)}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t.preview}</h2>
          <div class="scroll">
            <table class="preview" data-testid="preview">
              <thead>
                <tr>{inspection.columns.map((c, j) => <th key={j}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {inspection.preview.map((r, i) => (
                  <tr key={i}>{inspection.columns.map((_, j) => <td key={j}>{previewCell(r[j], kind === 'transactions' && mapping.date === j)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{t.options}</h2>
          <div class="options">
            <label>
              {t.unit}
              <select value={fields.unit} onChange={(e) => setField('unit', (e.currentTarget as HTMLSelectElement).value as FormFields['unit'])}>
                {(['day', 'week', 'month'] as const).map((u) => <option key={u} value={u}>{t.units[u]}</option>)}
              </select>
            </label>
            <label>
              {t.asOf}
              <input type="date" value={fields.asOf} onInput={(e) => setField('asOf', (e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              {t.margin}
              <input inputMode="decimal" value={fields.margin} onInput={(e) => setField('margin', (e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              {t.tierMethod}
              <select value={fields.tierMethod} onChange={(e) => setField('tierMethod', (e.currentTarget as HTMLSelectElement).value as FormFields['tierMethod'])}>
                {(['contribution', 'pareto', 'quantile', 'fixed'] as const).map((m) => <option key={m} value={m}>{t.methods[m]}</option>)}
              </select>
            </label>
            <label>
              {t.cuts}
              <input value={fields.cuts} placeholder="4, 2, 1" onInput={(e) => setField('cuts', (e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              {t.model}
              <select value={fields.model} onChange={(e) => setField('model', (e.currentTarget as HTMLSelectElement).value as FormFields['model'])}>
                {(['auto', 'bgnbd', 'mbgnbd', 'pnbd', 'none'] as const).map((m) => <option key={m} value={m}>{t.models[m]}</option>)}
              </select>
            </label>
            <label>
              {t.horizon}
              <input inputMode="numeric" value={fields.horizonDays} onInput={(e) => setField('horizonDays', (e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              {t.churnHorizon}
              <input value={fields.churnHorizonDays} onInput={(e) => setField('churnHorizonDays', (e.currentTarget as HTMLInputElement).value)} />
            </label>
            <label>
              {t.discount}
              <input inputMode="decimal" value={fields.discount} onInput={(e) => setField('discount', (e.currentTarget as HTMLInputElement).value)} />
            </label>
          </div>
          <div class="actions">
            <button type="button" class="primary" onClick={generate} disabled={busy}>
              {t.generate}
            </button>
            <button type="button" onClick={exportCsv} disabled={busy || !generated}>
              {t.exportCsv}
            </button>
          </div>
        </section>
      )}

      {generated && (
        <section>
          <h2>{t.summary}</h2>
          <table class="summary" data-testid="tier-summary">
            <thead>
              <tr>
                {(['tier', 'customers', 'customerShare', 'value', 'valueShare'] as const).map((k) => <th key={k}>{label(`summary.${k}`, lang)}</th>)}
              </tr>
            </thead>
            <tbody>
              {generated.analysis.result.summary.map((s) => (
                <tr key={s.tier} data-tier={s.tier}>
                  <td style={{ background: tierColors[s.tier].fill }}>{label(`tier.${s.tier}`, lang)}</td>
                  <td>{s.customers}</td>
                  <td>{(s.customerShare * 100).toFixed(1)} %</td>
                  <td>{s.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 })}</td>
                  <td>{(s.valueShare * 100).toFixed(1)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
          {generated.analysis.result.warnings.length > 0 && (
            <ul class="warnings" data-testid="warnings">
              {generated.analysis.result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}

/** A preview cell as the user knows it: date serials in the date column shown as dates. */
function previewCell(v: unknown, isDate: boolean): string {
  if (isDate && typeof v === 'number') {
    const day = excelSerialToDay(v);
    if (!Number.isNaN(day)) return dayToIso(day);
  }
  return v === null || v === undefined ? '' : String(v);
}
