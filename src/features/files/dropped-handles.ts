import { droppedHandles } from '../../core/files/remembered-files';
import type { PickedHandle } from '../../data/files/remembered-files';
import { readFolder, readLoose, type PickResult } from './file-system-access';

/** `DataTransferItem.getAsFileSystemHandle` (Chromium; not yet in TypeScript's DOM types). */
interface HandleItem {
  getAsFileSystemHandle?(): Promise<FileSystemHandle | null>;
}

/**
 * The handles of a drop's items, asked for at once: this must run inside the drop event, before any
 * await, since the items are emptied when the event ends. Null where the browser has no
 * `getAsFileSystemHandle`; an item it gives no handle for (a file built by a page) is null.
 */
export function takeDropHandles(items: readonly DataTransferItem[]): Promise<(PickedHandle | null)[]> | null {
  const fileItems = items.filter((item) => item.kind === 'file') as (DataTransferItem & HandleItem)[];
  if (fileItems.length === 0 || fileItems.some((item) => typeof item.getAsFileSystemHandle !== 'function'))
    return null;
  return Promise.all(
    fileItems.map((item) => {
      try {
        // Chromium 156 resolves undefined, not null, for a file a page built (e2e's drops).
        return item.getAsFileSystemHandle!().then(
          (handle) => (handle ?? null) as PickedHandle | null,
          () => null,
        );
      } catch {
        return Promise.resolve(null);
      }
    }),
  );
}

/**
 * What a drop opens, read from its handles as picks are (a folder as "Open folder" reads it, loose
 * files together), each with its handles to remember; null when any item has no handle
 * (`droppedHandles`), and the drop is opened from its entries instead.
 */
export async function readDropHandles(taken: Promise<(PickedHandle | null)[]>): Promise<PickResult[] | null> {
  const split = droppedHandles(await taken);
  if (!split) return null;
  const groups: PickResult[] = [];
  const files = split.files.filter((h): h is FileSystemFileHandle => h.kind === 'file');
  if (files.length > 0) groups.push(await readLoose(files));
  for (const folder of split.folders) {
    if (folder.kind !== 'directory') continue;
    const group = await readFolder(folder);
    if (group.files.length > 0) groups.push(group);
  }
  return groups;
}
