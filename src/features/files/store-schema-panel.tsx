import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { StoreState } from '../../data/store/opened-store';
import { ColumnNameCell } from './column-name-cell';

/**
 * A store's schema (docs/store.md): its view, its files, and its columns with the files that lack
 * each one (their rows hold NULL there) and the type conflicts the union had to settle.
 */
export function StoreSchemaPanel({ store }: { store: StoreState }) {
  const union = store.union;
  const fileNameOf = (table: string) => store.members.find((m) => m.tableName === table)?.fileName ?? table;
  const names = (tables: readonly string[]) => tables.map(fileNameOf).join(', ');
  return (
    <section className="schema-panel" aria-label={`Schema of ${store.title}`}>
      <h2 className="panel-title">Schema</h2>
      <dl className="facts">
        <dt>View</dt>
        <dd>
          <code>{store.tableName}</code>
        </dd>
        <dt>Rows</dt>
        <dd>{formatCount(store.rowCount)}</dd>
        <dt>Files</dt>
        <dd>
          {store.members.map((m) => (
            <div key={m.id}>
              {m.fileName} <span className="muted">({formatCountOf(m.rowCount, 'row')})</span>
            </div>
          ))}
        </dd>
      </dl>
      {store.status === 'waiting' ? <p className="muted">Waiting for its files to load…</p> : null}
      {union ? (
        <>
          <p className="muted">
            Each row&apos;s file is in <code>{union.fileColumn}</code>, its row there in{' '}
            <code>{union.fileRowColumn}</code>; vectors and bytes are read from that file.
          </p>
          <table className="schema-columns">
            <caption className="visually-hidden">Columns</caption>
            <thead>
              <tr>
                <th scope="col">Column and type</th>
                <th scope="col">Missing from</th>
              </tr>
            </thead>
            <tbody>
              {union.columns.map((c) => (
                <tr key={c.name}>
                  <ColumnNameCell name={c.name} label={c.label} type={c.type} />
                  <td>
                    {c.missingFrom.length > 0 ? names(c.missingFrom) : ''}
                    {c.fromFileName.length > 0 ? (
                      <span className="muted">from the file name in {names(c.fromFileName)}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {union.conflicts.length > 0 ? (
            <div role="note" aria-label="Type conflicts">
              <h3 className="panel-title">Type conflicts</h3>
              <ul>
                {union.conflicts.map((c) => (
                  <li key={c.column}>{c.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
