import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteArena } from './byte-arena.ts';

/** The bytes kept at `place`, `n` of them. */
function at(arena: ByteArena, place: number, n: number): number[] {
  const chunk = arena.chunks[Math.floor(place / 2 ** arena.bits)];
  const o = place % 2 ** arena.bits;
  return [...chunk.subarray(o, o + n)];
}

describe('ByteArena', () => {
  it('gives back every text appended, across the first chunk growing and new chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 300 }), fc.constantFrom(2, 4), (texts, growth) => {
        // Chunks of 64 bytes, the first starting at 4: every path of append is taken.
        const arena = new ByteArena(6, 4, growth);
        const places = texts.map((t) => arena.append(t, 0, t.length));
        texts.forEach((t, i) => expect(at(arena, places[i], t.length)).toEqual([...t]));
        // A text never straddles two chunks.
        texts.forEach((t, i) => expect((places[i] % 64) + t.length).toBeLessThanOrEqual(64));
      }),
    );
  });

  it('keeps a span of a larger buffer, not the buffer from its start', () => {
    const arena = new ByteArena(20, 4096, 2);
    const b = new TextEncoder().encode('xxabcyy');
    const place = arena.append(b, 2, 5);
    expect(at(arena, place, 3)).toEqual([...new TextEncoder().encode('abc')]);
  });

  it('grows the first chunk up to a whole one before it starts a second', () => {
    const arena = new ByteArena(6, 4, 2);
    for (let i = 0; i < 16; i++) arena.append(new Uint8Array(4), 0, 4);
    expect(arena.chunks.map((c) => c.length)).toEqual([64]);
    arena.append(new Uint8Array(1), 0, 1);
    expect(arena.chunks.map((c) => c.length)).toEqual([64, 64]);
  });
});
