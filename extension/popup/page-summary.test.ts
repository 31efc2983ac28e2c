import { describe, expect, it } from 'vitest';
import { pageSummary } from './page-summary.ts';

describe('pageSummary', () => {
  it('lists each customer once, highest value first (no value last), and counts the tiers best first', () => {
    const s = pageSummary([
      { id: 'c', tier: 'Small', value: 5 },
      { id: 'a', tier: 'VIP', value: 900 },
      { id: 'x', tier: 'Ordinary' },
      { id: 'b', tier: 'Major', value: 300 },
      { id: 'a', tier: 'VIP', value: 900 },
      { id: 'd', tier: 'Small', value: 7 },
    ]);
    expect(s.customers.map((c) => c.id)).toEqual(['a', 'b', 'd', 'c', 'x']);
    expect(s.counts).toEqual([{ tier: 'VIP', count: 1 }, { tier: 'Major', count: 1 }, { tier: 'Ordinary', count: 1 }, { tier: 'Small', count: 2 }]);
  });

  it('is empty for a page without matches', () => {
    expect(pageSummary([])).toEqual({ customers: [], counts: [] });
  });
});
