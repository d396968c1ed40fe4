import { describe, expect, it } from 'vitest';
import {
  buildCreateStoreView,
  categoryFromFileName,
  formsStore,
  sqlStringLiteral,
  unifyTypes,
  unionSchema,
  type StoreMember,
  type UnionCast,
} from './union-schema';

const col = (name: string, type: string, label = name) => ({ name, label, type });

const experiences: StoreMember = {
  table: 'experiences',
  fileName: 'experiences.parquet',
  rowCount: 3,
  columns: [col('memory_id', 'VARCHAR'), col('category', 'VARCHAR'), col('importance', 'FLOAT')],
};
const knowledge: StoreMember = {
  table: 'knowledge',
  fileName: 'knowledge.parquet',
  rowCount: 2,
  columns: [col('memory_id', 'VARCHAR'), col('importance', 'DOUBLE'), col('source', 'VARCHAR')],
};
const notes: StoreMember = {
  table: 'notes',
  fileName: "Bob's notes.csv",
  rowCount: 1,
  columns: [col('__row', 'BIGINT'), col('MEMORY_ID', 'BIGINT', 'Memory ID'), col('blob', 'BLOB')],
};
const blobs: StoreMember = {
  table: 'blobs',
  fileName: 'blobs.parquet',
  rowCount: 4,
  columns: [col('memory_id', 'VARCHAR'), col('blob', 'VARCHAR')],
};

describe('categoryFromFileName', () => {
  const cases: [string, string][] = [
    ['experiences.parquet', 'experiences'],
    ['Knowledge Base.PARQUET', 'Knowledge Base'],
    ['store/skills.csv.gz', 'skills'],
    ['notes.arrow', 'notes'],
    ['no-extension', 'no-extension'],
    ['.parquet', '.parquet'],
  ];
  it.each(cases)('%s → %s', (name, category) => expect(categoryFromFileName(name)).toBe(category));
});

describe('sqlStringLiteral', () => {
  const cases: [string, string][] = [
    ['plain', "'plain'"],
    ["Bob's", "'Bob''s'"],
    ["'); DROP TABLE x; --", "'''); DROP TABLE x; --'"],
    ['', "''"],
  ];
  it.each(cases)('%s', (text, literal) => expect(sqlStringLiteral(text)).toBe(literal));
  it('refuses NUL', () => expect(() => sqlStringLiteral('a\u0000b')).toThrow(/NUL/));
});

describe('unifyTypes', () => {
  const cases: [string, string[], string, UnionCast][] = [
    ['one type', ['VARCHAR', 'VARCHAR'], 'VARCHAR', 'none'],
    ['one list type', ['FLOAT[384]', 'FLOAT[384]'], 'FLOAT[384]', 'none'],
    ['integers widen to BIGINT', ['INTEGER', 'SMALLINT', 'BIGINT'], 'BIGINT', 'widened'],
    ['a huge integer widens to HUGEINT', ['INTEGER', 'UBIGINT'], 'HUGEINT', 'widened'],
    ['numbers widen to DOUBLE', ['FLOAT', 'INTEGER', 'DECIMAL(18,3)'], 'DOUBLE', 'widened'],
    ['local timestamps widen to TIMESTAMP', ['TIMESTAMP_MS', 'TIMESTAMP', 'DATE'], 'TIMESTAMP', 'widened'],
    ['text and a number become text', ['VARCHAR', 'BIGINT'], 'VARCHAR', 'text'],
    ['time zones differ: text', ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP'], 'VARCHAR', 'text'],
    ['lists of different elements: text', ['VARCHAR[]', 'INTEGER[]'], 'VARCHAR', 'text'],
    ['binary against text: left out', ['BLOB', 'VARCHAR'], 'BLOB', 'left-out'],
  ];
  it.each(cases)('%s', (_name, types, type, cast) => expect(unifyTypes(types)).toEqual({ type, cast }));
});

describe('unionSchema', () => {
  it('orders columns by first appearance, widens numbers, lists the files that lack a column', () => {
    const s = unionSchema([experiences, knowledge]);
    expect(s.columns.map((c) => [c.name, c.type, c.cast, c.missingFrom, c.fromFileName])).toEqual([
      ['memory_id', 'VARCHAR', 'none', [], []],
      ['category', 'VARCHAR', 'none', [], ['knowledge']],
      ['importance', 'DOUBLE', 'widened', [], []],
      ['source', 'VARCHAR', 'none', ['experiences'], []],
    ]);
    expect(s.conflicts).toEqual([]);
    expect(s.shared).toEqual(['memory_id', 'importance']);
    expect([s.fileColumn, s.fileRowColumn]).toEqual(['__file', '__file_row']);
  });

  const cases: [string, StoreMember[], { column: string; resolution: string; message: RegExp }[]][] = [
    [
      'keys match ignoring case; a type conflict is cast to text',
      [experiences, notes],
      [
        {
          column: 'memory_id',
          resolution: 'text',
          message: /VARCHAR in experiences\.parquet, BIGINT in Bob's/,
        },
      ],
    ],
    [
      'binary against text is left out',
      [notes, blobs],
      [
        {
          column: 'MEMORY_ID',
          resolution: 'text',
          message: /^Memory ID is BIGINT in Bob's notes\.csv, VARCHAR/,
        },
        { column: 'blob', resolution: 'left-out', message: /left out of the store/ },
      ],
    ],
    ['no conflict', [experiences, knowledge], []],
  ];
  it.each(cases)('%s', (_name, members, conflicts) => {
    const s = unionSchema(members);
    expect(
      s.conflicts.map((c) => ({ column: c.column, resolution: c.resolution, message: c.message })),
    ).toEqual(conflicts.map((c) => ({ ...c, message: expect.stringMatching(c.message) as unknown })));
    for (const c of conflicts) {
      const inView = s.columns.some((u) => u.name === c.column);
      expect(inView).toBe(c.resolution !== 'left-out');
      expect(s.leftOut.some((u) => u.name === c.column)).toBe(c.resolution === 'left-out');
    }
  });

  it('ignores a table’s own __row and picks file columns no file column takes', () => {
    const odd: StoreMember = {
      table: 'odd',
      fileName: 'odd.parquet',
      rowCount: 1,
      columns: [col('memory_id', 'VARCHAR'), col('__FILE', 'VARCHAR'), col('__file_row', 'BIGINT')],
    };
    const s = unionSchema([experiences, odd]);
    expect(s.columns.map((c) => c.name)).not.toContain('__row');
    expect([s.fileColumn, s.fileRowColumn]).toEqual(['__file_1', '__file_row_1']);
  });
});

describe('formsStore', () => {
  const lonely: StoreMember = { table: 'l', fileName: 'l.csv', rowCount: 1, columns: [col('x', 'INTEGER')] };
  const cases: [string, StoreMember[], boolean][] = [
    ['two files sharing memory_id', [experiences, knowledge], true],
    ['one file', [experiences], false],
    ['nothing in common but the category from the name', [lonely, { ...lonely, table: 'm' }], true],
    ['nothing in common', [experiences, lonely], false],
  ];
  it.each(cases)('%s', (_name, members, expected) => expect(formsStore(members)).toBe(expected));
});

describe('buildCreateStoreView', () => {
  const cases: [string, string, StoreMember[], string][] = [
    [
      'category from the name, widened numbers, a missing column left to BY NAME, store-wide __row',
      'memories',
      [experiences, knowledge],
      'CREATE OR REPLACE VIEW "memories" AS SELECT "__row", "memory_id", "category", "importance", "source", "__file", "__file_row" FROM (' +
        'SELECT "__row" + 0 AS "__row", "memory_id" AS "memory_id", "category" AS "category", CAST("importance" AS DOUBLE) AS "importance", \'experiences\' AS "__file", "__row" AS "__file_row" FROM "experiences"' +
        ' UNION ALL BY NAME ' +
        'SELECT "__row" + 3 AS "__row", "memory_id" AS "memory_id", \'knowledge\' AS "category", CAST("importance" AS DOUBLE) AS "importance", "source" AS "source", \'knowledge\' AS "__file", "__row" AS "__file_row" FROM "knowledge"' +
        ') AS memscope_store',
    ],
    [
      'quoted identifiers and literals, keys aliased to the union key, text casts',
      'my "store"',
      [experiences, notes],
      'CREATE OR REPLACE VIEW "my ""store""" AS SELECT "__row", "memory_id", "category", "importance", "blob", "__file", "__file_row" FROM (' +
        'SELECT "__row" + 0 AS "__row", CAST("memory_id" AS VARCHAR) AS "memory_id", "category" AS "category", "importance" AS "importance", \'experiences\' AS "__file", "__row" AS "__file_row" FROM "experiences"' +
        ' UNION ALL BY NAME ' +
        'SELECT "__row" + 3 AS "__row", CAST("MEMORY_ID" AS VARCHAR) AS "memory_id", \'Bob\'\'s notes\' AS "category", "blob" AS "blob", \'notes\' AS "__file", "__row" AS "__file_row" FROM "notes"' +
        ') AS memscope_store',
    ],
  ];
  it.each(cases)('%s', (_name, view, members, sql) => expect(buildCreateStoreView(view, members)).toBe(sql));

  it('leaves a column that cannot be reconciled out of every SELECT', () => {
    const sql = buildCreateStoreView('s', [notes, blobs]);
    expect(sql).not.toContain('"blob"');
  });

  it('refuses a bad row count', () => {
    expect(() => buildCreateStoreView('s', [{ ...experiences, rowCount: -1 }])).toThrow(/row count/);
  });
});
