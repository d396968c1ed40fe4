import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { MemscopeError, toMemscopeError, type ErrorPayload } from '../core/errors';
import { ROW_INDEX_COLUMN, type ColumnPlan } from '../core/schema/column-plan';
import { duckdbColumns, heavyColumns, planColumns, vectorDimsOf } from '../core/schema/plan-columns';
import { isFloatFixedList } from '../core/schema/arrow-guards';
import { uniqueTableName } from '../core/schema/table-names';
import { quoteIdentifier } from '../core/sql/identifiers';
import type { DbClient } from './db/db-client';
import type { GridSource } from './db/grid-source';
import { createFileOrderSource } from './file-order-source';
import { createCsvTable } from './csv/load-csv';
import type { CsvOptions } from './csv/csv-options';
import { readArrowIpcFile } from './arrow-ipc';
import { RowGroupHeavyStore, DEFAULT_HEAVY_BUDGET_BYTES, type GroupLoader } from './heavy-store';
import { detectFileKind, readMagic, type FileKind } from './parquet/file-kind';
import { parquetError } from './parquet/parquet-errors';
import { planFromProbe, vectorProbeRequest } from './parquet/plan-file';
import {
  DEFAULT_BUDGETS,
  type DecodeBudgets,
  type ParquetFooter,
  type ParquetSource,
  type ReadRequest,
} from './parquet/parquet-reader';
import { WorkerParquetSource } from './parquet/worker-source';
import { loadStarted } from './parquet/worker-pool';
import type { OpenedTable, WorkspaceStore } from './workspace';

/**
 * File -> DuckDB table + heavy store (docs/data-path.md). Parquet: footer first (shown at once),
 * the column plan, then the DuckDB-destined columns row group by row group, first group first so
 * the grid can paint early; heavy columns stay in the worker's file and are decoded on demand.
 * CSV goes to DuckDB's core reader; Arrow IPC is read with apache-arrow. Every failure ends in
 * status 'failed' with a typed error; nothing rejects out of openFile.
 */

export interface OpenDeps {
  db: DbClient;
  workspace: WorkspaceStore;
  /** Parquet source per file; the browser default is a parquet worker per file. */
  createSource?: (file: Blob, fileName: string, budgets: DecodeBudgets) => ParquetSource;
  /**
   * A second source over the same file for grid pages while the file loads (the file-order
   * source), so a page never waits behind the load's row-group decodes. Default: a second
   * parquet worker when createSource is the default, else createSource again.
   */
  createPageSource?: (file: Blob, fileName: string, budgets: DecodeBudgets) => ParquetSource;
  budgets?: DecodeBudgets;
  heavyBudgetBytes?: number;
  /**
   * How long the load's first row-group decode may wait for the table's first rows to be painted
   * (the UI calls `firstRowsPainted(id)`). Default 0: no wait.
   */
  firstRowsWaitMs?: number;
}

export interface OpenCallbacks {
  signal?: AbortSignal;
  onFooter?: (table: OpenedTable) => void;
  onFirstRows?: (table: OpenedTable) => void;
  onProgress?: (table: OpenedTable) => void;
  /** CSV only: the delimiter, quote and header the user chose (else DuckDB's sniffer decides). */
  csvOptions?: CsvOptions;
  /** Called once at the end, whatever the outcome (status 'ready' | 'failed' | 'cancelled'). */
  onSettled?: (table: OpenedTable) => void;
}

export interface OpenHandle {
  id: string;
  tableName: string;
  /** Cancels loading: status 'cancelled', the DuckDB table dropped, the worker stopped. */
  cancel(): void;
  /** Resolves (never rejects) with the final state of the table. */
  done: Promise<OpenedTable>;
}

let nextId = 1;

/** Rows decoded ahead for the grid's first page (the grid's page size: one page, not a whole group). */
const FIRST_PAGE_ROWS = 256;

/** Live resources per open table (not in the store: they are not state React renders). */
interface Resources {
  source: ParquetSource | null;
  pages: ParquetSource | null;
  heavy: RowGroupHeavyStore | null;
  fileOrder: GridSource | null;
  abort: AbortController;
  /** Resolves when the UI has painted the table's first rows (firstRowsPainted). */
  firstRows: Promise<void>;
  firstRowsDone: () => void;
}
const resources = new Map<string, Resources>();

/** The UI painted the first rows of table `id` (see OpenDeps.firstRowsWaitMs). */
export function firstRowsPainted(id: string): void {
  resources.get(id)?.firstRowsDone();
}

function firstRowsOrTimeout(id: string, ms: number): Promise<void> {
  const shown = resources.get(id)?.firstRows;
  if (!shown) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void shown.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The file-order grid source of an open Parquet table (rows in file order, no sort or filter):
 * available from status 'loading' on, before any row is in DuckDB; null for CSV and Arrow files
 * or before the column plan is known. The same object for the table's whole life.
 */
export function fileOrderSource(id: string): GridSource | null {
  return resources.get(id)?.fileOrder ?? null;
}

function release(r: Pick<Resources, 'source' | 'pages' | 'heavy'> | undefined): void {
  r?.source?.close();
  r?.pages?.close();
  r?.heavy?.dispose();
}

function mark(name: string): void {
  // The bench reads these marks; performance may be missing in odd environments.
  try {
    performance.mark(name);
  } catch {
    /* ignore */
  }
}

export function openFile(file: File, deps: OpenDeps, callbacks: OpenCallbacks = {}): OpenHandle {
  const fileName = file.name;
  const t0 = performance.now();
  mark(`ms:open:${fileName}`);
  const id = `t${nextId++}`;
  const tableName = uniqueTableName(fileName, deps.workspace.tableNames());
  const abort = new AbortController();
  const signal = abort.signal;
  if (callbacks.signal) {
    if (callbacks.signal.aborted) abort.abort();
    else callbacks.signal.addEventListener('abort', () => abort.abort(), { once: true });
  }
  let firstRowsDone = () => {};
  const firstRows = new Promise<void>((resolve) => (firstRowsDone = resolve));
  resources.set(id, {
    source: null,
    pages: null,
    heavy: null,
    fileOrder: null,
    abort,
    firstRows,
    firstRowsDone,
  });

  const initial: OpenedTable = {
    id,
    tableName,
    fileName,
    fileBytes: file.size,
    kind: kindFromName(fileName),
    status: 'reading-footer',
    progress: { done: 0, total: 0, unit: 'row-groups' },
    rowCount: 0,
    footer: null,
    columns: [],
    heavy: null,
    error: null,
    timings: {},
  };
  deps.workspace.add(initial);
  const store = deps.workspace;
  const snapshot = () => store.get(id) as OpenedTable;
  const update = (patch: Partial<OpenedTable>) => store.update(id, patch);
  const ctx: LoadContext = {
    file,
    fileName,
    id,
    tableName,
    deps,
    signal,
    t0,
    update,
    snapshot,
    callbacks,
    early: kindFromName(fileName) === 'parquet' ? startParquetSources(file, fileName, deps) : null,
  };
  const res = resources.get(id);
  if (res && ctx.early) {
    // Stored at once so that a failure before loadParquet (or closeFile) stops both workers.
    res.source = ctx.early.source;
    res.pages = ctx.early.pages;
  }

  const done = load(ctx)
    .then(
      () => {
        update({ status: 'ready', timings: { ...snapshot().timings, loadedMs: performance.now() - t0 } });
        mark(`ms:loaded:${fileName}`);
        return snapshot();
      },
      async (err: unknown) => {
        const cancelled = signal.aborted || (err instanceof MemscopeError && err.code === 'cancelled');
        const error: ErrorPayload = cancelled
          ? parquetError('cancelled', fileName).toPayload()
          : toMemscopeError(err, { code: 'internal', file: fileName }).toPayload();
        if (error.file === undefined) error.file = fileName;
        release(resources.get(id));
        resources.delete(id);
        // A half-loaded table would look complete in SQL: drop it. Best effort: never throws.
        await deps.db.dropTable(tableName).catch(() => undefined);
        deps.db.invalidate();
        update({ status: cancelled ? 'cancelled' : 'failed', error, heavy: null });
        return snapshot();
      },
    )
    .then((final) => {
      safe(() => callbacks.onSettled?.(final));
      return final;
    });
  return { id, tableName, cancel: () => abort.abort(), done };
}

/** Closes an open table: drops it from DuckDB, stops its worker, frees its heavy columns. */
export async function closeFile(id: string, deps: Pick<OpenDeps, 'db' | 'workspace'>): Promise<void> {
  const table = deps.workspace.get(id);
  const r = resources.get(id);
  r?.abort.abort();
  release(r);
  resources.delete(id);
  deps.workspace.remove(id);
  if (table) await deps.db.dropTable(table.tableName).catch(() => undefined);
  deps.db.invalidate();
}

interface LoadContext {
  file: File;
  fileName: string;
  id: string;
  tableName: string;
  deps: OpenDeps;
  signal: AbortSignal;
  t0: number;
  update: (patch: Partial<OpenedTable>) => void;
  snapshot: () => OpenedTable;
  callbacks: OpenCallbacks;
  /** Parquet sources started before the magic bytes are checked (closed if it is not Parquet). */
  early: ParquetSources | null;
}

interface ParquetSources {
  /** The load worker: footer, plan, row groups for DuckDB, heavy columns. */
  source: ParquetSource;
  /** The page worker: grid pages in file order while the file loads. */
  pages: ParquetSource;
  footer: Promise<ParquetFooter>;
}

/**
 * Starts both workers' footer reads at once. Called from openFile before the magic bytes are read
 * (a .parquet name is a good enough guess): the footer read then overlaps the magic-byte check
 * and the first React render of the new table.
 */
function startParquetSources(file: File, fileName: string, deps: OpenDeps): ParquetSources {
  const budgets = deps.budgets ?? DEFAULT_BUDGETS;
  const createSource = deps.createSource ?? ((f, n, b) => new WorkerParquetSource(f, n, b));
  const source = createSource(file, fileName, budgets);
  const pages = (deps.createPageSource ?? createSource)(file, fileName, budgets);
  const footer = source.footer();
  footer.catch(() => undefined);
  // Errors of the page worker surface on the page that needs it.
  pages.footer().catch(() => undefined);
  return { source, pages, footer };
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    /* a UI callback must not break loading */
  }
}

function kindFromName(fileName: string): OpenedTable['kind'] {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.arrow') || lower.endsWith('.feather') || lower.endsWith('.arrows')) return 'arrow';
  return 'parquet';
}

function checkAborted(ctx: LoadContext): void {
  if (ctx.signal.aborted) throw parquetError('cancelled', ctx.fileName);
}

async function load(ctx: LoadContext): Promise<void> {
  const { head, tail } = await readMagic(ctx.file);
  const kind: FileKind = detectFileKind(ctx.fileName, ctx.file.size, head, tail);
  if (kind !== 'parquet' && ctx.early) {
    release({ ...ctx.early, heavy: null });
    const res = resources.get(ctx.id);
    if (res) {
      res.source = null;
      res.pages = null;
    }
    ctx.early = null;
  }
  // Usually the name's guess was right: no update, no render of the whole app just before the footer.
  const actual = kind === 'parquet' ? 'parquet' : kind === 'csv' ? 'csv' : 'arrow';
  if (ctx.snapshot().kind !== actual) ctx.update({ kind: actual });
  checkAborted(ctx);
  if (kind === 'parquet') return loadParquet(ctx);
  if (kind === 'csv') return loadCsv(ctx);
  return loadArrow(ctx);
}

async function loadParquet(ctx: LoadContext): Promise<void> {
  const loadEnded = loadStarted();
  try {
    await loadParquetRows(ctx);
  } finally {
    loadEnded();
  }
}

async function loadParquetRows(ctx: LoadContext): Promise<void> {
  const { deps, fileName, tableName, signal } = ctx;
  // The page worker opens the file at the same time as the load worker (two cores), so it is ready
  // when the grid asks for its first page.
  const { source, pages, footer: footerRead } = ctx.early ?? startParquetSources(ctx.file, fileName, deps);
  const res = resources.get(ctx.id);
  if (res) {
    res.source = source;
    res.pages = pages;
  } else {
    source.close();
    pages.close();
  }

  const footer = await footerRead;
  mark(`ms:footer:${fileName}`);
  const total = footer.rowGroups.length;
  const footerMs = performance.now() - ctx.t0;
  const showFooter = () => {
    ctx.update({
      footer,
      rowCount: footer.rows,
      progress: { done: 0, total, unit: 'row-groups' },
      timings: { footerMs },
    });
    safe(() => ctx.callbacks.onFooter?.(ctx.snapshot()));
    checkAborted(ctx);
  };

  // When the footer alone gives the plan (no float list to probe) nothing is awaited from here to
  // the 'loading' update: the first page is posted to the page worker before the footer and
  // 'loading' updates, and React renders them once, while the page decodes.
  const probe = vectorProbeRequest(footer);
  if (probe) showFooter();
  const plan = planFromProbe(footer, probe ? await source.read(probe, signal) : null);
  checkAborted(ctx);
  const columns = duckdbColumns(plan);
  const vectors = Object.fromEntries(vectorDimsOf(plan));
  let loaded = false;
  // Heavy cells of the rows on screen are read by the page worker while the file loads, so their
  // whole-group decodes do not queue between the load's row groups; by the load worker after.
  const heavyRead = async (req: ReadRequest, s?: AbortSignal): Promise<Uint8Array> => {
    if (loaded) return source.read(req, s);
    try {
      return await pages.read(req, s);
    } catch (err) {
      // The page worker is closed when loading ends: a read in flight then goes to the load worker.
      if (loaded && !s?.aborted && err instanceof MemscopeError && err.code === 'cancelled')
        return source.read(req, s);
      throw err;
    }
  };
  const heavy = createParquetHeavyStore(heavyRead, footer, plan, deps.heavyBudgetBytes);
  const fileOrder = createFileOrderSource({
    tableName,
    fileName,
    footer,
    columns,
    vectors,
    db: deps.db,
    readParquet: (req, s) => pages.read(req, s),
    isLoaded: () => loaded,
    prefetchRows: FIRST_PAGE_ROWS,
    // The first page is read by the load worker: it is open (its footer is here), while the page
    // worker may still be reading its own; the load's first group queues behind this small read.
    prefetchRead: (req) => source.read(req),
  });
  if (res) {
    res.heavy = heavy;
    res.fileOrder = fileOrder;
  }
  if (!probe) showFooter();
  ctx.update({ columns: plan, heavy, status: 'loading' });

  // A file without row groups still gets its (empty) table: read the schema alone.
  const groups = total === 0 ? [[]] : footer.rowGroups.map((_, i) => [i]);
  // The load's first decode is queued behind the first page on the load worker (a few ms): on two
  // cores the first page and the first render should not share them with a whole group's decode.
  // It starts before DuckDB is asked anything (DuckDB may still be starting).
  // Group i+1 decodes in the parquet worker while DuckDB inserts group i (two threads busy).
  // With `firstRowsWaitMs` it waits until the grid has painted the first rows (firstRowsPainted),
  // at most that long: a whole group's decode on the second core slowed the first page's render
  // and paint (the compositor's raster shares the two cores).
  const readFirst = () => source.read({ rowGroups: groups[0] as number[], columns, vectors }, signal);
  let next: Promise<Uint8Array> | null = deps.firstRowsWaitMs
    ? firstRowsOrTimeout(ctx.id, deps.firstRowsWaitMs).then(readFirst)
    : readFirst();
  next.catch(() => undefined);

  await deps.db.ready();
  await deps.db.dropTable(tableName).catch(() => undefined);
  checkAborted(ctx);

  for (let i = 0; i < groups.length; i++) {
    const ipc = await (next as Promise<Uint8Array>);
    next =
      i + 1 < groups.length
        ? source.read({ rowGroups: groups[i + 1] as number[], columns, vectors }, signal)
        : null;
    // Keep a rejected prefetch from being "unhandled" if this iteration throws first.
    next?.catch(() => undefined);
    checkAborted(ctx);
    await deps.db.insertArrowIpc(tableName, ipc, { create: i === 0 });
    deps.db.invalidate();
    if (i === 0) {
      mark(`ms:first-batch:${fileName}`);
      ctx.update({ timings: { ...ctx.snapshot().timings, firstRowsMs: performance.now() - ctx.t0 } });
      safe(() => ctx.callbacks.onFirstRows?.(ctx.snapshot()));
    }
    ctx.update({ progress: { done: Math.min(i + 1, total), total, unit: 'row-groups' } });
    safe(() => ctx.callbacks.onProgress?.(ctx.snapshot()));
    checkAborted(ctx);
  }
  // Every row is in DuckDB: pages come from there now; the page worker is no longer needed.
  loaded = true;
  pages.close();
  if (res) res.pages = null;
}

function createParquetHeavyStore(
  read: (request: ReadRequest, signal?: AbortSignal) => Promise<Uint8Array>,
  footer: ParquetFooter,
  plan: readonly ColumnPlan[],
  budget = DEFAULT_HEAVY_BUDGET_BYTES,
): RowGroupHeavyStore | null {
  const columns = heavyColumns(plan);
  if (columns.length === 0) return null;
  const dims = vectorDimsOf(plan);
  const load: GroupLoader = async (group, column, signal) => {
    const vectors: Record<string, number> = {};
    const dim = dims.get(column);
    if (dim !== undefined) vectors[column] = dim;
    return tableFromIPC(await read({ rowGroups: [group], columns: [column], vectors }, signal));
  };
  return new RowGroupHeavyStore(
    columns,
    footer.rowGroups.map((g) => ({ firstRow: g.firstRow, rows: g.rows })),
    load,
    budget,
  );
}

async function loadCsv(ctx: LoadContext): Promise<void> {
  const { deps, fileName, tableName } = ctx;
  ctx.update({ status: 'loading', progress: { done: 0, total: ctx.file.size, unit: 'bytes' } });
  await deps.db.ready();
  // The registered name is ours (never the user's): src/data/csv builds SQL with it.
  const registered = `memscope_${ctx.id}.${fileName.toLowerCase().endsWith('.tsv') ? 'tsv' : 'csv'}`;
  const csv = await createCsvTable(deps.db, {
    file: ctx.file,
    fileName,
    registeredName: registered,
    tableName,
    rowColumn: ROW_INDEX_COLUMN,
    ...(ctx.callbacks.csvOptions ? { options: ctx.callbacks.csvOptions } : {}),
    signal: ctx.signal,
  });
  checkAborted(ctx);
  ctx.update({ csv });
  const q = quoteIdentifier(tableName);
  deps.db.invalidate();
  const count = await deps.db.query(`SELECT count(*) AS n FROM ${q}`, { cache: false });
  const schema = await deps.db.query(`SELECT * FROM ${q} LIMIT 0`, { cache: false });
  const fields = schema.table.schema.fields.filter((f) => f.name !== ROW_INDEX_COLUMN);
  // CSV is in DuckDB already: every column is queryable there whatever its size.
  const columns = planColumns(fields, { rows: 0, uncompressedBytes: new Map() }).map((c) => ({
    ...c,
    destination: 'duckdb' as const,
    reason: 'CSV: read by DuckDB',
  }));
  const rows = Number(count.table.getChild('n')?.get(0) ?? 0);
  mark(`ms:first-batch:${fileName}`);
  ctx.update({
    rowCount: rows,
    columns,
    progress: { done: ctx.file.size, total: ctx.file.size, unit: 'bytes' },
    timings: { firstRowsMs: performance.now() - ctx.t0 },
  });
  safe(() => ctx.callbacks.onFirstRows?.(ctx.snapshot()));
}

async function loadArrow(ctx: LoadContext): Promise<void> {
  const { deps, fileName, tableName } = ctx;
  ctx.update({ status: 'loading', progress: { done: 0, total: 1, unit: 'row-groups' } });
  const table: Table = readArrowIpcFile(new Uint8Array(await ctx.file.arrayBuffer()), fileName);
  checkAborted(ctx);
  const fields = table.schema.fields.filter((f) => f.name !== ROW_INDEX_COLUMN);
  const dims = new Map<string, number>();
  for (const f of fields) if (isFloatFixedList(f.type)) dims.set(f.name, f.type.listSize);
  const plan = planColumns(fields, { rows: table.numRows, uncompressedBytes: new Map() }, dims);
  const heavyNames = heavyColumns(plan);
  const heavy =
    heavyNames.length === 0
      ? null
      : new RowGroupHeavyStore(
          heavyNames,
          [{ firstRow: 0, rows: table.numRows }],
          // The whole file is in memory already: "decoding" a group is selecting the column.
          async (_group, column) => table.select([column]),
          Number.POSITIVE_INFINITY,
        );
  const res = resources.get(ctx.id);
  if (res) res.heavy = heavy;
  ctx.update({ columns: plan, heavy, rowCount: table.numRows });
  await deps.db.ready();
  await deps.db.dropTable(tableName).catch(() => undefined);
  const ipc = tableToIPC(table.select([ROW_INDEX_COLUMN, ...duckdbColumns(plan)]), 'stream');
  await deps.db.insertArrowIpc(tableName, ipc, { create: true });
  deps.db.invalidate();
  mark(`ms:first-batch:${fileName}`);
  ctx.update({
    progress: { done: 1, total: 1, unit: 'row-groups' },
    timings: { firstRowsMs: performance.now() - ctx.t0 },
  });
  safe(() => ctx.callbacks.onFirstRows?.(ctx.snapshot()));
}
