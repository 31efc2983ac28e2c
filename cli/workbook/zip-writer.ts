/**
 * Writes a zip archive of deflated entries, the container of an .xlsx
 * package (ECMA-376 part 2, Open Packaging Conventions, annex C): a local
 * header before each entry's bytes, then the central directory and its end
 * record, as laid out in the .ZIP File Format Specification (PKWARE APPNOTE)
 * §4.3.7, §4.3.12 and §4.3.16.
 *
 * Each entry is one gzip stream of Node's zlib (RFC 1952) whose deflate
 * data (RFC 1951) is what the zip entry holds: a large entry is written in
 * pieces and each piece is compressed on libuv's thread pool as soon as it
 * is full, so a 20 MB sheet is compressed on the other core while the next
 * rows are being written, and the stream's trailer gives the entry's CRC-32
 * and size. The CRC-32 is thus computed on the thread pool too: counted on
 * the main thread it took 14-20 ms of the CDNOW workbook, and a deflate
 * stream made anew for each 1 MB piece another 12-39 ms of setting up
 * (measured, loaded machine).
 */
import { createGzip, gzip } from 'node:zlib';

/**
 * Measured on the CDNOW customer sheet (19.6 MB of XML, in 1 MB pieces):
 * level 1 2.60 MB in 71 ms of CPU, 2 2.42 MB in 69 ms, 3 2.18 MB in 85 ms,
 * 6 (zlib's default) 1.90 MB in 201 ms; storing would write 19.6 MB. Level
 * 3 keeps most of the compression for less than half the time.
 */
export const ZIP_LEVEL = 3;

/** Bytes of text collected before a piece is sent to be compressed. */
const PIECE_BYTES = 1 << 20;

/**
 * Room for compressed bytes: at the default 16 KB, zlib handed a 1 MB
 * piece's output back in several rounds, each a trip through the thread
 * pool and a callback on the main thread; a piece of the customer sheet
 * deflates to about 120 KB, so it comes back in one.
 */
const OUT_BYTES = 1 << 18;

const OPTIONS = { level: ZIP_LEVEL, chunkSize: OUT_BYTES };

/** A gzip member's deflate data (in pieces), CRC-32 and size: its 10-byte header (no name, extra field or comment) and 8-byte trailer taken off. */
export interface Deflated {
  data: Buffer[];
  crc: number;
  size: number;
}

/** The member's pieces as zlib handed them out, without joining them (2 MB of the CDNOW sheet would be copied once more). */
export function fromGzip(member: readonly Buffer[]): Deflated {
  const length = member.reduce((n, b) => n + b.length, 0);
  const head = Buffer.concat(member.slice(0, 2)).subarray(0, 10);
  // ID1 ID2 CM=8 (deflate) FLG=0: the header zlib writes when given no gzip header fields (RFC 1952 §2.3).
  if (length < 18 || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8 || head[3] !== 0) throw new Error('zlib wrote an unexpected gzip header');
  const data: Buffer[] = [];
  const tail: Buffer[] = [];
  let at = 0;
  for (const b of member) {
    const from = Math.max(0, 10 - at);
    const to = Math.min(b.length, length - 8 - at);
    if (from < to) data.push(b.subarray(from, to));
    if (at + b.length > length - 8) tail.push(b.subarray(Math.max(0, length - 8 - at)));
    at += b.length;
  }
  const trailer = Buffer.concat(tail);
  return { data, crc: trailer.readUInt32LE(0), size: trailer.readUInt32LE(4) };
}

function gzipped(bytes: Buffer): Promise<Deflated> {
  return new Promise((resolve, reject) => gzip(bytes, OPTIONS, (error, out) => (error ? reject(error) : resolve(fromGzip([out])))));
}

/**
 * Pieces whose compression has finished, to be filled again. Writing into
 * fresh memory costs a page fault per 4 KB: the 19.6 MB customer sheet
 * written into new megabytes took 150–330 ms on the build machine, into
 * reused ones 1–17 ms (measured). A piece comes back when its deflate
 * callback runs, so a long synchronous writer lets the event loop turn now
 * and then (see segmentWorkbook) for its pieces to return.
 */
export class PiecePool {
  private readonly spare: Buffer[] = [];

  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafe(PIECE_BYTES);
  }

  give(piece: Buffer): void {
    this.spare.push(piece);
  }
}

/** An entry being written: text in, compressed bytes out. */
export class ZipEntry {
  /** Uncompressed bytes written so far. */
  size = 0;
  // Text is encoded as it comes, row by row, into the piece being filled: a short string is cheap to encode, a
  // joined megabyte of rows is not (joining them first cost about a third of the sheet's time, measured).
  private piece: Buffer | undefined;
  private used = 0;
  private ended = false;
  private stream: ReturnType<typeof createGzip> | undefined;
  private result: Promise<Deflated> | undefined;

  constructor(
    readonly name: string,
    private readonly pool = new PiecePool(),
  ) {}

  write(text: string): void {
    if (this.ended) throw new Error(`zip entry ${this.name} is already closed`);
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > PIECE_BYTES) {
      this.flush();
      if (text.length * 3 > PIECE_BYTES) {
        this.send(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.piece ??= this.pool.take();
    this.used += this.piece.write(text, this.used, 'utf8');
  }

  /**
   * Text known to be ASCII (a sheet's rows): copied a byte per character,
   * without the UTF-8 encoder's work, into the same pieces as write().
   */
  writeAscii(text: string): void {
    if (this.ended) throw new Error(`zip entry ${this.name} is already closed`);
    if (this.used + text.length > PIECE_BYTES) {
      this.flush();
      if (text.length > PIECE_BYTES) {
        this.send(Buffer.from(text, 'latin1'));
        return;
      }
    }
    this.piece ??= this.pool.take();
    this.used += this.piece.write(text, this.used, 'latin1');
  }

  /**
   * The piece being filled, with room for `bytes` more from `used` on, for
   * a writer that puts bytes in place (the customer sheet's rows) rather
   * than text; it then says how far it wrote with {@link commit}.
   */
  room(bytes: number): Buffer {
    if (this.ended) throw new Error(`zip entry ${this.name} is already closed`);
    if (bytes > PIECE_BYTES) throw new Error(`${bytes} bytes asked for at once; a piece holds ${PIECE_BYTES}`);
    if (this.used + bytes > PIECE_BYTES) this.flush();
    return (this.piece ??= this.pool.take());
  }

  /** Where the next byte goes in the piece {@link room} gave. */
  get at(): number {
    return this.used;
  }

  /** The bytes put in the piece {@link room} gave now end at `at`. */
  commit(at: number): void {
    if (at < this.used || at > PIECE_BYTES) throw new Error(`commit at ${at} outside the piece (${this.used}..${PIECE_BYTES})`);
    this.used = at;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const stream = this.stream;
    if (stream === undefined) {
      // Written at once (or empty): one gzip call, no stream to set up.
      const piece = this.piece;
      const bytes = piece === undefined ? Buffer.alloc(0) : Buffer.from(piece.subarray(0, this.used));
      if (piece) this.pool.give(piece);
      this.piece = undefined;
      this.size += bytes.length;
      this.result = gzipped(bytes);
    } else {
      this.flush();
      stream.end();
    }
  }

  /** The entry's deflate data, CRC-32 and size, once it has ended and all of it is compressed. */
  deflated(): Promise<Deflated> {
    if (this.result === undefined) throw new Error(`zip entry ${this.name} has not ended`);
    return this.result.then((d) => {
      if (d.size !== this.size) throw new Error(`${this.name}: zlib compressed ${d.size} bytes of ${this.size}`);
      return d;
    });
  }

  private flush(): void {
    const piece = this.piece;
    if (piece === undefined || this.used === 0) return;
    this.send(piece.subarray(0, this.used), piece);
    this.piece = undefined;
    this.used = 0;
  }

  /** Compresses `bytes` after those sent before; `piece`, the buffer they are in, goes back to the pool once they are compressed. */
  private send(bytes: Buffer, piece?: Buffer): void {
    this.size += bytes.length;
    if (this.size > 0xfffffffe) throw new Error(`${this.name} is larger than 4 GB, which needs ZIP64`);
    let stream = this.stream;
    if (stream === undefined) {
      const s = (stream = this.stream = createGzip(OPTIONS));
      const out: Buffer[] = [];
      s.on('data', (chunk: Buffer) => out.push(chunk));
      this.result = new Promise((resolve, reject) => {
        s.on('end', () => resolve(fromGzip(out)));
        s.on('error', reject);
      });
    }
    const pool = this.pool;
    // The write's callback runs once zlib has taken in all of the piece, which can then be filled again.
    stream.write(bytes, piece ? () => pool.give(piece) : undefined);
  }
}

/** DOS date and time (APPNOTE §4.4.6), local time as zip tools show it. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private readonly entries: ZipEntry[] = [];
  private readonly pool = new PiecePool();
  private readonly stamp: { time: number; date: number };

  constructor(modified = new Date()) {
    this.stamp = dosTime(modified);
  }

  /** An entry to write in pieces; it is stored in the order entries were opened. */
  open(name: string): ZipEntry {
    const entry = new ZipEntry(name, this.pool);
    this.entries.push(entry);
    return entry;
  }

  /** A whole entry at once. `first` puts it at the head of the archive. */
  add(name: string, text: string, first = false): void {
    const entry = new ZipEntry(name, this.pool);
    entry.write(text);
    entry.end();
    if (first) this.entries.unshift(entry);
    else this.entries.push(entry);
  }

  /** The archive, once every entry is compressed. */
  async finish(): Promise<Uint8Array> {
    const pieces: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const e of this.entries) {
      const d = await e.deflated();
      const compressed = d.data.reduce((n, b) => n + b.length, 0);
      const name = Buffer.from(e.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      this.common(local, 4, d, compressed);
      local.writeUInt16LE(name.length, 26);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4); // made by: version 2.0, MS-DOS attributes
      this.common(record, 6, d, compressed);
      record.writeUInt16LE(name.length, 28);
      // Extra field, comment, disk number, internal and external attributes: none (zeros).
      record.writeUInt32LE(offset, 42);
      central.push(record, name);
      pieces.push(local, name, ...d.data);
      offset += local.length + name.length + compressed;
      if (offset > 0xfffffffe) throw new Error('the workbook is larger than 4 GB, which needs ZIP64');
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    const out = Buffer.concat([...pieces, directory, end]);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  /** The fields a local header and a central directory record share, from "version needed" on. */
  private common(b: Buffer, at: number, d: Deflated, compressed: number): void {
    b.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
    b.writeUInt16LE(0x0800, at + 2); // names are UTF-8 (APPNOTE appendix D)
    b.writeUInt16LE(8, at + 4); // deflate
    b.writeUInt16LE(this.stamp.time, at + 6);
    b.writeUInt16LE(this.stamp.date, at + 8);
    b.writeUInt32LE(d.crc >>> 0, at + 10);
    b.writeUInt32LE(compressed, at + 14);
    b.writeUInt32LE(d.size, at + 18);
  }
}
