import { offersPicker, pickerWindow } from '../../data/files/pickers';
import type { Picked, PickedHandle } from '../../data/files/remembered-files';
import { ACCEPTED_FILE_TYPES, isAcceptedFile } from './dropped-folders';

/** What a pick opened: its files, the folder it names (or null), and its handles to remember. */
export interface PickResult {
  files: File[];
  folder: string | null;
  group: Picked;
}

/**
 * Whether "Open files" and "Open folder" use the File System Access pickers, whose handles can be
 * remembered for "Reopen last files": where the browser has them, and not under automation
 * (`offersPicker`, src/data/files/pickers.ts, the rule "Export"'s save picker follows too).
 */
export function pickersWithHandles(folder: boolean): boolean {
  return offersPicker(folder ? 'folder' : 'open');
}

/** Opens the browser's picker; null when the user closes it without picking. */
export async function pickWithHandles(folder: boolean): Promise<PickResult | null> {
  const w = pickerWindow();
  try {
    if (folder) return await readFolder(await w.showDirectoryPicker!({ mode: 'read' }));
    const handles = await w.showOpenFilePicker!({
      multiple: true,
      types: [
        {
          description: 'Parquet, CSV or Arrow',
          accept: { 'application/octet-stream': ACCEPTED_FILE_TYPES.split(',') },
        },
      ],
    });
    return await readLoose(handles);
  } catch (err) {
    // The user closed the picker.
    if (err instanceof DOMException && err.name === 'AbortError') return null;
    throw err;
  }
}

/** A folder's accepted files (sub-folders' too, by name), read from its handle: picked or dropped. */
export async function readFolder(directory: FileSystemDirectoryHandle): Promise<PickResult> {
  const handles = (await filesUnder(directory)).sort((a, b) => a.name.localeCompare(b.name));
  const files = await Promise.all(handles.map((h) => h.getFile()));
  const group: Picked = {
    folder: directory.name,
    directory,
    files: handles.map((handle) => ({ name: handle.name, handle })),
  };
  return { files, folder: directory.name, group };
}

/** Loose files read from their handles, opened together: picked or dropped. */
export async function readLoose(handles: readonly FileSystemFileHandle[]): Promise<PickResult> {
  const files = await Promise.all(handles.map((h) => h.getFile()));
  const group: Picked = {
    folder: null,
    directory: null,
    files: handles.map((handle) => ({ name: handle.name, handle })),
  };
  return { files, folder: null, group };
}

/** The accepted files of a folder and its sub-folders, as a folder drop or `webkitdirectory` gives. */
async function filesUnder(directory: FileSystemDirectoryHandle): Promise<FileSystemFileHandle[]> {
  const out: FileSystemFileHandle[] = [];
  const entries = (directory as unknown as { values(): AsyncIterable<PickedHandle> }).values();
  for await (const handle of entries) {
    if (handle.kind === 'directory') out.push(...(await filesUnder(handle)));
    else if (isAcceptedFile(handle.name)) out.push(handle);
  }
  return out;
}
