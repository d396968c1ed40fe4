/**
 * Reads a trace table through the DuckDB doorway: its query ids, one query, or every row at once
 * (for the allocation strategies over all its queries). The table name comes from a user's file,
 * so it is quoted; the query id is bound as a parameter and compared as text because trace files
 * store it as an integer or a string.
 */
import type { Table } from 'apache-arrow';
import { parseTraceTable } from '../../core/plan/parse-trace-table';
import { traceColumnsOf, traceRowsSql } from '../../core/plan/memory/trace-run';
import type { ParsedTrace } from '../../core/plan/types';
import { quoteIdentifier } from '../../core/sql/identifiers';
import type { DbClient } from '../../data/db/db-client';

export interface TraceQueryId {
  readonly queryId: string;
  readonly executors: number;
}

/** A superseded or aborted query: not an error to show. */
export function isCancelled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'cancelled';
}

/** Query ids in order of first appearance. Callers that must not cancel each other use their own channel. */
export async function listTraceQueries(
  db: DbClient,
  tableName: string,
  signal?: AbortSignal,
  channel = 'plans-trace-queries',
): Promise<TraceQueryId[]> {
  const t = quoteIdentifier(tableName);
  const { table } = await db.query(
    `SELECT CAST(query_id AS VARCHAR) AS query_id, count(*)::INTEGER AS executors FROM ${t} GROUP BY 1 ORDER BY min(rowid) LIMIT 10000`,
    { signal, channel },
  );
  const ids = table.getChild('query_id');
  const counts = table.getChild('executors');
  const out: TraceQueryId[] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push({ queryId: String(ids?.get(i) ?? ''), executors: Number(counts?.get(i) ?? 0) });
  }
  return out;
}

export async function loadTraceQuery(
  db: DbClient,
  tableName: string,
  queryId: string,
  signal?: AbortSignal,
): Promise<ParsedTrace> {
  const { table } = await db.query(
    `SELECT * FROM ${quoteIdentifier(tableName)} WHERE CAST(query_id AS VARCHAR) = ?`,
    {
      params: [queryId],
      signal,
      channel: 'plans-trace-rows',
    },
  );
  return parseTraceTable(traceColumnsOf(table));
}

/**
 * Every row of the trace (only its trace columns), read once for the allocation strategies over all
 * its queries: an Arrow table as DuckDB returns it, no row objects. Not cached: it is read once
 * per run and can be large.
 */
export async function loadTraceRows(db: DbClient, tableName: string, signal?: AbortSignal): Promise<Table> {
  const { table } = await db.query(traceRowsSql(tableName), {
    signal,
    channel: 'plans-trace-run',
    cache: false,
  });
  return table;
}
