/**
 * Chinese: with the browser's UI in Chinese the options page, the badge and
 * its card speak Chinese (extension messages from _locales/zh_CN, domain
 * names from core's labels). Run `npm run build:extension` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeTexts, importThroughOptions, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import { RECORD_URLS, adapterOf, scenarioCsv } from './ext/crm-scenario.ts';
import { label } from '../../core/index.ts';

let L: Launched;
beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: adapterOf('zoho').origins, locale: 'zh-CN' });
  await serveCrmPages(L.context, { [RECORD_URLS.zoho]: { file: 'zoho-record.html' } });
}, 60_000);
afterAll(async () => L?.close());

describe('in Chinese', () => {
  it('shows the options page, the badge and the card in Chinese', async () => {
    const options = await openOptions(L);
    expect(await options.textContent('h2')).toBe('导入数据');
    expect(await options.textContent('#privacy')).toContain('不发出任何网络请求');
    await importThroughOptions(options, { name: '交易.csv', text: scenarioCsv() });
    expect(await options.textContent('#tier-summary tr[data-tier=VIP] td')).toBe(label('tier.VIP', 'zh'));

    const page = await L.context.newPage();
    await page.goto(RECORD_URLS.zoho);
    await page.waitForSelector('[data-cvlens-badge]', { state: 'attached' });
    await expect.poll(async () => (await badgeTexts(page))[0]?.text ?? '').toMatch(/^VIP客户 流失风险(低|中|高)（\d+%） 匹配：CRM 编号$/);
    await page.locator('[data-cvlens-badge] .badge').click();
    const card = (await page.locator('[data-cvlens-badge] .card').textContent()) ?? '';
    expect(card).toContain(`建议措施：${label('strategy.VIP', 'zh')}`);
  });
});
