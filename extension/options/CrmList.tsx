import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { adapters } from '../shared/crm-adapters.ts';
import { t } from '../shared/i18n.ts';
import { isSingleSite, sitePattern } from '../background/content-scripts.ts';

/**
 * One checkbox per CRM, and a list of single other sites for the generic
 * (e-mail address) adapter. Enabling asks the browser for exactly those
 * origins — `permissions.request` runs inside the click, before any await,
 * so it counts as a user gesture; disabling gives them back. The background
 * alone then registers content scripts for the granted origins and brings
 * open tabs along (see background/index.ts).
 *
 * Rapid clicks: each click's request or removal starts at once (it needs the
 * gesture), the checkbox shows the last click while any is pending, and when
 * the last settles the page reads the browser's permissions again — applying
 * the last click once more if the browser finished the calls in another
 * order — so the checkbox ends showing what is granted.
 */
export function CrmList(props: { onError: (message: string) => void }) {
  const [granted, setGranted] = useState<Set<string>>(new Set());
  const [address, setAddress] = useState('');
  /** An http:// site waiting for the user to confirm it despite the warning. */
  const [plainHttp, setPlainHttp] = useState<string | null>(null);
  /** The last click per set of origins, while changes are pending. */
  const wanted = useRef(new Map<string, { origins: string[]; on: boolean }>());
  const pending = useRef(0);
  const [, redraw] = useState(0);
  const reads = useRef(0);
  const refresh = async () => {
    const mine = ++reads.current;
    const { origins = [] } = await browser.permissions.getAll();
    // Only the latest read counts: an earlier one answering late must not show an older state.
    if (mine === reads.current) setGranted(new Set(origins));
  };
  useEffect(() => {
    void refresh();
    // Changes made elsewhere (the browser's own site-access settings) show here too.
    const onChange = () => void refresh();
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    return () => {
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
    };
  }, []);

  const apply = (origins: string[], on: boolean) => (on ? browser.permissions.request({ origins }) : browser.permissions.remove({ origins }));

  /** Whether the settle after the last click already re-applied it once (a denied request must not loop). */
  const corrected = useRef(false);
  const track = (change: Promise<unknown>) => {
    pending.current++;
    redraw((n) => n + 1);
    change
      .catch((e: unknown) => props.onError(String((e as Error)?.message ?? e)))
      .finally(() => {
        if (--pending.current === 0) settle().catch((e: unknown) => props.onError(String((e as Error)?.message ?? e)));
      });
  };
  const settling = useRef(false);
  const settle = async () => {
    settling.current = true;
    try {
      await settleNow();
    } finally {
      settling.current = false;
      redraw((n) => n + 1);
    }
  };
  const settleNow = async () => {
    for (const w of wanted.current.values()) {
      const has = await browser.permissions.contains({ origins: w.origins });
      // A click came in meanwhile: the settle after it decides.
      if (pending.current > 0) return;
      if (has !== w.on && !corrected.current) {
        corrected.current = true;
        return track(apply(w.origins, w.on));
      }
    }
    wanted.current.clear();
    await browser.runtime.sendMessage({ type: 'sync-content-scripts' });
    await refresh();
    redraw((n) => n + 1);
  };

  const toggle = (origins: string[], on: boolean) => {
    const change = apply(origins, on);
    wanted.current.set(origins.join(' '), { origins, on });
    corrected.current = false;
    track(change);
  };
  const addSite = () => {
    const pattern = sitePattern(address);
    if (!pattern) return props.onError(t('siteInvalid', address));
    // An http:// site's pages travel unencrypted: anyone on the network can
    // change them, so the user enables it only after being told.
    if (pattern.startsWith('http://')) return setPlainHttp(pattern);
    toggle([pattern], true);
    setAddress('');
  };

  const shown = (origins: string[], actual: boolean) => wanted.current.get(origins.join(' '))?.on ?? actual;
  const declared = new Set(adapters.flatMap((a) => a.origins));
  const sites = [...granted].filter((o) => !declared.has(o) && isSingleSite(o)).sort();
  return (
    <>
      <ul class="crms" aria-busy={pending.current > 0 || settling.current}>
        {adapters
          .filter((a) => a.origins.length > 0)
          .map((a) => {
            const on = a.origins.every((o) => granted.has(o));
            return (
              <li key={a.id}>
                <label>
                  <input type="checkbox" name={`crm-${a.id}`} data-crm={a.id} checked={shown(a.origins, on)} onChange={(e) => toggle(a.origins, e.currentTarget.checked)} />
                  {a.name}
                  <span class="muted">{a.origins.join(', ')}</span>
                  {on && <strong data-enabled={a.id}>{t('crmEnabled')}</strong>}
                </label>
              </li>
            );
          })}
      </ul>
      <h3>{t('sitesHeading')}</h3>
      <p class="muted">{t('sitesHelp')}</p>
      <ul class="sites" id="sites">
        {sites.map((o) => (
          <li key={o} data-site={o}>
            {o}{o.startsWith('http://') && <> <span class="warning">{t('siteHttpTag')}</span></>} <button type="button" onClick={() => toggle([o], false)}>{t('siteRemove')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => (e.preventDefault(), addSite())}>
        <input type="text" id="site-address" placeholder="mail.example.com" value={address} onInput={(e) => (setAddress(e.currentTarget.value), setPlainHttp(null))} />{' '}
        <button type="submit" id="site-add">{t('siteAdd')}</button>
      </form>
      {plainHttp && (
        <div class="warning" id="site-http-warning" role="alert">
          <p>{t('siteHttpWarning', plainHttp.slice(0, -2))}</p>
          <button type="button" id="site-http-confirm" onClick={() => {
            toggle([plainHttp], true);
            setPlainHttp(null);
            setAddress('');
          }}>{t('siteHttpConfirm')}</button>{' '}
          <button type="button" id="site-http-cancel" onClick={() => setPlainHttp(null)}>{t('siteHttpCancel')}</button>
        </div>
      )}
    </>
  );
}
