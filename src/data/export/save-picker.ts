import type { ExportFormat } from '../../core/export/encode-rows';
import { pickerDeclined, savePickerOptions } from '../../core/export/save-file';
import { pickerWindow } from '../files/pickers';
import { fileOutput, type ExportOutput } from './export-output';

/** The parts of a FileSystemFileHandle the save path uses (not all in TypeScript's DOM types yet). */
interface SaveHandle extends FileSystemFileHandle {
  createWritable(): Promise<FileSystemWritableFileStream>;
  /** Chromium: removes the file. */
  remove?(): Promise<void>;
}

/**
 * Asks where to save an export (`showSaveFilePicker`, with the suggested name and the format's
 * type) and opens the chosen file for writing. Call it straight from the click: the browser shows
 * the picker only during the click's user activation. A picker the user closes, or that the browser
 * refuses, gives `cancelled` or `refused`, and nothing is written.
 */
export async function pickSaveFile(
  format: ExportFormat,
  baseName: string,
): Promise<{ output: ExportOutput; fileName: string } | 'cancelled' | 'refused'> {
  let handle: SaveHandle;
  try {
    handle = (await pickerWindow().showSaveFilePicker!(savePickerOptions(format, baseName))) as SaveHandle;
  } catch (err) {
    const declined = err instanceof DOMException ? pickerDeclined(err.name) : null;
    if (declined) return declined;
    throw err;
  }
  // The picker creates the file it names (empty): a cancelled export removes it again, but never
  // a file that had contents (the user chose to replace it; abort() leaves it as it was).
  let created: boolean;
  let writable: FileSystemWritableFileStream;
  try {
    created = (await handle.getFile()).size === 0;
    writable = await handle.createWritable();
  } catch (err) {
    // Write permission refused after the pick (a policy, a file another program locks).
    const declined = err instanceof DOMException ? pickerDeclined(err.name) : null;
    if (declined === 'refused') return declined;
    throw err;
  }
  const output = fileOutput(writable, created && handle.remove ? () => handle.remove!() : undefined);
  return { output, fileName: handle.name };
}
