import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png.ts';
import { drawIcon } from './icon.ts';

/** Reads the IHDR size and the unfiltered pixels back (PNG spec, ISO/IEC 15948). */
function decode(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  return { width, height, raw };
}

describe('encodePng', () => {
  it('round-trips pixels through IHDR + IDAT', () => {
    const px = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128]);
    const { width, height, raw } = decode(encodePng(2, 1, px));
    expect([width, height]).toEqual([2, 1]);
    expect([...raw]).toEqual([0, ...px]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/encodePng/);
  });
});

describe('drawIcon', () => {
  it('draws a square icon of the asked size with transparent corners and opaque middle', () => {
    const { width, height, raw } = decode(drawIcon(32));
    expect([width, height]).toEqual([32, 32]);
    const alpha = (x: number, y: number) => raw[y * (32 * 4 + 1) + 1 + x * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(16, 16)).toBe(255);
  });
});
