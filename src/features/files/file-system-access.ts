import type { Picked, PickedHandle } from '../../data/files/remembered-files';
import { ACCEPTED_FILE_TYPES, isAcceptedFile } from './dropped-folders';

/** The pickers of the File System Access API (Chromium; not yet in TypeScript's DOM types). */
interface PickerWindow {
  showOpenFilePicker?(options: {
    multiple: boolean;
    types: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileSystemFileHandle[]>;
  showDirectoryPicker?(options: { mode: 'read' }): Promise<FileSystemDirectoryHandle>;
}

/** What a pick opened: its files, the folder it names (or null), and its handles to remember. */
export interface PickResult {
  files: File[];
  folder: string | null;
  group: Picked;
}

/**
 * Whether "Open files" and "Open folder" use the File System Access pickers, whose handles can be
 * remembered for "Reopen last files". Not in an automated browser (navigator.webdriver): automation
 * drives `<input type=file>` choosers (Playwright's file chooser, setInputFiles) and cannot see these
 * pickers, so there the plain inputs stay what a click opens.
 */
export function pickersWithHandles(folder: boolean): boolean {
  const w = window as Window & PickerWindow;
  const picker = folder ? w.showDirectoryPicker : w.showOpenFilePicker;
  return typeof picker === 'function' && !navigator.webdriver;
}

/** Opens the browser's picker; null when the user closes it without picking. */
export async function pickWithHandles(folder: boolean): Promise<PickResult | null> {
  const w = window as Window & PickerWindow;
  try {
    if (folder) {
      const directory = await w.showDirectoryPicker!({ mode: 'read' });
      const handles = (await filesUnder(directory)).sort((a, b) => a.name.localeCompare(b.name));
      const files = await Promise.all(handles.map((h) => h.getFile()));
      const group: Picked = {
        folder: directory.name,
        directory,
        files: handles.map((handle) => ({ name: handle.name, handle })),
      };
      return { files, folder: directory.name, group };
    }
    const handles = await w.showOpenFilePicker!({
      multiple: true,
      types: [
        {
          description: 'Parquet, CSV or Arrow',
          accept: { 'application/octet-stream': ACCEPTED_FILE_TYPES.split(',') },
        },
      ],
    });
    const files = await Promise.all(handles.map((h) => h.getFile()));
    const group: Picked = {
      folder: null,
      directory: null,
      files: handles.map((handle) => ({ name: handle.name, handle })),
    };
    return { files, folder: null, group };
  } catch (err) {
    // The user closed the picker.
    if (err instanceof DOMException && err.name === 'AbortError') return null;
    throw err;
  }
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
