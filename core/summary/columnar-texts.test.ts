import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColumnarSummaryBuilder } from './columnar-summary.ts';

const utf8 = (t: string) => new TextEncoder().encode(t);

describe('columnar summary: texts and ids kept as bytes', () => {
  it('gives back texts and orders ids of any length (a length a byte each up to 254, longer ones apart)', () => {
    // Lengths around the byte's limit (254, 255, 256) and well past it, ASCII ids as bytes given without
    // the lane (so kept in the builder's own copy, compared through their lengths).
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.integer({ min: 250, max: 260 }).map((n) => 'e'.repeat(n)), fc.constant('é'.repeat(300)));
    const id = fc.oneof(fc.stringMatching(/^[a-z]{1,4}$/), fc.integer({ min: 253, max: 258 }).map((n) => 'x'.repeat(n)), fc.integer({ min: 253, max: 258 }).map((n) => 'x'.repeat(n - 1) + 'a'));
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 30 }), fc.array(text, { minLength: 30, maxLength: 30 }), (ids, texts) => {
        const b = createColumnarSummaryBuilder({ unit: 'day' });
        ids.forEach((id, line) => {
          const bytes = utf8(`[${id}]`);
          const k = b.customerIndexBytes!(bytes, 1, bytes.length - 1);
          b.addRow(k, 10, 5, line + 2);
          const e = utf8(texts[line]);
          if (e.length > 0) b.setTextBytes!(k, 'email', e, 0, e.length);
        });
        const t = b.finish();
        const sorted = [...ids].sort();
        expect(Array.from({ length: t.length }, (_, i) => t.ids.id(i))).toEqual(sorted);
        for (let i = 0; i < t.length; i++) {
          const text = texts[ids.indexOf(sorted[i])];
          expect(t.summary(i).email).toBe(text === '' ? undefined : text);
        }
      }),
      { numRuns: 200 },
    );
  });
});
