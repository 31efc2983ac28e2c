import { domainLabels } from './domain-labels.ts';
import { langOf, t } from './i18n.ts';
import type { MessageKey } from '../locales.ts';
import type { ViewLabels } from '../content/badge-view.ts';

/**
 * The badge's labels for a browser UI language: domain names from core,
 * interface words from the extension's locale messages.
 * @example viewLabels('zh-CN').tier('VIP') // 'VIP客户'
 */
export function viewLabels(uiLanguage: string): ViewLabels {
  const lang = langOf(uiLanguage);
  const money = new Intl.NumberFormat(uiLanguage || undefined, { maximumFractionDigits: 0 });
  // A list view asks the same few messages for every badge; each answer is
  // a call into the browser, so they are remembered (a few hundred at most:
  // keys × churn percentages × match kinds).
  const messages = new Map<string, string>();
  const msg = (key: string, ...subs: string[]) => {
    const id = subs.length ? `${key}\u0000${subs.join('\u0000')}` : key;
    let text = messages.get(id);
    if (text === undefined) {
      text = t(key as MessageKey, ...subs);
      if (messages.size < 5000) messages.set(id, text);
    }
    return text;
  };
  return { ...domainLabels(lang), msg, money: (v) => money.format(v) };
}
