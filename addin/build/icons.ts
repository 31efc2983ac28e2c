/**
 * The add-in's icons, drawn at build time so the repository holds no binary
 * files: a rounded teal square with four bars rising left to right (the four
 * value tiers), as PNG.
 */
import { crc32, deflateSync } from 'node:zlib';

/**
 * Every size the manifest names: 32 and 64 for the add-in's listing (IconUrl,
 * HighResolutionIconUrl); 16, 32 and 80 required for ribbon buttons and 20,
 * 24, 40, 48 and 64 for the ribbon at higher display scales (Microsoft,
 * "Icon element" of the add-in manifest reference).
 */
export const ICON_SIZES: readonly number[] = [16, 20, 24, 32, 40, 48, 64, 80];

const TEAL = [0x0f, 0x76, 0x6e];
const WHITE = [0xff, 0xff, 0xff];

/** RGBA pixels of the icon at `size`×`size`. */
function draw(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const radius = size * 0.18;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Outside the rounded corners: transparent.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > radius) continue;
      let colour = TEAL;
      const bar = Math.floor(((x + 0.5) / size - 0.14) / 0.18);
      const inBar = bar >= 0 && bar < 4 && ((x + 0.5) / size - 0.14) % 0.18 < 0.13;
      const top = 0.78 - (bar + 1) * 0.14;
      if (inBar && (y + 0.5) / size > top && (y + 0.5) / size < 0.82) colour = WHITE;
      px.set([...colour, 0xff], i);
    }
  }
  return px;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/**
 * The icon as a PNG file.
 * @example pngIcon(16).subarray(1, 4).toString() // 'PNG'
 */
export function pngIcon(size: number): Buffer {
  const px = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(px.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
