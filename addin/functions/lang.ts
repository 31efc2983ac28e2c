/**
 * The language of labels the add-in writes: Chinese when Office's display
 * language is a Chinese locale (zh-CN, zh-TW, …), English otherwise, and
 * English outside Office.
 */
import type { Lang } from '../../core/index.ts';

/**
 * Maps an Office display-language tag to a cvlens language.
 * @example langOf('zh-CN') // 'zh'
 */
export function langOf(displayLanguage: string | undefined | null): Lang {
  return displayLanguage && /^zh(-|_|$)/i.test(displayLanguage) ? 'zh' : 'en';
}

/** The language of the running Office, read from `Office.context.displayLanguage`. */
export function officeLang(): Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  try {
    return langOf(office?.context?.displayLanguage);
  } catch {
    // Office.context throws before Office.onReady in some hosts.
    return 'en';
  }
}
