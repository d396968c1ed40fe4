/**
 * A query's life on one connection: its Run (cancelled, pending in the engine, executing, done; and
 * the restart of an engine that does not let go of a cancelled query), and the Lane that runs one
 * statement at a time per connection.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { MemscopeError } from '../../core/errors';

export class Run {
  cancelled: MemscopeError | null = null;
  /** True while the query is a pending query in the engine, where cancelSent() interrupts it. */
  pending = false;
  /** True from the moment the query holds its connection until it lets go. */
  executing = false;
  /** A read-only statement: safe to run again on a new engine even if it had started. */
  retryable = false;
  done = false;
  rejectOuter: (error: MemscopeError) => void = () => {};

  constructor(
    private readonly lane: Lane,
    private readonly onStuck: (run: Run) => void,
    /** True when other work waits for the engine (a stuck query blocks every connection). */
    private readonly othersWaiting: (run: Run) => boolean,
    private readonly graceMs: number,
  ) {}

  cancel(reason: MemscopeError): void {
    if (this.done || this.cancelled) return;
    this.cancelled = reason;
    this.rejectOuter(reason);
    if (this.pending) void this.lane.conn.cancelSent().catch(() => undefined);
    if (this.executing && reason.code === 'cancelled') {
      // The caller is released; the engine is not until it lets go of the query. Past the grace,
      // restart it as soon as other work waits for it (a lone runaway harms no one; a restart
      // costs reloading every open file).
      const check = () => {
        if (this.done) return;
        if (this.othersWaiting(this)) this.onStuck(this);
        else setTimeout(check, Math.min(this.graceMs, 1000));
      };
      setTimeout(check, this.graceMs);
    }
  }
}

export class Lane {
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly conn: AsyncDuckDBConnection) {}

  /** One statement at a time per connection: a new pending query would invalidate the running one. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
