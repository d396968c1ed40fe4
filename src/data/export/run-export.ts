import type { ExportFormat } from '../../core/export/encode-rows';
import { EXPORT_PAGE_ROWS, EXTENSION, MIME, textSink, type ExportSink } from './export-table';
import { workerParquetSink } from './worker-parquet-sink';

/**
 * One export in `format`: the sink for it (text for CSV and JSON Lines, the Parquet writer worker
 * for Parquet), the rows written by `write`, and the file to download, `<baseName>.<extension>`.
 */
export async function runExport(
  format: ExportFormat,
  baseName: string,
  write: (sink: ExportSink) => Promise<Blob>,
): Promise<{ blob: Blob; fileName: string }> {
  const sink = format === 'parquet' ? workerParquetSink(EXPORT_PAGE_ROWS) : textSink(format);
  const written = await write(sink);
  return { blob: new Blob([written], { type: MIME[format] }), fileName: `${baseName}.${EXTENSION[format]}` };
}
