export const ACCEPTED_FILE_TYPES = '.parquet,.parq,.pq,.csv,.tsv,.arrow,.feather,.ipc';

/** Files opened together: a folder's files (named after it), or loose files (folder null). */
export interface FileGroup {
  files: File[];
  folder: string | null;
}

const EXTENSIONS = ACCEPTED_FILE_TYPES.split(',');

/** A file memscope opens (a folder's other files, a manifest or `.DS_Store`, are skipped). */
export function isAcceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * The files a folder picker gave (`<input webkitdirectory>`): their paths start with the folder's
 * name. Files of sub-folders count as the folder's.
 */
export function groupPickedFolder(files: readonly File[]): FileGroup {
  const folder = files[0]?.webkitRelativePath.split('/')[0] || null;
  return { folder, files: sortByName(files.filter((f) => isAcceptedFile(f.name))) };
}

/**
 * What was dropped, read through the entries API (webkitGetAsEntry, which must be asked for during
 * the drop event: `entries` are taken there): each folder becomes a group named after it, with the
 * files under it; loose files are one group.
 */
export async function readDroppedEntries(entries: readonly FileSystemEntry[]): Promise<FileGroup[]> {
  const loose: File[] = [];
  const groups: FileGroup[] = [];
  for (const entry of entries) {
    if (isDirectory(entry)) {
      const files = (await filesUnder(entry)).filter((f) => isAcceptedFile(f.name));
      if (files.length > 0) groups.push({ folder: entry.name, files: sortByName(files) });
    } else if (isFile(entry)) {
      loose.push(await fileOf(entry));
    }
  }
  return loose.length > 0 ? [{ folder: null, files: loose }, ...groups] : groups;
}

async function filesUnder(dir: FileSystemDirectoryEntry): Promise<File[]> {
  const reader = dir.createReader();
  const out: File[] = [];
  // readEntries answers in batches (about 100 in Chromium) until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return out;
    for (const entry of batch) {
      if (isDirectory(entry)) out.push(...(await filesUnder(entry)));
      else if (isFile(entry)) out.push(await fileOf(entry));
    }
  }
}

const fileOf = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));
const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const sortByName = (files: readonly File[]) => [...files].sort((a, b) => a.name.localeCompare(b.name));
