import { uniqueTableName } from '../core/schema/table-names';
import { relationNames } from './db/catalog';
import type { DbClient } from './db/db-client';
import type { FileState } from './opened-file/file-state';
import { OpenedFile, type OpenDeps, type OpenedFileOptions } from './opened-file/opened-file';
import { OpenedStore, type StoreState } from './store/opened-store';
import type { FileBytes } from './opened-file/load-context';

/** The name of a store opened from loose files (no folder). */
export const DEFAULT_STORE_NAME = 'memories';

/**
 * The open files (docs/architecture.md, convention 7: the one cross-feature store). It holds OpenedFile
 * objects, which own everything of a file, and publishes their plain states as one immutable
 * snapshot for React (`useSyncExternalStore(workspace.subscribe, workspace.getSnapshot)`): every
 * change makes a new array, with a new object only for the file that changed.
 */
export interface WorkspaceOptions extends OpenDeps {
  /**
   * A file just opened joins the snapshot when its first rows can be painted, its load ends, or
   * after this long, whichever comes first. Default 0: at once. See `open`.
   */
  quietStartMs?: number;
}

export class Workspace {
  private readonly files = new Map<string, OpenedFile>();
  /** Every open file's state, in the order opened. */
  private snapshot: readonly FileState[] = [];
  /** What React sees: `snapshot` less the files still in their quiet start. */
  private shown: readonly FileState[] = [];
  /** Files in their quiet start, and what to call when each is shown (see `whenShown`). */
  private readonly quiet = new Map<string, () => void>();
  private readonly shownLater = new Map<string, Promise<void>>();
  private readonly quietStartMs: number;
  private readonly stores = new Map<string, OpenedStore>();
  private storeSnapshot: readonly StoreState[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  readonly db: DbClient;
  private readonly deps: OpenDeps;

  constructor({ quietStartMs = 0, ...deps }: WorkspaceOptions) {
    this.quietStartMs = quietStartMs;
    this.db = deps.db;
    this.deps = { ...deps, takenNames: deps.takenNames ?? ((id) => this.takenNames(id)) };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly FileState[] => this.shown;

  /** The open stores (docs/store.md), as plain states, for `useSyncExternalStore`. */
  getStores = (): readonly StoreState[] => this.storeSnapshot;

  /** The live object of an open store. */
  store(id: string): OpenedStore | undefined {
    return this.stores.get(id);
  }

  /** The store a file belongs to, if any. */
  storeOf(fileId: string): OpenedStore | undefined {
    return [...this.stores.values()].find((s) => s.has(fileId));
  }

  /** The live object of an open file (views call it; React renders its `state`). */
  file(id: string): OpenedFile | undefined {
    return this.files.get(id);
  }

  /** Every open file, in the order opened. */
  all(): OpenedFile[] {
    return [...this.files.values()];
  }

  /**
   * Opens a file; its load runs on its own. Its state is published at once ('reading-footer'), or,
   * with `quietStartMs`, once its first rows can be painted (or it failed, or that time passed):
   * a file whose first rows take less than that appears with them, in one render and one frame,
   * instead of a "Reading the file…" view and a loading grid first. On these two-core machines
   * those two extra frames (React render, layout, paint, and the raster that the next frame waits
   * for) cost drop -> first rows at 100K about 50 ms (docs/benchmarks.md, stop 23).
   */
  open(file: FileBytes, fileName: string, options: Pick<OpenedFileOptions, 'callbacks'> = {}): OpenedFile {
    const id = `t${this.nextId++}`;
    const taken = this.chosenNames();
    const opened = new OpenedFile(file, fileName, {
      id,
      tableName: uniqueTableName(fileName, taken),
      deps: this.deps,
      onChange: (state) => this.publish(state),
      callbacks: options.callbacks,
    });
    this.files.set(id, opened);
    this.snapshot = [...this.snapshot, opened.state];
    if (this.quietStartMs > 0) {
      this.shownLater.set(id, new Promise<void>((resolve) => this.quiet.set(id, resolve)));
      const show = () => {
        clearTimeout(timer);
        if (this.endQuiet(id)) this.emit();
      };
      const timer = setTimeout(show, this.quietStartMs);
      void opened.firstPageReady().then(show);
    }
    this.emit();
    return opened;
  }

  /**
   * Opens files that were opened together (a folder, a multi-file drop or pick): each is its own
   * table, and when there are two or more a store is made over them, a DuckDB view named after the
   * folder (or `memories`), built once they have loaded if their columns overlap (docs/store.md).
   */
  openTogether(
    files: readonly { file: Blob; name: string }[],
    folder: string | null,
  ): { files: OpenedFile[]; store: OpenedStore | null } {
    const opened = files.map((f) => this.open(f.file, f.name));
    if (opened.length < 2) return { files: opened, store: null };
    const id = `s${this.nextId++}`;
    const title = folder ?? DEFAULT_STORE_NAME;
    const store: OpenedStore = new OpenedStore({
      id,
      tableName: uniqueTableName(title, this.chosenNames()),
      title,
      files: opened,
      db: this.db,
      takenNames: () => this.takenNames(id),
      onChange: (state) => this.publishStore(state),
      onDissolve: () => {
        if (this.stores.delete(id)) this.storeSnapshot = this.storeSnapshot.filter((s) => s.id !== id);
        this.emit();
      },
    });
    this.stores.set(id, store);
    this.storeSnapshot = [...this.storeSnapshot, store.state];
    this.emit();
    return { files: opened, store };
  }

  /** Closes a store and its files: the store drops its view, each file its own table. */
  async closeStore(id: string): Promise<void> {
    const store = this.stores.get(id);
    if (!store) return;
    this.stores.delete(id);
    this.storeSnapshot = this.storeSnapshot.filter((s) => s.id !== id);
    const fileIds = store.state.fileIds;
    this.emit();
    await store.close();
    await Promise.all(fileIds.map((f) => this.close(f)));
  }

  /** Closes a file: frees everything it owns, drops the DuckDB table it created, and only that. */
  async close(id: string): Promise<void> {
    const opened = this.files.get(id);
    if (!opened) return;
    // Its store (if any) is rebuilt without it, or dissolves.
    this.storeOf(id)?.remove(id);
    this.files.delete(id);
    this.quiet.delete(id);
    this.shownLater.delete(id);
    this.snapshot = this.snapshot.filter((s) => s.id !== id);
    this.emit();
    await opened.close();
  }

  /**
   * Every file read into DuckDB again (after DuckDB restarted: its tables are gone), at once: none
   * waits for the grid to paint its first rows, which a first open does (firstRowsWaitMs).
   */
  reloadAll(): Promise<FileState[]> {
    return Promise.all(
      this.all()
        .filter((f) => f.state.status !== 'failed' && f.state.status !== 'cancelled')
        .map((f) => f.reload({ waitForFirstRows: false })),
    );
  }

  private publish(state: FileState): void {
    if (!this.files.has(state.id)) return;
    this.snapshot = this.snapshot.map((s) => (s.id === state.id ? state : s));
    // A load that ended is shown with its end, whatever its quiet start was waiting for.
    if (state.status === 'ready' || state.status === 'failed' || state.status === 'cancelled')
      this.endQuiet(state.id);
    this.emit();
    // A store waits for its files: a load that ended, a reload or a rename rebuilds its view.
    this.storeOf(state.id)?.update();
  }

  private publishStore(state: StoreState): void {
    if (!this.stores.has(state.id)) return;
    this.storeSnapshot = this.storeSnapshot.map((s) => (s.id === state.id ? state : s));
    this.emit();
  }

  /** Names open files and stores have chosen, lowercased (DuckDB matches names ignoring case). */
  private chosenNames(): Set<string> {
    return new Set([
      ...this.snapshot.map((s) => s.tableName.toLowerCase()),
      ...this.storeSnapshot.map((s) => s.tableName.toLowerCase()),
    ]);
  }

  /**
   * Settles when the file is in the snapshot (at once if it is): the app names a new file in the
   * URL then, so the view does not fall back to another table while the file is quiet.
   */
  whenShown(id: string): Promise<void> {
    return this.shownLater.get(id) ?? Promise.resolve();
  }

  /** Ends a file's quiet start (false: it had none). Its waiters run before the snapshot changes. */
  private endQuiet(id: string): boolean {
    const shown = this.quiet.get(id);
    if (!shown) return false;
    this.quiet.delete(id);
    this.shownLater.delete(id);
    shown();
    return true;
  }

  private emit(): void {
    const shown = this.quiet.size === 0 ? this.snapshot : this.snapshot.filter((s) => !this.quiet.has(s.id));
    // Nothing React sees changed (a file in its quiet start moved on): no new snapshot, no render.
    const same = shown.length === this.shown.length && shown.every((s, i) => s === this.shown[i]);
    if (!same) this.shown = shown;
    for (const l of [...this.listeners]) l();
  }

  /** DuckDB's tables and views plus the names other open files have chosen (lowercased). */
  private async takenNames(id: string): Promise<Set<string>> {
    const taken = await relationNames(this.db);
    for (const f of this.files.values()) {
      if (f.id === id) continue;
      taken.add(f.tableName.toLowerCase());
    }
    for (const s of this.stores.values()) {
      if (s.id === id) continue;
      taken.add(s.tableName.toLowerCase());
    }
    return taken;
  }
}
