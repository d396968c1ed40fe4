import type { ExportFormat } from '../../core/export/encode-rows';
import { exportFileName, MIME, type ExportOutcome } from '../../core/export/save-file';
import { offersPicker } from '../files/pickers';
import { EXPORT_PAGE_ROWS, type ExportSink } from './export-table';
import { pickSaveFile } from './save-picker';
import { workerExportSink } from './worker-export-sink';

/**
 * One export in `format`: where the browser has the File System Access save picker (and the page is
 * not automated: `offersPicker`, the rule "Open files" follows), it first asks where to save, then
 * writes each encoded page into that file as it comes; a closed or refused picker exports nothing.
 * Otherwise (or with `to: 'download'`) the pages become the Blob of a download,
 * `<baseName>.<extension>`. Either way an export worker encodes off the main thread and `write`
 * feeds it the rows. Call it from the click: the picker needs the click's user activation.
 */
export async function runExport(
  format: ExportFormat,
  baseName: string,
  write: (sink: ExportSink) => Promise<Blob>,
  { to = 'auto' }: { to?: 'auto' | 'download' } = {},
): Promise<ExportOutcome<Blob>> {
  if (to === 'auto' && offersPicker('save')) {
    const picked = await pickSaveFile(format, baseName);
    if (typeof picked === 'string') return { to: 'nothing', reason: picked };
    // On failure or cancel, exportTable / exportSource abort the sink, which aborts the file; this
    // catch covers a failure before the sink exists (aborting twice is harmless).
    try {
      await write(workerExportSink(format, EXPORT_PAGE_ROWS, picked.output));
    } catch (err) {
      picked.output.abort();
      throw err;
    }
    return { to: 'picked', fileName: picked.fileName, bytes: picked.output.bytes };
  }
  const written = await write(workerExportSink(format, EXPORT_PAGE_ROWS));
  const file = new Blob([written], { type: MIME[format] });
  return { to: 'download', file, fileName: exportFileName(format, baseName), bytes: file.size };
}
