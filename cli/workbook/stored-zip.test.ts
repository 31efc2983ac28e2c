import archiver from 'archiver';
import { describe, expect, it } from 'vitest';
import { readStoredZip } from './stored-zip.ts';

async function storedZip(files: Record<string, string>): Promise<Uint8Array> {
  const zip = archiver('zip', { store: true });
  const chunks: Buffer[] = [];
  zip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => zip.on('end', resolve));
  for (const [name, text] of Object.entries(files)) zip.append(text, { name });
  await zip.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('readStoredZip', () => {
  it('reads back what archiver stored, names and bytes, in order', async () => {
    const files = { '[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': '<worksheet>客户</worksheet>', 'xl/empty.xml': '' };
    const entries = readStoredZip(await storedZip(files));
    expect([...entries.keys()]).toEqual(Object.keys(files));
    for (const [name, text] of Object.entries(files)) expect(new TextDecoder().decode(entries.get(name))).toBe(text);
  });

  it('refuses what is not a zip, and compressed entries', async () => {
    expect(() => readStoredZip(new TextEncoder().encode('not a zip at all, just some text of some length'))).toThrow(/not a zip/);
    const zip = archiver('zip', { zlib: { level: 9 } });
    const chunks: Buffer[] = [];
    zip.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => zip.on('end', resolve));
    zip.append('x'.repeat(1000), { name: 'a.txt' });
    await zip.finalize();
    await done;
    expect(() => readStoredZip(new Uint8Array(Buffer.concat(chunks)))).toThrow(/compressed/);
  });
});
