import { tableFromIPC, type Table } from 'apache-arrow';
import { normalizeTable } from '../core/schema/normalize';
import { parquetError } from './parquet/parquet-errors';

/**
 * Arrow IPC files (.arrow, .feather v2) and streams: read with apache-arrow (tableFromIPC accepts
 * both formats), then normalized like decoded Parquet (Float16 widened, uniform float lists as
 * vectors, `__row` first) so that the rest of the data path cannot tell them apart.
 * @throws MemscopeError 'corrupt' | 'unsupported'
 */
export function readArrowIpcFile(bytes: Uint8Array, fileName: string): Table {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const code = /compress|codec/i.test(detail) ? 'unsupported' : 'corrupt';
    throw parquetError(code, fileName, { detail: `Arrow IPC: ${detail}` });
  }
  return normalizeTable(table, { rowStart: 0, vectors: 'auto' });
}
