/**
 * Chinese: with the browser's UI in Chinese the options page, the badge and
 * its card speak Chinese (extension messages from _locales/zh_CN, domain
 * names from core's labels), and a value list's unknown churn risk reads
 * 流失风险未知. Run `npm run build:extension` first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeTexts, chooseImportMode, importThroughOptions, launchWithExtension, openOptions, repoRoot, serveCrmPages, type Launched, openCardTexts } from './ext/harness.ts';
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
    await page.locator('[data-cvlens-badge]').click();
    const card = (await openCardTexts(page))[0] ?? '';
    expect(card).toContain(`建议措施：${label('strategy.VIP', 'zh')}`);
  });

  it('imports a value list, says in Chinese that its churn risk is unknown, and the popup shows 流失风险未知', async () => {
    const options = await openOptions(L);
    await options.setInputFiles('#import-file', { name: 'crm-accounts.csv', mimeType: 'text/csv', buffer: readFileSync(path.join(repoRoot, 'test/fixtures/customers/crm-accounts.csv')) });
    await options.waitForSelector('#mapping[data-detected=values]');
    expect(await options.textContent('#kind-note')).toContain('流失风险未知');
    await chooseImportMode(options);
    await options.click('#import-button');
    await expect.poll(() => options.textContent('#report-summary'), { timeout: 20_000 }).toBe('crm-accounts.csv: 从 3 行读取 2 位客户；拒绝 1 行。');
    const popup = await L.context.newPage();
    await popup.goto(`chrome-extension://${L.extensionId}/popup.html`);
    await popup.fill('#search', 'acme');
    await popup.waitForSelector('#results li');
    const row = (await popup.textContent('#results li')) ?? '';
    expect(row).toContain('流失风险未知');
    expect(row).not.toMatch(/%|低|中|高/);
    await popup.close();
  });
});
