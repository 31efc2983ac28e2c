import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples.ts';
import { FUNCTIONS } from './index.ts';

describe('documented examples', () => {
  it('cover every function', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  for (const [id, e] of Object.entries(EXAMPLES)) {
    // Examples over a whole sheet (args: []) are shown, not evaluated here; their functions have tests of their own.
    it.skipIf(e.args.length === 0)(`${e.formula} shows ${e.result}`, async () => {
      const fn = FUNCTIONS[id] as (...args: unknown[]) => unknown;
      const out = (await fn(...e.args)) as unknown[][];
      const first = out[0][0];
      expect(typeof first === 'number' ? first.toFixed(2) : first).toBe(e.result);
    });
  }
});
