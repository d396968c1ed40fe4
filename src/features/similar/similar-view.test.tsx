import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table, tableFromArrays } from 'apache-arrow';
import type { VectorIndex, VectorIndexProgress } from '../../data/vectors/vector-index';
import { SimilarView } from './similar-view';
import { resultsTable, tableCsv, tableSource } from './results-table';

const progress: VectorIndexProgress = {
  indexed: 500,
  total: 1280,
  vectors: 497,
  skipped: 3,
  skips: { null: 2, wrongLength: 0, nonFinite: 1, zeroNorm: 0 },
  state: 'building',
};

const index = {
  fileName: 'experiences.parquet',
  column: 'embedding',
  dim: 384,
  progress: () => progress,
  subscribe: () => () => undefined,
} as unknown as VectorIndex;

describe('SimilarView', () => {
  it('has the labelled Query and k boxes (k = 10), and says what is indexed and skipped', () => {
    const html = renderToStaticMarkup(
      <SimilarView
        fileName="experiences.parquet"
        index={index}
        idColumn="memory_id"
        rows={{ fetchRows: () => Promise.resolve(new Table()), rowOfId: () => Promise.resolve(null) }}
      />,
    );
    expect(html).toMatch(/<label for="[^"]+">Query<\/label><input id="[^"]+" type="text"/);
    expect(html).toMatch(
      /<label for="[^"]+">k<\/label><input id="[^"]+" type="number" min="1" max="1000" step="1" value="10"/,
    );
    expect(html).toContain('rows indexed 500 of 1,280');
    expect(html).toContain('3 rows skipped (NULL 2, wrong length 0, NaN/Inf 1, zero 0)');
    expect(html).not.toContain('Only rows matching the Explore filter');
    // Before any search, the view says how to begin.
    expect(html).toContain('<p class="similar-hint">Type a memory’s id (or paste a vector) and press Search');
  });
});

describe('results table and CSV', () => {
  const fetched = tableFromArrays({
    __row: Float64Array.of(7, 3),
    memory_id: ['exp-7', 'exp-3, "the odd one"'],
    content: ['first', 'second'],
  });
  it.each([
    { name: 'with the rows fetched', fetched, header: 'rank,score,__row,memory_id,content' },
    { name: 'when the rows could not be fetched', fetched: null, header: 'rank,score,__row,memory_id' },
  ])('$name: rank, score, __row, the id column first', ({ fetched, header }) => {
    const table = resultsTable(Float64Array.of(7, 3), Float64Array.of(1, 0.5), fetched);
    const lines = tableCsv(table, 'memory_id').split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines[1]?.startsWith('1,1,7')).toBe(true);
    expect(lines[2]?.startsWith('2,0.5,3')).toBe(true);
    if (fetched) expect(lines[2]).toBe('2,0.5,3,"exp-3, ""the odd one""",second');
  });

  it.each([
    { name: 'rows of several files', fetched, file: 'file' },
    {
      name: 'a column of the rows is named file',
      fetched: tableFromArrays({ __row: Float64Array.of(7, 3), file: ['x', 'y'] }),
      file: '__file',
    },
  ])('$name: each result names its file, after rank and score', ({ fetched, file }) => {
    const files = ['knowledge.parquet', 'experiences.parquet'];
    const table = resultsTable(Float64Array.of(7, 3), Float64Array.of(1, 0.5), fetched, files);
    expect(table.schema.fields.slice(0, 3).map((f) => f.name)).toEqual(['rank', 'score', file]);
    const lines = tableCsv(table, 'memory_id', file).split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['rank', 'score', file, '__row']);
    expect(lines[1]?.startsWith('1,1,knowledge.parquet,7')).toBe(true);
    expect(lines[2]?.startsWith('2,0.5,experiences.parquet,3')).toBe(true);
  });

  it('pages the table as a grid source', async () => {
    const table = resultsTable(Float64Array.of(1, 2, 3), Float64Array.of(0.9, 0.8, 0.7), null);
    const source = tableSource(table);
    expect(source.rowCount).toBe(3);
    expect(source.columns.map((c) => c.name)).toEqual(['rank', 'score', '__row']);
    const page = await source.fetchRows(1, 2);
    expect(page.getChild('rank')?.get(0)).toBe(2);
  });
});

describe('search across files', () => {
  const render = (peers: number, exploreFilter?: () => Promise<Uint8Array | null>) =>
    renderToStaticMarkup(
      <SimilarView
        fileName="experiences.parquet"
        index={index}
        idColumn="memory_id"
        peers={Array.from({ length: peers }, (_, i) => ({ fileName: `f${i}.parquet`, index: () => index }))}
        exploreFilter={exploreFilter}
        rows={{ fetchRows: () => Promise.resolve(new Table()), rowOfId: () => Promise.resolve(null) }}
      />,
    );
  it.each([
    [0, null],
    [1, 'Search all 2 open files with 384-d vectors'],
    [3, 'Search all 4 open files with 384-d vectors'],
  ])('with %i other files of the dimension: %s', (peers, label) => {
    const html = render(peers);
    if (label) expect(html).toMatch(new RegExp(`<input type="checkbox"/> ${label}</label>`));
    else expect(html).not.toContain('Search all');
  });
  it('the filter checkbox shows for the file that has one', () => {
    expect(render(3, () => Promise.resolve(null))).toContain('Only rows matching the Explore filter');
    expect(render(3)).not.toContain('Only rows matching the Explore filter');
  });
});

describe('the map panel', () => {
  it('offers PCA and UMAP, "Colour by" the columns given (none preselected until the map is drawn), and the draw button', () => {
    const html = renderToStaticMarkup(
      <SimilarView
        fileName="experiences.parquet"
        index={index}
        idColumn="memory_id"
        colourColumns={[
          { name: 'category', label: 'category', category: true },
          { name: 'topic', label: 'topic', category: true },
          { name: 'access_count', label: 'access_count', category: false },
        ]}
        rows={{ fetchRows: () => Promise.resolve(new Table()), rowOfId: () => Promise.resolve(null) }}
      />,
    );
    expect(html).toMatch(/<label for="[^"]+">Projection<\/label><select id="[^"]+"/);
    expect(html).toContain('<option value="pca" selected="">PCA (every memory)</option>');
    expect(html).toContain('UMAP (a sample of up to 10,000)');
    expect(html).toContain('Draw the map (PCA)');
    expect(html).toMatch(/<label for="[^"]+">Colour by<\/label>/);
    // The first category column is the default.
    expect(html).toContain('<option value="category" selected="">category</option>');
    expect(html).toContain('<option value="access_count">access_count</option>');
  });
});
