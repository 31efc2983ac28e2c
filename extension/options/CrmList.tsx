import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { adapters } from '../shared/crm-adapters.ts';
import { t } from '../shared/i18n.ts';
import { isSingleSite, sitePattern } from '../background/content-scripts.ts';

/**
 * One checkbox per CRM, and a list of single other sites for the generic
 * (e-mail address) adapter. Enabling asks the browser for exactly those
 * origins — `permissions.request` runs inside the click, before any await,
 * so it counts as a user gesture; disabling gives them back. Either way the
 * background then registers content scripts for exactly the granted origins.
 */
export function CrmList(props: { onError: (message: string) => void }) {
  const [granted, setGranted] = useState<Set<string>>(new Set());
  const [address, setAddress] = useState('');
  const refresh = async () => {
    const { origins = [] } = await browser.permissions.getAll();
    setGranted(new Set(origins));
  };
  useEffect(() => {
    void refresh();
  }, []);

  const toggle = (origins: string[], on: boolean) => {
    const change = on ? browser.permissions.request({ origins }) : browser.permissions.remove({ origins });
    change
      .then(() => browser.runtime.sendMessage({ type: 'sync-content-scripts' }))
      .then(refresh)
      .catch((e: unknown) => props.onError(String((e as Error)?.message ?? e)));
  };
  const addSite = () => {
    const pattern = sitePattern(address);
    if (!pattern) return props.onError(t('siteInvalid', address));
    toggle([pattern], true);
    setAddress('');
  };

  const declared = new Set(adapters.flatMap((a) => a.origins));
  const sites = [...granted].filter((o) => !declared.has(o) && isSingleSite(o)).sort();
  return (
    <>
      <ul class="crms">
        {adapters
          .filter((a) => a.origins.length > 0)
          .map((a) => {
            const on = a.origins.every((o) => granted.has(o));
            return (
              <li key={a.id}>
                <label>
                  <input type="checkbox" name={`crm-${a.id}`} data-crm={a.id} checked={on} onChange={(e) => toggle(a.origins, e.currentTarget.checked)} />
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
            {o} <button type="button" onClick={() => toggle([o], false)}>{t('siteRemove')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => (e.preventDefault(), addSite())}>
        <input type="text" id="site-address" placeholder="mail.example.com" value={address} onInput={(e) => setAddress(e.currentTarget.value)} />{' '}
        <button type="submit" id="site-add">{t('siteAdd')}</button>
      </form>
    </>
  );
}
