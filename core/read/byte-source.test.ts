import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterBoundary, plainUtf8, type ByteSource } from './byte-source.ts';

/** A source over bytes, read `into` as a file descriptor would. */
function sourceOf(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(into, position) {
      const n = Math.min(into.length, bytes.length - position);
      into.set(bytes.subarray(position, position + n));
      return n;
    },
  };
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const encoder = new TextEncoder();

describe('plainUtf8', () => {
  it('takes valid UTF-8 without a quote for what it is at every piece size, whatever the reused buffer held before', () => {
    // Characters of one to four bytes, so that piece ends fall inside each kind of sequence.
    const text = fc.array(fc.constantFrom('a', ',', '\n', 'é', 'ß', '成', '都', '€', '😀', '𝄞'), { maxLength: 200, size: 'max' }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 40 }), fc.integer({ min: 0, max: 255 }), (t, pieceBytes, stale) => {
        const bytes = encoder.encode(t);
        // The buffer's unread bytes are a continuation byte, a lead byte or anything: none may matter.
        const buf = new Uint8Array(pieceBytes + 4).fill(stale);
        expect(plainUtf8(sourceOf(bytes), pieceBytes, buf)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds invalid bytes and quotes at every piece size', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'é', '成', '😀', '"').map((c) => encoder.encode(c)),
      fc.uint8Array({ minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60, size: 'max' }), fc.integer({ min: 4, max: 40 }), (parts, pieceBytes) => {
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        const expected = validUtf8(bytes) && !bytes.includes(0x22);
        expect(plainUtf8(sourceOf(bytes), pieceBytes)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('characterBoundary', () => {
  it('cuts before a sequence that runs past the end, and only then', () => {
    const b = encoder.encode('a成😀');
    // a | E6 88 90 | F0 9F 98 80
    expect(characterBoundary(b, 0, 8)).toBe(8);
    expect(characterBoundary(b, 0, 7)).toBe(4);
    expect(characterBoundary(b, 0, 5)).toBe(4);
    expect(characterBoundary(b, 0, 4)).toBe(4);
    expect(characterBoundary(b, 0, 3)).toBe(1);
    expect(characterBoundary(b, 0, 2)).toBe(1);
    expect(characterBoundary(b, 0, 1)).toBe(1);
  });
});
