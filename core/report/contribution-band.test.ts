import { describe, expect, it } from 'vitest';
import { contributionBands, observedContribution } from './contribution-band.ts';

describe('contributionBands', () => {
  it("gives the bands of table 4-2 of 《课题四 分析客户的商业价值》 for the default rule (VIP above 4, 主要 2–4, 普通 1–2, 小客户 1 and below)", () => {
    expect(contributionBands({ method: 'contribution' }, [])).toEqual(['> 4', '(2, 4]', '(1, 2]', '≤ 1']);
  });

  it("follows the rule's own cut points", () => {
    expect(contributionBands({ method: 'contribution', cuts: [3, 1.5, 0.5] }, [])).toEqual(['> 3', '(1.5, 3]', '(0.5, 1.5]', '≤ 0.5']);
  });

  it('shows the contribution found in each tier when the rule cuts on ranks, and a dash for an empty tier', () => {
    const rows = [
      { tier: 'VIP' as const, contribution: 5.123 },
      { tier: 'Major' as const, contribution: 2 },
      { tier: 'Major' as const, contribution: 1.5 },
      { tier: 'Small' as const, contribution: 0.25 },
    ];
    expect(contributionBands({ method: 'quantile' }, observedContribution(rows.map((r) => r.tier), rows.map((r) => r.contribution)))).toEqual(['5.12', '1.5 – 2', '–', '0.25']);
  });
});
