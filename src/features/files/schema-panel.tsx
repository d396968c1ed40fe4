import { ColumnNameCell } from './column-name-cell';
import { LazyDetails } from './lazy-details';
import type { FileState } from '../../data/opened-file/file-state';
import { formatCount, formatSize } from '../../core/format/quantities';

/**
 * What the file's footer says, shown as soon as the footer is read (before any row is decoded), and
 * where each column went (DuckDB or the heavy-column store) with the reason.
 */
export function SchemaPanel({ table }: { table: FileState }) {
  const footer = table.footer;
  // A vector added to SQL ("Vectors in SQL" below) is in the table too.
  const inSql = table.sqlVectors?.report ? table.sqlVectors.column : null;
  const where = (name: string, destination: 'duckdb' | 'heavy') =>
    destination === 'duckdb' ? 'SQL' : name === inSql ? 'on demand, and SQL' : 'on demand';
  return (
    <section className="schema-panel" aria-label={`Schema of ${table.fileName}`}>
      <h2 className="panel-title">Schema</h2>
      <dl className="facts">
        <dt>Table</dt>
        <dd>
          <code>{table.tableName}</code>
        </dd>
        <dt>Rows</dt>
        <dd>{formatCount(footer?.rows ?? table.rowCount)}</dd>
        {footer && (
          <>
            <dt>Row groups</dt>
            <dd>{formatCount(footer.rowGroups.length)}</dd>
            <dt>Compressed</dt>
            <dd>{formatSize(footer.rowGroups.reduce((s, g) => s + g.compressedBytes, 0))}</dd>
            <dt>Uncompressed</dt>
            <dd>{formatSize(footer.rowGroups.reduce((s, g) => s + g.uncompressedBytes, 0))}</dd>
            <dt>Codecs</dt>
            <dd>{[...new Set(footer.columns.flatMap((c) => c.codecs))].join(', ') || '—'}</dd>
            <dt>Written by</dt>
            <dd>{footer.createdBy ?? '—'}</dd>
          </>
        )}
      </dl>
      {table.columns.length > 0 && (
        <table className="schema-columns">
          <caption className="visually-hidden">Columns</caption>
          <thead>
            <tr>
              <th scope="col">Column and type</th>
              <th scope="col">Role</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.name} title={c.reason}>
                <ColumnNameCell name={c.name} label={c.label} type={c.typeLabel ?? c.arrowType} />
                <td>{c.role === 'other' ? '' : c.role}</td>
                <td>{where(c.name, c.destination)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {footer && footer.columns.length > 0 && (
        <LazyDetails summary={`Parquet columns (${footer.columns.length})`}>
          <table className="schema-columns">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Physical</th>
                <th scope="col">Codec</th>
                <th scope="col">Compressed</th>
                <th scope="col">Uncompressed</th>
              </tr>
            </thead>
            <tbody>
              {footer.columns.map((c) => (
                <tr key={c.path}>
                  <td>
                    <code>{c.path}</code>
                  </td>
                  <td>{c.physicalType}</td>
                  <td>{c.codecs.join(', ')}</td>
                  <td>{formatSize(c.compressedBytes)}</td>
                  <td>{formatSize(c.uncompressedBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </LazyDetails>
      )}
      {footer && footer.rowGroups.length > 0 && (
        <LazyDetails summary={`Row groups (${footer.rowGroups.length})`}>
          <ol className="row-groups">
            {footer.rowGroups.slice(0, 200).map((g, i) => (
              <li key={i}>
                {formatCount(g.rows)} rows · {formatSize(g.compressedBytes)} →{' '}
                {formatSize(g.uncompressedBytes)}
              </li>
            ))}
          </ol>
          {footer.rowGroups.length > 200 && (
            <p className="muted">… and {footer.rowGroups.length - 200} more</p>
          )}
        </LazyDetails>
      )}
      {footer && (footer.keyValue.length > 0 || footer.hasArrowSchema) && (
        <LazyDetails
          summary={`Key-value metadata (${footer.keyValue.length + (footer.hasArrowSchema ? 1 : 0)})`}
        >
          <dl className="facts">
            {footer.hasArrowSchema && (
              <>
                <dt>
                  <code>ARROW:schema</code>
                </dt>
                <dd className="muted">
                  Arrow schema stored by the writer (used to restore fixed-size vectors)
                </dd>
              </>
            )}
            {footer.keyValue.map(([k, v]) => (
              <div key={k} className="kv">
                <dt>
                  <code>{k}</code>
                </dt>
                <dd className="kv-value">
                  {v.length > 500 ? `${v.slice(0, 500)}… (${formatCount(v.length)} chars)` : v}
                </dd>
              </div>
            ))}
          </dl>
        </LazyDetails>
      )}
    </section>
  );
}
