import { tableFromIPC, type Field, type Table } from 'apache-arrow';
import { normalizeTable } from '../core/schema/normalize';
import { arrowError } from './arrow-errors';

/**
 * Arrow IPC files (.arrow, .feather v2) and streams: read with apache-arrow (tableFromIPC accepts
 * both formats), then normalized like decoded Parquet (Float16 widened, uniform float lists as
 * vectors, columns by key, `__row` first) so that the rest of the data path cannot tell them apart.
 * `fields` are the file's own (names as written), for the column plan.
 * @throws MemscopeError 'corrupt' | 'unsupported'
 */
export function readArrowIpcFile(bytes: Uint8Array, fileName: string): { table: Table; fields: Field[] } {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw arrowError(/compress|codec/i.test(detail) ? 'unsupported' : 'corrupt', fileName, detail);
  }
  // apache-arrow reads a stream cut after its schema (or a file of only a schema) as zero rows
  // without complaint; a non-empty file that yields no schema fields is not Arrow at all.
  if (table.schema.fields.length === 0) throw arrowError('corrupt', fileName, 'no columns in the schema');
  return { table: normalizeTable(table, { rowStart: 0, vectors: 'auto' }), fields: table.schema.fields };
}
