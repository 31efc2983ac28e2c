/**
 * `cvlens segment` on the seeds' own case: the salon owner's GBK file headed
 * 客户编号,客户姓名,消费日期,消费金额,成本, saved by Excel on Chinese Windows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../test/encode-gbk.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-gbk-'));

describe('cvlens segment on a GBK CSV', () => {
  it('decodes it, finds every column and scores profit from the cost column', () => {
    const file = join(dir, '客户消费.csv');
    const rows = ['客户编号,客户姓名,消费日期,消费金额,成本'];
    // Twelve customers over a year, each visiting every 30 + 7·i days.
    for (let i = 0; i < 12; i++) {
      for (let day = 0; day < 360; day += 30 + 7 * i) {
        const d = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10).replace(/-/g, '/');
        rows.push(`C${String(i + 1).padStart(3, '0')},顾客${i + 1},${d},${200 + 10 * i},${60 + 3 * i}`);
      }
    }
    writeFileSync(file, encodeGbk(rows.join('\r\n') + '\r\n'));
    const run = runCli(['segment', file, '--json', '--model', 'none']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      read: { encoding: string; accepted: number };
      rejected: unknown[];
      customers: { id: string; name: string; revenue: number; profit: number; value: number }[];
    };
    expect(json.read.encoding).toBe('gb18030');
    expect(json.read.accepted).toBe(rows.length - 1);
    expect(json.rejected).toEqual([]);
    const first = json.customers.find((c) => c.id === 'C001')!;
    expect(first.name).toBe('顾客1');
    // 12 visits of 200 with a cost of 60 each.
    expect(first.revenue).toBe(2400);
    expect(first.profit).toBe(1680);
    expect(first.value).toBe(1680);
  });
});
