/**
 * The command line in Chinese (issue 12, item 4) and the seeds' key
 * indicator and composite score (item 3), run as a user would on the salon
 * fixture (test/fixtures/salon: GBK, 客户编号,客户姓名,消费日期,消费金额,成本;
 * three rows broken on purpose).
 *
 * Budgets: each run spawns the real command (tsx compiles the sources,
 * 1–2 s idle); --model none keeps the analysis itself fast, and the 60 s
 * budget leaves room for a machine shared by several runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/index.ts';
import { localeLang } from './options.ts';
import { runCli } from './run-cli.ts';

const SALON = fileURLToPath(new URL('../test/fixtures/salon/salon.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cvlens-lang-'));
const BUDGET = 60_000;
const CJK = /[\u4e00-\u9fff]/;

describe('the language', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, then the runtime locale', () => {
    expect(localeLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLang({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('zh');
    expect(localeLang({ LC_ALL: '', LANG: 'C.UTF-8' })).toBe('en');
    expect(localeLang({}, () => 'zh-Hans-CN')).toBe('zh');
    expect(localeLang({}, () => 'en-US')).toBe('en');
    // "zh" must be the language, not a prefix of something else.
    expect(localeLang({ LANG: 'zhx' })).toBe('en');
  });
});

describe('cvlens segment --lang zh', () => {
  it(
    'says the footer, every warning and every rejected row in Chinese',
    () => {
      const run = runCli(['segment', SALON, '--lang', 'zh', '--model', 'none', '--margin', '40%', '--as-of', '2024-12-01', '--out', join(dir, 'zh.csv')]);
      expect(run.code, run.stderr).toBe(0);
      // The seeds' table 4-2: 客户贡献度 band, 占总人数比例, and the share said of what it is (profit: there is a cost column).
      expect(run.stdout).toMatch(/^客户等级\s+客户数\s+占总人数比例\s+利润\s+占利润比例\s+平均价值\s+客户贡献度\n/);
      expect(run.stdout).toMatch(/VIP客户 .* > 4\n/);
      expect(run.stdout).toMatch(/小客户 .* ≤ 1\n/);
      expect(run.stdout).toContain('根据客户商业价值进行分类管理：\n  VIP客户：重点关注和保护');
      expect(run.stdout).toMatch(/\n\d+ 位客户，来自 [\d,]+ 笔交易；未计入：3 行无法读取（见上方列表），\d+ 行日期晚于分析基准日。\n/);
      expect(run.stdout).toContain('分析基准日 2024-12-01（时间单位：周）：前 20% 的客户占有');
      expect(run.stdout).toContain('流失风险 = 未来 90 天内没有购买的概率，来自 自身购买节奏启发式。');
      expect(run.stdout).toContain('按要求使用自身购买节奏启发式，未拟合模型。');
      expect(run.stderr).toContain('有 3 行无法使用：\n  第 385 行：金额为空\n  第 514 行：日期“2024-02-30”不是有效日期\n  第 1154 行：金额“二百元”不是数字\n');
      expect(run.stderr).toContain('警告：文件中有成本列，因此 --margin 40% 只用于成本为空的行的利润');
      expect(run.stderr).toMatch(/警告：有 \d+ 行的日期晚于分析基准日，未计入。/);
      expect(run.stderr).toMatch(/已写入 .*zh\.csv（\d+ 位客户，每人一行）。/);
      // Every line the command wrote is Chinese, apart from the table's rule and numbers.
      for (const line of [...run.stdout.split('\n'), ...run.stderr.split('\n')]) {
        if (/[A-Za-z]{4,}/.test(line.replace(/VIP|--\w+|Gini|RFM|\.csv|\S*\/\S*/g, ''))) expect(line).toMatch(CJK);
      }
    },
    BUDGET,
  );

  it(
    'takes Chinese from the locale when --lang is not given, and English from an English one',
    () => {
      const zh = runCli(['segment', SALON, '--model', 'none', '--json'], { env: { LC_ALL: '', LANG: 'zh_CN.UTF-8' } });
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stderr).toContain('有 3 行无法使用：');
      const en = runCli(['segment', SALON, '--model', 'none', '--json'], { env: { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } });
      expect(en.stderr).toContain('3 rows could not be used:\n  line 385: amount is empty\n');
      // JSON keeps the English reason for programs, and gains the codes to say it in any language.
      const json = JSON.parse(zh.stdout) as { rejected: { line: number; reason: string; problems: { code: string; params?: Record<string, unknown> }[] }[] };
      expect(json.rejected[1]).toEqual({
        line: 514,
        reason: "date '2024-02-30' is not a valid date",
        problems: [{ code: 'read.dateInvalid', params: { text: '2024-02-30' } }],
      });
    },
    BUDGET,
  );

  it(
    'prints help in Chinese, with units and defaults',
    () => {
      const help = runCli(['help', 'segment', '--lang', 'zh']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^用法：cvlens segment FILE \[options\]\n/);
      expect(help.stdout).toContain('选项：');
      expect(help.stdout).toContain(`默认：${DEFAULT_SETTINGS.horizonDays} 天。`);
      expect(help.stdout).toContain('综合评价法');
      expect(help.stdout).toContain('示例：');
      // No line runs past 100 terminal columns (a Chinese character takes two).
      for (const line of help.stdout.split('\n')) expect([...line].reduce((w, ch) => w + (CJK.test(ch) ? 2 : 1), 0), line).toBeLessThanOrEqual(100);
      const byLocale = runCli(['segment', '--help'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
      expect(byLocale.stdout).toMatch(/^用法：/);
      const main = runCli(['--help'], { env: { LC_ALL: 'zh_CN.UTF-8' } });
      expect(main.stdout).toMatch(/^cvlens：根据交易文件为客户价值评分/);
      expect(runCli(['--help']).stdout).toMatch(/^cvlens: customer value scoring/);
    },
    BUDGET,
  );
});

describe('cvlens segment --value and --score', () => {
  it(
    'refuses profit without a cost in one sentence with exit 2, in the user\'s language',
    () => {
      const plain = join(dir, 'no-cost.csv');
      writeFileSync(plain, 'customer,date,amount\nA,2024-01-05,100\nA,2024-03-05,80\nB,2024-02-01,40\n');
      const en = runCli(['segment', plain, '--value', 'profit', '--model', 'none', '--json']);
      expect([en.code, en.stdout, en.stderr]).toEqual([
        2,
        '',
        'cvlens: --value profit needs profit, but the file has no cost or margin-rate column: add one, give --margin RATE, or use --value revenue.\n',
      ]);
      const zh = runCli(['segment', plain, '--score', 'profit:1', '--model', 'none', '--json', '--lang', 'zh']);
      expect(zh.code).toBe(2);
      expect(zh.stderr).toBe('cvlens: --score profit 需要利润，但文件中没有成本列或毛利率列：请添加一列、指定 --margin RATE，或改用 --value revenue。\n');
      // With --margin the profit is known: accepted.
      expect(runCli(['segment', plain, '--value', 'profit', '--margin', '0.3', '--model', 'none', '--json']).code).toBe(0);
      const bad = runCli(['segment', plain, '--score', 'sales:1', '--json']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^cvlens: --score 'sales:1': "sales" in "sales:1" is not a field of the score; the fields are value, revenue, .*\.\n$/);
      expect(runCli(['segment', plain, '--value', 'margin']).stderr).toBe("cvlens: --value must be one of revenue, profit, not 'margin'.\n");
    },
    BUDGET,
  );

  it(
    'ranks customers by the composite weighted score and writes score and rank to CSV',
    () => {
      const out = join(dir, 'scored.csv');
      const run = runCli(['segment', SALON, '--value', 'revenue', '--score', 'revenue:0.5,purchaseDays:0.3,sinceLast:0.2', '--model', 'none', '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      // Revenue chosen as the key indicator although the file has cost.
      expect(run.stdout).toMatch(/^Tier\s+Customers\s+Share of customers\s+Sales\s+Share of sales/);
      const [head, ...lines] = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      const cols = head!.split(',');
      expect(cols.slice(cols.indexOf('contribution'), cols.indexOf('contribution') + 3)).toEqual(['contribution', 'composite', 'compositeRank']);
      const rows = lines.map((l) => l.split(','));
      const score = rows.map((r) => Number(r[cols.indexOf('composite')]));
      const rank = rows.map((r) => Number(r[cols.indexOf('compositeRank')]));
      expect(rows).toHaveLength(360);
      // Rank 1 holds the highest score, and a higher score never has a worse rank.
      expect(score[rank.indexOf(1)]).toBe(Math.max(...score));
      for (let i = 0; i < rows.length; i++) for (let j = 0; j < rows.length; j += 37) if (score[i]! > score[j]!) expect(rank[i]).toBeLessThan(rank[j]!);
      // Without --score the table has no such columns.
      const plainOut = join(dir, 'plain.csv');
      expect(runCli(['segment', SALON, '--model', 'none', '--out', plainOut]).code).toBe(0);
      expect(readFileSync(plainOut, 'utf8').split('\r\n')[0]).not.toContain('composite');
    },
    BUDGET,
  );
});

describe('cvlens fit --lang zh', () => {
  it(
    'prints the fit, its notes and the holdout in Chinese, and in English as before',
    () => {
      const zh = runCli(['fit', SALON, '--model', 'bgnbd', '--calibration-end', '2024-06-30', '--lang', 'zh']);
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stdout).toMatch(/^BG\/NBD 拟合了 [\d,]+ 位客户（时间单位：周），用时 [\d.]+ 毫秒(（未完全收敛）)?：\n/);
      expect(zh.stdout).toMatch(/\n {2}对数似然 -[\d.]+\n/);
      expect(zh.stdout).toMatch(/\n检验期（校准期结束后 [\d.]+ 周）：实际购买 \d+ 次，预测 [\d.]+ 次\n/);
      expect(zh.stdout).toContain('校准期重复购买次数');
      expect(zh.stdout).not.toMatch(/log-likelihood|Holdout|fitted on/);
      const en = runCli(['fit', SALON, '--model', 'bgnbd', '--lang', 'en']);
      expect(en.stdout).toMatch(/^BG\/NBD fitted on [\d,]+ customers \(time in weeks\)/);
      expect(runCli(['fit', SALON, '--model', 'xx', '--lang', 'zh']).stderr).toBe('cvlens: --model 必须是 bgnbd、mbgnbd、pnbd、gg 之一，不能是“xx”。\n');
    },
    BUDGET,
  );
});

describe('usage errors in Chinese', () => {
  it(
    'says a usage error in Chinese with exit 2 when the command line is Chinese',
    () => {
      const typo = runCli(['segment', SALON, '--horizn', '2y', '--lang', 'zh']);
      expect([typo.code, typo.stderr]).toEqual([2, 'cvlens: --horizn 不是 segment 的选项：是不是 --horizon？\n']);
      const negative = runCli(['segment', SALON, '--horizon', '-1'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
      expect([negative.code, negative.stderr]).toEqual([2, 'cvlens: --horizon 必须大于 0 天，不能是“-1”。\n']);
      const out = runCli(['segment', SALON, '--out', join(dir, 'no/such/folder/x.xlsx'), '--lang', 'zh']);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^cvlens: --out“.*x\.xlsx”：文件夹“.*folder”不存在；请先创建。\n$/);
    },
    BUDGET,
  );

  it(
    'says what the reader could not find in Chinese: a missing column, a --columns index past the end, a header row past the end',
    () => {
      const noAmount = join(dir, 'no-amount.csv');
      writeFileSync(noAmount, '客户编号,消费日期,备注\nA,2024-01-05,x\nB,2024-02-01,y\nC,2024-02-03,z\n');
      const missing = runCli(['segment', noAmount, '--lang', 'zh', '--json']);
      expect([missing.code, missing.stderr]).toEqual([
        2,
        "cvlens: 没有找到金额列（找到的表头为 '客户编号', '消费日期', '备注'）；请用 --columns 指定，例如 --columns amount=<表头>。\n",
      ]);
      const past = runCli(['segment', noAmount, '--columns', 'amount=7', '--lang', 'zh', '--json']);
      expect([past.code, past.stderr]).toEqual([2, 'cvlens: --columns 为金额指定了第 7 列，但文件共 3 列（1 到 3）。\n']);
      const header = runCli(['segment', noAmount, '--header-row', '40', '--lang', 'zh', '--json']);
      expect([header.code, header.stderr]).toEqual([2, 'cvlens: --header-row：表头行 40 超出了数据末尾（共 4 行）。\n']);
      // The same in English, word for word as before the messages.
      expect(runCli(['segment', noAmount, '--columns', 'amount=7', '--lang', 'en', '--json']).stderr).toBe(
        'cvlens: --columns names column 7 for the amount, but the file has 3 columns (1 to 3).\n',
      );
    },
    BUDGET,
  );
});
