import { useEffect, useId, useState } from 'react';
import { formatCountOf } from '../../core/format/quantities';
import type { DbClient } from '../../data/db/db-client';
import { fetchSamples, type PlanSample } from './samples';
import { isCancelled, listTraceQueries, type TraceQueryId } from './trace-query';

export interface TraceTableRef {
  readonly tableName: string;
  readonly fileName: string;
}

interface Props {
  readonly db?: DbClient;
  readonly traceTables: readonly TraceTableRef[];
  readonly busy: boolean;
  readonly onOpenText: (text: string, label: string) => void;
  /** A picked file: read in the plan-analysis worker, not here. */
  readonly onOpenFile: (file: File) => void;
  readonly onOpenSample: (sample: PlanSample) => void;
  readonly onOpenTraceQuery: (table: TraceTableRef, queryId: string) => void;
  /** Plays the allocation strategies over every query of the table, in order. */
  readonly onRunTrace: (table: TraceTableRef) => void;
  /** Table to preselect (a Parquet sample that was just opened through the app). */
  readonly preferredTable: string | null;
}

/**
 * The ways to open a plan: samples, a JSON file (schedule or DuckDB profile), pasted JSON, a query of an
 * open trace table.
 */
export function ScheduleSources({
  db,
  traceTables,
  busy,
  onOpenText,
  onOpenFile,
  onOpenSample,
  onOpenTraceQuery,
  onRunTrace,
  preferredTable,
}: Props) {
  const [samples, setSamples] = useState<PlanSample[] | null>(null);
  const [samplesError, setSamplesError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const fileId = useId();
  const pasteId = useId();

  useEffect(() => {
    const ac = new AbortController();
    fetchSamples(ac.signal).then(setSamples, (e: unknown) => {
      if (!ac.signal.aborted) setSamplesError(e instanceof Error ? e.message : String(e));
    });
    return () => ac.abort();
  }, []);

  return (
    <div className="plans-sources">
      <section className="plans-source-box" aria-labelledby={`${fileId}-samples`}>
        <h3 id={`${fileId}-samples`}>Samples</h3>
        {samplesError && <p className="plans-error">{samplesError}</p>}
        {samples === null && !samplesError && <p className="muted">Loading the sample list…</p>}
        {samples && (
          <ul className="plans-sample-list">
            {samples.map((s) => (
              <li key={s.url}>
                <button
                  type="button"
                  className="button"
                  disabled={busy || (s.format !== 'json' && !db)}
                  onClick={() => onOpenSample(s)}
                  title={s.description}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="plans-source-box" aria-labelledby={`${fileId}-open`}>
        <h3 id={`${fileId}-open`}>Your plan or schedule</h3>
        <label className="plans-file-label" htmlFor={fileId}>
          Open plan or schedule
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onOpenFile(file);
          }}
        />
        <p className="muted plans-hint">
          an executor schedule or a DuckDB profile (recognized by content); or drop a .json file anywhere on
          this view
        </p>
        <details className="plans-paste">
          <summary>Paste JSON</summary>
          <label htmlFor={pasteId}>Schedule JSON</label>
          <textarea
            id={pasteId}
            rows={6}
            spellCheck={false}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder='{"root_executor_id": 1, "executors": [...], "dependencies": [...]}'
          />
          <button
            type="button"
            className="button"
            disabled={busy || pasted.trim() === ''}
            onClick={() => onOpenText(pasted, 'pasted JSON')}
          >
            Open pasted JSON
          </button>
        </details>
      </section>
      {db && traceTables.length > 0 && (
        <TracePicker
          db={db}
          traceTables={traceTables}
          busy={busy}
          onOpen={onOpenTraceQuery}
          onRunAll={onRunTrace}
          preferredTable={preferredTable}
        />
      )}
    </div>
  );
}

function TracePicker({
  db,
  traceTables,
  busy,
  onOpen,
  onRunAll,
  preferredTable,
}: {
  db: DbClient;
  traceTables: readonly TraceTableRef[];
  busy: boolean;
  onOpen: (table: TraceTableRef, queryId: string) => void;
  onRunAll: (table: TraceTableRef) => void;
  preferredTable: string | null;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const tableName =
    chosen && traceTables.some((t) => t.tableName === chosen)
      ? chosen
      : preferredTable && traceTables.some((t) => t.tableName === preferredTable)
        ? preferredTable
        : traceTables[0]!.tableName;
  const table = traceTables.find((t) => t.tableName === tableName)!;
  const [queries, setQueries] = useState<{ table: string; list: TraceQueryId[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queryId, setQueryId] = useState('');
  const tableId = useId();
  const queryFieldId = useId();

  useEffect(() => {
    const ac = new AbortController();
    listTraceQueries(db, tableName, ac.signal).then(
      (list) => {
        setError(null);
        setQueries({ table: tableName, list });
      },
      (e: unknown) => {
        if (!ac.signal.aborted && !isCancelled(e)) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => ac.abort();
  }, [db, tableName]);

  const list = queries?.table === tableName ? queries.list : null;
  const selected = list?.some((q) => q.queryId === queryId) ? queryId : (list?.[0]?.queryId ?? '');

  return (
    <section className="plans-source-box" aria-labelledby={`${tableId}-h`}>
      <h3 id={`${tableId}-h`}>Trace tables</h3>
      <label htmlFor={tableId}>Trace table</label>
      <select id={tableId} value={tableName} onChange={(e) => setChosen(e.target.value)}>
        {traceTables.map((t) => (
          <option key={t.tableName} value={t.tableName}>
            {t.fileName}
          </option>
        ))}
      </select>
      <label htmlFor={queryFieldId}>Query</label>
      <select
        id={queryFieldId}
        value={selected}
        onChange={(e) => setQueryId(e.target.value)}
        disabled={!list}
      >
        {(list ?? []).map((q) => (
          <option key={q.queryId} value={q.queryId}>
            {q.queryId} ({formatCountOf(q.executors, 'executor')})
          </option>
        ))}
      </select>
      {error && <p className="plans-error">{error}</p>}
      <button
        type="button"
        className="button"
        disabled={busy || selected === ''}
        onClick={() => onOpen(table, selected)}
      >
        Open query
      </button>
      <button
        type="button"
        className="button"
        disabled={busy || !list || list.length === 0}
        onClick={() => onRunAll(table)}
        title="Box, a fresh Bump per query, one Bump with reset(), per-kind pools and lazy creation, over every query of the table in order"
      >
        Strategies over all queries
      </button>
    </section>
  );
}
