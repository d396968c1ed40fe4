import { uniqueTableName } from '../core/schema/table-names';
import { relationNames } from './db/catalog';
import type { DbClient } from './db/db-client';
import type { FileState } from './opened-file/file-state';
import { OpenedFile, type OpenDeps, type OpenedFileOptions } from './opened-file/opened-file';

/**
 * The open files (docs/architecture.md, convention 7: the one cross-feature store). It holds OpenedFile
 * objects, which own everything of a file, and publishes their plain states as one immutable
 * snapshot for React (`useSyncExternalStore(workspace.subscribe, workspace.getSnapshot)`): every
 * change makes a new array, with a new object only for the file that changed.
 */
export class Workspace {
  private readonly files = new Map<string, OpenedFile>();
  private snapshot: readonly FileState[] = [];
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

  /** The live object of an open file (views call it; React renders its `state`). */
  file(id: string): OpenedFile | undefined {
    return this.files.get(id);
  }

  /** Every open file, in the order opened. */
  all(): OpenedFile[] {
    return [...this.files.values()];
  }

  /** Opens a file: its state is published at once ('reading-footer'), its load runs on its own. */
  open(file: Blob, fileName: string, options: Pick<OpenedFileOptions, 'callbacks'> = {}): OpenedFile {
    const id = `t${this.nextId++}`;
    const taken = new Set(this.snapshot.map((s) => s.tableName.toLowerCase()));
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

  /** Closes a file: frees everything it owns, drops the DuckDB table it created, and only that. */
  async close(id: string): Promise<void> {
    const opened = this.files.get(id);
    if (!opened) return;
    this.files.delete(id);
    this.snapshot = this.snapshot.filter((s) => s.id !== id);
    this.emit();
    await opened.close();
  }

  /** Every file read into DuckDB again (after DuckDB restarted: its tables are gone). */
  reloadAll(): Promise<FileState[]> {
    return Promise.all(
      this.all()
        .filter((f) => f.state.status !== 'failed' && f.state.status !== 'cancelled')
        .map((f) => f.reload()),
    );
  }

  private publish(state: FileState): void {
    if (!this.files.has(state.id)) return;
    this.snapshot = this.snapshot.map((s) => (s.id === state.id ? state : s));
    this.emit();
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
    return taken;
  }
}
