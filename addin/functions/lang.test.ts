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

  it('follows Office.context.displayLanguage, which messages use but cell values do not', () => {
    expect(officeLang()).toBe('en');
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'zh-CN' } };
    expect(officeLang()).toBe('zh');
    // The value stays the code a COUNTIF in a shared workbook counts; the label only on request (core/i18n: VIP → VIP客户).
    const population = [[50], [30], [15], [5], [0], [0], [0], [0], [0], [0]];
    expect(cvtier(50, population)).toEqual([['VIP']]);
    expect(cvtier(50, population, null, undefined, 'zh')).toEqual([['VIP客户']]);
    expect(cvtier(50, population, null, undefined, 'zh-TW')).toEqual([['VIP客户']]);
    expect(cvtier(50, population, null, undefined, 'EN-us')).toEqual([['VIP']]);
  });

  it('refuses a language it has no labels for, with a reason', () => {
    expect(() => cvtier(50, [[50], [10]], null, undefined, 'fr')).toThrow(/lang must be one of en, zh/);
  });
});
