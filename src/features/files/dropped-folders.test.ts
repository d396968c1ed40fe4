import { describe, expect, it } from 'vitest';
import { groupPickedFolder, isAcceptedFile, readDroppedEntries } from './dropped-folders';

/** Minimal stand-ins for the entries API (FileSystemFileEntry / FileSystemDirectoryEntry). */
function fileEntry(name: string): FileSystemEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (ok: (f: File) => void) => ok(new File(['x'], name)),
  } as unknown as FileSystemEntry;
}

function dirEntry(name: string, children: FileSystemEntry[]): FileSystemEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      // Two batches, then none, as Chromium answers for large folders.
      const batches = [children.slice(0, 1), children.slice(1), []];
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(batches.shift() ?? []) };
    },
  } as unknown as FileSystemEntry;
}

const names = (files: readonly File[]) => files.map((f) => f.name);

describe('readDroppedEntries', () => {
  const cases: [string, FileSystemEntry[], { folder: string | null; files: string[] }[]][] = [
    [
      'a folder is one group named after it, its files sorted, other files skipped, sub-folders read',
      [
        dirEntry('store', [
          fileEntry('skills.parquet'),
          fileEntry('manifest.json'),
          fileEntry('experiences.parquet'),
          dirEntry('more', [fileEntry('notes.csv')]),
        ]),
      ],
      [{ folder: 'store', files: ['experiences.parquet', 'notes.csv', 'skills.parquet'] }],
    ],
    [
      'loose files are one group, folders their own',
      [fileEntry('a.parquet'), dirEntry('b', [fileEntry('b1.parquet'), fileEntry('b2.parquet')])],
      [
        { folder: null, files: ['a.parquet'] },
        { folder: 'b', files: ['b1.parquet', 'b2.parquet'] },
      ],
    ],
    ['a folder with nothing to open is no group', [dirEntry('empty', [fileEntry('readme.md')])], []],
  ];
  it.each(cases)('%s', async (_name, entries, groups) => {
    const got = await readDroppedEntries(entries);
    expect(got.map((g) => ({ folder: g.folder, files: names(g.files) }))).toEqual(groups);
  });
});

describe('groupPickedFolder', () => {
  it('names the group after the picked folder and keeps the files memscope opens', () => {
    const pick = (path: string) => {
      const f = new File(['x'], path.split('/').pop()!);
      Object.defineProperty(f, 'webkitRelativePath', { value: path });
      return f;
    };
    const g = groupPickedFolder([pick('mem/k.parquet'), pick('mem/.DS_Store'), pick('mem/sub/e.arrow')]);
    expect({ folder: g.folder, files: names(g.files) }).toEqual({
      folder: 'mem',
      files: ['e.arrow', 'k.parquet'],
    });
  });

  const accepted: [string, boolean][] = [
    ['a.parquet', true],
    ['A.PARQUET', true],
    ['b.csv', true],
    ['c.feather', true],
    ['manifest.json', false],
    ['.DS_Store', false],
  ];
  it.each(accepted)('isAcceptedFile(%s) is %s', (name, ok) => expect(isAcceptedFile(name)).toBe(ok));
});
