import { columnChoices } from '../core/grid-source';
import type { Filter } from '../core/sql/table-query';
import { rowBitmap } from '../data/db/row-set';
import { useCallback, useMemo, useState } from 'react';
import { quoteIdentifier } from '../core/sql/identifiers';
import { ROW_INDEX_COLUMN } from '../core/schema/column-plan';
import type { DbClient } from '../data/db/db-client';
import type { FileState } from '../data/opened-file/file-state';
import type { OpenedFile } from '../data/opened-file/opened-file';
import { SimilarView, type SimilarRows } from '../features/similar/similar-view';
import type { SimilarPeer } from '../features/similar/search-scope';
import type { Workspace } from '../data/workspace';
import type { StoreState } from '../data/store/opened-store';
import { buildRowsAcrossQuery, type RowsAcrossPart } from '../core/sql/rows-across-query';
import { EMPTY_EXPLORE_STATE, VIEW_PARAMS, encodeExploreState } from '../core/url/view-state';
import { setUrlParams } from './use-url-state';
import { spanStarts } from '../core/store/row-origin';
import { codesByRow, MAX_COLOURED_VALUES, type ColourColumn } from '../core/map/colours';
import { colourCodesQuery, colourValuesQuery } from '../core/sql/colour-query';

/**
 * Composes the Similar view for one open file: picks its vector column (a choice when it has
 * several), asks the file for that column's index (made on first use, owned by the file), and gives
 * the view its row lookups through the DuckDB doorway, by `__row`, and the other open files whose
 * vectors have the same dimension (one search can cover them all).
 */
export function SimilarTab({
  db,
  workspace,
  tables,
  file,
  state,
  queryRow,
  onOpenRow,
  exploreFilters,
  onShowInExplore,
  store = null,
}: {
  db: DbClient;
  workspace: Workspace;
  /** Every open file (the workspace's snapshot). */
  tables: readonly FileState[];
  file: OpenedFile;
  state: FileState;
  queryRow: number | null;
  /** A result was clicked: its row of this file (`fileName` absent), or of another open file. */
  onOpenRow(row: number, fileName?: string): void;
  /** The filters Explore applies to this file now (from the URL), or none. */
  exploreFilters: readonly Filter[];
  /** "Show in Explore": these rows (`__row`) become Explore's filter. */
  onShowInExplore(rows: Float64Array): void;
  /** "Find similar" came from a row of this store: the search covers its files (those with vectors). */
  store?: SimilarStore | null;
}) {
  const vectorColumns = state.columns.filter((c) => c.vectorDim);
  const vectorChoices = columnChoices(vectorColumns);
  const [chosen, setChosen] = useState<string | null>(null);
  const column = vectorColumns.find((c) => c.name === chosen) ?? vectorColumns[0] ?? null;
  const index = column ? file.vectorIndex(column.name) : null;
  const idColumn = state.columns.find((c) => c.role === 'id' && c.destination === 'duckdb')?.name ?? null;
  const textColumn = state.columns.find((c) => c.role === 'text' && c.destination === 'duckdb')?.name ?? null;
  // "Colour by": category columns by role, then other strings, booleans and integers (not ids).
  const colourColumns = useMemo<ColourColumn[]>(
    () =>
      state.columns
        .filter(
          (c) =>
            c.destination === 'duckdb' &&
            (c.role === 'category' ||
              (c.role === 'other' && /^(Utf8|LargeUtf8|Bool|U?Int|Dictionary)/.test(c.arrowType))),
        )
        .map((c) => ({ name: c.name, label: c.label, category: c.role === 'category' })),
    [state.columns],
  );
  const table = state.tableName;
  // "Only rows matching the Explore filter": the allowed `__row` set, computed by DuckDB once per search.
  const rowCount = state.rowCount;
  const exploreFilter = useMemo(
    () =>
      exploreFilters.length === 0
        ? undefined
        : () => rowBitmap(db, table, exploreFilters, rowCount) as Promise<Uint8Array | null>,
    [db, table, exploreFilters, rowCount],
  );

  // Vectors added to SQL are the heavy column again: the results read it from the file, not twice.
  const sqlVector = state.sqlVectors?.report ? state.sqlVectors.column : null;
  // Other open files with vectors of this dimension (cheap to list: a pass over the open files).
  const peerFiles = column?.vectorDim
    ? vectorPeers(
        workspace,
        store ? tables.filter((t) => store.fileIds.includes(t.id)) : tables,
        state,
        column.vectorDim,
        column.name,
      )
    : [];
  const peers: SimilarPeer[] = peerFiles.map((p) => ({
    fileName: p.state.fileName,
    index: () => p.file.vectorIndex(p.column) as NonNullable<ReturnType<OpenedFile['vectorIndex']>>,
  }));
  // The files a search across files reads rows from, by name: their tables and their vectors added
  // to SQL (as text: the rows' lookups change only when these do, not with every loading step).
  const acrossKey = JSON.stringify(
    [state, ...peerFiles.map((p) => p.state)].map((s) => [
      s.fileName,
      { table: s.tableName, exclude: s.sqlVectors?.report ? [s.sqlVectors.column] : [] },
    ]),
  );
  const rows = useMemo<SimilarRows>(() => {
    const t = quoteIdentifier(table);
    const r = quoteIdentifier(ROW_INDEX_COLUMN);
    const all = sqlVector ? `t.* EXCLUDE (${quoteIdentifier(sqlVector)})` : 't.*';
    return {
      async fetchRows(list, signal) {
        // The rows in the order given: the list is bound as text and unnested with its positions.
        const sql = `SELECT ${all} FROM ${t} t JOIN (SELECT unnest(l) AS ${r}, generate_subscripts(l, 1) AS pos FROM (SELECT ?::BIGINT[] AS l)) q USING (${r}) ORDER BY q.pos`;
        const text = `[${Array.from(list, (v) => String(v)).join(',')}]`;
        return (await db.query(sql, { params: [text], signal })).table;
      },
      async colourCodes(column, signal) {
        // The top values first (a small GROUP BY), then one narrow Arrow answer: a code per __row.
        const top = colourValuesQuery(table, column, MAX_COLOURED_VALUES);
        const counted = (await db.query(top.sql, { signal })).table;
        const values: (string | null)[] = [];
        const v = counted.getChild('v');
        for (let i = 0; i < counted.numRows; i++) values.push((v?.get(i) as string | null) ?? null);
        const distinct = Number(counted.getChild('distinct_values')?.get(0) ?? values.length);
        const codes = colourCodesQuery(table, column, ROW_INDEX_COLUMN, values);
        const answer = (await db.query(codes.sql, { params: codes.params, signal, cache: false })).table;
        const chunks = (name: string) =>
          (answer.getChild(name)?.data ?? []).map((d) => d.values as Uint32Array | Uint16Array);
        return {
          values,
          otherValues: Math.max(0, distinct - values.length),
          byRow: codesByRow(chunks('r'), chunks('code'), rowCount),
        };
      },
      async rowOfId(id) {
        if (!idColumn) return null;
        const sql = `SELECT ${r} AS r FROM ${t} WHERE ${quoteIdentifier(idColumn)} = ? LIMIT 1`;
        const result = await db.query(sql, { params: [id] });
        const v = result.table.getChild('r')?.get(0);
        return v === undefined || v === null ? null : Number(v);
      },
    };
  }, [db, table, idColumn, sqlVector, rowCount]);
  const fetchAcross = useFetchAcross(db, acrossKey);
  // "Colour by" reads the whole table: offered once the file is loaded (its table complete).
  const loaded = state.status === 'ready';
  const viewRows = useMemo<SimilarRows>(
    () =>
      loaded ? { ...rows, fetchAcross } : { fetchRows: rows.fetchRows, rowOfId: rows.rowOfId, fetchAcross },
    [rows, loaded, fetchAcross],
  );

  if (state.status !== 'ready' && state.status !== 'loading') {
    return <p className="empty-state">Open a memory store to search it by similarity.</p>;
  }
  if (!column || !index) {
    return (
      <div className="empty-state">
        <p>{state.fileName} has no vector column to search.</p>
        <p>
          Similar search needs a Parquet file with an embedding column: a list of floats of one length on
          every row.
        </p>
      </div>
    );
  }
  return (
    <div className="similar-tab">
      {vectorColumns.length > 1 ? (
        <label className="similar-column">
          Vector column{' '}
          <select value={column.name} onChange={(e) => setChosen(e.target.value)}>
            {vectorColumns.map((c, i) => (
              <option key={c.name} value={c.name}>
                {vectorChoices[i]} ({c.vectorDim}-d)
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <SimilarView
        key={`${file.id}:${column.name}:${store?.id ?? ''}`}
        fileName={state.fileName}
        index={index}
        rows={viewRows}
        idColumn={idColumn}
        textColumn={textColumn}
        colourColumns={colourColumns}
        queryRow={queryRow}
        onOpenRow={onOpenRow}
        exploreFilter={exploreFilter}
        peers={peers}
        acrossStore={store?.title ?? null}
        onShowInExplore={onShowInExplore}
      />
    </div>
  );
}

/** A store whose row "Find similar" started from: its files (in its view) are the search's scope. */
export interface SimilarStore {
  id: string;
  title: string;
  fileIds: readonly string[];
}

/** "Find similar" from Explore: the file and row to search from (a new object reruns it). */
export interface SimilarQuery {
  fileId: string;
  row: number;
  /** From a store row: the store whose files the search covers. */
  store: SimilarStore | null;
}

/**
 * "Find similar" from Explore, from a file's row or a store's (then from the row's own file, over
 * the store's files), and what Similar shows: the searched file while its store is shown in
 * Explore, else the active file.
 */
export function useFindSimilar(
  tables: readonly FileState[],
  active: FileState | null,
  activeStore: StoreState | null,
  setTab: (tab: string) => void,
) {
  const [query, setQuery] = useState<SimilarQuery | null>(null);
  const findSimilar = useCallback(
    (row: number) => {
      if (!active) return;
      setQuery({ fileId: active.id, row, store: null });
      setTab('similar');
    },
    [active, setTab],
  );
  const findSimilarInStore = useCallback(
    ({ fileId, fileRow }: { fileId: string; fileRow: number }) => {
      if (!activeStore) return;
      const { id, title, members } = activeStore;
      setQuery({ fileId, row: fileRow, store: { id, title, fileIds: members.map((m) => m.id) } });
      setTab('similar');
    },
    [activeStore, setTab],
  );
  const fromStore = query?.store && query.store.id === activeStore?.id ? query : null;
  const shown = (fromStore ? tables.find((t) => t.id === fromStore.fileId) : undefined) ?? active;
  return {
    findSimilar,
    findSimilarInStore,
    /** The file Similar shows, the row to search from (if any) and the store it covers. */
    similar: shown
      ? {
          state: shown,
          queryRow: query?.fileId === shown.id ? query.row : null,
          store: fromStore?.fileId === shown.id ? fromStore.store : null,
        }
      : null,
  };
}

/**
 * The other open files whose vector column has `dim` (the same column name first, else the first
 * of that dimension): Parquet and Arrow files, loading or loaded, one per file name (a result names
 * its file by name).
 */
function vectorPeers(
  workspace: Workspace,
  tables: readonly FileState[],
  self: FileState,
  dim: number,
  name: string,
): { file: OpenedFile; state: FileState; column: string }[] {
  const names = new Set([self.fileName]);
  return tables.flatMap((t) => {
    if (t.id === self.id || names.has(t.fileName)) return [];
    if (t.status !== 'ready' && t.status !== 'loading') return [];
    if (t.kind !== 'parquet' && t.kind !== 'arrow') return [];
    const fits = t.columns.filter((c) => c.vectorDim === dim);
    const column = fits.find((c) => c.name === name) ?? fits[0];
    const file = workspace.file(t.id);
    if (!column || !file) return [];
    names.add(t.fileName);
    return [{ file, state: t, column: column.name }];
  });
}

/**
 * A result's row (or a map point's) opens in Explore, as a link would: with the row selected and
 * its detail open (`row` in the URL's view: Explore reads it at mount). When Explore shows a store
 * that holds the row's file, the store stays shown and the row is its store row (core/store/
 * row-origin.ts); else the file's own table. A push, so Back returns to Similar and to the Explore
 * view as it was. `fileName` names a row of another file of a search over several; absent, the row
 * is in the file Similar shows.
 */
export function useOpenSimilarRow(
  tables: readonly FileState[],
  similarFileId: string | null,
  shownStore: StoreState | null,
  setTab: (tab: string) => void,
  remountView: () => void,
) {
  return useCallback(
    (row: number, fileName?: string) => {
      const target =
        fileName === undefined
          ? tables.find((t) => t.id === similarFileId)
          : tables.find((t) => t.fileName === fileName && t.status !== 'failed' && t.status !== 'cancelled');
      if (!target) {
        setTab('explore');
        return;
      }
      const member = shownStore ? shownStore.members.findIndex((m) => m.id === target.id) : -1;
      const [table, shownRow] =
        shownStore && member >= 0
          ? [shownStore.tableName, (spanStarts(shownStore.members)[member] as number) + row]
          : [target.tableName, row];
      setUrlParams(
        {
          [VIEW_PARAMS.table]: table,
          [VIEW_PARAMS.explore]: encodeExploreState({ ...EMPTY_EXPLORE_STATE, row: shownRow }),
          [VIEW_PARAMS.tab]: null,
        },
        'push',
      );
      remountView();
    },
    [tables, similarFileId, shownStore, setTab, remountView],
  );
}

/**
 * The rows of a search over several files, from DuckDB in one query (core/sql/rows-across-query.ts).
 * `acrossKey`: the files by name, with their tables and the columns to leave out, as JSON.
 */
function useFetchAcross(db: DbClient, acrossKey: string): NonNullable<SimilarRows['fetchAcross']> {
  return useCallback(
    async (hits, signal) => {
      const across = new Map(JSON.parse(acrossKey) as [string, { table: string; exclude: string[] }][]);
      const parts = new Map<string, RowsAcrossPart>();
      hits.forEach((h, rank) => {
        const f = across.get(h.fileName);
        if (!f) throw new Error(`${h.fileName} is not open.`);
        let part = parts.get(h.fileName);
        if (!part) {
          part = { table: f.table, fileName: h.fileName, rows: [], ranks: [], exclude: f.exclude };
          parts.set(h.fileName, part);
        }
        (part.rows as number[]).push(h.row);
        (part.ranks as number[]).push(rank);
      });
      const q = buildRowsAcrossQuery([...parts.values()]);
      return (await db.query(q.sql, { params: q.params, signal })).table;
    },
    [db, acrossKey],
  );
}
