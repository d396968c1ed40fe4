import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { Table } from 'apache-arrow';
import { describeError, toMemscopeError, type MemscopeError } from '../../core/errors';
import { centroid } from '../../core/vectors/centroid';
import type { Metric } from '../../core/vectors/metric';
import { classifyQuery, parseVectorText } from '../../core/vectors/parse-query';
import { countInRange } from '../../core/vectors/results';
import { coverageText, keepScores, type SearchOutcome } from '../../core/vectors/combined-results';
import type { VectorIndex, VectorIndexProgress } from '../../data/vectors/vector-index';
import { DataGrid } from '../../components/data-grid/data-grid';
import { downloadBlob } from '../../components/dag/dag-export';
import { ScoreHistogram, type ScoreRange } from './score-histogram';
import { MapPanel } from './map-panel';
import { ROW_COLUMN, resultsFileColumn, resultsTable, tableCsv, tableSource } from './results-table';
import { coversMoreOnceComplete, searchScope, type SimilarPeer } from './search-scope';
import { ScopeControls } from './scope-controls';
import type { SimilarViewProps } from './similar-props';
import './similar-view.css';

/**
 * The Similar view of one opened file (docs/similar.md): a query (memory id or pasted vector), k,
 * the metric, an exact search over the file's vector index, the results in the data grid
 * ("Similar memories") with CSV export, the score histogram with a range brush, and the 2-D map.
 * Self-contained: the opened file passes its index and the row lookups in (src/app wires it).
 */

export type { SimilarRows, SimilarViewProps } from './similar-props';

const MAX_RANGE_ROWS = 10_000;
const METRIC_LABEL: Record<Metric, string> = {
  cosine: 'Cosine',
  dot: 'Dot product',
  euclidean: 'Euclidean distance',
};

interface Shown {
  title: string;
  result: SearchOutcome;
  table: Table;
  /** The results' file column (several files searched), for the CSV. */
  fileColumn: string | null;
  queryRow: number | null;
}

const NO_PEERS: readonly SimilarPeer[] = [];

export function SimilarView(props: SimilarViewProps) {
  const { fileName, index, rows, idColumn, queryRow, exploreFilter } = props;
  const peers = props.peers ?? NO_PEERS;
  const [acrossFiles, setAcrossFiles] = useState(Boolean(props.acrossStore) && peers.length > 0);
  const queryId = useId();
  const kId = useId();
  const [text, setText] = useState('');
  const [k, setK] = useState('10');
  const [metric, setMetric] = useState<Metric>('cosine');
  const [filtered, setFiltered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MemscopeError | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [range, setRange] = useState<ScoreRange | null>(null);
  const progress = useIndexProgress(index);
  // The search on screen, as it was asked: "List these rows" reuses its query, and it runs again once
  // the index is complete if it covered only part of it.
  const lastRun = useRef<Parameters<typeof run> | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = async (
    query: Float32Array,
    row: number | null,
    kk: number,
    title: string,
    keep?: (s: number) => boolean,
  ) => {
    controller.current?.abort();
    const ctl = new AbortController();
    controller.current = ctl;
    setBusy(true);
    setError(null);
    try {
      const { outcome, indexes } = await searchScope(
        { fileName, index, exploreFilter },
        acrossFiles ? peers : NO_PEERS,
        { query, k: kk, metric, filtered },
      );
      const pick = keep ? keepScores(outcome, keep) : outcome;
      const files = pick.files;
      const hits = files?.map((f, i) => ({ fileName: f, row: pick.rows[i] as number }));
      const fetching = hits ? rows.fetchAcross?.(hits, ctl.signal) : rows.fetchRows(pick.rows, ctl.signal);
      const fetched = (await fetching?.catch(() => null)) ?? null;
      if (ctl.signal.aborted) return;
      lastRun.current = [query, row, kk, title, keep];
      setShown({
        title,
        result: pick,
        table: resultsTable(pick.rows, pick.scores, fetched, files),
        fileColumn: files ? resultsFileColumn(fetched) : null,
        queryRow: row,
      });
      // A search over a partly built index covered the rows indexed so far: once every index it
      // searched is complete, the same search runs again over every row, unless another came since.
      void coversMoreOnceComplete(outcome, indexes).then((again) => {
        if (again && controller.current === ctl) void run(query, row, kk, title, keep);
      });
    } catch (err) {
      if (!ctl.signal.aborted) setError(toMemscopeError(err, { code: 'internal', file: fileName }));
    } finally {
      if (controller.current === ctl) setBusy(false);
    }
  };

  const parseK = (): number => {
    const n = Number(k);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw toMemscopeError(null, {
        code: 'invalid-input',
        message: `k must be a whole number from 1 to 1000, not "${k}".`,
      });
    }
    return n;
  };

  const searchText = async () => {
    try {
      const kk = parseK();
      const input = classifyQuery(text);
      if (input.kind === 'vector') {
        const query = parseVectorText(text, index.dim, `${index.column} in ${fileName}`);
        await run(query, null, kk, 'pasted vector');
        return;
      }
      const row = await rows.rowOfId(input.id);
      if (row === null)
        throw toMemscopeError(null, {
          code: 'invalid-input',
          file: fileName,
          message: `No memory has ${idColumn ?? 'the id'} "${input.id}" in ${fileName}.`,
          hint:
            acrossFiles && peers.length > 0
              ? `An id is looked up in ${fileName} only, also when every open file is searched: show its own file in Similar, or paste a vector.`
              : 'Check the id, or paste a vector.',
        });
      await searchRow(row, kk, `memory ${input.id}`);
    } catch (err) {
      setError(toMemscopeError(err, { code: 'invalid-input', file: fileName }));
    }
  };

  const searchRow = async (row: number, kk: number, title: string) => {
    let query = await index.vectorOf(row);
    // The row may not be indexed yet (the index builds in the background): wait for it, once.
    if (!query && index.progress().state === 'building') {
      await index.ready.catch(() => undefined);
      query = await index.vectorOf(row);
    }
    if (!query)
      throw toMemscopeError(null, {
        code: 'invalid-input',
        file: fileName,
        message: `Row ${row} of ${fileName} has no usable vector (NULL, wrong length, NaN or zero).`,
      });
    await run(query, row, kk, title);
  };

  // "Find similar" from Explore.
  useEffect(() => {
    if (queryRow === null || queryRow === undefined) return;
    void searchRow(queryRow, Number(k) || 10, `row ${queryRow}`).catch((err: unknown) =>
      setError(toMemscopeError(err, { code: 'internal', file: fileName })),
    );
    // Only a new queryRow starts a search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryRow]);

  const source = useMemo(() => (shown ? tableSource(shown.table) : null), [shown]);
  // The map is this file's: it marks this file's results (and the query, always from this file).
  const highlight = useMemo(() => {
    if (!shown) return new Set<number>();
    const { rows: hits, files } = shown.result;
    return new Set(Array.from(hits).filter((_, i) => !files || files[i] === fileName));
  }, [shown, fileName]);
  const cutoff =
    shown && shown.result.scores.length
      ? (shown.result.scores[shown.result.scores.length - 1] as number)
      : null;

  const listRange = async () => {
    if (!range || !shown?.result.allScores || !lastRun.current) return;
    const [query, row] = lastRun.current;
    const higher = metric !== 'euclidean';
    const all = shown.result.allScores;
    // The rows in [lo, hi] are the first count(better than the far end) of the ranking.
    const reach = higher ? countInRange(all, range.lo, Infinity) : countInRange(all, -Infinity, range.hi);
    const kk = Math.min(MAX_RANGE_ROWS, Math.max(1, reach));
    await run(
      query,
      row,
      kk,
      `${METRIC_LABEL[metric]} in [${range.lo.toFixed(3)}, ${range.hi.toFixed(3)}]`,
      (s) => s >= range.lo && s <= range.hi,
    );
  };

  return (
    <section className="similar-view" aria-label={`Similar: ${fileName}`}>
      <form
        className="similar-query"
        onSubmit={(e) => {
          e.preventDefault();
          void searchText();
        }}
      >
        <label htmlFor={queryId}>Query</label>
        <input
          id={queryId}
          type="text"
          value={text}
          placeholder="a memory id, or a vector: [0.1, -0.2, …]"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void searchText();
            }
          }}
        />
        <label htmlFor={kId}>k</label>
        <input
          id={kId}
          type="number"
          min={1}
          max={1000}
          step={1}
          value={k}
          onChange={(e) => setK(e.target.value)}
        />
        <label>
          Metric{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            <option value="cosine">cosine</option>
            <option value="dot">dot product</option>
            <option value="euclidean">Euclidean</option>
          </select>
        </label>
        <ScopeControls
          fileName={fileName}
          dim={index.dim}
          peers={peers}
          hasFilter={exploreFilter !== undefined}
          acrossFiles={acrossFiles}
          storeTitle={props.acrossStore ?? null}
          onAcrossFiles={setAcrossFiles}
          filtered={filtered}
          onFiltered={setFiltered}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          Search
        </button>
      </form>
      <p className="similar-status" role="status">
        {progress.state === 'building'
          ? `Indexing ${index.column}: rows indexed ${formatCount(progress.indexed)} of ${formatCount(progress.total)}. `
          : ''}
        {progress.skipped > 0
          ? `${formatCountOf(progress.skipped, 'row')} skipped (NULL ${progress.skips.null}, wrong length ${progress.skips.wrongLength}, NaN/Inf ${progress.skips.nonFinite}, zero ${progress.skips.zeroNorm}). `
          : ''}
        {shown
          ? coverageText(
              shown.result,
              shown.title,
              shown.queryRow === null ? null : { row: shown.queryRow, fileName },
            )
          : ''}
        {busy ? ' Searching…' : ''}
      </p>
      {!shown && !busy && !error && (
        // Before the first search the view is a form and a map toolbar: say how to begin.
        <p className="similar-hint">
          Type a memory&rsquo;s id (or paste a vector) and press Search, or choose &ldquo;Find similar&rdquo;
          on a row in Explore. &ldquo;Draw the map&rdquo; places every memory in 2-D.
        </p>
      )}
      {error && (
        <p role="alert" className="similar-error">
          {describeError(error.toPayload())}
        </p>
      )}
      {shown && source && (
        <>
          <div className="similar-actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadBlob(
                  new Blob([tableCsv(shown.table, idColumn, shown.fileColumn)], { type: 'text/csv' }),
                  `${fileName.replace(/\.[^.]+$/, '')}-similar.csv`,
                )
              }
            >
              Export results (CSV)
            </button>
          </div>
          <div className="similar-grid">
            <DataGrid
              source={source}
              label="Similar memories"
              rowNumberColumn={ROW_COLUMN}
              rowNumberMax={shown.result.total}
              onActiveRowChange={(row, fileRow) => {
                if (row === null || fileRow === null) return;
                const file = shown.result.files?.[row];
                if (file === undefined || file === fileName) props.onOpenRow?.(fileRow);
                else props.onOpenRow?.(fileRow, file);
              }}
            />
          </div>
          {shown.result.allScores && (
            <ScoreHistogram
              scores={shown.result.allScores}
              cutoff={cutoff}
              metricLabel={METRIC_LABEL[metric]}
              onRange={setRange}
            />
          )}
          {range && shown.result.allScores && (
            <p className="similar-range">
              {formatCountOf(countInRange(shown.result.allScores, range.lo, range.hi), 'memory', 'memories')}{' '}
              with {METRIC_LABEL[metric].toLowerCase()} in [{range.lo.toFixed(3)}, {range.hi.toFixed(3)}]{' '}
              <button type="button" className="button" onClick={() => void listRange()}>
                List them
              </button>
            </p>
          )}
        </>
      )}
      <MapPanel
        fileName={fileName}
        index={index}
        idColumn={idColumn}
        textColumn={props.textColumn ?? null}
        colourColumns={props.colourColumns ?? []}
        fetchRows={rows.fetchRows}
        colourCodes={rows.colourCodes}
        highlight={highlight}
        queryRow={shown?.queryRow ?? null}
        onOpenRow={props.onOpenRow}
        onShowInExplore={props.onShowInExplore}
        onUseAsQuery={(selected) => void selectionAsQuery(selected)}
        onError={setError}
      />
    </section>
  );

  async function selectionAsQuery(selected: Float64Array) {
    try {
      const vectors = (
        await Promise.all(Array.from(selected.subarray(0, 5000), (r) => index.vectorOf(r)))
      ).filter((v): v is Float32Array => v !== null);
      await run(
        centroid(vectors, metric === 'cosine'),
        null,
        parseK(),
        `centroid of ${vectors.length} selected ${vectors.length === 1 ? 'memory' : 'memories'}`,
      );
    } catch (err) {
      setError(toMemscopeError(err, { code: 'internal', file: fileName }));
    }
  }
}

function useIndexProgress(index: VectorIndex): VectorIndexProgress {
  // progress() returns the same object until the next change: a valid external-store snapshot.
  return useSyncExternalStore(index.subscribe, index.progress, index.progress);
}
