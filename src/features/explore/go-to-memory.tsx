import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IdIndex } from '../../core/lookup/id-index';
import { describeError, toMemscopeError } from '../../core/errors';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { Filter, SortSpec } from '../../core/sql/table-query';
import type { DbClient } from '../../data/db/db-client';
import { lookupRow, lookupRowIndexed } from '../../data/db/facets';
import { buildIdIndex } from '../../data/db/id-index';

interface GoToMemoryProps {
  db: DbClient;
  table: string;
  fileName: string;
  /** The id column by role; without one the box is not shown. */
  idColumn: ColumnPlan;
  /** False until the file is in DuckDB (the lookup is a query). */
  ready: boolean;
  /** The grid's view: the row's position is taken under the same sort and filters. */
  sort: SortSpec | null;
  filters: readonly Filter[];
  tiebreaker: string | undefined;
  onFound(position: number): void;
}

/**
 * "Go to memory": on Enter (never per keystroke) the id is looked up and its position in the current
 * view found; the grid then scrolls there and opens the row's detail. The lookup goes through an
 * id index of the table (data/db/id-index.ts), built once when the box first gets focus (as mosaic
 * builds its pre-aggregates when the pointer enters a view) and kept while this view is open; until
 * it is there, or if it cannot be built, one parameterized query does the same.
 */
export function GoToMemory(props: GoToMemoryProps) {
  const { db, table, fileName, idColumn, ready, sort, filters, tiebreaker, onFound } = props;
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // The index of this table's id column; dropped when the table or the column changes.
  const index = useRef<{ key: string; promise: Promise<IdIndex | null>; controller: AbortController } | null>(
    null,
  );
  const indexKey = `${table}\u0000${idColumn.name}`;
  useEffect(
    () => () => {
      index.current?.controller.abort();
      index.current = null;
    },
    [indexKey],
  );
  const ensureIndex = (): Promise<IdIndex | null> | null => {
    if (!ready) return null;
    if (index.current?.key !== indexKey) {
      const controller = new AbortController();
      const promise = buildIdIndex(db, table, idColumn.name, controller.signal).catch(() => {
        // Not built (the table changed or is gone): the query path answers; the next focus tries again.
        if (index.current?.promise === promise) index.current = null;
        return null;
      });
      index.current = { key: indexKey, promise, controller };
    }
    return index.current.promise;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = text.trim();
    if (id === '') return;
    if (!ready) {
      setMessage(`${fileName} is still loading: try again when it is loaded.`);
      return;
    }
    setMessage(null);
    const query = {
      table,
      idColumn: idColumn.name,
      idIsText: /Utf8/.test(idColumn.arrowType),
      id,
      sort,
      filters,
      tiebreaker,
    };
    void (ensureIndex() ?? Promise.resolve(null))
      .then((built) => (built ? lookupRowIndexed(db, built, query) : lookupRow(db, query)))
      .then(
        (r) => {
          if (!r.found) setMessage(`No memory with ${idColumn.label} ${id} in ${fileName}.`);
          else if (r.position === null)
            setMessage(`${id} is in ${fileName} but not in the rows shown: the filters hide it.`);
          else onFound(r.position);
        },
        (err: unknown) => {
          const error = toMemscopeError(err, { code: 'sql', file: fileName });
          if (error.code !== 'cancelled') setMessage(describeError(error));
        },
      );
  };

  return (
    <form className="ex-goto" onSubmit={submit}>
      <input
        type="text"
        aria-label="Go to memory"
        placeholder={`Go to ${idColumn.label}…`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => void ensureIndex()}
      />
      <span className="ex-goto-message" role="status">
        {message}
      </span>
    </form>
  );
}
