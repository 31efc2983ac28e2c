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
  return { ...domainLabels(lang), msg: (key, ...subs) => t(key as MessageKey, ...subs), money: (v) => money.format(v) };
}
