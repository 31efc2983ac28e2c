import { domainLabels } from './domain-labels.ts';
import { langOf, t } from './i18n.ts';
import type { MessageKey } from '../locales.ts';
import type { ViewLabels } from '../content/badge-view.ts';

/** Characters no message contains, standing in for `$1`…`$9` while a message is fetched. */
const STAND_IN = ['\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\u000e', '\u000f'];
const STAND_INS = /[\u0001-\u0007\u000e\u000f]/g;

/**
 * The badge's labels for a browser UI language: domain names from core,
 * interface words from the extension's locale messages.
 * @example viewLabels('zh-CN').tier('VIP') // 'VIP客户'
 */
export function viewLabels(uiLanguage: string): ViewLabels {
  const lang = langOf(uiLanguage);
  // Made when first used (a badge's card opening): the first Intl object of
  // a page's content script loads locale data, ~20 ms that would otherwise
  // delay the first badges.
  let money: Intl.NumberFormat | undefined;
  // Each message is fetched once, with stand-ins for its substitutions that
  // are then replaced here: a list view's badges ask for "churn 12%",
  // "churn 13%"… and each call into the browser costs more than a replace.
  const templates = new Map<string, string>();
  const msg = (key: string, ...subs: string[]) => {
    const id = `${key}\u0000${subs.length}`;
    let template = templates.get(id);
    if (template === undefined) {
      template = t(key as MessageKey, ...subs.map((_, i) => STAND_IN[i]));
      templates.set(id, template);
    }
    return subs.length === 0 ? template : template.replace(STAND_INS, (c) => subs[STAND_IN.indexOf(c)]);
  };
  return { ...domainLabels(lang), msg, money: (v) => (money ??= new Intl.NumberFormat(uiLanguage || undefined, { maximumFractionDigits: 0 })).format(v) };
}
