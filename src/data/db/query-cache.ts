import type { Data, Table } from 'apache-arrow';
import type { QueryParam } from './db-client';

/**
 * A small LRU of query results, keyed by SQL + params and bounded by entries and by bytes. Results
 * are Arrow tables that share nothing with later queries, so handing the same table to two callers
 * is safe as long as nobody mutates it (Arrow JS tables are immutable in practice).
 */
export class QueryCache {
  private readonly entries = new Map<string, { table: Table; bytes: number }>();
  private bytes = 0;
  /** Bumped on every clear(): a query started before a clear must not fill the cache after it. */
  generation = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 128 * 1024 * 1024,
    private readonly maxEntryBytes = 32 * 1024 * 1024,
  ) {}

  get(key: string): Table | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.table;
  }

  set(key: string, table: Table, generation: number): void {
    if (generation !== this.generation) return;
    const bytes = tableBytes(table);
    if (bytes > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { table, bytes });
    this.bytes += bytes;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation++;
  }

  get size(): number {
    return this.entries.size;
  }
}

export function cacheKey(sql: string, params: readonly QueryParam[] | undefined): string {
  if (!params || params.length === 0) return sql;
  // Tag types so that 1, 1n, '1' and true do not collide (JSON.stringify also throws on bigint).
  const parts = params.map((p) =>
    p === null ? 'N' : typeof p === 'bigint' ? `I${p}` : `${typeof p}:${String(p)}`,
  );
  return `${sql}\u0000${parts.join('\u0001')}`;
}

function tableBytes(table: Table): number {
  let bytes = 0;
  for (const batch of table.batches) bytes += dataBytes(batch.data);
  return bytes;
}

/**
 * Arrow's Data.byteLength throws on the empty batch `new Table(schema, [])` makes for a list column
 * (its child Data is missing), so sum the buffers ourselves. Buffers shared between batches of one
 * result are counted per view, which is what a result holds on to.
 */
function dataBytes(data: Data | undefined): number {
  if (!data) return 0;
  let bytes =
    (data.values?.byteLength ?? 0) +
    (data.valueOffsets?.byteLength ?? 0) +
    (data.nullBitmap?.byteLength ?? 0) +
    (data.typeIds?.byteLength ?? 0);
  for (const child of data.children ?? []) bytes += dataBytes(child);
  return bytes;
}
