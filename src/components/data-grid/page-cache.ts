import type { Table } from 'apache-arrow';

/**
 * Pages of rows for the grid: fetched on demand, kept in an LRU, one fetch per page at a time.
 *
 * - `want(pages)` says which pages the viewport needs now, most important first. Pages already
 *   cached or in flight are not fetched again (in-flight dedupe); a fetch whose page is no longer
 *   wanted is aborted (fast scrolling through 1M rows must not queue thousands of queries).
 * - At most two fetches run at once (rows on a page boundary need two pages); the queue is in the
 *   order of `want`, so visible pages jump ahead of overscan pages.
 * - Eviction is least-recently-used, never of a page that is wanted right now.
 */
export interface PageCacheOptions {
  pageSize: number;
  /** Pages kept (256-row pages x 64 = 16K rows of Arrow, a few MB for typical tables). */
  maxPages?: number;
  concurrency?: number;
  fetchPage(offset: number, limit: number, signal: AbortSignal): Promise<Table>;
}

type Listener = () => void;

export class PageCache {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly concurrency: number;
  private readonly fetchPage: PageCacheOptions['fetchPage'];
  private readonly pages = new Map<number, Table>();
  private readonly inFlight = new Map<number, AbortController>();
  private readonly failed = new Map<number, unknown>();
  private wanted: number[] = [];
  private readonly listeners = new Set<Listener>();
  private version = 0;

  constructor(options: PageCacheOptions) {
    this.pageSize = options.pageSize;
    this.maxPages = options.maxPages ?? 64;
    this.concurrency = options.concurrency ?? 2;
    this.fetchPage = options.fetchPage;
  }

  /** A page the source already held (GridSource.peekRows): cached without a fetch. */
  seed(page: number, table: Table): void {
    if (!this.pages.has(page)) this.pages.set(page, table);
  }

  /** The cached page, marked as recently used; undefined when not loaded (yet). */
  get(page: number): Table | undefined {
    const table = this.pages.get(page);
    if (table) {
      this.pages.delete(page);
      this.pages.set(page, table);
    }
    return table;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** The error of the last failed fetch of this page, if any (cleared by retry()). */
  error(page: number): unknown {
    return this.failed.get(page);
  }

  /** The pages needed now, most important first. */
  want(pages: readonly number[]): void {
    this.wanted = [...pages];
    const wantedSet = new Set(pages);
    for (const [page, controller] of this.inFlight) {
      if (!wantedSet.has(page)) {
        controller.abort();
        this.inFlight.delete(page);
      }
    }
    this.pump();
  }

  /** Forget failures so the wanted pages are fetched again. */
  retry(): void {
    this.failed.clear();
    this.bump();
    this.pump();
  }

  /** Abort whatever is in flight (unmount, source change). The cache stays usable. */
  abortAll(): void {
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private bump(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private pump(): void {
    for (const page of this.wanted) {
      if (this.inFlight.size >= this.concurrency) return;
      if (this.pages.has(page) || this.inFlight.has(page) || this.failed.has(page)) continue;
      this.start(page);
    }
  }

  private start(page: number): void {
    const controller = new AbortController();
    this.inFlight.set(page, controller);
    const offset = page * this.pageSize;
    this.fetchPage(offset, this.pageSize, controller.signal).then(
      (table) => {
        if (this.inFlight.get(page) !== controller) return; // aborted or superseded meanwhile
        this.inFlight.delete(page);
        this.pages.set(page, table);
        this.evict();
        this.bump();
        this.pump();
      },
      (error: unknown) => {
        if (this.inFlight.get(page) !== controller) return;
        this.inFlight.delete(page);
        if (!controller.signal.aborted) {
          this.failed.set(page, error);
          this.bump();
        }
        this.pump();
      },
    );
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const keep = new Set(this.wanted);
    for (const page of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      if (!keep.has(page)) this.pages.delete(page);
    }
  }
}

/** Pages covering rows [start, end), the ones holding the visible rows first, then the rest. */
export function pagesFor(
  start: number,
  end: number,
  visibleStart: number,
  visibleEnd: number,
  pageSize: number,
): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  const first = Math.floor(visibleStart / pageSize);
  const last = Math.floor(Math.max(visibleStart, visibleEnd - 1) / pageSize);
  for (let p = first; p <= last; p++) pages.push(p);
  const all = Math.floor((end - 1) / pageSize);
  for (let p = Math.floor(start / pageSize); p <= all; p++) if (p < first || p > last) pages.push(p);
  return pages;
}
