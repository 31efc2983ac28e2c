/**
 * File bytes decoded a few megabytes at a time, so that reading a file never
 * holds its whole text as one string: a string of a 10-million-row file
 * would pass V8's length limit (2^29 characters) and, with the rows split
 * out of it, take several times the file's size.
 */
import { CvError } from '../errors.ts';
import type { TextEncodingOption } from './decode-text.ts';

/** See decode-text.ts: core compiles without DOM or Node types. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Bytes decoded per piece. */
export const PIECE_BYTES = 4 * 2 ** 20;

export interface TextPieces {
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
  /** Input length in bytes (for progress). */
  bytes: number;
  /**
   * The text from its start, piece by piece, with the byte offset reached
   * after each; a new pass decodes again. The first piece holds at least
   * 2^20 characters (or the whole text), as papaparse's newline guess reads.
   */
  pieces(): Generator<{ text: string; reached: number }>;
}

/**
 * Whether the bytes are UTF-8 as a fatal WHATWG decoder takes it (no
 * overlong forms, surrogates or code points past U+10FFFF, no truncated
 * sequence at the end), checked without building the text. With
 * `withoutQuote`, also whether no byte is a double quote, in the same pass
 * (the byte lane's check of a whole file: a separate search for the quote
 * had been a second pass over its 70 MB, docs/scale.md).
 */
export function isUtf8(b: Uint8Array, withoutQuote = false): boolean {
  const n = b.length;
  // Most of a transaction file is ASCII: runs of it are checked a 32-bit
  // word at a time (any byte ≥ 0x80 sets a bit of 0x80808080): a third less
  // time on a file with an accented name on most rows, far less on plain
  // ASCII (docs/scale.md).
  const lead = (4 - (b.byteOffset & 3)) & 3;
  const words = n >= lead + 4 ? new Uint32Array(b.buffer, b.byteOffset + lead, (n - lead) >>> 2) : new Uint32Array(0);
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      if (c === 34 && withoutQuote) return false;
      i++;
      if (i >= lead && ((i - lead) & 3) === 0) {
        let w = (i - lead) >>> 2;
        if (withoutQuote) {
          // A word of four ASCII bytes none of which is 0x22: x = word ^ 0x22222222 has no zero byte.
          for (; w < words.length; w++) {
            const v = words[w];
            if ((v & 0x80808080) !== 0) break;
            const x = v ^ 0x22222222;
            if (((x - 0x01010101) & ~x & 0x80808080) !== 0) return false;
          }
        } else {
          while (w < words.length && (words[w] & 0x80808080) === 0) w++;
        }
        i = lead + w * 4;
      }
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    if (i + need >= n) return false;
    const d = b[i + 1];
    if (d < lo || d > hi) return false;
    for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

function decoder(label: TextPieces['encoding']): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    throw new CvError('decodeText', 'value', `this platform cannot decode ${label} text (its TextDecoder lacks that encoding).`);
  }
}

/**
 * The encoding decodeText would choose (BOM, else strict UTF-8, else
 * GB18030), and the bytes as pieces of text in it. A BOM is never part of
 * the text.
 */
export function textPieces(bytes: Uint8Array, option: TextEncodingOption = 'auto', pieceBytes = PIECE_BYTES): TextPieces {
  let encoding: TextPieces['encoding'];
  if (option !== 'auto') encoding = option;
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else encoding = isUtf8(bytes) ? 'utf-8' : 'gb18030';
  decoder(encoding); // says at once when the platform lacks it
  // A line feed byte is a line feed in UTF-8 and GB18030 (never part of a
  // longer character), so pieces can end just after one: then a piece holds
  // whole lines and the scan needs no join of a line's two halves (joining
  // a short rest to a piece of megabytes made V8 copy the piece).
  const cutAtLineFeed = encoding === 'utf-8' || encoding === 'gb18030';
  return {
    encoding,
    bytes: bytes.length,
    *pieces() {
      const d = decoder(encoding);
      let at = 0;
      let pending = '';
      while (at < bytes.length) {
        let end = Math.min(bytes.length, at + pieceBytes);
        if (cutAtLineFeed && end < bytes.length) {
          const lf = bytes.subarray(at, end).lastIndexOf(0x0a);
          if (lf >= pieceBytes >>> 1) end = at + lf + 1;
        }
        pending += d.decode(bytes.subarray(at, end), { stream: end < bytes.length });
        at = end;
        if (pending.length >= Math.min(2 ** 20, pieceBytes) || at === bytes.length) {
          yield { text: pending, reached: at };
          pending = '';
        }
      }
      if (bytes.length === 0) yield { text: '', reached: 0 };
    },
  };
}
