import { afterEach, describe, expect, it } from 'vitest';
import { langOf, officeLang } from './lang.ts';
import { cvtier } from './tiers.ts';

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('display language', () => {
  it('is Chinese for every zh locale and English otherwise', () => {
    expect(['zh-CN', 'zh-TW', 'zh', 'ZH-hk'].map(langOf)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['en-US', 'de-DE', 'zu-ZA', '', undefined].map(langOf)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('follows Office.context.displayLanguage in the labels functions write', () => {
    expect(officeLang()).toBe('en');
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'zh-CN' } };
    expect(officeLang()).toBe('zh');
    // core/i18n: VIP → VIP客户 (seed 001's term).
    expect(cvtier(50, [[50], [30], [15], [5], [0], [0], [0], [0], [0], [0]])).toEqual([['VIP客户']]);
  });
});
