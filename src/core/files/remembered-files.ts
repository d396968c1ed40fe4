/**
 * "Reopen last files" (docs/explore.md, "Reopen last files"): which of the files picked through the
 * File System Access API are remembered for the next page load. Pure: handles and files are type
 * parameters, so the browser's FileSystemHandle and File stay out of core.
 */

/** One pick: files picked together (folder null) or a folder, with the handle of each file. */
export interface PickedGroup<H> {
  /** The folder's name (the store is named after it), or null for loose files. */
  folder: string | null;
  /** A picked folder's own handle: one permission prompt covers every file under it. */
  directory: H | null;
  files: readonly PickedFile<H>[];
}

export interface PickedFile<H> {
  name: string;
  handle: H;
}

/**
 * The picks to remember: each pick with only its files still open (closing a file forgets it),
 * and no pick left empty. `isOpen` says whether the file picked as `index` of `group` is open.
 */
export function stillOpenGroups<H>(
  groups: readonly PickedGroup<H>[],
  isOpen: (group: number, index: number) => boolean,
): PickedGroup<H>[] {
  const out: PickedGroup<H>[] = [];
  groups.forEach((group, g) => {
    const files = group.files.filter((_, i) => isOpen(g, i));
    if (files.length > 0) out.push({ ...group, files });
  });
  return out;
}

/** What the offer reads like: "experiences.parquet, knowledge.parquet and 2 more". */
export function describeGroups<H>(groups: readonly PickedGroup<H>[], shown = 3): string {
  const names = groups.flatMap((g) => (g.folder !== null ? [`${g.folder}/`] : g.files.map((f) => f.name)));
  if (names.length <= shown) return joinNames(names);
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * A drop's handles (`DataTransferItem.getAsFileSystemHandle`, one per dropped item, null where the
 * browser gave none): the loose files and the folders, or null when any item has no handle — then
 * the drop is opened as before, from its entries, and not remembered (a drop half remembered would
 * offer only part of what was open).
 */
export function droppedHandles<H extends { kind: 'file' | 'directory' }>(
  handles: readonly (H | null)[],
): { files: H[]; folders: H[] } | null {
  if (handles.length === 0) return null;
  const files: H[] = [];
  const folders: H[] = [];
  for (const handle of handles) {
    if (!handle) return null;
    (handle.kind === 'directory' ? folders : files).push(handle);
  }
  return { files, folders };
}
