import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DbClient } from '../../data/db/db-client';
import { SqlPanel } from './sql-panel';

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
