import browser from 'webextension-polyfill';
import type { Lang } from '../../core/index.ts';
import type { MessageKey } from '../locales.ts';

/**
 * An extension message in the browser's UI language, `$1`… substituted.
 * Falls back to the key itself so a missing message is visible, not blank.
 * @example t('importButton') // 'Import'
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The domain language (core labels) for a browser UI language tag: zh-* → zh, else en. */
export function langOf(uiLanguage: string): Lang {
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
