/**
 * The allocation strategies over every query of an open trace table: its rows are read from DuckDB
 * once (loadTraceRows: only the trace columns, as Arrow), then parsed into one schedule per query
 * and played through the strategies in the plan-analysis worker; only the run's numbers come back.
 * A new run supersedes the one on its way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatCountOf } from '../../core/format/quantities';
import type { TraceRun } from '../../core/plan/memory/trace-run';
import type { DbClient } from '../../data/db/db-client';
import type { PlanAnalysisClient } from './plan-analysis-client';
import type { TraceTableRef } from './schedule-sources';
import { isCancelled, loadTraceRows } from './trace-query';

export interface TraceRunState {
  readonly table: TraceTableRef;
  readonly run: TraceRun;
}

export function useTraceRun(db: DbClient | undefined, analysis: () => PlanAnalysisClient) {
  const [done, setDone] = useState<TraceRunState | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(
    async (table: TraceTableRef) => {
      if (!db) return;
      current.current?.abort();
      const ac = new AbortController();
      current.current = ac;
      setRunning(`Reading every query of ${table.fileName}…`);
      setError(null);
      try {
        const rows = await loadTraceRows(db, table.tableName, ac.signal);
        if (ac.signal.aborted) return;
        // ~0.7 s per 100,000 rows in the worker (docs/plans.md): say what is going on.
        setRunning(
          `Playing the ${formatCountOf(rows.numRows, 'row')} of ${table.fileName} through the allocation strategies…`,
        );
        const run = await analysis().traceRun(rows);
        if (ac.signal.aborted) return;
        setDone({ table, run });
      } catch (e) {
        if (!ac.signal.aborted && !isCancelled(e))
          setError(
            `Could not play the queries of ${table.fileName}: ${e instanceof Error ? e.message : String(e)}`,
          );
      } finally {
        if (current.current === ac) setRunning(null);
      }
    },
    [db, analysis],
  );

  const close = useCallback(() => {
    current.current?.abort();
    setRunning(null);
    setError(null);
    setDone(null);
  }, []);

  return { traceRun: done, running, error, start, close };
}
