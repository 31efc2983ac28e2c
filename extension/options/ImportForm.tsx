import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { langOf, t } from '../shared/i18n.ts';
import type { MessageKey } from '../locales.ts';
import { DEFAULT_SETTINGS, type CustomerMapping, type CustomerRole, type TimeUnit } from '../../core/index.ts';
import { importFile, previewFile } from './import-client.ts';
import { importLabels } from './import-labels.ts';
import { adapters } from '../shared/crm-adapters.ts';
import { CRM_SITES, type CrmSite } from '../match/qualify-crm-id.ts';
import { FILE_KINDS, TRANSACTION_ROLES, type EncodingChoice, type FileKind, type IdentityColumns, type ModelChoice, type Preview, type TierMethod, type TransactionColumns } from './import-protocol.ts';
import type { ImportMode } from '../store/customer-store.ts';
import { chunkHash } from '../store/chunk-layout.ts';

/** What the rep chose for a file, remembered per header set (the next export of the same report needs no picking). */
interface ColumnChoices {
  kind: FileKind;
  columns: TransactionColumns;
  identity: IdentityColumns;
  customerColumns: CustomerMapping;
  unit: TimeUnit;
  idColumn?: number;
  valueColumn?: number;
  crmSite?: CrmSite;
}

/** The storage.local key of a header set's choices: a hash of the headers, not the headers (they may name customers' fields). */
const choicesKey = (headers: readonly string[]) => `columns:${chunkHash(headers.join('\u001f')).toString(36)}:${headers.length}`;

/** Weights of the phases in the one progress bar (reading is the longest). */
const PHASE_SPAN = { read: [0, 0.45], score: [0.45, 0.75], write: [0.75, 1] } as const;

const ROLES: [keyof IdentityColumns, MessageKey][] = [
  ['email', 'roleEmail'],
  ['company', 'roleCompany'],
  ['domain', 'roleDomain'],
  ['crmIds', 'roleCrmIds'],
  ['name', 'roleName'],
];

const CUSTOMER_ROLES: CustomerRole[] = ['customerId', 'frequency', 'recency', 'T', 'revenue', 'monetary'];

/** A column picker over the file's headers; '' = none. */
function ColumnSelect(props: { name: string; label: string; headers: string[]; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value ?? ''} onChange={(e) => {
        const v = e.currentTarget.value;
        props.onChange(v === '' ? undefined : Number(v));
      }}>
        <option value="">{t('mappingNone')}</option>
        {props.headers.map((h, i) => (
          <option key={i} value={i}>{h || `#${i + 1}`}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * Choose a file, see what kind it is (transactions, a customer table with
 * x/t_x/T, a value list, the add-in's scored export) and change it if the
 * guess is wrong, say which columns hold e-mail, company, domain, CRM ids and
 * name (and, for a customer table, id, x, t_x, T, revenue), pick tier method
 * and model, import. Parsing, scoring and storing all happen in the import
 * worker; this form only shows progress.
 */
export function ImportForm(props: { stored: number; onDone: () => void; onError: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [identity, setIdentity] = useState<IdentityColumns>({});
  const [tierMethod, setTierMethod] = useState<TierMethod>('contribution');
  const [model, setModel] = useState<ModelChoice>(DEFAULT_SETTINGS.model);
  const [progress, setProgress] = useState<{ phase: keyof typeof PHASE_SPAN; fraction: number } | null>(null);
  const [columns, setColumns] = useState<TransactionColumns>({});
  const [remembered, setRemembered] = useState(false);
  const [mode, setMode] = useState<ImportMode | undefined>(undefined);
  const [kind, setKind] = useState<FileKind>('transactions');
  const [customerColumns, setCustomerColumns] = useState<CustomerMapping>({});
  const [unit, setUnit] = useState<TimeUnit>('week');
  const [idColumn, setIdColumn] = useState<number | undefined>(undefined);
  const [valueColumn, setValueColumn] = useState<number | undefined>(undefined);
  const [crmSite, setCrmSite] = useState<CrmSite | undefined>(undefined);
  const lang = langOf(browser.i18n.getUILanguage());
  const words = importLabels(lang);

  // The rep's last choices (not data) are kept in storage.local for the next import.
  useEffect(() => {
    void browser.storage.local.get(['tierMethod', 'model']).then((saved) => {
      if (saved.tierMethod) setTierMethod(saved.tierMethod as TierMethod);
      if (saved.model) setModel(saved.model === 'heuristic' ? 'none' : (saved.model as ModelChoice));
    });
  }, []);

  const load = async (f: File | null, enc: EncodingChoice) => {
    setFile(f);
    setPreview(null);
    if (!f) return;
    try {
      const p = await previewFile(f, enc);
      const key = choicesKey(p.headers);
      const saved = (await browser.storage.local.get(key))[key] as ColumnChoices | undefined;
      // Choices made for this header set before win over the guesses; a column no longer there is dropped.
      const fits = (c: number | undefined) => (c !== undefined && c < p.headers.length ? c : undefined);
      const fitAll = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fits(v as number | undefined)]).filter(([, v]) => v !== undefined)) as T;
      setPreview(p);
      setRemembered(saved !== undefined);
      setIdentity(saved ? fitAll(saved.identity) : p.guess);
      setKind(saved?.kind ?? p.kind);
      setColumns(saved ? fitAll(saved.columns) : p.columns);
      setCustomerColumns(saved ? fitAll(saved.customerColumns) : p.customerColumns);
      setUnit(saved?.unit ?? 'week');
      setIdColumn(saved ? fits(saved.idColumn) ?? p.idColumn : p.idColumn);
      setValueColumn(saved ? fits(saved.valueColumn) : p.valueColumn);
      setCrmSite(saved ? saved.crmSite : p.crmSite);
    } catch (e) {
      props.onError(String((e as Error).message ?? e));
    }
  };

  const missing = kind === 'transactions' ? TRANSACTION_ROLES.filter((r) => columns[r] === undefined) : kind === 'values' && valueColumn === undefined ? (['amount'] as const) : [];
  const mustChooseMode = props.stored > 0 && mode === undefined;

  const start = async () => {
    if (!file || !preview || missing.length || mustChooseMode) return;
    setProgress({ phase: 'read', fraction: 0 });
    try {
      const choices: ColumnChoices = { kind, columns, identity, customerColumns, unit, idColumn, valueColumn, crmSite };
      await browser.storage.local.set({ tierMethod, model, [choicesKey(preview.headers)]: choices });
      await importFile(
        file,
        { fileName: file.name, encoding, identity, tierMethod, model, kind, columns, customerColumns, unit, idColumn, valueColumn, crmSite, lang, mode: props.stored > 0 ? mode : 'replace' },
        (phase, fraction) => setProgress({ phase: phase as keyof typeof PHASE_SPAN, fraction }),
      );
      setMode(undefined);
      props.onDone();
    } catch (e) {
      props.onError(String((e as Error).message ?? e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <form id="import-form" onSubmit={(e) => (e.preventDefault(), void start())}>
      <label>
        {t('fileLabel')}
        <input type="file" id="import-file" accept=".csv,.txt,.tsv,text/csv,text/plain" onChange={(e) => void load(e.currentTarget.files?.[0] ?? null, encoding)} />
      </label>
      <label>
        {t('encodingLabel')}
        <select id="encoding" value={encoding} onChange={(e) => {
          const enc = e.currentTarget.value as EncodingChoice;
          setEncoding(enc);
          void load(file, enc);
        }}>
          <option value="auto">{words.encodingAuto}</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GBK / GB18030</option>
        </select>
      </label>

      {preview && (
        <fieldset id="mapping" data-kind={kind} data-detected={preview.kind}>
          <legend>{t('mappingHeading')} ({preview.encoding})</legend>
          <p><label>
            {words.kind}
            <select id="file-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as FileKind)}>
              {FILE_KINDS.map((k) => (
                <option key={k} value={k}>{words.kinds[k]}{k === preview.kind ? ` (${words.detected})` : ''}</option>
              ))}
            </select>
          </label></p>
          {remembered && <p class="muted" id="remembered">{words.remembered}</p>}
          {kind === 'transactions' && (
            <fieldset id="transaction-columns">
              <legend>{words.transactionColumns}</legend>
              {TRANSACTION_ROLES.map((role) => (
                <ColumnSelect key={role} name={`tx-${role}`} label={`${words.transactionRoles[role]} (${words.required})`} headers={preview.headers} value={columns[role]}
                  onChange={(v) => setColumns({ ...columns, [role]: v })} />
              ))}
            </fieldset>
          )}
          {ROLES.map(([role, label]) => (
            <ColumnSelect key={role} name={`map-${role}`} label={t(label)} headers={preview.headers} value={identity[role]}
              onChange={(v) => setIdentity({ ...identity, [role]: v })} />
          ))}
          {identity.crmIds !== undefined && (
            <label>
              {t('crmSiteLabel')}
              <select id="crm-site" value={crmSite ?? ''} onChange={(e) => setCrmSite((e.currentTarget.value || undefined) as CrmSite | undefined)}>
                <option value="">{t('crmSiteAuto')}</option>
                {CRM_SITES.map((site) => (
                  <option key={site} value={site}>{adapters.find((a) => a.id === site)?.name ?? site}</option>
                ))}
              </select>
            </label>
          )}
          {kind === 'customers' && (
            <fieldset id="customer-columns">
              <legend>{words.customerColumns}</legend>
              {CUSTOMER_ROLES.map((role) => (
                <ColumnSelect key={role} name={`map-${role}`} label={words.roles[role]} headers={preview.headers} value={customerColumns[role]}
                  onChange={(v) => setCustomerColumns({ ...customerColumns, [role]: v })} />
              ))}
              <label>
                {words.unit}
                <select id="unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value as TimeUnit)}>
                  {(['day', 'week', 'month'] as const).map((u) => <option key={u} value={u}>{words.units[u]}</option>)}
                </select>
              </label>
            </fieldset>
          )}
          {kind === 'values' && (
            <fieldset id="value-columns">
              <legend>{words.customerColumns}</legend>
              <ColumnSelect name="map-id" label={words.roles.customerId} headers={preview.headers} value={idColumn} onChange={setIdColumn} />
              <ColumnSelect name="map-value" label={words.roles.value} headers={preview.headers} value={valueColumn} onChange={setValueColumn} />
              <p class="muted" id="kind-note">{words.valuesNote}</p>
            </fieldset>
          )}
          {kind !== 'scored' && (
            <div>
              <label>
                {t('tierMethodLabel')}
                <select id="tier-method" value={tierMethod} onChange={(e) => setTierMethod(e.currentTarget.value as TierMethod)}>
                  {(['contribution', 'pareto', 'quantile'] as const).map((m) => <option key={m} value={m}>{words.tierMethods[m]}</option>)}
                </select>
              </label>
              {/* A value list has no purchases to fit a model on: its churn risk stays unknown. */}
              {kind !== 'values' && (
                <label>
                  {t('modelLabel')}
                  <select id="model" value={model} onChange={(e) => setModel(e.currentTarget.value as ModelChoice)}>
                    <option value="auto">{t('modelAuto')}</option>
                    <option value="bgnbd">BG/NBD + Gamma-Gamma</option>
                    <option value="mbgnbd">MBG/NBD + Gamma-Gamma</option>
                    <option value="pnbd">Pareto/NBD + Gamma-Gamma</option>
                    <option value="none">{t('modelHeuristic')}</option>
                  </select>
                </label>
              )}
            </div>
          )}
        </fieldset>
      )}

      {preview && missing.length > 0 && (
        <p class="error" id="missing-columns" role="status">
          {missing.map((r) => words.choose(r === 'amount' && kind === 'values' ? words.roles.value : words.transactionRoles[r])).join(' ')}
        </p>
      )}
      {preview && props.stored > 0 && (
        <fieldset id="import-mode">
          <legend>{words.modeQuestion(props.stored)}</legend>
          {(['replace', 'merge'] as const).map((m) => (
            <label key={m} class="choice">
              <input type="radio" name="import-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {m === 'replace' ? words.modeReplace : words.modeMerge}
            </label>
          ))}
        </fieldset>
      )}
      <p>
        <button type="submit" id="import-button" disabled={!preview || progress !== null || missing.length > 0 || mustChooseMode}>{t('importButton')}</button>{' '}
        {progress && (
          <span id="import-progress" data-phase={progress.phase}>
            <progress max={1} value={PHASE_SPAN[progress.phase][0] + (PHASE_SPAN[progress.phase][1] - PHASE_SPAN[progress.phase][0]) * progress.fraction} />{' '}
            {t('importing', `${words.phases[progress.phase]} ${Math.round(progress.fraction * 100)}%`)}
          </span>
        )}
      </p>
    </form>
  );
}
