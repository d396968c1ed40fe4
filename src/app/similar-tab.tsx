import { columnChoices } from '../core/grid-source';
import type { Filter } from '../core/sql/table-query';
import { rowBitmap } from '../data/db/row-set';
import { useMemo, useState } from 'react';
import { quoteIdentifier } from '../core/sql/identifiers';
import { ROW_INDEX_COLUMN } from '../core/schema/column-plan';
import type { DbClient } from '../data/db/db-client';
import type { FileState } from '../data/opened-file/file-state';
import type { OpenedFile } from '../data/opened-file/opened-file';
import { SimilarView, type SimilarRows } from '../features/similar/similar-view';
import { codesByRow, MAX_COLOURED_VALUES, type ColourColumn } from '../core/map/colours';
import { colourCodesQuery, colourValuesQuery } from '../core/sql/colour-query';

/**
 * Composes the Similar view for one open file: picks its vector column (a choice when it has
 * several), asks the file for that column's index (made on first use, owned by the file), and gives
 * the view its row lookups through the DuckDB doorway, by `__row`.
 */
export function SimilarTab({
  db,
  file,
  state,
  queryRow,
  onOpenRow,
  exploreFilters,
  onShowInExplore,
}: {
  db: DbClient;
  file: OpenedFile;
  state: FileState;
  queryRow: number | null;
  onOpenRow(row: number): void;
  /** The filters Explore applies to this file now (from the URL), or none. */
  exploreFilters: readonly Filter[];
  /** "Show in Explore": these rows (`__row`) become Explore's filter. */
  onShowInExplore(rows: Float64Array): void;
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
  // "Colour by" reads the whole table: offered once the file is loaded (its table complete).
  const loaded = state.status === 'ready';
  const viewRows = useMemo<SimilarRows>(
    () => (loaded ? rows : { fetchRows: rows.fetchRows, rowOfId: rows.rowOfId }),
    [rows, loaded],
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
        key={`${file.id}:${column.name}`}
        fileName={state.fileName}
        index={index}
        rows={viewRows}
        idColumn={idColumn}
        textColumn={textColumn}
        colourColumns={colourColumns}
        queryRow={queryRow}
        onOpenRow={onOpenRow}
        exploreFilter={exploreFilter}
        onShowInExplore={onShowInExplore}
      />
    </div>
  );
}
