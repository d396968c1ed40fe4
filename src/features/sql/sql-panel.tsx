import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatCountOf, formatElapsed } from '../../core/format/quantities';
import { toMemscopeError, type MemscopeError } from '../../core/errors';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { listTables, type CatalogTable } from '../../data/db/catalog';
import type { DbClient } from '../../data/db/db-client';
import { createSqlGridSource, type SqlGridResult } from '../../data/db/grid-source';
import type { GridSource } from '../../core/grid-source';
import { ExportMenu } from '../../components/export-menu/export-menu';
import { exportSource } from '../../data/export/export-table';
import { runExport } from '../../data/export/run-export';
import type { ProfiledQuery } from '../../core/plan/duckdb-profile';
import { canProfile, profileQuery } from './profile-query';
import './sql-panel.css';

export interface SqlPanelTable {
  tableName: string;
  fileName: string;
  /** Set while the file is still loading into DuckDB: queries see only the rows loaded so far. */
  loading?: { done: number; total: number; unit: string };
  /**
   * The file's own name of each column whose SQL name differs (DuckDB cannot hold `A` and `a`, an
   * empty name, a repeated one: core/schema/column-keys.ts), by SQL name.
   */
  fileNames?: ReadonlyMap<string, string>;
}

export interface SqlPanelProps {
  db: DbClient;
  /** The open tables, to list beside the editor (with their columns, read from DuckDB). */
  tables: readonly SqlPanelTable[];
  /** Renders a result (the data grid); the panel keeps the last good result while a new one fails. */
  renderResult: (source: GridSource) => ReactNode;
  /** Initial SQL; defaults to a LIMIT 100 over the first table. */
  initialSql?: string | undefined;
  /** The text as the user edits it (debounced), so it can be kept (the app keeps it in the URL). */
  onSqlChange?: (sql: string) => void;
  /**
   * Receives a query's DuckDB plan (the "Profile" button, or every query when that setting is on).
   * Without it the panel shows no profiling controls.
   */
  onProfile?: (profile: ProfiledQuery) => void;
}

/**
 * What the sidebar's catalog depends on: the tables DuckDB has. A file counts once it has loaded:
 * DuckDB runs one statement at a time, and a catalog query asked while a file's row groups go in
 * waited in line with them and pushed the rest of the load back (80–100 ms of a 100K-row load,
 * measured with the engine's calls timed in the page). A loading table is partial anyway; the
 * editor can query it meanwhile.
 */
export function catalogKey(tables: readonly SqlPanelTable[]): string {
  return tables
    .filter((t) => !t.loading)
    .map((t) => t.tableName)
    .join('\u0000');
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: MemscopeError }
  | { kind: 'done' }
  | { kind: 'profiled' };

const SQL_CHANNEL = 'sql-editor';
const PROFILE_CHANNEL = 'sql-profile';

/**
 * The SQL editor: a plain <textarea> (no HTML from strings anywhere: results and errors are text),
 * Run / Ctrl+Enter / Cmd+Enter, Cancel while running, the time and row count of the last result,
 * and DuckDB's own error message in an alert next to the query. A failed query leaves the previous
 * result in place.
 */
export function SqlPanel({ db, tables, renderResult, initialSql, onSqlChange, onProfile }: SqlPanelProps) {
  const textareaId = useId();
  const hintId = useId();
  const [sql, setSql] = useState(() => initialSql ?? defaultSql(tables));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [result, setResult] = useState<SqlGridResult | null>(null);
  const [catalog, setCatalog] = useState<CatalogTable[]>([]);
  const [catalogVersion, setCatalogVersion] = useState(0);
  const [profileEvery, setProfileEvery] = useState(false);
  const profileEveryId = useId();
  const controllerRef = useRef<AbortController | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const touchedRef = useRef(initialSql !== undefined);

  // A default query over the first table once one opens, unless the user has typed.
  useEffect(() => {
    if (!touchedRef.current && sql.trim() === '' && tables.length > 0) setSql(defaultSql(tables));
  }, [tables, sql]);

  // The text the user wrote, handed on once typing pauses (the URL is not rewritten per keystroke).
  useEffect(() => {
    if (!touchedRef.current || !onSqlChange) return;
    const id = setTimeout(() => onSqlChange(sql), 400);
    return () => clearTimeout(id);
  }, [sql, onSqlChange]);

  // The sidebar: tables and columns as DuckDB sees them; refreshed when tables open or a run ends.
  const tableKey = catalogKey(tables);
  useEffect(() => {
    const controller = new AbortController();
    listTables(db, 'main', controller.signal).then(
      (list) => {
        if (!controller.signal.aborted) setCatalog(list);
      },
      () => {
        // The sidebar is a convenience: a failure here must not disturb the editor.
      },
    );
    return () => controller.abort();
  }, [db, tableKey, catalogVersion]);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const run = useCallback(async () => {
    const text = sql;
    if (text.trim() === '') return;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ kind: 'running' });
    try {
      const next = await createSqlGridSource(db, text, { signal: controller.signal, channel: SQL_CHANNEL });
      if (controllerRef.current !== controller) return;
      setResult(next);
      setStatus({ kind: 'done' });
      // "Profile every query": the plan of each read-only query joins the Plans history (a
      // second run, on its own channel, after the result is on screen).
      if (profileEvery && onProfile && canProfile(text)) {
        profileQuery(db, text, { channel: PROFILE_CHANNEL, show: false }).then(onProfile, () => {
          // The query itself succeeded; a failed profile of it is not worth an alert.
        });
      }
    } catch (error) {
      if (controllerRef.current !== controller) return;
      const err = toMemscopeError(error, { code: 'sql' });
      setStatus(err.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error: err });
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
      setCatalogVersion((v) => v + 1);
    }
  }, [db, sql, profileEvery, onProfile]);

  const profile = useCallback(async () => {
    if (!onProfile || sql.trim() === '') return;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ kind: 'running' });
    try {
      const plan = await profileQuery(db, sql, {
        signal: controller.signal,
        channel: SQL_CHANNEL,
        show: true,
      });
      if (controllerRef.current !== controller) return;
      setStatus({ kind: 'profiled' });
      onProfile(plan);
    } catch (error) {
      if (controllerRef.current !== controller) return;
      const err = toMemscopeError(error, { code: 'sql' });
      setStatus(err.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error: err });
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
    }
  }, [db, sql, onProfile]);

  const cancel = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    }
  };

  const insertName = (name: string) => {
    const el = textareaRef.current;
    const text = quoteIdentifier(name);
    touchedRef.current = true;
    if (!el) {
      setSql((s) => s + text);
      return;
    }
    const start = el.selectionStart ?? sql.length;
    const end = el.selectionEnd ?? sql.length;
    setSql(sql.slice(0, start) + text + sql.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const running = status.kind === 'running';
  const fileOf = new Map(tables.map((t) => [t.tableName, t.fileName]));
  const fileNamesOf = new Map(tables.map((t) => [t.tableName, t.fileNames]));
  const loadingTables = tables.filter((t) => t.loading !== undefined);

  return (
    <section className="sql-panel" aria-label="SQL">
      <div className="sql-panel__editor">
        <label htmlFor={textareaId} className="sql-panel__label">
          SQL query
        </label>
        <textarea
          id={textareaId}
          ref={textareaRef}
          className="sql-panel__input mono"
          value={sql}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={6}
          aria-describedby={hintId}
          onChange={(e) => {
            touchedRef.current = true;
            setSql(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <div className="sql-panel__bar">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void run()}
            disabled={running || sql.trim() === ''}
          >
            Run
          </button>
          {onProfile && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => void profile()}
                disabled={running || sql.trim() === ''}
              >
                Profile
              </button>
              <label className="sql-panel__profile-every" htmlFor={profileEveryId}>
                <input
                  id={profileEveryId}
                  type="checkbox"
                  checked={profileEvery}
                  onChange={(e) => setProfileEvery(e.target.checked)}
                />{' '}
                Profile every query
              </label>
            </>
          )}
          {running && (
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          )}
          {result && (
            <ExportMenu
              label="Export result"
              ready={!running}
              run={(format, signal, onProgress) =>
                runExport(format, 'query-result', (sink) =>
                  exportSource(result.source, { signal, onProgress }, sink),
                )
              }
            />
          )}
          <span id={hintId} className="sql-panel__hint">
            Ctrl+Enter or ⌘+Enter runs the query.
          </span>
          <span className="sql-panel__status" role="status" aria-live="polite">
            {statusText(status, result)}
          </span>
        </div>
        {loadingTables.length > 0 && (
          <p className="sql-panel__loading" role="note">
            Still loading:{' '}
            {loadingTables
              .map(
                (t) =>
                  `${t.tableName} (${t.loading?.done ?? 0} of ${t.loading?.total ?? 0} ${t.loading?.unit ?? ''})`,
              )
              .join(', ')}
            . Queries over these tables see only the rows loaded so far, or none yet.
          </p>
        )}
        {status.kind === 'error' && (
          <div className="sql-panel__error" role="alert">
            <p className="sql-panel__error-message">{status.error.message}</p>
            {status.error.detail && <pre className="sql-panel__error-detail">{status.error.detail}</pre>}
            {status.error.hint && <p className="sql-panel__error-hint">{status.error.hint}</p>}
          </div>
        )}
      </div>
      <aside className="sql-panel__tables" aria-label="Tables">
        <h3>Tables</h3>
        {catalog.length === 0 && <p className="sql-panel__empty">No tables yet. Open a file to query it.</p>}
        <ul>
          {catalog.map((t) => (
            <li key={t.name}>
              <details>
                <summary>
                  <span className="mono">{t.name}</span>
                  {fileOf.has(t.name) && <span className="sql-panel__file"> {fileOf.get(t.name)}</span>}
                </summary>
                <button type="button" className="sql-panel__insert" onClick={() => insertName(t.name)}>
                  Insert name
                </button>
                <ul className="sql-panel__columns">
                  {t.columns.map((c) => (
                    <li key={c.name}>
                      <button
                        type="button"
                        className="sql-panel__column mono"
                        onClick={() => insertName(c.name)}
                      >
                        {c.name}
                      </button>{' '}
                      <span className="sql-panel__type">{c.type}</span>
                      {fileNamesOf.get(t.name)?.has(c.name) ? (
                        <span className="sql-panel__type">
                          {' '}
                          (“{fileNamesOf.get(t.name)?.get(c.name)}” in the file)
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </aside>
      <div className="sql-panel__result">{result && renderResult(result.source)}</div>
    </section>
  );
}

function defaultSql(tables: readonly SqlPanelTable[]): string {
  const first = tables[0];
  return first ? `SELECT * FROM ${quoteIdentifier(first.tableName)} LIMIT 100` : '';
}

function statusText(status: Status, result: SqlGridResult | null): string {
  if (status.kind === 'running') return 'Running…';
  if (status.kind === 'cancelled') return 'Cancelled.';
  if (status.kind === 'profiled') return 'Profiled: the plan is open in the Plans tab.';
  if (!result || status.kind === 'idle') return '';
  const rows = result.source.rowCount;
  const summary = `${formatCountOf(rows, 'row')} in ${formatElapsed(result.elapsedMs)}`;
  return status.kind === 'error' ? `Previous result: ${summary}` : summary;
}
