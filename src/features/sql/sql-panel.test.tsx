import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DbClient } from '../../data/db/db-client';
import { SqlPanel, catalogKey, type SqlPanelTable } from './sql-panel';

const idleDb: DbClient = {
  ready: () => Promise.resolve(),
  query: () => new Promise(() => {}),
  insertArrowIpc: () => Promise.resolve(),
  registerFile: () => Promise.resolve(),
  dropTable: () => Promise.resolve(),
  invalidate: () => {},
  onRestart: () => () => {},
  restart: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

describe('SqlPanel', () => {
  it('renders a labelled editor with a quoted default query and a Run button', () => {
    const html = renderToStaticMarkup(
      <SqlPanel
        db={idleDb}
        tables={[{ tableName: 'my "odd" <table>', fileName: 'x.parquet' }]}
        renderResult={() => null}
      />,
    );
    expect(html).toMatch(/<label[^>]*>SQL query<\/label>/);
    expect(html).toContain('<textarea');
    // Text is escaped by React, never injected as HTML.
    expect(html).toContain(
      'SELECT * FROM &quot;my &quot;&quot;odd&quot;&quot; &lt;table&gt;&quot; LIMIT 100',
    );
    expect(html).toMatch(/<button[^>]*>Run<\/button>/);
    expect(html).not.toContain('Cancel');
    expect(html).not.toContain('role="alert"');
  });
});

describe('catalogKey', () => {
  const loading = (done: number) => ({ done, total: 12, unit: 'row-groups' });
  const cases: { name: string; tables: SqlPanelTable[]; key: string }[] = [
    { name: 'no tables', tables: [], key: '' },
    { name: 'a loaded table', tables: [{ tableName: 'a', fileName: 'a.parquet' }], key: 'a' },
    {
      name: 'a file loading, no row group in DuckDB yet: not in the catalog',
      tables: [
        { tableName: 'a', fileName: 'a.parquet' },
        { tableName: 'b', fileName: 'b.parquet', loading: loading(0) },
      ],
      key: 'a',
    },
    {
      name: 'a file loading with row groups in: not yet (its inserts have DuckDB to themselves)',
      tables: [
        { tableName: 'a', fileName: 'a.parquet' },
        { tableName: 'b', fileName: 'b.parquet', loading: loading(7) },
      ],
      key: 'a',
    },
    {
      name: 'the same file once loaded',
      tables: [
        { tableName: 'a', fileName: 'a.parquet' },
        { tableName: 'b', fileName: 'b.parquet' },
      ],
      key: 'a,b',
    },
  ];
  it.each(cases)('$name', ({ tables, key }) => {
    expect(catalogKey(tables).split('\u0000').filter(Boolean)).toEqual(key ? key.split(',') : []);
  });
});
