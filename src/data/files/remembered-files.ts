import { stillOpenGroups, type PickedGroup } from '../../core/files/remembered-files';

/** A file or folder handle from the File System Access API (both survive in IndexedDB). */
export type PickedHandle = FileSystemFileHandle | FileSystemDirectoryHandle;
export type Picked = PickedGroup<PickedHandle>;

/**
 * What is remembered for the next page load: the picks whose files are open, as handles in
 * IndexedDB (docs/explore.md, "Reopen last files"). One owner per tab (`startApp`). The last
 * session's picks are read once at start-up, before this session writes: the offer shows what was
 * open when the page was last left, even after this session picks something else.
 */
export class RememberedFiles {
  private picks: { group: Picked; files: readonly Blob[] }[] = [];
  private saved = '';
  private readonly last: Promise<Picked[]>;

  constructor(private readonly store: HandleStore = indexedDbStore()) {
    this.last = store.load().catch(() => []);
  }

  /** The picks open when the page was last left (empty when none, or IndexedDB is unavailable). */
  lastSession(): Promise<Picked[]> {
    return this.last;
  }

  /** A pick that opened: `files[i]` is what `group.files[i]` opened as. */
  remember(group: Picked, files: readonly Blob[]): void {
    this.picks.push({ group, files });
  }

  /**
   * Called when the open files change: forgets closed files and saves what is left. Nothing is
   * written before this session picks something, so a load that opens only the sample keeps the
   * last session's picks for the next one. `openFiles` is asked only then (the workspace changes
   * at every load step).
   */
  sync(openFiles: () => ReadonlySet<unknown>): void {
    if (this.picks.length === 0) return;
    const open = openFiles();
    const groups = stillOpenGroups(
      this.picks.map((p) => p.group),
      (g, i) => {
        const blob = this.picks[g]?.files[i];
        return blob !== undefined && open.has(blob);
      },
    );
    const key = groups.map((g) => `${g.folder ?? ''}:${g.files.map((f) => f.name).join('/')}`).join('|');
    if (key === this.saved) return;
    this.saved = key;
    void this.store.save(groups).catch(() => undefined);
  }
}

/** Where the picks are kept: one record in IndexedDB. */
export interface HandleStore {
  load(): Promise<Picked[]>;
  save(groups: readonly Picked[]): Promise<void>;
}

const DB_NAME = 'memscope';
const STORE = 'picked-files';
const KEY = 'last';

function indexedDbStore(): HandleStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open.'));
    });
  const run = async <T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = act(db.transaction(STORE, mode).objectStore(STORE));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
      });
    } finally {
      db.close();
    }
  };
  return {
    load: async () => {
      const value: unknown = await run('readonly', (s) => s.get(KEY));
      return Array.isArray(value) ? (value as Picked[]) : [];
    },
    save: async (groups) => {
      await run('readwrite', (s) => s.put(groups, KEY));
    },
  };
}

/** The permission methods of a handle (Chromium; not yet in TypeScript's DOM types). */
interface PermissionHandle {
  queryPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>;
}

/**
 * Read access to a remembered handle: already granted, or asked for (the browser's prompt; it
 * needs the click that asked to reopen). False when the user says no.
 */
export async function askToRead(handle: PickedHandle): Promise<boolean> {
  const h = handle as PickedHandle & PermissionHandle;
  if ((await h.queryPermission?.({ mode: 'read' })) === 'granted') return true;
  if (!h.requestPermission) return true;
  return (await h.requestPermission({ mode: 'read' })) === 'granted';
}

/** The files of a remembered pick, read again from their handles (permission asked first). */
export async function readPicked(group: Picked): Promise<File[]> {
  // A folder's permission covers its files: one prompt for the folder, one per loose file.
  if (group.directory !== null && !(await askToRead(group.directory)))
    throw new PermissionRefused(group.folder ?? group.directory.name);
  const files: File[] = [];
  for (const { handle } of group.files) {
    if (group.directory === null && !(await askToRead(handle))) throw new PermissionRefused(handle.name);
    if (handle.kind === 'file') files.push(await handle.getFile());
  }
  return files;
}

/** The user declined the browser's permission prompt for a remembered file or folder. */
export class PermissionRefused extends Error {
  constructor(readonly what: string) {
    super(`Permission to read ${what} was not given.`);
  }
}
