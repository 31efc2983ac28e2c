import { describe, expect, it } from 'vitest';
import { stage } from './lifecycle.ts';

// Rules and defaults from core/lifecycle/stage.ts (decline ≥ 0.7, young ≤ 90 d, forming ≤ 365 d).
describe('CV.STAGE', () => {
  it('names each stage', () => {
    expect(stage(1, 10, 0.1)).toEqual([['Exploration']]);
    expect(stage(3, 200, 0.2)).toEqual([['Formation']]);
    expect(stage(3, 800, 0.2)).toEqual([['Stability']]);
    expect(stage(3, 800, 0.2, 0.5)).toEqual([['Formation']]);
    expect(stage(3, 800, 0.9)).toEqual([['Decline']]);
  });

  it('spills over ranges and leaves blank rows blank', () => {
    expect(stage([[1], [null]], [[10], [null]], [[0.1], [null]])).toEqual([['Exploration'], ['']]);
  });

  it('is #VALUE! for a risk above 1 and for text', () => {
    expect(() => stage(1, 10, 1.5)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    expect(() => stage('one', 10, 0.1)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
