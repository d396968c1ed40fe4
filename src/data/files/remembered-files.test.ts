import { describe, expect, it } from 'vitest';
import { RememberedFiles, type HandleStore, type Picked, type PickedHandle } from './remembered-files';

/** A handle stand-in: RememberedFiles only stores handles, it never calls them. */
const handle = (name: string) => ({ kind: 'file', name }) as unknown as PickedHandle;
const pick = (...names: string[]): Picked => ({
  folder: null,
  directory: null,
  files: names.map((name) => ({ name, handle: handle(name) })),
});

function memoryStore(initial: Picked[] = []) {
  const writes: string[][] = [];
  const store: HandleStore = {
    load: () => Promise.resolve(initial),
    save: (groups) => {
      writes.push(groups.flatMap((g) => g.files.map((f) => f.name)));
      return Promise.resolve();
    },
  };
  return { store, writes };
}

describe('RememberedFiles', () => {
  it('offers the last session and does not overwrite it before this session picks', async () => {
    const { store, writes } = memoryStore([pick('old.parquet')]);
    const remembered = new RememberedFiles(store);
    remembered.sync(() => new Set([new Blob(['sample'])]));
    expect(writes).toEqual([]);
    expect((await remembered.lastSession()).map((g) => g.files[0]?.name)).toEqual(['old.parquet']);
  });

  it('saves the picks whose files are open, forgets closed ones, and skips unchanged saves', () => {
    const { store, writes } = memoryStore();
    const remembered = new RememberedFiles(store);
    const a = new Blob(['a']);
    const b = new Blob(['b']);
    remembered.remember(pick('a.parquet', 'b.parquet'), [a, b]);
    remembered.sync(() => new Set([a, b]));
    remembered.sync(() => new Set([a, b]));
    remembered.sync(() => new Set([b]));
    remembered.sync(() => new Set());
    expect(writes).toEqual([['a.parquet', 'b.parquet'], ['b.parquet'], []]);
  });

  it('a store that cannot load offers nothing', async () => {
    const remembered = new RememberedFiles({
      load: () => Promise.reject(new Error('no IndexedDB')),
      save: () => Promise.resolve(),
    });
    expect(await remembered.lastSession()).toEqual([]);
  });
});
