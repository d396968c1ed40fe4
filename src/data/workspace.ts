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
export class Workspace {
  private readonly files = new Map<string, OpenedFile>();
  private snapshot: readonly FileState[] = [];
  private readonly stores = new Map<string, OpenedStore>();
  private storeSnapshot: readonly StoreState[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  readonly db: DbClient;
  private readonly deps: OpenDeps;

  constructor(deps: OpenDeps) {
    this.db = deps.db;
    this.deps = { ...deps, takenNames: deps.takenNames ?? ((id) => this.takenNames(id)) };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly FileState[] => this.snapshot;

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

  /** Opens a file: its state is published at once ('reading-footer'), its load runs on its own. */
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

  private emit(): void {
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
