import { MemscopeError, toMemscopeError } from '../../core/errors';
import type { DbClient } from '../db/db-client';
import { addVectorsToSql, removeVectorsFromSql, type ColumnReader } from '../vectors/sql-vectors';
import type { FileState, SqlVectorsState } from './file-state';

/** What FileSqlVectors needs from its OpenedFile. */
export interface SqlVectorsHost {
  readonly fileName: string;
  readonly db: DbClient;
  state(): FileState;
  reader(): ColumnReader | null;
  set(patch: Partial<FileState>): void;
}

/**
 * An opened file's "Add vectors to SQL" (docs/similar.md, "Vectors in SQL"): its one run at a time,
 * its cancel, its undo, and what happens on reload. The state is `FileState.sqlVectors`.
 *
 * Reload (the SQL engine restarted, or the table was dropped and read again): vectors that were
 * added are added again once the file is back (the user asked for them; their queries keep
 * working); a run still going when the reload started is stopped and shown as not added.
 */
export class FileSqlVectors {
  private run: AbortController | null = null;
  private wanted: { column: string; dim: number } | null = null;

  constructor(private readonly host: SqlVectorsHost) {}

  private patch(next: SqlVectorsState | undefined): void {
    this.host.set({ sqlVectors: next });
  }

  /** Adds `column` to the file's table as FLOAT[d]; resolves when done (never rejects: the state says). */
  async add(column: string): Promise<void> {
    const state = this.host.state();
    const plan = state.columns.find((c) => c.name === column);
    const reader = this.host.reader();
    const fail = (message: string) =>
      this.patch({
        column,
        dim: plan?.vectorDim ?? 0,
        status: 'failed',
        progress: { rows: 0, total: 0 },
        error: new MemscopeError({ code: 'invalid-input', file: this.host.fileName, message }).toPayload(),
      });
    if (this.run) return;
    if (!plan?.vectorDim) return fail(`${this.host.fileName} has no vector column "${column}".`);
    if (state.status !== 'ready' || !reader)
      return fail(`${this.host.fileName} is not loaded yet: add its vectors to SQL once it is.`);
    const dim = plan.vectorDim;
    const run = new AbortController();
    this.run = run;
    const total = reader.groups.reduce((n, g) => n + g.rows, 0);
    this.patch({ column, dim, status: 'adding', progress: { rows: 0, total } });
    try {
      const report = await addVectorsToSql({
        db: this.host.db,
        fileName: this.host.fileName,
        tableName: state.tableName,
        column,
        dim,
        reader,
        signal: run.signal,
        onProgress: (rows) => {
          if (!run.signal.aborted) this.patch({ column, dim, status: 'adding', progress: { rows, total } });
        },
      });
      // Stopped by a reload or close meanwhile: beforeReload said so.
      if (this.run !== run) return;
      this.wanted = { column, dim };
      this.patch({ column, dim, status: 'added', progress: { rows: total, total }, report });
    } catch (err) {
      if (this.run !== run) return;
      const e = toMemscopeError(err, { code: 'sql', file: this.host.fileName });
      this.patch({
        column,
        dim,
        status: e.code === 'cancelled' ? 'cancelled' : 'failed',
        progress: { rows: 0, total },
        error: e.toPayload(),
      });
    } finally {
      if (this.run === run) this.run = null;
    }
  }

  /** Stops a run: what it made is dropped; the table stays as it was. */
  cancel(): void {
    this.run?.abort();
  }

  /** "Remove vectors from SQL": drops the column, shows the memory before and after. */
  async remove(): Promise<void> {
    const current = this.host.state().sqlVectors;
    if (!current || current.status !== 'added') return;
    this.wanted = null;
    this.patch({ ...current, status: 'removing' });
    try {
      const freed = await removeVectorsFromSql(this.host.db, this.host.state().tableName, current.column);
      this.patch({
        column: current.column,
        dim: current.dim,
        status: 'removed',
        progress: { rows: 0, total: 0 },
        removed: freed,
      });
    } catch (err) {
      const e = toMemscopeError(err, { code: 'sql', file: this.host.fileName });
      this.wanted = { column: current.column, dim: current.dim };
      this.patch({ ...current, status: 'added', error: e.toPayload() });
    }
  }

  /** A reload starts: a run in flight stops (its tables went with the old engine or are dropped). */
  beforeReload(): void {
    if (this.run) {
      const stopped = this.host.state().sqlVectors;
      this.run.abort();
      this.run = null;
      if (stopped)
        this.patch({
          ...stopped,
          status: 'failed',
          error: new MemscopeError({
            code: 'cancelled',
            file: this.host.fileName,
            message: `${this.host.fileName} was read again while its vectors were being added to SQL: they were not added.`,
            hint: 'Add them again.',
          }).toPayload(),
        });
    }
  }

  /** The file is back in DuckDB after a reload: vectors that were added are added again. */
  async afterReload(): Promise<void> {
    if (!this.wanted || this.host.state().status !== 'ready') return;
    const { column } = this.wanted;
    this.wanted = null;
    await this.add(column);
  }

  dispose(): void {
    this.wanted = null;
    this.run?.abort();
    this.run = null;
  }
}
