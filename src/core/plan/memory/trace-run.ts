/**
 * A trace table as a run of queries (issue 9 item 8): every query of the trace, in order, played
 * through the allocation strategies of query-run.ts. Pure: a ParsedTrace in, numbers out. The
 * Plans view reads the trace's rows from DuckDB once, as Arrow, and calls `traceRunFromTable`
 * in the plan-analysis worker (src/workers/plan-analysis.worker.ts).
 *
 * Order of the queries (docs/plan-memory-models.md, "A trace as the run"): by the table's rows,
 * the order in which each query_id first appears (the trace format says row order is creation
 * order), unless the trace's start times put the queries one after another on one clock. start_us
 * is recorded per executor and the format does not say that queries share a clock: in the shipped
 * sample every query's clock starts near 0, so sorting by it would only shuffle the run. Start
 * times are used only when every query has them and their spans [first start, last end] do not
 * overlap once sorted: then they are one clock, and the run is the order the queries really ran.
 */
import type { Table } from 'apache-arrow';
import { quoteIdentifier } from '../../sql/identifiers';
import { parseTraceTable } from '../parse-trace-table';
import type { ParsedTrace, TraceColumn, TraceColumns, TraceQuery } from '../types';
import type { BumpaloVersion } from './memory-types';
import { runQueryFromSchedule, simulateRun, type RunQuery, type StrategyResult } from './query-run';

export const TRACE_COLUMN_NAMES = [
  'query_id',
  'executor_id',
  'kind',
  'size_bytes',
  'deps',
  'align',
  'start_us',
  'end_us',
  'rows',
  'name',
  'holds_heap',
  'removed',
] as const;

export interface TraceOrder {
  /** 'table': first appearance of each query_id in the rows; 'start': first start_us (one clock). */
  readonly by: 'table' | 'start';
  /** Indexes into the trace's queries (table order), in run order. */
  readonly indexes: readonly number[];
  /** Why, for the view: one sentence. */
  readonly reason: string;
}

export interface TraceRunQuery {
  readonly queryId: string;
  readonly executors: number;
  /** Executors that ran (all of them when the query has no timings). */
  readonly ran: number;
  /** Validation errors of this query (it is played as read, sanitized). */
  readonly errors: number;
}

export interface TraceRun {
  /** In run order. */
  readonly queries: readonly TraceRunQuery[];
  readonly order: TraceOrder;
  readonly results: readonly StrategyResult[];
  readonly executors: number;
  /** Table-level problems (missing columns, ragged columns), as text. */
  readonly tableProblems: readonly string[];
}

/** A query's span on its clock, or null when no executor has both timings. */
function span(q: TraceQuery): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of q.parsed.schedule.executors) {
    if (e.startUs === undefined || e.endUs === undefined) continue;
    if (e.startUs < start) start = e.startUs;
    if (e.endUs > end) end = e.endUs;
  }
  return start <= end ? { start, end } : null;
}

export function orderTraceQueries(queries: readonly TraceQuery[]): TraceOrder {
  const table = queries.map((_, i) => i);
  if (queries.length < 2)
    return { by: 'table', indexes: table, reason: 'in the order of the table (there is one query).' };
  const spans = queries.map(span);
  if (spans.some((s) => s === null))
    return {
      by: 'table',
      indexes: table,
      reason: 'in the order of the table (not every query has start_us and end_us).',
    };
  const s = spans as { start: number; end: number }[];
  // Stable: equal starts keep table order.
  const byStart = [...table].sort((a, b) => s[a]!.start - s[b]!.start || a - b);
  for (let k = 1; k < byStart.length; k++) {
    if (s[byStart[k]!]!.start < s[byStart[k - 1]!]!.end)
      return {
        by: 'table',
        indexes: table,
        reason:
          'in the order of the table: the queries’ start_us spans overlap (each query has its own clock, or they ran at once), so start times cannot order them.',
      };
  }
  return {
    by: 'start',
    indexes: byStart,
    reason: 'by start_us: the queries’ spans follow one another on one clock.',
  };
}

export function buildTraceRun(trace: ParsedTrace, bumpalo?: BumpaloVersion): TraceRun {
  const order = orderTraceQueries(trace.queries);
  const played: TraceQuery[] = order.indexes.map((i) => trace.queries[i]!);
  const run: RunQuery[] = played.map((q) => runQueryFromSchedule(`query ${q.queryId}`, q.parsed.schedule));
  return {
    queries: played.map((q, k) => ({
      queryId: q.queryId,
      executors: run[k]!.executors.length,
      ran: run[k]!.executors.filter((e) => e.ran).length,
      errors: q.parsed.problems.filter((p) => p.severity === 'error').length,
    })),
    order,
    results: simulateRun(run, bumpalo),
    executors: run.reduce((n, q) => n + q.executors.length, 0),
    tableProblems: trace.problems.map((p) => p.message),
  };
}

/**
 * Every row of a trace table, once, with only the trace columns (those the table has), in the
 * table's row order (rowid: the order the rows were loaded, the file's order; the trace picker
 * lists query ids by the same order). The table name comes from a user's file: it is quoted.
 */
export function traceRowsSql(tableName: string): string {
  return `SELECT COLUMNS('^(${TRACE_COLUMN_NAMES.join('|')})$') FROM ${quoteIdentifier(tableName)} ORDER BY rowid`;
}

/** The trace columns of an Arrow table: its vectors as they are (the parser reads cells with get(i)). */
export function traceColumnsOf(table: Table): TraceColumns {
  const cols: Partial<Record<(typeof TRACE_COLUMN_NAMES)[number], TraceColumn>> = {};
  for (const name of TRACE_COLUMN_NAMES) {
    const v = table.getChild(name);
    if (v) cols[name] = v;
  }
  return cols as TraceColumns;
}

export function traceRunFromTable(table: Table, bumpalo?: BumpaloVersion): TraceRun {
  return buildTraceRun(parseTraceTable(traceColumnsOf(table)), bumpalo);
}
