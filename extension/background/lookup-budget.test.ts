import { describe, expect, it } from 'vitest';
import { LOOKUP_BUDGET, lookupBudget } from './lookup-budget.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('lookupBudget', () => {
  it('admits a 1,000-row list, looked up twice over (scrolling back, the popup), within one minute', () => {
    const b = lookupBudget();
    const rows = Array.from({ length: 1000 }, (_, i) => `crm:sf:${i}`);
    for (let i = 0; i < rows.length; i += 20) expect(b.admit('p', rows.slice(i, i + 20)).every(Boolean)).toBe(true);
    expect(b.admit('p', rows).every(Boolean)).toBe(true);
    expect(LOOKUP_BUDGET.distinct).toBeGreaterThanOrEqual(2 * 1000);
  });

  it('refuses distinct entities beyond the budget, says so once, and admits again as the window slides', () => {
    const c = clock();
    const exceeded: string[] = [];
    const b = lookupBudget({ distinct: 3, windowMs: 1000, now: c.now, onExceeded: (p) => exceeded.push(p) });
    expect(b.admit('p', ['a', 'b', 'c', 'd', 'e'])).toEqual([true, true, true, false, false]);
    expect(b.admit('p', ['a', 'f'])).toEqual([true, false]);
    expect(exceeded).toEqual(['p']);
    // Another page has its own budget.
    expect(b.admit('q', ['d'])).toEqual([true]);
    c.advance(999);
    expect(b.admit('p', ['g'])).toEqual([false]);
    // 'b' and 'c' were last admitted at 0, 'a' at 0 too but asked again at 0: all expire at 1000.
    c.advance(1);
    expect(b.admit('p', ['g', 'h', 'i', 'j'])).toEqual([true, true, true, false]);
    expect(exceeded).toEqual(['p', 'p']);
  });
});
