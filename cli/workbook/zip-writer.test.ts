/**
 * The zip container read back by two other readers: jszip (with its CRC-32
 * check) and Info-ZIP's `unzip -t` when installed. An entry written row by
 * row across several compressed pieces must come back byte for byte,
 * Chinese and emoji included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, gzipSync, inflateRawSync } from 'node:zlib';
import { fromGzip, type PiecePool, ZipWriter } from './zip-writer.ts';

/** About 3 MB of sheet-like rows with Chinese and emoji: several pieces, multi-byte characters. */
function bigRows(): string[] {
  const rows: string[] = [];
  for (let i = 0; i < 40_000; i++) rows.push(`<row r="${i + 1}"><c><v>${i * 0.1}</v></c><c t="s"><v>客户${i}🙂</v></c></row>`);
  return rows;
}

describe('ZipWriter', () => {
  it('writes entries that jszip reads back byte for byte with their CRC-32 checked', async () => {
    const zip = new ZipWriter(new Date(2026, 0, 31, 12, 30, 10));
    const rows = bigRows();
    const big = rows.join('');
    expect(big.length).toBeGreaterThan(2 * (1 << 20));
    const sheet = zip.open('xl/worksheets/sheet1.xml');
    // One row at a time, as the sheet writer does, and one text longer than a piece.
    for (const row of rows) sheet.write(row);
    sheet.write(big);
    sheet.end();
    zip.add('xl/empty.xml', '');
    zip.add('[Content_Types].xml', '<Types/>', true);
    const bytes = await zip.finish();

    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/empty.xml']);
    expect(await read.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(big + big);
    expect(await read.file('xl/empty.xml')!.async('string')).toBe('');
    expect(await read.file('[Content_Types].xml')!.async('string')).toBe('<Types/>');
    // DOS time keeps even seconds (APPNOTE §4.4.6).
    expect(read.file('xl/empty.xml')!.date.getMinutes()).toBe(30);
    // Deflated, not stored: sheet XML compresses many times over.
    expect(bytes.length).toBeLessThan((2 * big.length) / 4);
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v unzip']).status !== 0)('passes unzip -t', async () => {
    const zip = new ZipWriter();
    const e = zip.open('a.xml');
    for (const row of bigRows()) e.write(row);
    e.end();
    zip.add('b.xml', '<b/>');
    const file = join(mkdtempSync(join(tmpdir(), 'cvlens-zip-')), 'x.zip');
    writeFileSync(file, await zip.finish());
    const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('No errors detected');
  });

  it('fills a piece again only once it is compressed: ASCII rows with the event loop turning between them come back intact', async () => {
    const zip = new ZipWriter();
    const e = zip.open('xl/worksheets/sheet1.xml');
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c><v>${i / 7}</v></c></row>`);
    let taken = 0;
    const pool = (e as unknown as { pool: PiecePool }).pool;
    const take = pool.take.bind(pool);
    pool.take = () => {
      taken++;
      return take();
    };
    for (let i = 0; i < rows.length; i++) {
      e.writeAscii(rows[i]!);
      // As segmentWorkbook does: compressed pieces return to the pool while the rows go on.
      if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
    }
    e.end();
    const read = await JSZip.loadAsync(await zip.finish(), { checkCRC32: true });
    expect(await read.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(rows.join(''));
    expect(taken).toBeGreaterThan(2);
  });

  it('takes the deflate data, CRC-32 and size out of a gzip member handed out in pieces of any size', () => {
    const text = Buffer.from(bigRows().slice(0, 2000).join(''));
    const member = gzipSync(text, { level: 3 });
    // Pieces that cut the 10-byte header and the 8-byte trailer anywhere.
    for (const cuts of [[], [1], [9, 10, 11], [5, member.length - 9, member.length - 3], [member.length - 1], [10, member.length - 8]]) {
      const pieces: Buffer[] = [];
      let from = 0;
      for (const at of [...cuts, member.length]) {
        pieces.push(member.subarray(from, at));
        from = at;
      }
      const d = fromGzip(pieces);
      expect(inflateRawSync(Buffer.concat(d.data)).equals(text)).toBe(true);
      expect([d.crc, d.size]).toEqual([crc32(text), text.length]);
    }
  });

  it('refuses to write into an entry that has ended', () => {
    const e = new ZipWriter().open('a.xml');
    e.end();
    expect(() => e.write('x')).toThrow('zip entry a.xml is already closed');
  });
});
