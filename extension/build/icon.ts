import { encodePng } from './png.ts';

/**
 * Draws the cvlens icon at a given size: a rounded blue square holding four
 * rising bars (the four value tiers), as a PNG.
 *
 * @param size  edge in pixels, ≥ 8
 * @example
 * drawIcon(16).length > 0 // true
 */
export function drawIcon(size: number): Buffer {
  if (!Number.isInteger(size) || size < 8) throw new Error(`drawIcon: size must be an integer ≥ 8, got ${size}`);
  const px = new Uint8Array(size * size * 4);
  const radius = size * 0.2;
  const set = (x: number, y: number, r: number, g: number, b: number) => {
    const i = (y * size + x) * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = 255;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance outside the rounded corner decides transparency.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius) set(x, y, 0x1d, 0x4e, 0xd8);
    }
  }
  const bars = 4;
  const margin = Math.max(2, Math.round(size * 0.18));
  const gap = Math.max(1, Math.round(size * 0.05));
  const barWidth = Math.max(1, Math.floor((size - 2 * margin - (bars - 1) * gap) / bars));
  for (let b = 0; b < bars; b++) {
    const height = Math.round(((b + 1) / bars) * (size - 2 * margin));
    const x0 = margin + b * (barWidth + gap);
    for (let y = size - margin - height; y < size - margin; y++) {
      for (let x = x0; x < x0 + barWidth; x++) set(x, y, 0xff, 0xff, 0xff);
    }
  }
  return encodePng(size, size, px);
}
