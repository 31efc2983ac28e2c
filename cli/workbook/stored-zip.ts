/**
 * The entries of a zip whose entries are stored, not compressed (what
 * exceljs writes when asked to store): a stored entry is its bytes after a
 * header, so reading one is a slice. Reading them through jszip copied a
 * 23,570-customer sheet several times over (about a second of CPU, measured);
 * the layout is that of the .ZIP File Format Specification (PKWARE APPNOTE),
 * §4.3.7 (local header), §4.3.12 (central directory), §4.3.16 (end record).
 */

/** Name → bytes of every file entry, in the order of the central directory. */
export function readStoredZip(zip: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record is the last 22 bytes when there is no comment; search back over a comment if any.
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (method !== 0) throw new Error(`zip entry ${name} is compressed (method ${method}); only stored entries are read here`);
    if (size === 0xffffffff || local === 0xffffffff) throw new Error(`zip entry ${name} needs ZIP64, which is not read here`);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (!name.endsWith('/')) entries.set(name.replace(/^\//, ''), zip.subarray(data, data + size));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
