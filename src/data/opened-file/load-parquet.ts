import { tableFromIPC } from 'apache-arrow';
import type { ColumnPlan } from '../../core/schema/column-plan';
import { heavyColumns, vectorDimsOf } from '../../core/schema/plan-columns';
import { createFileOrderSource } from '../file-order-source';
import { RowGroupHeavyStore, DEFAULT_HEAVY_BUDGET_BYTES, type GroupLoader } from '../heavy-store';
import { FIRST_PAGE_ROWS, loadReadOf } from '../parquet/first-page';
import { planFromProbe, vectorProbeRequest } from '../parquet/plan-file';
import type { ParquetFooter, ReadRequest } from '../parquet/parquet-reader';
import { loadStarted } from '../parquet/worker-pool';
import { mark, safe, type LoadContext } from './load-context';
import type { ParquetWorkers } from './parquet-workers';

export interface ParquetLoadCallbacks {
  onFooter?: () => void;
  onFirstRows?: () => void;
}

/**
 * Parquet -> DuckDB (docs/data-path.md): the footer first (shown at once), the column plan, then the
 * DuckDB-destined columns row group by row group, first group first so the grid can paint early.
 * Heavy columns stay in the file and are decoded on demand by the heavy store. The grid reads file
 * order from the start through the file-order source, before any row is in DuckDB.
 */
export async function loadParquet(
  ctx: LoadContext,
  workers: ParquetWorkers,
  callbacks: ParquetLoadCallbacks,
): Promise<void> {
  const loadEnded = loadStarted();
  try {
    await loadRows(ctx, workers, callbacks);
  } finally {
    loadEnded();
  }
}

async function loadRows(ctx: LoadContext, workers: ParquetWorkers, callbacks: ParquetLoadCallbacks) {
  const { deps, fileName, signal } = ctx;
  const source = workers.load;
  const footer = await workers.footer;
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
    safe(() => callbacks.onFooter?.());
    ctx.checkAborted();
  };

  // When the footer alone gives the plan (no float list to probe) nothing is awaited from here to
  // the 'loading' update: the first page is posted to the page worker before the footer and
  // 'loading' updates, and React renders them once, while the page decodes.
  const probe = vectorProbeRequest(footer);
  if (probe) showFooter();
  const plan = planFromProbe(footer, probe ? await source.read(probe, signal) : null);
  ctx.checkAborted();
  const { columns, vectors } = loadReadOf(plan);
  const read = (req: ReadRequest, s?: AbortSignal) => workers.readForView(req, s);
  ctx.setHeavy(createParquetHeavyStore(read, footer, plan, deps.heavyBudgetBytes));
  // A column as stored (`vectors: {}`: lists stay lists, so a NULL or a short row fails nothing):
  // "Add vectors to SQL" reads the embedding with it, group by group.
  ctx.setColumnReader({
    groups: footer.rowGroups.map((g) => ({ firstRow: g.firstRow, rows: g.rows })),
    read: async (group, column, s) =>
      tableFromIPC(await read({ rowGroups: [group], columns: [column], vectors: {} }, s)),
  });
  ctx.setFileOrderRows(
    createFileOrderSource({
      tableName: ctx.tableName,
      fileName,
      footer,
      columns,
      vectors,
      db: deps.db,
      readParquet: read,
      isLoaded: () => workers.loaded,
      prefetchRows: FIRST_PAGE_ROWS,
      // The first page is read by the load worker: it is open (its footer is here), while the page
      // worker may still be reading its own; the load's first group queues behind this small read.
      // The worker has already started decoding this very request (and the probe before it) and
      // answers it from that decode (reads-ahead.ts).
      prefetchRead: (req) => source.read(req),
    }),
  );
  if (!probe) showFooter();
  ctx.update({ columns: plan, status: 'loading' });

  // A file without row groups still gets its (empty) table: read the schema alone.
  const groups = total === 0 ? [[]] : footer.rowGroups.map((_, i) => [i]);
  // The load's first decode is queued behind the first page on the load worker (a few ms), and with
  // `firstRowsWaitMs` it waits until the grid has painted the first rows, at most that long: a whole
  // group's decode on the second core slowed the first page's render and paint (the compositor's
  // raster shares the two cores). It starts before DuckDB is asked anything (DuckDB may still be
  // starting). Group i+1 decodes in the parquet worker while DuckDB inserts group i.
  const readGroup = (i: number) =>
    source.read({ rowGroups: groups[i] as number[], columns, vectors }, signal);
  const firstRowsShown = ctx.firstRowsShown(deps.firstRowsWaitMs ?? 0);
  let next: Promise<Uint8Array> | null = firstRowsShown.then(() => readGroup(0));
  next.catch(() => undefined);

  // DuckDB starts now if it has not (ready() starts it), but is asked nothing until the first rows
  // are painted: the table-name claim reads DuckDB's catalog (information_schema), whose query
  // and Arrow reply took ~20 ms of CPU on the DuckDB worker and the main thread while the first
  // page decoded and rendered on the same two cores. Nothing needs the name before the first
  // group, which waits for the same moment.
  const dbReady = deps.db.ready();
  dbReady.catch(() => undefined);
  await firstRowsShown;
  await dbReady;
  const tableName = await ctx.claimTableName();
  ctx.checkAborted();

  for (let i = 0; i < groups.length; i++) {
    const ipc = await (next as Promise<Uint8Array>);
    next = i + 1 < groups.length ? readGroup(i + 1) : null;
    // Keep a rejected prefetch from being "unhandled" if this iteration throws first.
    next?.catch(() => undefined);
    ctx.checkAborted();
    await deps.db.insertArrowIpc(tableName, ipc, { create: i === 0 });
    if (i === 0) ctx.tableCreated();
    deps.db.invalidate();
    if (i === 0) {
      mark(`ms:first-batch:${fileName}`);
      ctx.update({ timings: { ...ctx.state().timings, firstRowsMs: performance.now() - ctx.t0 } });
      safe(() => callbacks.onFirstRows?.());
    }
    ctx.update({ progress: { done: Math.min(i + 1, total), total, unit: 'row-groups' } });
    ctx.checkAborted();
  }
  workers.markLoaded();
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
