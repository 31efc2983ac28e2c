/**
 * Every Excel API call of the task pane, in one place. The rest of the pane
 * is pure and testable; this module is tested against the in-memory Excel
 * (test/addin/excel-mock).
 *
 * Limits (Excel on the web): a request or response of one `context.sync()`
 * may not exceed 5 MB. So ranges are read and written in chunks of at most
 * CHUNK_ROWS rows, halving the chunk on a payload-too-large error; values
 * are written before formats; a selection above MAX_READ_CELLS cells is
 * refused before anything is read.
 */
import { a1, blockSize, uniqueSheetName, uniqueTableName, type Block, type SheetPlan } from './sheet-plan.ts';
import type { ErrorCell } from '../shared/error-cells.ts';
import { textRanges } from './text-cells.ts';

/** The largest selection the pane reads: 5 million cells (about 500 MB of JS values at worst). */
export const MAX_READ_CELLS = 5_000_000;
/** Rows per sync when reading or writing. */
export const CHUNK_ROWS = 5000;

/** The `Excel.run` the pane uses (the real one, or the in-memory one in tests). */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface SelectionInfo {
  sheet: string;
  address: string;
  /** 0-based position and size, clipped to the sheet's used range. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  /** True when the selection was one cell and this is its current region instead. */
  expanded: boolean;
}

export interface ChunkOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  chunkRows?: number;
}

/** The selection was refused before reading; the pane words it in the user's language from `cells` and `max`. */
export class SelectionTooLargeError extends Error {
  override readonly name = 'SelectionTooLargeError';
  constructor(
    readonly cells: number,
    readonly max: number,
  ) {
    super(
      `The selection has ${cells.toLocaleString('en-US')} cells; the pane reads at most ${max.toLocaleString('en-US')}. Select fewer rows or columns, or use the command line for larger data.`,
    );
  }
}

const isPayloadError = (e: unknown) =>
  typeof e === 'object' && e !== null && ['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded'].includes((e as { code?: string }).code ?? '');

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
}

/**
 * Where the selection is and how big it is (one sync; two for a single cell). A selection of whole
 * columns is clipped to the used range, so "A:C" does not mean a million rows;
 * a single selected cell stands for the table around it, as Ctrl+A or
 * Excel's own "Format as Table" take it: its current region
 * (Range.getSurroundingRegion, ExcelApi 1.7).
 */
export async function describeSelection(host: ExcelHost): Promise<SelectionInfo> {
  return host.run(async (ctx) => {
    const selected = ctx.workbook.getSelectedRange().load('address, rowIndex, columnIndex, rowCount, columnCount');
    const ws = ctx.workbook.getSelectedRange().worksheet.load('name');
    const used = ws.getUsedRange().load('rowIndex, columnIndex, rowCount, columnCount');
    await ctx.sync();
    let range: { address: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } = selected;
    let expanded = false;
    if (selected.rowCount === 1 && selected.columnCount === 1) {
      // One more round trip, only for a single cell.
      const region = ctx.workbook.getSelectedRange().getSurroundingRegion().load('address, rowIndex, columnIndex, rowCount, columnCount');
      await ctx.sync();
      expanded = region.rowCount * region.columnCount > 1;
      if (expanded) range = region;
    }
    const top = Math.max(range.rowIndex, used.rowIndex);
    const left = Math.max(range.columnIndex, used.columnIndex);
    const bottom = Math.min(range.rowIndex + range.rowCount, used.rowIndex + used.rowCount);
    const right = Math.min(range.columnIndex + range.columnCount, used.columnIndex + used.columnCount);
    return {
      sheet: ws.name,
      address: range.address,
      rowIndex: top,
      columnIndex: left,
      rowCount: Math.max(0, bottom - top),
      columnCount: Math.max(0, right - left),
      expanded,
    };
  });
}

/** A selection's values, with its error cells taken out. */
export interface ReadCells {
  /** Range.values, error cells blank. */
  values: unknown[][];
  /** Cells whose Range.valueTypes is "Error": Range.values gives them as text ("#N/A"), which is no data. */
  errors: ErrorCell[];
}

/**
 * The values of a selection and where its error values are: read with
 * `valueTypes`, since only that tells an error from the text "#N/A".
 * @throws like readValues.
 */
export async function readCells(host: ExcelHost, info: SelectionInfo, options: ChunkOptions = {}): Promise<ReadCells> {
  const errors: ErrorCell[] = [];
  const values = await readRows(host, info, options, true, (row, i, types) => {
    types?.forEach((t, j) => {
      if (t !== 'Error') return;
      errors.push({ row: i, col: j, error: String(row[j]) });
      row[j] = '';
    });
  });
  return { values, errors };
}

/**
 * The values of a selection, read in chunks of rows.
 * @throws SelectionTooLargeError above MAX_READ_CELLS (before reading); AbortError when cancelled.
 */
export async function readValues(host: ExcelHost, info: SelectionInfo, options: ChunkOptions = {}): Promise<unknown[][]> {
  return readRows(host, info, options, false);
}

async function readRows(
  host: ExcelHost,
  info: SelectionInfo,
  options: ChunkOptions,
  withTypes: boolean,
  visit?: (row: unknown[], index: number, types: string[] | undefined) => void,
): Promise<unknown[][]> {
  const cells = info.rowCount * info.columnCount;
  if (cells > MAX_READ_CELLS) throw new SelectionTooLargeError(cells, MAX_READ_CELLS);
  const out: unknown[][] = [];
  if (cells === 0) return out;
  let chunk = options.chunkRows ?? CHUNK_ROWS;
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(info.sheet);
    for (let start = 0; start < info.rowCount; ) {
      checkAbort(options.signal);
      const n = Math.min(chunk, info.rowCount - start);
      const range = ws.getRangeByIndexes(info.rowIndex + start, info.columnIndex, n, info.columnCount).load(withTypes ? 'values, valueTypes' : 'values');
      try {
        await ctx.sync();
      } catch (e) {
        if (isPayloadError(e) && chunk > 1) {
          chunk = Math.max(1, Math.floor(chunk / 2));
          continue;
        }
        throw e;
      }
      const types = withTypes ? (range.valueTypes as string[][]) : undefined;
      range.values.forEach((row, i) => {
        visit?.(row, out.length, types?.[i]);
        out.push(row);
      });
      start += n;
      options.onProgress?.(start / info.rowCount);
    }
  });
  return out;
}

export interface WriteReport {
  sheet: string;
  tables: string[];
  /** Syncs this write made (failed ones included). */
  syncs: number;
  /** Rows per sync at the end (smaller than asked when halved). */
  chunkRows: number;
}

/** One slice of a block: rows [start, start + count). */
interface Piece {
  block: Block;
  start: number;
  count: number;
}

/** Excel takes strings, finite numbers and booleans; other values become blank. */
function cell(v: unknown): string | number | boolean {
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return '';
}

/**
 * Creates a new sheet (a unique name from plan.baseName) and carries out the
 * plan: values in chunks of ≤ chunkRows rows per sync (several blocks share
 * a sync while the budget lasts), then tables, formats and charts in one
 * more sync. Cancelling deletes the half-written sheet.
 */
export async function writePlan(host: ExcelHost, plan: SheetPlan, options: ChunkOptions = {}): Promise<WriteReport> {
  let chunk = options.chunkRows ?? CHUNK_ROWS;
  let syncs = 0;
  const totalRows = plan.blocks.reduce((a, b) => a + b.values.length, 0);
  let doneRows = 0;
  return host.run(async (ctx) => {
    const sync = async () => {
      syncs++;
      await ctx.sync();
    };
    const sheets = ctx.workbook.worksheets.load('items/name');
    const tables = ctx.workbook.tables.load('items/name');
    await sync();
    const name = uniqueSheetName(plan.baseName, sheets.items.map((s) => s.name));
    const takenTables = tables.items.map((t) => t.name);
    const ws = ctx.workbook.worksheets.add(name);
    await sync();

    try {
      // Text columns (and strings Excel would parse) get the Text format before any value is
      // written: Excel parses a string written into a General cell (formula, number, date).
      for (const b of plan.blocks) {
        for (const t of textRanges(b.values)) {
          (ws.getRangeByIndexes(b.row + t.row, b.col + t.col, t.rows, 1) as unknown as { numberFormat: string }).numberFormat = '@';
        }
      }
      // Values: pack slices of blocks into syncs of at most `chunk` rows.
      const queue: Piece[] = plan.blocks.filter((b) => b.values.length > 0).map((block) => ({ block, start: 0, count: block.values.length }));
      while (queue.length > 0) {
        checkAbort(options.signal);
        const batch: Piece[] = [];
        let budget = chunk;
        while (queue.length > 0 && budget > 0) {
          const p = queue[0];
          const take = Math.min(p.count, budget);
          batch.push({ block: p.block, start: p.start, count: take });
          budget -= take;
          if (take === p.count) queue.shift();
          else queue[0] = { block: p.block, start: p.start + take, count: p.count - take };
        }
        for (const p of batch) {
          const width = blockSize(p.block).cols;
          const rows = p.block.values.slice(p.start, p.start + p.count).map((r) => Array.from({ length: width }, (_, j) => cell(r[j])));
          ws.getRangeByIndexes(p.block.row + p.start, p.block.col, p.count, width).values = rows;
        }
        try {
          await sync();
        } catch (e) {
          if (isPayloadError(e) && chunk > 1) {
            // Nothing of a rejected request was applied: put the slices back, smaller.
            chunk = Math.max(1, Math.floor(chunk / 2));
            queue.unshift(...batch);
            continue;
          }
          throw e;
        }
        doneRows += batch.reduce((a, p) => a + p.count, 0);
        options.onProgress?.(doneRows / totalRows);
      }

      // Then tables, formats and charts.
      checkAbort(options.signal);
      const byId = new Map(plan.blocks.map((b) => [b.id, b]));
      const madeTables: string[] = [];
      for (const t of plan.tables) {
        const b = byId.get(t.block);
        if (!b || b.values.length < 2) continue;
        const { rows, cols } = blockSize(b);
        const table = ws.tables.add(a1(b.row, b.col, rows, cols), true);
        const tableName = uniqueTableName(t.name, [...takenTables, ...madeTables]);
        table.name = tableName;
        if (t.style) table.style = t.style;
        madeTables.push(tableName);
      }
      for (const b of plan.blocks) {
        if (b.boldHeader) ws.getRangeByIndexes(b.row, b.col, 1, blockSize(b).cols).format.font.bold = true;
      }
      for (const f of plan.formats) {
        const b = byId.get(f.block);
        if (!b) continue;
        const range = ws.getRangeByIndexes(b.row + f.row, b.col + f.col, f.rows, f.cols);
        if (f.fill) range.format.fill.color = f.fill;
        if (f.bold) range.format.font.bold = true;
        // One format string for the whole range (Office's "single input copy", like Ctrl+Enter):
        // a tiny request however many rows.
        if (f.numberFormat) (range as unknown as { numberFormat: string }).numberFormat = f.numberFormat;
      }
      for (const c of plan.charts) {
        const b = byId.get(c.block);
        if (!b) continue;
        const { rows, cols } = blockSize(b);
        const chart = ws.charts.add(c.type, ws.getRangeByIndexes(b.row, b.col, rows, cols), 'Columns');
        chart.title.text = c.title;
        chart.setPosition(c.from, c.to);
      }
      if (plan.freezeRows > 0) ws.freezePanes.freezeRows(plan.freezeRows);
      ws.activate();
      await sync();
      options.onProgress?.(1);
      return { sheet: name, tables: madeTables, syncs, chunkRows: chunk };
    } catch (e) {
      if ((e as { name?: string }).name === 'AbortError') {
        ws.delete();
        await sync();
      }
      throw e;
    }
  });
}
