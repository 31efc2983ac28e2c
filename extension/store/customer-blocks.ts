import { customerIndexKeys } from '../match/keys.ts';
import type { StoredCustomer } from './stored-customer.ts';
import type { ChunkedCustomer } from './packed-customers.ts';

/**
 * Customers as the third layout stores them (see ref-layout.ts): in import
 * order, as many per record as fit in BLOCK_BYTES, each found by its
 * position, so key and term chunks name a customer by a number (a `ref`)
 * instead of by its id.
 *
 * Why smaller than the packed chunks before it (packed-customers.ts), by
 * about half: Chromium's IndexedDB spends its time per byte written as well
 * as per record (the browser process's CPU followed the bytes written in
 * `npm run bench -- imports`), and those chunks repeated each customer's
 * lookup keys (e-mail, domain and company again, prefixed) and spelled out
 * tier, RFM cell and segment, stage and matrix cell. Keys are left out when
 * they are the ones customerIndexKeys gives for the customer's fields (every
 * import's rows); those five fields are one byte each, an index into the
 * block's own list of the words used.
 *
 * Per customer, in order: TEXT fields in `text` ('' = absent), then its CRM
 * ids, then its keys when stored; `lists` holds, per customer, how many CRM
 * ids and stored keys follow (DERIVED_KEYS: none, worked out from the
 * fields); `codes` holds CODED fields (0 = absent, n = words[n - 1]); `num`
 * NUM fields (NaN = absent).
 */
export interface CustomerBlock {
  layout: 3;
  text: string;
  lens: Uint16Array | Uint32Array;
  lists: Uint16Array;
  codes: Uint8Array;
  words: string[];
  num: Float64Array;
}

const TEXT = ['id', 'name', 'email', 'company', 'domain'] as const;
const CODED = ['tier', 'rfmCell', 'rfmSegment', 'stage', 'matrix'] as const;
const NUM = ['churnRisk', 'churnHorizonDays', 'clv', 'value'] as const;
/** The `lists` mark of a customer whose keys are customerIndexKeys of its fields. */
const DERIVED_KEYS = 0xffff;
/** More CRM ids or keys than this per customer are cut off; no real record has a fraction of it. */
const MAX_LIST = 0xfffe;
/** Distinct coded words per block (a byte each, 0 = absent). */
const MAX_WORDS = 255;

/**
 * Customers per block at most: a ref is `block × REF_SPAN + position`, a
 * 32-bit number for up to a million blocks.
 */
export const REF_SPAN = 4096;
/**
 * Bytes per block at most, as structured clone writes it. Below 64 KiB,
 * which Chromium (version 156) keeps in LevelDB itself: a larger value is a
 * file of its own, and a lookup that reads one takes several times longer
 * (see chunk-layout.ts). Half of it: a lookup reads the whole block.
 */
export const BLOCK_BYTES = 32 * 1024;

/** A character beyond Latin-1: the string is cloned two bytes per character. */
const WIDE = /[^\x00-\xff]/;

/** The ref of position `pos` in block `block`. */
export const refOf = (block: number, pos: number): number => block * REF_SPAN + pos;
export const blockOf = (ref: number): number => Math.floor(ref / REF_SPAN);
export const positionOf = (ref: number): number => ref % REF_SPAN;

/**
 * Packs customers into blocks as they come, handing each full block to
 * `onBlock` at once (the store writes it while the next is packed).
 *
 * @example
 * const blocks: CustomerBlock[] = [];
 * const w = new CustomerBlockWriter((b) => blocks.push(b));
 * w.add({ id: 'A', tier: 'VIP', keys: [] }, false); // 0: block 0, position 0
 * w.finish(); // 1 block
 */
export class CustomerBlockWriter {
  private text: string[] = [];
  private lists: number[] = [];
  private codes: number[] = [];
  private num: number[] = [];
  private words = new Map<string, number>();
  private count = 0;
  /** Characters of text so far, and bytes of everything else (lengths at 2 bytes each). */
  private chars = 0;
  private fixed = 0;
  private wide = false;
  private blocks = 0;

  constructor(private readonly onBlock: (block: CustomerBlock, n: number) => void) {}

  /**
   * Adds a customer; returns its ref. `keysDerived`: its keys are known to
   * be customerIndexKeys of its fields (left out); otherwise they are
   * compared with them, and stored when they differ.
   */
  add(c: StoredCustomer | ChunkedCustomer, keysDerived: boolean): number {
    let chars = 0;
    let wide = false;
    for (let f = 0; f < TEXT.length; f++) {
      const v = c[TEXT[f]];
      if (v) {
        chars += v.length;
        if (!wide && WIDE.test(v)) wide = true;
      }
    }
    const crmIds = c.crmIds ?? [];
    const nCrm = Math.min(crmIds.length, MAX_LIST);
    for (let i = 0; i < nCrm; i++) chars += crmIds[i].length;
    const keys = keysDerived || sameKeys(c.keys, customerIndexKeys(c)) ? undefined : c.keys;
    const nKeys = keys ? Math.min(keys.length, MAX_LIST) : 0;
    for (let i = 0; i < nKeys; i++) chars += keys![i].length;
    let newWords = 0;
    for (let f = 0; f < CODED.length; f++) {
      const w = c[CODED[f]];
      if (w !== undefined && !this.words.has(w)) newWords++;
    }
    const size = (TEXT.length + nCrm + nKeys) * 2 + 4 + CODED.length + NUM.length * 8;
    const wideAfter = this.wide || wide;
    const estimate = (this.chars + chars) * (wideAfter ? 2 : 1) + this.fixed + size;
    if (this.count > 0 && (this.count >= REF_SPAN || this.words.size + newWords > MAX_WORDS || estimate > BLOCK_BYTES)) this.flush();
    const { text, num, codes } = this;
    for (let f = 0; f < TEXT.length; f++) text.push(c[TEXT[f]] ?? '');
    for (let i = 0; i < nCrm; i++) text.push(crmIds[i]);
    for (let i = 0; i < nKeys; i++) text.push(keys![i]);
    this.lists.push(nCrm, keys ? nKeys : DERIVED_KEYS);
    for (let f = 0; f < CODED.length; f++) {
      const w = c[CODED[f]];
      if (w === undefined) codes.push(0);
      else {
        let code = this.words.get(w);
        if (code === undefined) this.words.set(w, (code = this.words.size + 1));
        codes.push(code);
      }
    }
    for (let f = 0; f < NUM.length; f++) num.push(c[NUM[f]] ?? NaN);
    this.chars += chars;
    this.fixed += size;
    this.wide ||= wide;
    return refOf(this.blocks, this.count++);
  }

  /** Hands over the last block; returns how many blocks there are (at least one). */
  finish(): number {
    if (this.count > 0 || this.blocks === 0) this.flush();
    return this.blocks;
  }

  private flush(): void {
    const { text } = this;
    let long = false;
    for (let i = 0; i < text.length && !long; i++) long = text[i].length > 0xffff;
    const lens = long ? new Uint32Array(text.length) : new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) lens[i] = text[i].length;
    const block: CustomerBlock = {
      layout: 3,
      text: text.join(''),
      lens,
      lists: Uint16Array.from(this.lists),
      codes: Uint8Array.from(this.codes),
      words: [...this.words.keys()],
      num: Float64Array.from(this.num),
    };
    this.onBlock(block, this.blocks++);
    this.text = [];
    this.lists = [];
    this.codes = [];
    this.num = [];
    this.words = new Map();
    this.count = 0;
    this.chars = 0;
    this.fixed = 0;
    this.wide = false;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a stored customer chunk is a block of this layout. */
export function isBlock(chunk: unknown): chunk is CustomerBlock {
  return typeof chunk === 'object' && chunk !== null && (chunk as CustomerBlock).layout === 3;
}

/**
 * The customers of a block, all of them or only the one at `pos`
 * (a lookup builds one object, not a block's worth).
 * @example readBlock(block, 0)[0].id
 */
export function readBlock(block: CustomerBlock, pos?: number): ChunkedCustomer[] {
  const { text, lens, lists, codes, words, num } = block;
  const customers = lists.length / 2;
  let at = 0;
  let field = 0;
  const from = pos ?? 0;
  const to = pos === undefined ? customers : Math.min(pos + 1, customers);
  // Skips the customers before `from` without cutting any string.
  for (let i = 0; i < from; i++) {
    const n = TEXT.length + lists[2 * i] + (lists[2 * i + 1] === DERIVED_KEYS ? 0 : lists[2 * i + 1]);
    for (let k = 0; k < n; k++) at += lens[field + k];
    field += n;
  }
  const next = (): string => {
    const end = at + lens[field++];
    const out = text.slice(at, end);
    at = end;
    return out;
  };
  const out: ChunkedCustomer[] = [];
  for (let i = from; i < to; i++) {
    const c: Record<string, unknown> = {};
    for (let f = 0; f < TEXT.length; f++) {
      const v = next();
      if (v !== '') c[TEXT[f]] = v;
    }
    for (let f = 0; f < CODED.length; f++) {
      const code = codes[i * CODED.length + f];
      if (code !== 0) c[CODED[f]] = words[code - 1];
    }
    for (let f = 0; f < NUM.length; f++) {
      const v = num[i * NUM.length + f];
      if (!Number.isNaN(v)) c[NUM[f]] = v;
    }
    const nCrm = lists[2 * i];
    const nKeys = lists[2 * i + 1];
    if (nCrm > 0) c.crmIds = Array.from({ length: nCrm }, next);
    const customer = c as unknown as ChunkedCustomer;
    customer.keys = nKeys === DERIVED_KEYS ? customerIndexKeys(customer) : Array.from({ length: nKeys }, next);
    out.push(customer);
  }
  return out;
}
