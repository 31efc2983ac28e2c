import { crc32, deflateSync } from 'node:zlib';

/**
 * Encodes an RGBA pixel buffer as a PNG file (8-bit, colour type 6, no interlace).
 * Used at build time to draw the icons, so no binary files live in the repo.
 *
 * @param width, height  in pixels, ≥ 1
 * @param rgba  width × height × 4 bytes, row by row
 * @throws Error when the buffer size does not match the dimensions
 * @example
 * encodePng(1, 1, new Uint8Array([255, 0, 0, 255])).subarray(1, 4).toString() // 'PNG'
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (width < 1 || height < 1 || rgba.length !== width * height * 4) {
    throw new Error(`encodePng: expected ${width}×${height}×4 bytes, got ${rgba.length}`);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter byte 0 (none) starts each scanline.
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
