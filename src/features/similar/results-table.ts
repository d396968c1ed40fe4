import { makeVector, Table, type Vector } from 'apache-arrow';
import { utf8Data } from '../../core/arrow/from-buffers';
import { fileColumnName } from '../../core/sql/rows-across-query';
import { resultsCsv, type CsvColumn } from '../../core/vectors/results';
import type { GridSource } from '../../core/grid-source';

/**
 * The results as one Arrow table for the data grid and the CSV: rank and score first, the file of
 * each result when several files were searched, then the rows' columns as the provider returned
 * them (in result order, joined from DuckDB by `__row`).
 */

export const ROW_COLUMN = '__row';

/** The name of the results' file column (`file`, unless the rows have a column of that name). */
export function resultsFileColumn(fetched: Table | null): string {
  return fileColumnName(['rank', 'score', ...(fetched?.schema.fields.map((f) => f.name) ?? [])]);
}

export function resultsTable(
  rows: Float64Array,
  scores: Float64Array,
  fetched: Table | null,
  files: readonly string[] | null = null,
): Table {
  const columns: Record<string, Vector> = {
    rank: makeVector(Int32Array.from(rows, (_, i) => i + 1)),
    score: makeVector(Float64Array.from(scores)),
  };
  // Built from buffers: apache-arrow's builders need eval, which the CSP refuses.
  if (files) columns[resultsFileColumn(fetched)] = makeVector(utf8Data(files));
  if (fetched && fetched.numRows === rows.length) {
    for (const f of fetched.schema.fields) {
      const v = fetched.getChild(f.name);
      if (v && !(f.name in columns)) columns[f.name] = v;
    }
  }
  if (!(ROW_COLUMN in columns)) columns[ROW_COLUMN] = makeVector(Float64Array.from(rows));
  return new Table(columns);
}

let sourceKey = 0;

export function tableSource(table: Table): GridSource {
  const key = `similar-${++sourceKey}`;
  return {
    key,
    rowCount: table.numRows,
    columns: table.schema.fields.map((f) => ({ name: f.name, type: f.type })),
    fetchRows: (offset, limit) => Promise.resolve(table.slice(offset, offset + limit)),
  };
}

/** CSV: rank, score, the file (several files), `__row`, the id column, then the other columns. */
export function tableCsv(table: Table, idColumn: string | null, fileColumn: string | null = null): string {
  const first = [
    'rank',
    'score',
    ...(fileColumn ? [fileColumn] : []),
    ROW_COLUMN,
    ...(idColumn ? [idColumn] : []),
  ];
  const names = [...first, ...table.schema.fields.map((f) => f.name).filter((n) => !first.includes(n))];
  const columns: CsvColumn[] = names.map((name) => {
    const v = table.getChild(name);
    return { name, value: (i) => (v ? cellText(v.get(i)) : null) };
  });
  return resultsCsv(table.numRows, columns);
}

function cellText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'object' && Symbol.iterator in value)
    return JSON.stringify(
      Array.from(value as Iterable<unknown>, (x) => (typeof x === 'bigint' ? x.toString() : x)),
    );
  return value;
}
