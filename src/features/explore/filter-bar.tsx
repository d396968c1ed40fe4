import { useState, type FormEvent } from 'react';
import { Type, type DataType } from 'apache-arrow';
import type { Filter, FilterOp } from '../../core/sql/table-query';
import {
  formatFilterValue,
  parseNumericFilterValue,
  parseTemporalFilterValue,
} from '../../core/sql/filter-value';
import { columnChoices, columnLabel, type GridColumn } from '../../core/grid-source';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';

type ColumnKind = 'list' | 'string' | 'number' | 'bool' | 'temporal' | 'other';

function kindOf(type: DataType): ColumnKind {
  switch (type.typeId) {
    case Type.List:
    case Type.LargeList:
    case Type.FixedSizeList:
      return 'list';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
    case Type.Dictionary:
      return 'string';
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return 'number';
    case Type.Bool:
      return 'bool';
    case Type.Date:
    case Type.Timestamp:
    case Type.Time:
      return 'temporal';
    default:
      return 'other';
  }
}

const OPS: Record<ColumnKind, readonly FilterOp[]> = {
  list: ['list-contains', 'contains', 'is null', 'is not null'],
  string: ['contains', '=', '!=', '<', '>', 'is null', 'is not null'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'is null', 'is not null'],
  bool: ['=', 'is null', 'is not null'],
  temporal: ['>=', '<=', '=', '<', '>', 'is null', 'is not null'],
  other: ['contains', 'is null', 'is not null'],
};

const OP_LABEL: Record<FilterOp, string> = {
  '=': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  contains: 'text contains',
  'is null': 'is NULL',
  'is not null': 'is not NULL',
  'list-contains': 'contains',
  'text-search': 'matches',
  'in-set': 'is one of',
};

function describeFilter(f: Filter, names: ReadonlyMap<string, string>): string {
  if (f.op === 'in-set') {
    // A set of rows (a selection on the Similar map): its size, not its thousands of numbers.
    const n = String(f.value ?? '[]') === '[]' ? 0 : String(f.value).split(',').length;
    return f.column === ROW_INDEX_COLUMN
      ? `${formatCountOf(n, 'selected row')}`
      : `${names.get(f.column) ?? f.column} is one of ${formatCount(n)} values`;
  }
  const value = f.op === 'is null' || f.op === 'is not null' ? '' : ` ${formatFilterValue(f.value)}`;
  return `${names.get(f.column) ?? f.column} ${OP_LABEL[f.op]}${value}`;
}

/**
 * The typed value for a filter, exact (core/sql/filter-value.ts): an integer column gets a bigint,
 * a decimal its text, and a value the column cannot hold is refused before any query.
 */
function parseValue(
  kind: ColumnKind,
  column: GridColumn,
  text: string,
): { value: Filter['value'] } | { error: string } {
  if (kind === 'number') return parseNumericFilterValue(columnLabel(column), column.type, text);
  if (kind === 'temporal') return parseTemporalFilterValue(columnLabel(column), column.type, text);
  if (kind === 'bool') {
    const t = text.trim().toLowerCase();
    if (t === 'true' || t === 'false') return { value: t === 'true' };
    return { error: 'Type true or false.' };
  }
  return { value: text };
}

/** Column, operator, value; applied filters as removable chips. Values are bound as parameters. */
export function FilterBar({
  columns: allColumns,
  filters,
  onChange,
}: {
  columns: readonly GridColumn[];
  filters: readonly Filter[];
  onChange(filters: Filter[]): void;
}) {
  // The app's row index is internal (the gutter shows it; SQL can still use it): not a choice here.
  const columns = allColumns.filter((c) => c.name !== ROW_INDEX_COLUMN);
  // Filters name columns by key; people pick them by the name the file gives them.
  const choices = columnChoices(columns);
  const names = new Map(columns.map((c, i) => [c.name, choices[i] as string]));
  const [columnName, setColumnName] = useState(columns[0]?.name ?? '');
  const column = columns.find((c) => c.name === columnName) ?? columns[0];
  const kind = column ? kindOf(column.type) : 'other';
  const ops = OPS[kind];
  const [opChoice, setOp] = useState<FilterOp>(ops[0] ?? 'contains');
  const op = ops.includes(opChoice) ? opChoice : (ops[0] ?? 'contains');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const needsValue = op !== 'is null' && op !== 'is not null';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!column) return;
    let value: Filter['value'];
    if (needsValue) {
      const parsed = parseValue(op === 'contains' ? 'string' : kind, column, text);
      if ('error' in parsed) {
        setError(parsed.error);
        return;
      }
      value = parsed.value;
    }
    setError(null);
    setText('');
    onChange([...filters, needsValue ? { column: column.name, op, value } : { column: column.name, op }]);
  };

  return (
    <div className="ex-filters">
      <form className="ex-filter-form" onSubmit={submit} aria-label="Add a filter">
        <label>
          <span className="ex-sr">Filter column</span>
          <select value={column?.name ?? ''} onChange={(e) => setColumnName(e.target.value)}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {names.get(c.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="ex-sr">Operator</span>
          <select value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
            {ops.map((o) => (
              <option key={o} value={o}>
                {OP_LABEL[o]}
              </option>
            ))}
          </select>
        </label>
        {needsValue ? (
          <label>
            <span className="ex-sr">Value</span>
            <input
              type="text"
              value={text}
              placeholder={
                kind === 'temporal' ? '2024-01-31 12:00' : kind === 'bool' ? 'true / false' : 'value'
              }
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error !== null}
            />
          </label>
        ) : null}
        <button type="submit">Filter</button>
        {error ? (
          <span className="ex-error" role="alert">
            {error}
          </span>
        ) : null}
      </form>
      {filters.length > 0 ? (
        <ul className="ex-chips" aria-label="Filters">
          {filters.map((f, i) => (
            <li key={i} className="ex-chip">
              <span>{describeFilter(f, names)}</span>
              <button
                type="button"
                aria-label={`Remove filter ${describeFilter(f, names)}`}
                onClick={() => onChange(filters.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="ex-link" onClick={() => onChange([])}>
              Clear all
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
