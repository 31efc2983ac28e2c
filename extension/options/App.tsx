import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { formatReason, type TierSummaryRow } from '../../core/index.ts';
import type { StatusReply } from '../shared/protocol.ts';
import { langOf, t } from '../shared/i18n.ts';
import { domainLabels } from '../shared/domain-labels.ts';
import { CustomerStore, type ImportMeta } from '../store/customer-store.ts';
import { clearCompanies, storeCompaniesOf } from '../store/company-store.ts';
import { CrmList } from './CrmList.tsx';
import { ImportForm } from './ImportForm.tsx';
import { TierChart } from './TierChart.tsx';
import { importLabels } from './import-labels.ts';
import { importMessages } from './import-messages.ts';

/** The options page: privacy statement, import, report, tier summary, CRMs, delete. */
export function App() {
  const lang = langOf(browser.i18n.getUILanguage());
  const labels = domainLabels(lang);
  const words = importLabels(lang);
  const [status, setStatus] = useState<StatusReply | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  /** What undoing the last import goes back to (a file name, or null for no data); undefined: nothing to undo. */
  const [undoTo, setUndoTo] = useState<{ file: string | null } | undefined>(undefined);
  const refresh = async () => {
    setStatus((await browser.runtime.sendMessage({ type: 'status' })) as StatusReply);
    const store = await CustomerStore.open();
    try {
      const target = await store.undoTarget();
      setUndoTo(target && { file: target.meta?.fileName ?? null });
    } finally {
      store.close();
    }
  };
  const undo = async () => {
    setError('');
    try {
      const store = await CustomerStore.open();
      try {
        await store.undo();
        // The companies follow the customers back (the set undone to, or none).
        await storeCompaniesOf(await store.customers(), (await store.meta())?.tierMethod);
      } finally {
        store.close();
      }
      await browser.runtime.sendMessage({ type: 'data-changed' });
      setNotice(words.undone);
      await refresh();
    } catch (e) {
      setError(String((e as Error).message ?? e));
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  const deleteAll = async () => {
    setError('');
    try {
      const store = await CustomerStore.open();
      await store.clear();
      store.close();
      await clearCompanies();
      await browser.storage.local.clear();
      await browser.runtime.sendMessage({ type: 'data-changed' });
      setNotice(t('deleted'));
      await refresh();
    } catch (e) {
      setError(String((e as Error).message ?? e));
    }
  };

  const meta = status?.meta ?? null;
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p class="privacy" id="privacy">{t('privacy')}</p>
      {error && <p class="error" role="alert">{t('error', error)}</p>}

      <section>
        <h2>{t('importHeading')}</h2>
        <p class="muted">{t('importHelp')}</p>
        <ImportForm
          stored={status?.customers ?? 0}
          onDone={async () => {
            setError('');
            setNotice('');
            await browser.runtime.sendMessage({ type: 'data-changed' });
            await refresh();
          }}
          onError={setError}
        />
      </section>

      {undoTo && (
        <p id="undo">
          <button type="button" id="undo-import" onClick={undo}>{words.undo}</button> <span class="muted">{words.undoHelp(undoTo.file)}</span>
        </p>
      )}
      {meta && <Report meta={meta} lang={lang} />}
      {meta && meta.summary.length > 0 && <Summary rows={meta.summary} tierLabel={labels.tier} />}

      <section>
        <h2>{t('crmHeading')}</h2>
        <p class="muted">{t('crmHelp')}</p>
        <CrmList onError={setError} />
      </section>

      <section>
        <h2>{t('deleteHeading')}</h2>
        <p id="stored-count">{t('storedCount', status?.customers ?? 0)}</p>
        <button type="button" class="danger" id="delete-all" onClick={deleteAll}>{t('deleteButton')}</button>
        {notice && <p role="status">{notice}</p>}
      </section>
    </main>
  );
}

function Report({ meta, lang }: { meta: ImportMeta; lang: ReturnType<typeof langOf> }) {
  const rejectedTotal = meta.rejected.length + meta.rejectedMore;
  const say = importMessages(lang);
  const words = importLabels(lang);
  // Notes come in the form's language (core's from their messages); a note without a Chinese
  // character (an import stored by an earlier version) folds away on a Chinese page.
  const chinese = (w: string) => /[\u3400-\u9fff]/.test(w);
  const own = lang === 'zh' ? meta.warnings.filter(chinese) : meta.warnings;
  const technical = lang === 'zh' ? meta.warnings.filter((w) => !chinese(w)) : [];
  return (
    <section id="report">
      <h2>{t('reportHeading')}</h2>
      <p id="report-summary">
        {meta.fileName}: {t('reportSummary', meta.customers, meta.rowsRead, rejectedTotal)}
      </p>
      {meta.merged && <p id="report-merged">{t('reportMerged', meta.merged.kept, meta.merged.replaced)}</p>}
      {own.map((w) => (
        <p class="muted" key={w}>{w}</p>
      ))}
      {technical.length > 0 && (
        <details>
          <summary>{words.warningsDetails}</summary>
          {technical.map((w) => <p class="muted" key={w}>{w}</p>)}
        </details>
      )}
      {meta.rejected.length > 0 && (
        <table class="rejected" id="rejected">
          <thead>
            <tr><th>{t('reportLine')}</th><th>{t('reportReason')}</th></tr>
          </thead>
          <tbody>
            {meta.rejected.map((r) => (
              <tr key={r.line}><td>{r.line}</td><td>{r.problems?.length ? formatReason(r, lang) : say.reason(r.reason)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Summary({ rows, tierLabel }: { rows: TierSummaryRow[]; tierLabel: (tier: TierSummaryRow['tier']) => string }) {
  const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    <section>
      <h2>{t('summaryHeading')}</h2>
      <table id="tier-summary">
        <thead>
          <tr>
            <th>{t('colTier')}</th><th>{t('colCustomers')}</th><th>{t('colCustomerShare')}</th>
            <th>{t('colValue')}</th><th>{t('colValueShare')}</th><th>{t('colAverage')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tier} data-tier={r.tier}>
              <td>{tierLabel(r.tier)}</td><td>{fmt.format(r.customers)}</td><td>{pct(r.customerShare)}</td>
              <td>{fmt.format(r.value)}</td><td>{pct(r.valueShare)}</td><td>{fmt.format(r.averageValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TierChart rows={rows} tierLabel={tierLabel} customerLabel={t('colCustomerShare')} valueLabel={t('colValueShare')} />
    </section>
  );
}
