/**
 * Cell values do not depend on the display language of whoever recalculates
 * (issue 11, item 5): in a workbook shared between an en-US and a zh-CN
 * Excel, =COUNTIF(…, "VIP") must count the same cells for both. Functions
 * write codes unless the formula asks for labels with `lang`. Called as
 * Excel calls them (excel-calls.ts), in both display languages. The Chinese
 * labels are the project's glossary (core/i18n/labels.ts), not this code's output.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMetadata, type Metadata } from '../../../addin/build/metadata.ts';
import { FUNCTION_FILES, FUNCTIONS } from '../../../addin/functions/index.ts';
import { cdnowSummary, HAS_CDNOW, WHY_NO_CDNOW } from '../../cdnow.ts';
import { callAsExcel, functionMeta, type Argument, type Scalar, type Shown } from './excel-calls.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let metadata: Metadata;
beforeAll(async () => {
  metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f)));
});

async function values(id: string, ...args: Argument[]): Promise<Shown[]> {
  const r = await callAsExcel(functionMeta(metadata, id), FUNCTIONS[id], args);
  expect(r.violations).toEqual([]);
  return r.values.flat();
}

const column = (v: readonly Scalar[]): Scalar[][] => v.map((x) => [x]);
const countif = (cells: readonly Shown[], text: string) => cells.filter((c) => typeof c === 'string' && c.toLowerCase() === text.toLowerCase()).length;

// Four customers: (frequency, recency, since_last, age) in weeks.
const churn = [[4, 40, 10, 50], [2, 40, 40, 80], [0, 0, 30, 30], [6, 60, 1, 61]];
const churnCol = (j: number) => column(churn.map((c) => c[j]));
const population = column([50, 30, 15, 5, 0, 0, 0, 0, 0, 0]);

// [function, arguments without lang, index of lang, codes, the same with lang "zh"]
const CASES: [string, Argument[], number, Shown[], Shown[]][] = [
  // Contribution tiers: value ÷ mean 10 → 5, 3, 1.5, 0.5 against cut points 4, 2, 1.
  ['CVTIER', [column([50, 30, 15, 5]), population], 4, ['VIP', 'Major', 'Ordinary', 'Small'], ['VIP客户', '主要客户', '普通客户', '小客户']],
  ['RFMSEGMENT', [[[5, 1]], [[5, 1]], [[5, 1]]], 3, ['Champions', 'Hibernating'], ['冠军客户', '沉睡客户']],
  ['VALUEMATRIX', [[[900, 900, 100, 100]], [[1200, 100, 1200, 100]], 500, 800], 4, ['Gold', 'Platinum', 'Iron', 'Lead'], ['黄金客户', '白金客户', '铁质客户', '铅质客户']],
  ['STAGE', [column([1, 5, 5]), column([10, 500, 500]), column([0.1, 0.1, 0.9])], 4, ['Exploration', 'Stability', 'Decline'], ['考察期', '稳定期', '退化期']],
  // o = 10/10, 40/20, 30/15, 1/10 → risk 0.5, 0.8, 0.8, 0.01: medium, high, high, low (core/churn levels).
  ['CHURNRISK', [churnCol(0), churnCol(1), churnCol(2), churnCol(3), undefined, true], 6, ['Medium', 'High', 'High', 'Low'], ['中', '高', '高', '低']],
];

for (const displayLanguage of ['en-US', 'zh-CN'] as const) {
  describe(`in a ${displayLanguage} Excel`, () => {
    beforeAll(() => {
      (globalThis as { Office?: unknown }).Office = { context: { displayLanguage } };
    });
    afterAll(() => {
      delete (globalThis as { Office?: unknown }).Office;
    });

    for (const [id, args, langAt, codes, zh] of CASES) {
      it(`CV.${id} writes the codes ${codes.join(', ')}, and Chinese labels only with lang "zh"`, async () => {
        expect(await values(id, ...args)).toEqual(codes);
        const withLang = (lang: string) => {
          const a = [...args];
          while (a.length < langAt) a.push(undefined);
          a[langAt] = lang;
          return a;
        };
        expect(await values(id, ...withLang('zh'))).toEqual(zh);
        expect(await values(id, ...withLang('zh-CN'))).toEqual(zh);
        expect(await values(id, ...withLang('en'))).toEqual(codes);
      });
    }

    it('COUNTIF over CV.CVTIER counts the same "VIP" cells', async () => {
      expect(countif(await values('CVTIER', column([50, 30, 50, 5]), population), 'VIP')).toBe(2);
    });

    it('a language without labels is a #VALUE! that says which ones exist', async () => {
      const [cell] = await values('CVTIER', 50, population, undefined, undefined, 'fr');
      expect(cell).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('en, zh') });
    });

    it.skipIf(!HAS_CDNOW)(`CV.BGNBD labels its rows with the same codes, which CV.PALIVE reads back${WHY_NO_CDNOW}`, async () => {
      const s = cdnowSummary();
      const r = await callAsExcel(functionMeta(metadata, 'BGNBD'), FUNCTIONS.BGNBD, [column(s.x), column(s.t_x), column(s.T)]);
      expect(r.values.map((row) => row[0])).toEqual(['r', 'alpha', 'a', 'b', 'log-likelihood', 'customers', 'converged']);
      const zh = await callAsExcel(functionMeta(metadata, 'BGNBD'), FUNCTIONS.BGNBD, [column(s.x), column(s.t_x), column(s.T), 'zh']);
      expect(zh.values.map((row) => row[0])).toEqual(['r', 'alpha', 'a', 'b', '对数似然', '客户数', '已收敛']);
      const model = zh.values as Scalar[][];
      // P(alive) of Fader, Hardie and Lee's (2005) example customer x 2, t_x 30.43, T 38.86 with the fit above.
      const [p] = await values('PALIVE', 2, 30.43, 38.86, model);
      expect(p as number).toBeCloseTo(0.73, 2);
    });
  });
}
