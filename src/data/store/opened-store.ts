import { toMemscopeError, type ErrorPayload } from '../../core/errors';
import type { ColumnPlan } from '../../core/schema/column-plan';
import { uniqueTableName } from '../../core/schema/table-names';
import { quoteIdentifier } from '../../core/sql/identifiers';
import {
  CATEGORY_COLUMN,
  buildCreateStoreView,
  formsStore,
  unionSchema,
  type StoreMember,
  type UnionSchema,
} from '../../core/store/union-schema';
import { storeHeavyPlans } from '../../core/store/row-origin';
import { listTables } from '../db/catalog';
import type { DbClient } from '../db/db-client';
import type { OpenedFile } from '../opened-file/opened-file';
import { StoreHeavyColumns } from './store-heavy';

/**
 * 'waiting': a file of the store is still loading (or reloading); 'ready': the view exists and
 * holds every ready file; 'failed': the view could not be made (the error says why).
 */
export type StoreStatus = 'waiting' | 'ready' | 'failed';

/** What React renders about a store: plain data, replaced on every change (like FileState). */
export interface StoreState {
  id: string;
  /** The DuckDB view: named after the folder (or `memories`), unique among every table and view. */
  tableName: string;
  /** What the user calls it: the folder's name, or "memories". */
  title: string;
  /** The files of the store, in the order opened (failed ones included: the file list shows them). */
  fileIds: readonly string[];
  status: StoreStatus;
  /** Rows of the view: the sum of its files' rows. */
  rowCount: number;
  /** The view's columns as plans (for Explore's facets, filters, Go to memory), internal ones left out. */
  columns: ColumnPlan[];
  /**
   * The files' heavy columns (vectors, bytes, very long text: not in the view), each key once, for
   * the store's grid: read through each row's file (`heavy`, store-heavy.ts).
   */
  heavyColumns: ColumnPlan[];
  /** The union the view was made from (which file lacks which column, type conflicts). */
  union: UnionSchema | null;
  /** The files in the view, by table: for the schema panel and the row detail. */
  members: readonly { id: string; tableName: string; fileName: string; rowCount: number }[];
  error: ErrorPayload | null;
}

export interface OpenedStoreOptions {
  id: string;
  tableName: string;
  title: string;
  files: readonly OpenedFile[];
  db: DbClient;
  /** Lowercased names the view must not take (DuckDB's relations, open files, other stores). */
  takenNames: () => Promise<Set<string>>;
  onChange: (state: StoreState) => void;
  /** Fewer than two ready files share a column: the store is no more (the workspace forgets it). */
  onDissolve: () => void;
}

const settled = (f: OpenedFile) => f.state.status !== 'reading-footer' && f.state.status !== 'loading';

/**
 * Several files of one memory store seen as one DuckDB view (docs/store.md). It owns the view and
 * only the view: each file keeps its own table. The view is (re)made whenever its files have all
 * settled and something changed since the last build (a file finished loading, reloaded, was
 * renamed or closed); failed files are left out of it.
 */
export class OpenedStore {
  readonly id: string;
  private current: StoreState;
  private files: OpenedFile[];
  private readonly db: DbClient;
  private readonly options: OpenedStoreOptions;
  private builtFor = '';
  private heavyReader: StoreHeavyColumns | null = null;
  private ownsView = false;
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();
  /** A build is due or running: `done` waits for it. */
  private pending = true;
  private settledOnce: () => void = () => {};
  private nextSettle: Promise<void>;

  constructor(options: OpenedStoreOptions) {
    this.id = options.id;
    this.options = options;
    this.db = options.db;
    this.files = [...options.files];
    this.current = {
      id: options.id,
      tableName: options.tableName,
      title: options.title,
      fileIds: this.files.map((f) => f.id),
      status: 'waiting',
      rowCount: 0,
      columns: [],
      heavyColumns: [],
      union: null,
      members: [],
      error: null,
    };
    this.nextSettle = new Promise((resolve) => (this.settledOnce = resolve));
    this.update();
  }

  get state(): StoreState {
    return this.current;
  }

  get tableName(): string {
    return this.current.tableName;
  }

  /** Resolves once the store is ready or failed (or dissolved) after the latest change. */
  get done(): Promise<StoreState> {
    return this.pending ? this.nextSettle.then(() => this.current) : Promise.resolve(this.current);
  }

  has(fileId: string): boolean {
    return this.files.some((f) => f.id === fileId);
  }

  /** The open file whose table is `tableName` (the view's file column names it). */
  member(tableName: string): OpenedFile | undefined {
    return this.files.find((f) => f.tableName.toLowerCase() === tableName.toLowerCase());
  }

  /**
   * The heavy columns of the view's rows, read by the view's `__row` through each row's own file
   * (its heavy store, at its file row); made for the files the view was last built from.
   */
  get heavy(): StoreHeavyColumns | null {
    if (this.current.status !== 'ready' || this.current.heavyColumns.length === 0) return null;
    if (!this.heavyReader) {
      const members = this.current.members.map((m) => {
        const file = this.files.find((f) => f.id === m.id);
        // Read at each call: a file's heavy store is made when its footer is read.
        return {
          rowCount: m.rowCount,
          get heavy() {
            return file?.heavy ?? null;
          },
        };
      });
      this.heavyReader = new StoreHeavyColumns(
        members,
        this.current.heavyColumns.map((c) => c.name),
      );
    }
    return this.heavyReader;
  }

  /** A file of the store changed (loaded, reloaded, renamed): rebuild once all have settled. */
  update(): void {
    if (this.closed) return;
    if (!this.files.every(settled)) {
      this.pending = true;
      if (this.current.status !== 'waiting') this.set({ status: 'waiting', error: null });
      return;
    }
    const ready = this.files.filter((f) => f.state.status === 'ready');
    const signature = JSON.stringify(ready.map((f) => [f.id, f.tableName, f.state.rowCount]));
    if (signature === this.builtFor && this.current.status !== 'waiting') return;
    this.builtFor = signature;
    this.pending = true;
    this.chain = this.chain.then(() => this.build(ready, signature));
  }

  /** A file left the workspace: the view is rebuilt without it (or the store dissolves). */
  remove(fileId: string): void {
    this.files = this.files.filter((f) => f.id !== fileId);
    // Not queryable until rebuilt: the view still names the file's table, which is being dropped.
    this.set({ fileIds: this.files.map((f) => f.id), status: 'waiting' });
    this.builtFor = '';
    this.update();
  }

  /** The view was dropped from SQL (or DuckDB restarted): make it again from the files. */
  rebuild(): Promise<StoreState> {
    this.builtFor = '';
    this.ownsView = false;
    this.set({ status: 'waiting' });
    this.update();
    return this.done;
  }

  /** Drops the view this store created, and nothing else. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.settle();
    await this.chain.catch(() => undefined);
    await this.dropView();
  }

  private async build(ready: OpenedFile[], signature: string): Promise<void> {
    if (this.closed || signature !== this.builtFor) return;
    try {
      const tables = await listTables(this.db);
      const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
      const members: StoreMember[] = ready.map((f) => {
        const labels = new Map(f.state.columns.map((c) => [c.name, c.label]));
        const table = byName.get(f.tableName.toLowerCase());
        return {
          table: f.tableName,
          fileName: f.fileName,
          rowCount: f.state.rowCount,
          // A file's vectors added to SQL stay out of the view (docs/similar.md, "Vectors in SQL"):
          // the view's columns are Explore's, and a vector is not a column Explore can facet or sort.
          columns: (table?.columns ?? [])
            .filter((c) => c.name !== sqlVectorColumn(f))
            .map((c) => ({
              name: c.name,
              label: labels.get(c.name) ?? c.name,
              type: c.type,
            })),
        };
      });
      if (this.closed || signature !== this.builtFor) return;
      if (!formsStore(members)) {
        await this.dissolve();
        return;
      }
      const union = unionSchema(members);
      const name = await this.claimName();
      await this.db.query(buildCreateStoreView(name, members, union), { cache: false });
      this.ownsView = true;
      this.db.invalidate();
      if (this.closed) {
        await this.dropView();
        return;
      }
      this.set({
        tableName: name,
        status: 'ready',
        rowCount: members.reduce((n, m) => n + m.rowCount, 0),
        columns: columnPlans(union, ready),
        heavyColumns: storeHeavyPlans(ready.map((f) => f.state.columns)),
        union,
        members: ready.map((f) => ({
          id: f.id,
          tableName: f.tableName,
          fileName: f.fileName,
          rowCount: f.state.rowCount,
        })),
        error: null,
      });
    } catch (err) {
      const e = toMemscopeError(err, { code: 'sql', file: this.current.title });
      this.set({
        status: 'failed',
        error: {
          ...e.toPayload(),
          message: `The store ${this.current.title} could not be made: ${e.message}`,
          hint: 'Its files are still open, each as its own table.',
        },
      });
    }
    this.settle();
  }

  private async claimName(): Promise<string> {
    const taken = await this.options.takenNames();
    const wanted = this.current.tableName;
    if (this.ownsView) taken.delete(wanted.toLowerCase());
    if (!taken.has(wanted.toLowerCase())) return wanted;
    return uniqueTableName(wanted, taken);
  }

  private async dissolve(): Promise<void> {
    this.closed = true;
    await this.dropView();
    this.settle();
    this.options.onDissolve();
  }

  private async dropView(): Promise<void> {
    if (!this.ownsView) return;
    this.ownsView = false;
    // Best effort: DuckDB may be restarting, and the view goes with it then.
    await this.db
      .query(`DROP VIEW IF EXISTS ${quoteIdentifier(this.current.tableName)}`, { cache: false })
      .catch(() => undefined);
    this.db.invalidate();
  }

  private settle(): void {
    this.pending = false;
    this.settledOnce();
    this.nextSettle = new Promise((resolve) => (this.settledOnce = resolve));
  }

  private set(patch: Partial<StoreState>): void {
    if (this.closed && patch.status !== undefined) return;
    // The heavy reader maps rows by the files the view holds: made again for the next build.
    this.heavyReader = null;
    this.current = { ...this.current, ...patch };
    this.options.onChange(this.current);
  }
}

/**
 * The view's columns as column plans, so Explore treats the store like a table: role and Arrow type
 * from the first file that has the column (text where the union cast it to VARCHAR); the category
 * from the file name is a category-role string column.
 */
function columnPlans(union: UnionSchema, files: readonly OpenedFile[]): ColumnPlan[] {
  return union.columns.map((c) => {
    const plan = files
      .flatMap((f) => f.state.columns)
      .find((p) => p.name.toLowerCase() === c.name.toLowerCase() && p.destination === 'duckdb');
    const text = c.cast === 'text' || (!plan && c.name === CATEGORY_COLUMN);
    return {
      name: c.name,
      label: c.label,
      arrowType: text || !plan ? 'Utf8' : plan.arrowType,
      role: plan?.role ?? (c.name === CATEGORY_COLUMN ? 'category' : 'other'),
      destination: 'duckdb',
      reason:
        c.missingFrom.length > 0
          ? `NULL in the rows of ${c.missingFrom.join(', ')} (not in those files)`
          : c.fromFileName.length > 0
            ? `from the file name in ${c.fromFileName.join(', ')}`
            : 'in every file of the store',
    };
  });
}

/** The column a file added to SQL as vectors (left out of the view), if any. */
function sqlVectorColumn(f: OpenedFile): string | null {
  return f.state.sqlVectors?.report ? f.state.sqlVectors.column : null;
}
