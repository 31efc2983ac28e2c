import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { RFM_SEGMENTS } from '../rfm/segments.ts';
import { TIERS } from '../tiers/rule.ts';
import { LABEL_KEYS, label } from './labels.ts';

describe('label', () => {
  it("uses the seed's Chinese terms", () => {
    expect(TIERS.map((t) => label(`tier.${t}`, 'zh'))).toEqual(['VIP客户', '主要客户', '普通客户', '小客户']);
    expect((['Gold', 'Platinum', 'Iron', 'Lead'] as const).map((m) => label(`matrix.${m}`, 'zh'))).toEqual(['黄金客户', '白金客户', '铁质客户', '铅质客户']);
    expect((['exploration', 'formation', 'stability', 'decline'] as const).map((s) => label(`stage.${s}`, 'zh'))).toEqual(['考察期', '形成期', '稳定期', '退化期']);
  });
  it("uses the headers of the seed's table 4-2", () => {
    expect(label('summary.customerShare', 'zh')).toBe('占总人数比例');
    expect(label('summary.valueShare', 'zh')).toBe('占销售额比例');
    expect(label('col.contribution', 'zh')).toBe('客户贡献度');
  });
  it('has every RFM segment and a strategy per tier in both languages', () => {
    for (const s of RFM_SEGMENTS) expect(label(`rfm.${s}`, 'en')).toBe(s);
    for (const t of TIERS) {
      expect(label(`strategy.${t}`, 'en').length).toBeGreaterThan(10);
      expect(label(`strategy.${t}`, 'zh').length).toBeGreaterThan(5);
    }
  });
  it('has non-empty text in both languages for every key', () => {
    for (const k of LABEL_KEYS) {
      expect(label(k, 'en').trim(), k).not.toBe('');
      expect(label(k, 'zh').trim(), k).not.toBe('');
    }
  });
  it('throws missing for an unknown key', () => {
    expect(() => label('tier.Gold' as never, 'en')).toThrow(CvError);
  });
});
