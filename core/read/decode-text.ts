import { CvError } from '../errors.ts';

/**
 * The platform's WHATWG TextDecoder (Node ≥ 11 and every browser have it;
 * 'gb18030' needs full ICU, which Node ships by default). Declared here
 * because core/ compiles without DOM or Node types.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}

/** Encodings a transaction file may come in; `auto` sniffs. */
export type TextEncodingOption = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Decoded text and the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/**
 * Turns file bytes into text. With `auto` (the default): a byte-order mark
 * decides (UTF-8, UTF-16 LE/BE); otherwise the bytes are tried as strict
 * UTF-8 and, when they are not valid UTF-8, read as GB18030 — the superset of
 * GBK that Excel on Chinese Windows writes ("CSV" without "UTF-8"). A BOM is
 * never part of the text. Naming an encoding skips the sniffing; invalid bytes
 * then become U+FFFD.
 * Throws CvError('decodeText', 'value') when the platform lacks the decoder.
 * @example decodeText(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7])) // { text: '客户', encoding: 'gb18030' }
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingOption = 'auto'): DecodedText {
  if (encoding !== 'auto') return { text: decodeWith(encoding, bytes, false), encoding };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith('utf-8', bytes, false), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeWith('utf-16le', bytes, false), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeWith('utf-16be', bytes, false), encoding: 'utf-16be' };
  try {
    return { text: decodeWith('utf-8', bytes, true), encoding: 'utf-8' };
  } catch (e) {
    if (e instanceof CvError) throw e;
    return { text: decodeWith('gb18030', bytes, false), encoding: 'gb18030' };
  }
}

function decodeWith(label: DecodedText['encoding'], bytes: Uint8Array, fatal: boolean): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal });
  } catch {
    throw new CvError('decodeText', 'value', `this platform cannot decode ${label} text (its TextDecoder lacks that encoding).`);
  }
  // TextDecoder strips a leading BOM of its own encoding (ignoreBOM defaults to false).
  return decoder.decode(bytes);
}
