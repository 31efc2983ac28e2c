/**
 * Proxy objects with Office.js's batching semantics: setting a property or
 * calling a method queues an action; `context.sync()` sends the queue,
 * applies it to the workbook in order, and fills in what was `load`ed.
 * Reading a property that was not loaded and synced throws PropertyNotLoaded.
 */
import { formatAddress, parseAddress, type Rect } from './a1.ts';
import { invalidArgument, notLoaded, RichApiError } from './errors.ts';
import { SheetState, type CellValue, type ChartState, type TableState, type WorkbookState } from './state.ts';

export interface MockStats {
  syncs: number;
  failedSyncs: number;
  /** Request payload of each sync, in bytes (failed ones included). */
  requestBytes: number[];
  responseBytes: number[];
}

export interface MockOptions {
  /** Request and response payload limit per sync; Excel on the web: 5 MB. */
  payloadLimit?: number;
  /** Milliseconds each sync takes (default 0: one macrotask). */
  syncDelay?: number;
}

interface Action {
  bytes: number;
  apply(): void;
  /** For loads: bytes of the response, computed after apply. */
  response?: () => number;
}

const OVERHEAD = 64;
const sizeOf = (v: unknown) => new TextEncoder().encode(JSON.stringify(v) ?? '').length;

export class MockRequestContext {
  readonly workbook: MockWorkbook;
  private queue: Action[] = [];
  private pendingDeliveries: (() => void)[] = [];

  constructor(
    readonly state: WorkbookState,
    readonly stats: MockStats,
    private readonly limit: number,
    private readonly delay = 0,
  ) {
    this.workbook = new MockWorkbook(this);
  }

  /** Queues an action (internal to the mock). */
  enqueue(action: Action, deliver?: () => void): void {
    this.queue.push(action);
    if (deliver) this.pendingDeliveries.push(deliver);
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const deliveries = this.pendingDeliveries;
    this.queue = [];
    this.pendingDeliveries = [];
    this.stats.syncs++;
    // A round trip is asynchronous.
    await new Promise((r) => setTimeout(r, this.delay));
    const request = queue.reduce((a, x) => a + x.bytes + OVERHEAD, 0);
    this.stats.requestBytes.push(request);
    if (request > this.limit) {
      this.stats.failedSyncs++;
      this.stats.responseBytes.push(0);
      throw new RichApiError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
    }
    let response = 0;
    try {
      for (const a of queue) {
        a.apply();
        response += (a.response?.() ?? 0) + OVERHEAD;
      }
    } catch (e) {
      this.stats.failedSyncs++;
      this.stats.responseBytes.push(response);
      throw e;
    }
    this.stats.responseBytes.push(response);
    if (response > this.limit) {
      this.stats.failedSyncs++;
      throw new RichApiError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const d of deliveries) d();
  }
}

/** Base of every proxy: load() and the loaded-property check. */
abstract class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly context: MockRequestContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  /** Property names this object can load, and how to read each at sync time. */
  protected abstract loaders(): Record<string, () => unknown>;

  load(props?: string | string[] | { select?: string }): this {
    const all = this.loaders();
    const wanted =
      props === undefined ? Object.keys(all) : typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : (props.select ?? '').split(',');
    const names = wanted.map((p) => p.trim()).filter(Boolean);
    for (const n of names) if (!(n in all)) throw invalidArgument(`The property '${n}' cannot be loaded on this object.`);
    const got = new Map<string, unknown>();
    this.context.enqueue(
      {
        bytes: OVERHEAD,
        apply: () => {
          for (const n of names) got.set(n, all[n]());
        },
        response: () => [...got.values()].reduce<number>((a, v) => a + sizeOf(v), 0),
      },
      () => {
        for (const [k, v] of got) this.loaded.set(k, v);
      },
    );
    return this;
  }
}

// ---------------------------------------------------------------- workbook

export class MockWorkbook {
  readonly worksheets: MockWorksheetCollection;
  readonly tables: MockWorkbookTables;
  constructor(private readonly ctx: MockRequestContext) {
    this.worksheets = new MockWorksheetCollection(ctx);
    this.tables = new MockWorkbookTables(ctx);
  }

  getSelectedRange(): MockRange {
    const state = this.ctx.state;
    return new MockRange(this.ctx, () => {
      if (!state.selection) throw new RichApiError('InvalidSelection', 'The current selection is invalid for this operation.');
      const sheet = state.sheet(state.selection.sheet);
      if (!sheet) throw new RichApiError('ItemNotFound', 'The selected sheet does not exist.');
      return { sheet, rect: state.selection.rect };
    });
  }
}

/** workbook.tables: only loading the names of all tables. */
export class MockWorkbookTables {
  private names: string[] | undefined;
  constructor(private readonly ctx: MockRequestContext) {}
  load(_props?: string): this {
    const got: string[] = [];
    this.ctx.enqueue(
      { bytes: OVERHEAD, apply: () => got.push(...this.ctx.state.allTables().map((t) => t.name)), response: () => sizeOf(got) },
      () => void (this.names = got),
    );
    return this;
  }
  get items(): { name: string }[] {
    if (!this.names) throw notLoaded('items');
    return this.names.map((name) => ({ name }));
  }
}

export class MockWorksheetCollection extends ClientObject {
  private itemsValue: MockWorksheet[] | undefined;
  constructor(ctx: MockRequestContext) {
    super(ctx);
  }

  protected loaders() {
    return { items: () => this.context.state.sheets.map((s) => s.name), 'items/name': () => this.context.state.sheets.map((s) => s.name) };
  }

  override load(props?: string | string[] | { select?: string }): this {
    super.load(props);
    const names: string[] = [];
    this.context.enqueue(
      { bytes: 0, apply: () => names.push(...this.context.state.sheets.map((s) => s.name)) },
      () => {
        this.itemsValue = names.map((n) => {
          const ws = new MockWorksheet(this.context, () => this.context.state.sheet(n) ?? null);
          ws.markLoaded('name', n);
          return ws;
        });
      },
    );
    return this;
  }

  get items(): MockWorksheet[] {
    if (!this.itemsValue) throw notLoaded('items');
    return this.itemsValue;
  }

  add(name?: string): MockWorksheet {
    const state = this.context.state;
    let created: SheetState | undefined;
    this.context.enqueue({
      bytes: OVERHEAD + (name?.length ?? 0),
      apply: () => {
        let n = name;
        if (n === undefined) {
          let i = state.sheets.length + 1;
          while (state.sheet(`Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        if (state.sheet(n)) throw new RichApiError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
        if (n.length > 31 || /[\\/?*[\]:]/.test(n) || n.trim() === '') throw invalidArgument(`The sheet name "${n}" is not valid.`);
        created = new SheetState(n);
        state.sheets.push(created);
      },
    });
    return new MockWorksheet(this.context, () => created ?? null);
  }

  getItem(name: string): MockWorksheet {
    return new MockWorksheet(this.context, () => {
      const s = this.context.state.sheet(name);
      if (!s) throw new RichApiError('ItemNotFound', `The requested resource doesn't exist.`);
      return s;
    });
  }

  getItemOrNullObject(name: string): MockWorksheet {
    const ws = new MockWorksheet(this.context, () => this.context.state.sheet(name) ?? null);
    let isNull = true;
    this.context.enqueue(
      { bytes: OVERHEAD, apply: () => void (isNull = !this.context.state.sheet(name)) },
      () => ws.markLoaded('isNullObject', isNull),
    );
    return ws;
  }

  getActiveWorksheet(): MockWorksheet {
    const state = this.context.state;
    return new MockWorksheet(this.context, () => state.sheets[state.active]);
  }
}

// ---------------------------------------------------------------- worksheet

export class MockWorksheet extends ClientObject {
  readonly tables: MockTableCollection;
  readonly charts: MockChartCollection;
  readonly freezePanes: { freezeRows: (n: number) => void };

  constructor(
    ctx: MockRequestContext,
    /** The sheet at sync time; null for a null object. */
    readonly resolve: () => SheetState | null,
  ) {
    super(ctx);
    this.tables = new MockTableCollection(ctx, this);
    this.charts = new MockChartCollection(ctx, this);
    this.freezePanes = {
      freezeRows: (n: number) => ctx.enqueue({ bytes: OVERHEAD, apply: () => void (this.sheet().frozenRows = n) }),
    };
  }

  /** The sheet, or ItemNotFound when this is a null object. */
  sheet(): SheetState {
    const s = this.resolve();
    if (!s) throw new RichApiError('ItemNotFound', `The requested resource doesn't exist.`);
    return s;
  }

  markLoaded(prop: string, v: unknown): void {
    this.loaded.set(prop, v);
  }

  protected loaders() {
    return {
      name: () => this.sheet().name,
      position: () => this.context.state.sheets.indexOf(this.sheet()),
      isNullObject: () => this.resolve() === null,
    };
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.context.enqueue({ bytes: OVERHEAD + v.length, apply: () => void (this.sheet().name = v) });
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  delete(): void {
    this.context.enqueue({
      bytes: OVERHEAD,
      apply: () => {
        const state = this.context.state;
        const i = state.sheets.indexOf(this.sheet());
        state.sheets.splice(i, 1);
        state.active = Math.min(state.active, state.sheets.length - 1);
      },
    });
  }

  activate(): void {
    this.context.enqueue({ bytes: OVERHEAD, apply: () => void (this.context.state.active = this.context.state.sheets.indexOf(this.sheet())) });
  }

  getRange(address?: string): MockRange {
    if (address === undefined) return new MockRange(this.context, () => ({ sheet: this.sheet(), rect: { row: 0, col: 0, rows: 1_048_576, cols: 16_384 } }));
    const { sheet, rect } = parseAddress(address);
    if (sheet !== undefined) throw invalidArgument('Worksheet.getRange takes an address without a sheet name.');
    return new MockRange(this.context, () => ({ sheet: this.sheet(), rect }));
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): MockRange {
    return new MockRange(this.context, () => ({ sheet: this.sheet(), rect: { row, col, rows, cols } }));
  }

  getUsedRange(): MockRange {
    return new MockRange(this.context, () => ({ sheet: this.sheet(), rect: this.sheet().usedRect() ?? { row: 0, col: 0, rows: 1, cols: 1 } }));
  }
}

// ---------------------------------------------------------------- range

type Target = () => { sheet: SheetState; rect: Rect };

export class MockRange extends ClientObject {
  readonly format: MockRangeFormat;
  constructor(
    ctx: MockRequestContext,
    readonly target: Target,
  ) {
    super(ctx);
    this.format = new MockRangeFormat(ctx, this);
  }

  protected loaders() {
    const t = () => this.target();
    return {
      values: () => t().sheet.read(t().rect),
      valueTypes: () => t().sheet.readTypes(t().rect),
      address: () => formatAddress(t().sheet.name, t().rect),
      rowCount: () => t().rect.rows,
      columnCount: () => t().rect.cols,
      rowIndex: () => t().rect.row,
      columnIndex: () => t().rect.col,
      numberFormat: () => {
        const { sheet, rect } = t();
        return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => sheet.numberFormatAt(rect.row + i, rect.col + j)));
      },
    };
  }

  get values(): CellValue[][] {
    return this.read('values');
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }

  /** ExcelApi 1.7: the current region around this range's top-left cell. */
  getSurroundingRegion(): MockRange {
    return new MockRange(this.context, () => {
      const { sheet, rect } = this.target();
      return { sheet, rect: sheet.surroundingRegion(rect.row, rect.col) };
    });
  }
  set values(v: unknown) {
    const data = v;
    this.context.enqueue({
      bytes: sizeOf(data),
      apply: () => {
        const { sheet, rect } = this.target();
        // "Single input copy": one value (or a 1×1 array) fills the whole range, like Ctrl+Enter.
        const single = Array.isArray(data) && data.length === 1 && Array.isArray(data[0]) && data[0].length === 1;
        const grid = Array.isArray(data) && !single ? (data as unknown[][]) : null;
        const one = single ? (data as unknown[][])[0][0] : data;
        if (grid && (grid.length !== rect.rows || grid.some((r) => !Array.isArray(r) || r.length !== rect.cols))) {
          throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range.", 'Range.values');
        }
        for (let i = 0; i < rect.rows; i++) {
          for (let j = 0; j < rect.cols; j++) {
            const cell = grid ? grid[i][j] : one;
            if (cell === null || cell === undefined) continue; // null leaves the cell as it is
            if (typeof cell === 'object') throw invalidArgument('A cell value must be a string, number or boolean.', 'Range.values');
            sheet.write(rect.row + i, rect.col + j, cell as CellValue);
          }
        }
      },
    });
  }

  set numberFormat(v: unknown) {
    this.context.enqueue({
      bytes: sizeOf(v),
      apply: () => {
        const { sheet, rect } = this.target();
        const single = Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1;
        if (single) v = (v as string[][])[0][0];
        if (Array.isArray(v) && ((v as unknown[][]).length !== rect.rows || (v as unknown[][]).some((r) => r.length !== rect.cols))) {
          throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range.", 'Range.numberFormat');
        }
        sheet.formats.push({ rect, numberFormat: v as string | string[][] });
      },
    });
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }

  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }

  get worksheet(): MockWorksheet {
    return new MockWorksheet(this.context, () => this.target().sheet);
  }

  private derive(f: (r: Rect) => Rect): MockRange {
    return new MockRange(this.context, () => {
      const { sheet, rect } = this.target();
      const next = f(rect);
      if (next.rows < 1 || next.cols < 1 || next.row < 0 || next.col < 0) throw invalidArgument('The range is outside the sheet.');
      return { sheet, rect: next };
    });
  }

  getCell(row: number, col: number): MockRange {
    return this.derive((r) => ({ row: r.row + row, col: r.col + col, rows: 1, cols: 1 }));
  }
  getResizedRange(deltaRows: number, deltaCols: number): MockRange {
    return this.derive((r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaCols }));
  }
  getAbsoluteResizedRange(rows: number, cols: number): MockRange {
    return this.derive((r) => ({ ...r, rows, cols }));
  }
  getOffsetRange(rowOffset: number, colOffset: number): MockRange {
    return this.derive((r) => ({ ...r, row: r.row + rowOffset, col: r.col + colOffset }));
  }
  getRow(i: number): MockRange {
    return this.derive((r) => ({ ...r, row: r.row + i, rows: 1 }));
  }
  getColumn(j: number): MockRange {
    return this.derive((r) => ({ ...r, col: r.col + j, cols: 1 }));
  }
  /** Makes this range the selection. */
  select(): void {
    this.context.enqueue({
      bytes: OVERHEAD,
      apply: () => {
        const { sheet, rect } = this.target();
        this.context.state.selection = { sheet: sheet.name, rect };
      },
    });
  }
}

class MockRangeFormat {
  readonly fill: { color: string };
  readonly font: { bold: boolean; color: string };
  constructor(
    private readonly ctx: MockRequestContext,
    private readonly range: MockRange,
  ) {
    const push = (op: { fill?: string; bold?: boolean }) =>
      ctx.enqueue({ bytes: OVERHEAD, apply: () => range.target().sheet.formats.push({ rect: range.target().rect, ...op }) });
    this.fill = {
      set color(v: string) {
        push({ fill: v });
      },
      get color(): string {
        throw notLoaded('color');
      },
    };
    this.font = {
      set bold(v: boolean) {
        push({ bold: v });
      },
      get bold(): boolean {
        throw notLoaded('bold');
      },
      set color(_v: string) {
        ctx.enqueue({ bytes: OVERHEAD, apply: () => undefined });
      },
      get color(): string {
        throw notLoaded('color');
      },
    };
  }

  autofitColumns(): void {
    this.ctx.enqueue({ bytes: OVERHEAD, apply: () => void this.range.target() });
  }
}

// ---------------------------------------------------------------- tables

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/;
const overlaps = (a: Rect, b: Rect) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export class MockTableCollection {
  constructor(
    private readonly ctx: MockRequestContext,
    private readonly ws: MockWorksheet,
  ) {}

  add(address: string | MockRange, hasHeaders: boolean): MockTable {
    let table: TableState | undefined;
    this.ctx.enqueue({
      bytes: OVERHEAD,
      apply: () => {
        const sheet = this.ws.sheet();
        const rect = typeof address === 'string' ? parseAddress(address).rect : address.target().rect;
        if (sheet.tables.some((t) => overlaps(t.rect, rect))) throw invalidArgument('A table can\'t overlap another table.', 'TableCollection.add');
        const all = this.ctx.state.allTables();
        let i = all.length + 1;
        while (all.some((t) => t.name === `Table${i}`)) i++;
        table = { name: `Table${i}`, rect, hasHeaders };
        // A header row of a table without headers gets "Column1…" — not used here.
        sheet.tables.push(table);
      },
    });
    return new MockTable(this.ctx, () => {
      if (!table) throw new RichApiError('ItemNotFound', 'The table was not created.');
      return table;
    });
  }
}

export class MockTable extends ClientObject {
  constructor(
    ctx: MockRequestContext,
    private readonly resolve: () => TableState,
  ) {
    super(ctx);
  }
  protected loaders() {
    return { name: () => this.resolve().name, style: () => this.resolve().style };
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.context.enqueue({
      bytes: OVERHEAD + v.length,
      apply: () => {
        if (!TABLE_NAME.test(v) || /^[A-Za-z]{1,3}\d+$/.test(v)) throw invalidArgument(`The table name "${v}" is not valid.`, 'Table.name');
        if (this.context.state.allTables().some((t) => t !== this.resolve() && t.name.toLowerCase() === v.toLowerCase())) {
          throw invalidArgument(`A table named "${v}" already exists.`, 'Table.name');
        }
        this.resolve().name = v;
      },
    });
  }
  set style(v: string) {
    this.context.enqueue({ bytes: OVERHEAD, apply: () => void (this.resolve().style = v) });
  }
  set showBandedRows(_v: boolean) {
    this.context.enqueue({ bytes: OVERHEAD, apply: () => undefined });
  }
}

// ---------------------------------------------------------------- charts

export class MockChartCollection {
  constructor(
    private readonly ctx: MockRequestContext,
    private readonly ws: MockWorksheet,
  ) {}

  add(type: string, source: MockRange, seriesBy = 'Auto'): MockChart {
    let chart: ChartState | undefined;
    this.ctx.enqueue({
      bytes: OVERHEAD,
      apply: () => {
        const sheet = this.ws.sheet();
        const src = source.target();
        chart = { name: `Chart ${sheet.charts.length + 1}`, type, source: src.rect, seriesBy };
        sheet.charts.push(chart);
      },
    });
    return new MockChart(this.ctx, () => {
      if (!chart) throw new RichApiError('ItemNotFound', 'The chart was not created.');
      return chart;
    });
  }
}

export class MockChart {
  readonly title: { text: string };
  constructor(
    private readonly ctx: MockRequestContext,
    private readonly resolve: () => ChartState,
  ) {
    this.title = {
      set text(v: string) {
        ctx.enqueue({ bytes: OVERHEAD + v.length, apply: () => void (resolve().title = v) });
      },
      get text(): string {
        throw notLoaded('text');
      },
    };
  }
  set name(v: string) {
    this.ctx.enqueue({ bytes: OVERHEAD, apply: () => void (this.resolve().name = v) });
  }
  setPosition(start: string | MockRange, end?: string | MockRange): void {
    this.ctx.enqueue({
      bytes: OVERHEAD,
      apply: () => {
        const a = (x: string | MockRange) => (typeof x === 'string' ? x : formatAddress('s', x.target().rect).split('!')[1]);
        this.resolve().position = { start: a(start), end: end === undefined ? undefined : a(end) };
      },
    });
  }
}
