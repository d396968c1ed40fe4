import { useState, type FormEvent } from 'react';
import { describeError, toMemscopeError } from '../../core/errors';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { Filter, SortSpec } from '../../core/sql/table-query';
import type { DbClient } from '../../data/db/db-client';
import { lookupRow } from '../../data/db/facets';

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
 * "Go to memory": on Enter (never per keystroke) one parameterized query finds the id and its
 * position in the current view; the grid then scrolls there and opens the row's detail.
 */
export function GoToMemory(props: GoToMemoryProps) {
  const { db, table, fileName, idColumn, ready, sort, filters, tiebreaker, onFound } = props;
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = text.trim();
    if (id === '') return;
    if (!ready) {
      setMessage(`${fileName} is still loading: try again when it is loaded.`);
      return;
    }
    setMessage(null);
    lookupRow(db, {
      table,
      idColumn: idColumn.name,
      idIsText: /Utf8/.test(idColumn.arrowType),
      id,
      sort,
      filters,
      tiebreaker,
    }).then(
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
      />
      <span className="ex-goto-message" role="status">
        {message}
      </span>
    </form>
  );
}
