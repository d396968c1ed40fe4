import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { FileState, SqlVectorsState } from '../../data/opened-file/file-state';
import { SqlVectorsPanel } from './sql-vectors-panel';

const column = (name: string, vectorDim?: number): ColumnPlan => ({
  name,
  label: name,
  arrowType: vectorDim ? `FixedSizeList[${vectorDim}]<Float32>` : 'Utf8',
  role: vectorDim ? 'embedding' : 'id',
  destination: vectorDim ? 'heavy' : 'duckdb',
  ...(vectorDim ? { vectorDim } : {}),
  reason: '',
});

const file = (patch: Partial<FileState> = {}): FileState => ({
  id: 't1',
  tableName: 'experiences',
  fileName: 'experiences.parquet',
  fileBytes: 1,
  kind: 'parquet',
  status: 'ready',
  progress: { done: 1, total: 1, unit: 'row-groups' },
  rowCount: 1000,
  footer: null,
  columns: [column('memory_id'), column('embedding', 384)],
  error: null,
  timings: {},
  ...patch,
});

const vectors = (patch: Partial<SqlVectorsState>): SqlVectorsState => ({
  column: 'embedding',
  dim: 384,
  status: 'added',
  progress: { rows: 0, total: 1000 },
  ...patch,
});

const render = (table: FileState) =>
  renderToStaticMarkup(
    <SqlVectorsPanel
      table={table}
      onAdd={() => undefined}
      onCancel={() => undefined}
      onRemove={() => undefined}
    />,
  );

describe('SqlVectorsPanel', () => {
  const cases: [string, FileState, RegExp[], RegExp[]][] = [
    [
      'not added: the button and what it will cost',
      file(),
      [/>Add vectors to SQL</, /as <code>FLOAT\[384\]<\/code>: about 1\.5\d? MB more/],
      [/Remove vectors from SQL/, /<progress/],
    ],
    [
      'adding: progress in rows, and Cancel',
      file({ sqlVectors: vectors({ status: 'adding', progress: { rows: 400, total: 1000 } }) }),
      [/<progress[^>]*aria-label="Adding vectors to SQL"/, /Rows added 400 of 1,000/, />Cancel</],
      [/>Add vectors to SQL</],
    ],
    [
      'added: the memory before and after, the NULL rows, the undo',
      file({
        sqlVectors: vectors({
          report: {
            column: 'embedding',
            dim: 384,
            rows: 1000,
            nulls: 2,
            wrongLength: 1,
            memoryBefore: 3_000_000,
            memoryAfter: 4_600_000,
            vectorBytes: 1_536_000,
          },
        }),
      }),
      [/DuckDB memory 3(\.0)? MB before, 4\.6 MB after/, /3 rows are NULL/, />Remove vectors from SQL</],
      [/>Add vectors to SQL</],
    ],
    [
      'failed: the error with its hint, and the button again',
      file({
        sqlVectors: vectors({
          status: 'failed',
          error: { code: 'sql', message: 'experiences.parquet: it broke.', hint: 'Try again.' },
        }),
      }),
      [/role="alert"[^>]*>experiences\.parquet: it broke\. Try again\.</, />Add vectors to SQL</],
      [],
    ],
    ['not loaded yet: nothing', file({ status: 'loading' }), [], [/Vectors in SQL/]],
    ['no vector column: nothing', file({ columns: [column('memory_id')] }), [], [/Vectors in SQL/]],
  ];
  it.each(cases)('%s', (_name, table, present, absent) => {
    const html = render(table);
    for (const p of present) expect(html).toMatch(p);
    for (const a of absent) expect(html).not.toMatch(a);
  });

  it('renders a column name from the file as text', () => {
    const html = render(
      file({ columns: [column('<img src=x onerror=alert(1)>', 4)], sqlVectors: undefined }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });
});
