import type { ExportFormat } from '../../core/export/encode-rows';
import { EXPORT_PAGE_ROWS, EXTENSION, MIME, type ExportSink } from './export-table';
import { workerExportSink } from './worker-export-sink';

/**
 * One export in `format`: its sink (an export worker encodes every format off the main thread), the
 * rows written by `write`, and the file to download, `<baseName>.<extension>`.
 */
export async function runExport(
  format: ExportFormat,
  baseName: string,
  write: (sink: ExportSink) => Promise<Blob>,
): Promise<{ blob: Blob; fileName: string }> {
  const sink = workerExportSink(format, EXPORT_PAGE_ROWS);
  const written = await write(sink);
  return { blob: new Blob([written], { type: MIME[format] }), fileName: `${baseName}.${EXTENSION[format]}` };
}
