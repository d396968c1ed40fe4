import { columnLabel } from '../../core/grid-source';

/** A schema table's first cell: the column's name in the file, its SQL key where it differs, its type. */
export function ColumnNameCell({ name, label, type }: { name: string; label: string; type: string }) {
  return (
    <td>
      <code>{columnLabel({ name, label })}</code>
      {label !== name ? (
        <span className="schema-sql-name">
          {' '}
          as <code>{name}</code> in SQL
        </span>
      ) : null}
      <span className="type">{type}</span>
    </td>
  );
}
