import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import type { MessageKey } from '../locales.ts';
import { importFile, previewFile } from './import-client.ts';
import type { EncodingChoice, IdentityColumns, ModelChoice, Preview, TierMethod } from './import-protocol.ts';

const ROLES: [keyof IdentityColumns, MessageKey][] = [
  ['email', 'roleEmail'],
  ['company', 'roleCompany'],
  ['domain', 'roleDomain'],
  ['crmIds', 'roleCrmIds'],
  ['name', 'roleName'],
];

/**
 * Choose a file, see its columns, say which hold e-mail, company, domain,
 * CRM ids and name, pick tier method and model, import. Parsing, scoring and
 * storing all happen in the import worker; this form only shows progress.
 */
export function ImportForm(props: { onDone: () => void; onError: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [identity, setIdentity] = useState<IdentityColumns>({});
  const [tierMethod, setTierMethod] = useState<TierMethod>('contribution');
  const [model, setModel] = useState<ModelChoice>('heuristic');
  const [progress, setProgress] = useState<{ phase: string; fraction: number } | null>(null);

  // The rep's last choices (not data) are kept in storage.local for the next import.
  useEffect(() => {
    void browser.storage.local.get(['tierMethod', 'model']).then((saved) => {
      if (saved.tierMethod) setTierMethod(saved.tierMethod as TierMethod);
      if (saved.model) setModel(saved.model as ModelChoice);
    });
  }, []);

  const load = async (f: File | null, enc: EncodingChoice) => {
    setFile(f);
    setPreview(null);
    if (!f) return;
    try {
      const p = await previewFile(f, enc);
      setPreview(p);
      setIdentity(p.guess);
    } catch (e) {
      props.onError(String((e as Error).message ?? e));
    }
  };

  const start = async () => {
    if (!file) return;
    setProgress({ phase: 'read', fraction: 0 });
    try {
      await browser.storage.local.set({ tierMethod, model });
      await importFile(file, { fileName: file.name, encoding, identity, tierMethod, model }, (phase, fraction) => setProgress({ phase, fraction }));
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
          <option value="auto">auto</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GBK / GB18030</option>
        </select>
      </label>

      {preview && (
        <fieldset id="mapping" data-kind={preview.kind}>
          <legend>{t('mappingHeading')} ({preview.kind}, {preview.encoding})</legend>
          {ROLES.map(([role, label]) => (
            <label key={role}>
              {t(label)}
              <select name={`map-${role}`} value={identity[role] ?? ''} onChange={(e) => {
                const v = e.currentTarget.value;
                setIdentity({ ...identity, [role]: v === '' ? undefined : Number(v) });
              }}>
                <option value="">{t('mappingNone')}</option>
                {preview.headers.map((h, i) => (
                  <option key={i} value={i}>{h || `#${i + 1}`}</option>
                ))}
              </select>
            </label>
          ))}
          {preview.kind === 'transactions' && (
            <div>
              <label>
                {t('tierMethodLabel')}
                <select id="tier-method" value={tierMethod} onChange={(e) => setTierMethod(e.currentTarget.value as TierMethod)}>
                  <option value="contribution">contribution (4 / 2 / 1)</option>
                  <option value="pareto">Pareto 50 / 80 / 95 %</option>
                  <option value="quantile">quantile 5 / 20 / 50 %</option>
                </select>
              </label>
              <label>
                {t('modelLabel')}
                <select id="model" value={model} onChange={(e) => setModel(e.currentTarget.value as ModelChoice)}>
                  <option value="heuristic">heuristic</option>
                  <option value="bgnbd">BG/NBD + Gamma-Gamma</option>
                  <option value="pnbd">Pareto/NBD + Gamma-Gamma</option>
                </select>
              </label>
            </div>
          )}
        </fieldset>
      )}

      <p>
        <button type="submit" id="import-button" disabled={!preview || progress !== null}>{t('importButton')}</button>{' '}
        {progress && (
          <span id="import-progress">
            <progress max={1} value={progress.fraction} /> {t('importing', `${progress.phase} ${Math.round(progress.fraction * 100)}%`)}
          </span>
        )}
      </p>
    </form>
  );
}
