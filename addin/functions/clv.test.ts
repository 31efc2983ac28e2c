import { describe, expect, it } from 'vitest';
import { clv } from './clv.ts';

// Reference values: the closed forms in DOMAIN.md §1, computed by hand.
describe('CV.CLV', () => {
  it('infinite horizon, margin from next period: m·r/(1+d−r)', () => {
    expect(clv(100, 0.8, 0.1)[0][0]).toBeCloseTo((100 * 0.8) / 0.3, 9);
  });

  it('infinite horizon, margin from now: m·(1+d)/(1+d−r), with acquisition cost', () => {
    expect(clv(100, 0.8, 0.1, null, 50, 'now')[0][0]).toBeCloseTo((100 * 1.1) / 0.3 - 50, 9);
    expect(clv(100, 0.8, 0.1, null, 50, 1)[0][0]).toBeCloseTo((100 * 1.1) / 0.3 - 50, 9);
  });

  it('finite horizon: 100·Σ_{t=1..5}(0.8/1.1)^t = 212.4097', () => {
    let expected = 0;
    for (let t = 1; t <= 5; t++) expected += 100 * (0.8 / 1.1) ** t;
    expect(clv(100, 0.8, 0.1, 5)[0][0]).toBeCloseTo(expected, 9);
  });

  it('reads numeric text and treats blank optionals as omitted', () => {
    expect(clv('100', '0.8', '0.1', '', '', '')[0][0]).toBeCloseTo(266.6667, 3);
  });

  it('spills over a range of margins with its shape', () => {
    const out = clv([[100], [200], [300]], 0.8, 0.1);
    expect(out.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(out[2][0]).toBeCloseTo(800, 9);
  });

  it('is #VALUE! with a reason when the infinite sum diverges or retention is above 1', () => {
    expect(() => clv(100, 1, 0)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => clv(100, 1.2, 0.1)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });

  it('is #VALUE! for text margins and unknown timing, #N/A when a required input is blank', () => {
    expect(() => clv('abc', 0.8, 0.1)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => clv(100, 0.8, 0.1, null, null, 'later')).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => clv(null, 0.8, 0.1)).toThrow(expect.objectContaining({ code: '#N/A' }));
  });
});
