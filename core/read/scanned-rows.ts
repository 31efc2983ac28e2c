/**
 * The byte lane (byte-rows.ts) cut in two, so that reading and cutting a
 * file's rows can run on another thread than the summary they feed: one
 * side reads the file and records each piece's rows (days, amounts, where
 * each row, its id and its text cells lie in the piece) into typed
 * arrays that can be transferred; the other replays the records into the
 * reader's target in line order, as scanByteRows would have called it. The
 * rows added, the rows rejected and their lines are the same
 * (scanned-rows.test.ts): a row is decided by the replaying side only where
 * it depends on what came before (a day/month order not yet settled), and
 * there the row's own bytes, carried along, are cut as the text scan cuts
 * them. Core owns no thread: the command line's worker (cli/parse-worker.ts)
 * runs {@link recordByteRows}.
 */
import { ByteIds, plainText, scanByteRows, slowLine, type ByteLanePlan, type ByteRowTarget, type LineText } from './byte-rows.ts';
import type { ByteSource } from './byte-source.ts';
import type { Message } from '../i18n/messages.ts';
import type { RowVisitor } from './read-table.ts';

/** See decode-text.ts: core compiles without DOM or Node types. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

/** A record's kind. */
const FAST = 0;
const SLOW = 1;
const BLANK = 2;
const BAD = 3;

/**
 * The rows of one piece of a file, as recorded: record i is a row the lane
 * read (kind 0, its fields in the arrays at i), a row for the text reader
 * (kind 1, its cells next in `slow`), a blank line (2) or a bad one (3, its
 * problem next in `problems`). Every array has its own buffer, so a piece
 * can be transferred to another thread without a copy.
 */
export interface ScannedPiece {
  /** The piece of the file its rows lie in (empty for the closing record of a file). */
  bytes: Uint8Array;
  /** How far into the file this piece ends, 0 … 1 (for progress). */
  upTo: number;
  kinds: Uint8Array;
  lines: Int32Array;
  /** Per record, the row's bytes' start and end in `bytes`. */
  spans: Int32Array;
  /** Per record, the id's start and end in `bytes` (found among the ids met by the replaying side). */
  ids: Int32Array;
  days: Int32Array;
  amounts: Float64Array;
  /** NaN: the row has no quantity. */
  quantities: Float64Array;
  /** Per record, start and end of each of the plan's text columns (equal: no such cell). */
  texts: Int32Array;
  slow: string[][];
  problems: Message[];
  /** On the file's last record: the physical line count scanByteRows returned. */
  lineCount?: number;
}

/** The buffers of a piece, for postMessage's transfer list. */
export function pieceBuffers(p: ScannedPiece): ArrayBuffer[] {
  const all = [p.bytes, p.kinds, p.lines, p.spans, p.ids, p.days, p.amounts, p.quantities, p.texts].map((a) => a.buffer as ArrayBuffer);
  return [...new Set(all)].filter((b) => b.byteLength > 0);
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T {
  const c = make(n);
  c.set(a);
  return c;
}

/** The lane's id lookup left out: remembers where the row's id lies, for the replaying side to find it. */
class IdSpans extends ByteIds {
  s = 0;
  e = 0;
  override find(_b: Uint8Array, s: number, e: number): number {
    this.s = s;
    this.e = e;
    return 0;
  }
}

/**
 * Reads the file a piece at a time by the lane's rules (scanByteRows with
 * every row taken), calling `onPiece` with each piece's records; the last
 * call carries `lineCount`.
 */
export function recordByteRows(source: ByteSource, plan: ByteLanePlan, onPiece: (piece: ScannedPiece) => void, pieceBytes?: number): void {
  const ids = new IdSpans();
  const nt = plan.texts.length;
  const textCols = Int32Array.from(plan.texts);
  let n = 0;
  let kinds = new Uint8Array(1 << 14);
  let lines = new Int32Array(1 << 14);
  let spans = new Int32Array(2 << 14);
  let rowIds = new Int32Array(2 << 14);
  let days = new Int32Array(1 << 14);
  let amounts = new Float64Array(1 << 14);
  let quantities = new Float64Array(1 << 14);
  let texts = new Int32Array(Math.max(1, 2 * nt) << 14);
  let slow: string[][] = [];
  let problems: Message[] = [];
  // Grown all together, checked once a record (a closure per array per row had been a third of the recording's time).
  const room = () => {
    if (n < kinds.length) return;
    const m = kinds.length * 2;
    kinds = grow(kinds, m, (k) => new Uint8Array(k));
    lines = grow(lines, m, (k) => new Int32Array(k));
    rowIds = grow(rowIds, 2 * m, (k) => new Int32Array(k));
    days = grow(days, m, (k) => new Int32Array(k));
    amounts = grow(amounts, m, (k) => new Float64Array(k));
    quantities = grow(quantities, m, (k) => new Float64Array(k));
    spans = grow(spans, 2 * m, (k) => new Int32Array(k));
    if (nt > 0) texts = grow(texts, 2 * nt * m, (k) => new Int32Array(k));
  };
  const flush = (bytes: Uint8Array, upTo: number, lineCount?: number) => {
    const piece: ScannedPiece = {
      bytes,
      upTo,
      kinds: kinds.slice(0, n),
      lines: lines.slice(0, n),
      spans: spans.slice(0, 2 * n),
      ids: rowIds.slice(0, 2 * n),
      days: days.slice(0, n),
      amounts: amounts.slice(0, n),
      quantities: quantities.slice(0, n),
      texts: texts.slice(0, 2 * nt * n),
      slow,
      problems,
    };
    if (lineCount !== undefined) piece.lineCount = lineCount;
    n = 0;
    slow = [];
    problems = [];
    onPiece(piece);
  };
  const target: ByteRowTarget = {
    direct: () => true,
    row(id, day, amount, line, cells, quantity) {
      room();
      kinds[n] = FAST;
      lines[n] = line;
      spans[2 * n] = cells.lineStart;
      spans[2 * n + 1] = cells.lineEnd;
      rowIds[2 * n] = ids.s;
      rowIds[2 * n + 1] = ids.e;
      days[n] = day;
      amounts[n] = amount;
      quantities[n] = quantity === undefined ? NaN : quantity;
      if (nt > 0) {
        const count = cells.cellCount;
        for (let j = 0; j < nt; j++) {
          const col = textCols[j];
          const s = col < count ? cells.start(col) : 0;
          const e = col < count ? cells.end(col) : 0;
          texts[2 * (n * nt + j)] = e > s ? s : 0;
          texts[2 * (n * nt + j) + 1] = e > s ? e : 0;
        }
      }
      n++;
    },
    pieceDone: (piece, upTo) => flush(piece.slice(), upTo),
  };
  const other = (kind: number, line: number) => {
    room();
    kinds[n] = kind;
    lines[n] = line;
    n++;
  };
  const visit: RowVisitor = {
    row(cells, line) {
      other(SLOW, line);
      slow.push(cells);
    },
    blank: (line) => other(BLANK, line),
    bad(line, problem) {
      other(BAD, line);
      problems.push(problem);
    },
  };
  const lineCount = scanByteRows(source, plan, ids, target, visit, undefined, pieceBytes);
  flush(new Uint8Array(0), 1, lineCount);
}

/**
 * Feeds recorded pieces (from `next`, undefined after the last) to the
 * lane's target and the text reader's visitor in line order, as
 * scanByteRows would have, finding each row's id among `ids` here (the
 * hash lookup and a string per customer are half of what the lane spends
 * per row: measured, the worker was the slower side when it did them).
 * Returns the physical line count.
 */
export function replayByteRows(
  next: () => ScannedPiece | undefined,
  plan: ByteLanePlan,
  ids: ByteIds,
  target: ByteRowTarget,
  visit: RowVisitor,
  onProgress?: (f: number) => void,
): number {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const nt = plan.texts.length;
  const slot = new Map(plan.texts.map((col, j) => [col, j] as const));
  let p: ScannedPiece | undefined;
  let i = 0;
  const span = (col: number, end: 0 | 1): number => {
    const j = slot.get(col);
    return j === undefined ? 0 : p!.texts[2 * (i * nt + j) + end];
  };
  const view: LineText = {
    text(col) {
      const s = span(col, 0);
      const e = span(col, 1);
      return e > s ? decoder.decode(p!.bytes.subarray(s, e)).trim() : '';
    },
    plain(col) {
      const s = span(col, 0);
      const e = span(col, 1);
      return plainText(p!.bytes, s, e);
    },
    get piece() {
      return p!.bytes;
    },
    start: (col) => span(col, 0),
    end: (col) => span(col, 1),
    get cellCount() {
      return Math.max(...plan.texts) + 1;
    },
    get lineStart() {
      return p!.spans[2 * i];
    },
    get lineEnd() {
      return p!.spans[2 * i + 1];
    },
  };
  let lineCount = 0;
  for (p = next(); p !== undefined; p = next()) {
    let slowAt = 0;
    let badAt = 0;
    for (i = 0; i < p.kinds.length; i++) {
      const line = p.lines[i];
      switch (p.kinds[i]) {
        case FAST:
          if (target.direct()) {
            const q = p.quantities[i];
            const id = ids.find(p.bytes, p.ids[2 * i], p.ids[2 * i + 1]);
            target.row(id, p.days[i], p.amounts[i], line, view, q === q ? q : undefined);
          } else {
            slowLine(decoder, p.bytes, p.spans[2 * i], p.spans[2 * i + 1], plan.delimiter, line, visit);
          }
          break;
        case SLOW:
          visit.row(p.slow[slowAt++], line);
          break;
        case BLANK:
          visit.blank(line);
          break;
        default:
          visit.bad(line, p.problems[badAt++]);
      }
    }
    onProgress?.(p.upTo);
    if (p.lineCount !== undefined) lineCount = p.lineCount;
  }
  return lineCount;
}
