import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../src/data/db/db-client';
import { createCsvTable, type CsvTableRequest } from '../src/data/csv/load-csv';
import { Workspace } from '../src/data/workspace';
import { corpusPath } from './support/corpus';
import { rejection } from './support/rejection';
import { createNodeDb } from './support/node-db';

let db: DbClient;
let seq = 0;

beforeAll(async () => {
  db = await createNodeDb();
});
afterAll(async () => {
  await db?.close();
});

function request(fileName: string, text: BlobPart, extra: Partial<CsvTableRequest> = {}): CsvTableRequest {
  seq += 1;
  return {
    file: new Blob([text]),
    fileName,
    registeredName: `csv_test_${seq}.csv`,
    tableName: `csv_t${seq}`,
    rowColumn: '__row',
    ...extra,
  };
}

async function columnsOf(table: string): Promise<string[]> {
  const { table: t } = await db.query(`SELECT * FROM "${table}" LIMIT 0`, { cache: false });
  return t.schema.fields.map((f) => f.name);
}

async function rowsOf(table: string): Promise<unknown[][]> {
  const { table: t } = await db.query(`SELECT * EXCLUDE (__row) FROM "${table}" ORDER BY __row`, {
    cache: false,
  });
  const out: unknown[][] = [];
  for (let r = 0; r < t.numRows; r++) out.push(t.schema.fields.map((_, c) => t.getChildAt(c)?.get(r)));
  return out;
}

describe('createCsvTable', () => {
  it('reads a well-formed CSV as the sniffer sees it, without a warning', async () => {
    const req = request('good.csv', 'id,text\n1,hello\n2,"a, b"\n');
    const result = await createCsvTable(db, req);
    expect(result.warning).toBeNull();
    expect(result.options).toEqual({ delimiter: ',', quote: '"', header: true, nullPadding: false });
    expect(await columnsOf(req.tableName)).toEqual(['__row', 'id', 'text']);
    expect(await rowsOf(req.tableName)).toEqual([
      [1n, 'hello'],
      [2n, 'a, b'],
    ]);
  });

  it.each([
    ['a 0-byte file', ''],
    ['a file of blank lines', '\n\n  \n'],
  ])('refuses %s as an empty CSV naming the file, before any table exists', async (_what, text) => {
    const req = request('empty.csv', text);
    const error = await rejection(createCsvTable(db, req));
    expect(error.code).toBe('corrupt');
    expect(error.file).toBe('empty.csv');
    expect(error.message).toMatch(/^empty\.csv is an empty CSV file/);
    const { table } = await db.query(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${req.tableName}'`,
      {
        cache: false,
      },
    );
    expect(table.getChild('n')?.get(0)).toBe(0n);
  });

  it('opens a ragged CSV with its real columns and a warning naming the first line that does not fit', async () => {
    const req = request('ragged.csv', 'a,b,c\n1,2\n3,4,5,6\n7,8,9\n');
    const result = await createCsvTable(db, req);
    expect(await columnsOf(req.tableName)).not.toContain('a,b,c');
    expect((await columnsOf(req.tableName)).slice(0, 4)).toEqual(['__row', 'a', 'b', 'c']);
    expect(result.warning).toMatch(/ragged\.csv/);
    expect(result.warning).toMatch(/line 2 has 2 fields where the header has 3/);
    expect(result.warning).toMatch(/delimiter, quote and header/);
    expect(result.options).toMatchObject({ delimiter: ',', header: true, nullPadding: true });
    const rows = await rowsOf(req.tableName);
    expect(rows.length).toBe(3);
    expect(rows[0]?.slice(0, 3).map(String)).toEqual(['1', '2', 'null']);
  });

  it('warns when no header line is recognised', async () => {
    const req = request('noheader.csv', '1,2\n3,4\n5,6\n');
    const result = await createCsvTable(db, req);
    expect(result.warning).toMatch(/No header line was recognised in noheader\.csv/);
    expect(result.options.header).toBe(false);
  });

  it('applies the options the user sets: delimiter, quote and header', async () => {
    const text = "x|y\n'p|q'|2\n";
    const req = request('piped.csv', text, { options: { delimiter: '|', quote: "'", header: true } });
    const result = await createCsvTable(db, req);
    expect(result.warning).toBeNull();
    expect(result.options).toMatchObject({ delimiter: '|', quote: "'", header: true });
    expect(await columnsOf(req.tableName)).toEqual(['__row', 'x', 'y']);
    expect((await rowsOf(req.tableName))[0]?.[0]).toBe('p|q');
    const noHeader = request('piped.csv', text, { options: { delimiter: '|', quote: "'", header: false } });
    await createCsvTable(db, noHeader);
    expect((await rowsOf(noHeader.tableName)).length).toBe(2);
  });

  it('refuses invalid options with a typed error before reading', async () => {
    const error = await rejection(
      createCsvTable(db, request('x.csv', 'a\n1\n', { options: { delimiter: ',,' } })),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^x\.csv: The delimiter must be one character/);
  });

  it('reads the corpus CSV (parquet-testing expected values) as before', async () => {
    const bytes = fs.readFileSync(corpusPath('parquet-testing/data/delta_byte_array_expect.csv'));
    const req = request('delta_byte_array_expect.csv', new Uint8Array(bytes));
    const result = await createCsvTable(db, req);
    expect(result.warning).toBeNull();
    const { table } = await db.query(`SELECT count(*) AS n FROM "${req.tableName}"`, { cache: false });
    expect(table.getChild('n')?.get(0)).toBe(1000n);
  });
});

describe('OpenedFile: CSV and Arrow IPC files fail or warn in their own words', () => {
  const open = (ws: Workspace, file: File) => ws.open(file, file.name).done;

  it('a 0-byte .csv ends as failed (never ready with a made-up column0), the other files stay', async () => {
    const ws = new Workspace({ db });
    const good = await open(ws, new File(['id\n1\n'], 'kept.csv'));
    const empty = await open(ws, new File([], 'empty.csv'));
    expect(empty.status).toBe('failed');
    expect(empty.error?.message).toMatch(/^empty\.csv is an empty CSV file/);
    expect(empty.columns.map((c) => c.name)).not.toContain('column0');
    expect(good.status).toBe('ready');
    expect(ws.file(good.id)?.state.status).toBe('ready');
  });

  it('a ragged .csv opens with its columns and the warning on the table', async () => {
    const t = await open(new Workspace({ db }), new File(['a,b,c\n1,2\n3,4,5\n'], 'ragged.csv'));
    expect(t.status).toBe('ready');
    expect(t.columns.map((c) => c.name).slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect(t.csv?.warning).toMatch(/line 2 has 2 fields where the header has 3/);
  });

  it.each([
    ['garbage.arrow', new TextEncoder().encode('id,name\n1,a\n'), /garbage\.arrow is not an Arrow IPC file/],
    [
      'cut.arrow',
      new TextEncoder().encode('ARROW1\0\0 then nothing of use'),
      /cut\.arrow is an incomplete Arrow IPC file/,
    ],
    [
      'broken.arrows',
      new Uint8Array([
        0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      ]),
      /broken\.arrows is damaged: the Arrow IPC reader rejected it/,
    ],
  ])('%s fails with an Arrow message', async (name, bytes, message) => {
    const t = await open(new Workspace({ db }), new File([bytes], name));
    expect(t.status).toBe('failed');
    expect(t.error?.message).toMatch(message);
    expect(`${t.error?.message} ${t.error?.hint}`).not.toMatch(
      /Parquet file|PAR1|Parquet decoder|Parquet footer/,
    );
  });
});

describe('reopening a ragged CSV with the settings the user changed', () => {
  it('header off keeps the NULL padding memscope chose: the header line becomes a row', async () => {
    const req = request('ragged-again.csv', 'a,b,c\n1,2\n3,4,5\n6,7,8\n', {
      options: { delimiter: ',', quote: '"', header: false, nullPadding: true },
    });
    await createCsvTable(db, req);
    expect((await rowsOf(req.tableName)).length).toBe(4);
  });
});
