import { rowOrigin, rowsByFile, spanStarts } from '../../core/store/row-origin';
import type { HeavyColumnStore, HeavyValue } from '../heavy-store';

/** A file of the store, in view order: its rows when the view was built and its heavy store. */
export interface StoreHeavyMember {
  rowCount: number;
  heavy: HeavyColumnStore | null;
}

/**
 * A store's heavy columns (vectors, bytes, very long text: not in DuckDB, so not in its view), read
 * by the view's `__row` through each row's own file: the row's file and file row follow from the
 * files' row counts (core/store/row-origin.ts), and the value is that file's heavy store's, decoded
 * on demand as a single file's grid reads it. A row of a file that lacks the column is NULL, as the
 * view's columns are in the rows of a file that lacks them. The files own their heavy stores: this
 * one holds nothing and frees nothing.
 */
export class StoreHeavyColumns implements HeavyColumnStore {
  readonly columns: readonly string[];
  private readonly starts: number[];

  constructor(
    private readonly members: readonly StoreHeavyMember[],
    /** The store's heavy column keys (core/store/row-origin.ts: storeHeavyPlans). */
    columns: readonly string[],
  ) {
    this.columns = columns;
    this.starts = spanStarts(members);
  }

  /** The member's own spelling of a store key (keys match ignoring case, as the view's do). */
  private keyIn(member: StoreHeavyMember | undefined, column: string): string | null {
    const fold = column.toLowerCase();
    return member?.heavy?.columns.find((c) => c.toLowerCase() === fold) ?? null;
  }

  peek(column: string, row: number): HeavyValue | undefined {
    const origin = rowOrigin(this.starts, row);
    if (!origin) return undefined;
    const member = this.members[origin.file];
    const key = this.keyIn(member, column);
    if (key === null) return null;
    return member?.heavy?.peek(key, origin.fileRow);
  }

  async ensure(column: string, rows: readonly number[], signal?: AbortSignal): Promise<void> {
    if (!this.columns.includes(column)) throw new Error(`${column} is not a heavy column`);
    const loads: Promise<void>[] = [];
    for (const [file, fileRows] of rowsByFile(this.starts, rows)) {
      const member = this.members[file];
      const key = this.keyIn(member, column);
      if (key !== null && member?.heavy) loads.push(member.heavy.ensure(key, fileRows, signal));
    }
    await Promise.all(loads);
  }

  dispose(): void {
    // The files' heavy stores are theirs: they free them when they close.
  }
}
