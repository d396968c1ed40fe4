import { useEffect, useId, useRef, useState } from 'react';
import type { Table } from 'apache-arrow';
import { toMemscopeError, type MemscopeError } from '../../core/errors';
import { firstWords } from '../../core/format/first-words';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { ColourCodes, ColourColumn } from '../../core/map/colours';
import { runUmap } from '../../data/vectors/umap-client';
import type { VectorIndex } from '../../data/vectors/vector-index';
import { useThemeColours } from '../../components/theme/theme';
import type { SelectionShape } from './draw-map';
import { MapLegend } from './map-legend';
import { useMapColours } from './use-map-colours';
import { VectorMap, type HoverInfo, type MapPoints } from './vector-map';

/**
 * The map of the whole store (docs/similar.md, "The map"): the projection (PCA of every row, or UMAP
 * of a sample), "Colour by" a low-cardinality column with its legend, the map itself, and what a box
 * or lasso selection leads to (its count, "Use as query", "Show in Explore").
 */

/** UMAP runs on at most this many rows (an even sample); only they are drawn. */
export const UMAP_SAMPLE = 10_000;

type Projection = 'pca' | 'umap';

interface Drawn {
  points: MapPoints;
  note: string;
}

interface Remembered {
  projection: Projection;
  drawn: Partial<Record<Projection, Drawn>>;
  colour: string | null | undefined;
}

/**
 * The maps drawn for an index, kept while the index lives (it belongs to the opened file, which
 * disposes it; the WeakMap lets the maps go with it): leaving the Similar tab (a click on a point
 * opens Explore) and coming back shows the same map without projecting again.
 */
const remembered = new WeakMap<VectorIndex, Remembered>();

const NONE_HIDDEN: ReadonlySet<number> = new Set();

export interface MapPanelProps {
  fileName: string;
  index: VectorIndex;
  idColumn: string | null;
  textColumn: string | null;
  colourColumns: readonly ColourColumn[];
  fetchRows(rows: Float64Array, signal: AbortSignal): Promise<Table>;
  colourCodes?: ((column: string, signal: AbortSignal) => Promise<ColourCodes>) | undefined;
  highlight: ReadonlySet<number>;
  queryRow: number | null;
  onOpenRow?(row: number): void;
  onShowInExplore?(rows: Float64Array): void;
  onUseAsQuery(rows: Float64Array): void;
  onError(error: MemscopeError): void;
}

export function MapPanel(props: MapPanelProps) {
  const { index, colourColumns } = props;
  const theme = useThemeColours();
  const projectionId = useId();
  const colourId = useId();
  const [memory] = useState(() => remembered.get(index));
  const [projection, setProjection] = useState<Projection>(memory?.projection ?? 'pca');
  const [drawn, setDrawn] = useState<Partial<Record<Projection, Drawn>>>(memory?.drawn ?? {});
  const [busy, setBusy] = useState<string | null>(null);
  const [started, setStarted] = useState(Boolean(memory?.drawn.pca ?? memory?.drawn.umap));
  const [selection, setSelection] = useState<{ rows: Float64Array; shape: SelectionShape } | null>(null);
  const abort = useRef<AbortController | null>(null);
  // "Colour by": the user's pick, or (undefined) the first category column that has two values or more.
  const categories = colourColumns.filter((c) => c.category);
  const [picked, setPicked] = useState<string | null | undefined>(memory?.colour);
  const [auto, setAuto] = useState(0);
  // Values hidden in the legend (codes), for the column they were hidden in.
  const [hiddenFor, setHiddenFor] = useState<{ column: string | null; codes: ReadonlySet<number> }>({
    column: null,
    codes: new Set(),
  });
  const column = picked !== undefined ? picked : (categories[auto]?.name ?? null);
  const shown = drawn[projection] ?? null;
  const hidden = hiddenFor.column === column ? hiddenFor.codes : NONE_HIDDEN;
  // Asked once a map is drawn: the query reads the whole table.
  const colours = useMapColours(
    shown ? column : null,
    shown?.points ?? null,
    theme,
    props.colourCodes,
    hidden,
    props.onError,
    (c, a) => {
      // The default column has one value only (a file of one category): try the next category column.
      if (picked !== undefined || c !== categories[auto]?.name || auto + 1 >= categories.length) return;
      if (a.values.length + a.otherValues <= 1) setAuto(auto + 1);
    },
  );

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    remembered.set(index, { projection, drawn, colour: picked });
  }, [index, projection, drawn, picked]);

  const draw = async (which: Projection, again = false) => {
    if (drawn[which] && !again) return;
    // Drawn while the index was still building: the map covers the rows indexed so far.
    const partial =
      index.progress().state === 'building'
        ? ' The index was still building: Redraw once it is complete.'
        : '';
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setSelection(null);
    try {
      if (which === 'pca') {
        setBusy('Projecting every memory on its two principal components…');
        const p = await index.project('pca');
        if (ctl.signal.aborted) return;
        setDrawn((d) => ({
          ...d,
          pca: {
            points: { rows: p.rows, xy: p.xy },
            note: `PCA of every indexed memory (${formatCount(p.rows.length)}).${partial}`,
          },
        }));
      } else {
        const total = index.progress().vectors;
        setBusy(`UMAP: reading a sample of up to ${formatCount(UMAP_SAMPLE)} vectors…`);
        const sample = await index.sample(UMAP_SAMPLE);
        if (ctl.signal.aborted) return;
        const n = sample.rows.length;
        const xy = await runUmap(sample.vectors, index.dim, {
          signal: ctl.signal,
          onProgress: (p) =>
            setBusy(
              p.phase === 'neighbours'
                ? `UMAP: finding the nearest neighbours of ${formatCountOf(n, 'sampled memory', 'sampled memories')}…`
                : `UMAP: laying out ${formatCount(n)} memories, epoch ${p.done} of ${p.total}…`,
            ),
        });
        let note =
          n < total
            ? `UMAP of an even sample of ${formatCount(n)} of ${formatCountOf(total, 'memory', 'memories')}: only the sample is drawn.`
            : `UMAP of every indexed memory (${formatCount(n)}).`;
        note += partial;
        setDrawn((d) => ({ ...d, umap: { points: { rows: sample.rows, xy }, note } }));
      }
    } catch (err) {
      const e = toMemscopeError(err, { code: 'internal', file: props.fileName });
      if (e.code !== 'cancelled') props.onError(e);
      // Cancelled before any map was drawn: back to where it started (the draw button again).
      if (e.code === 'cancelled' && !drawn.pca && !drawn.umap) setStarted(false);
    } finally {
      if (abort.current === ctl) {
        setBusy(null);
        abort.current = null;
      }
    }
  };

  const describe = async (row: number, signal: AbortSignal): Promise<HoverInfo> => {
    const t = await props.fetchRows(Float64Array.of(row), signal);
    const value = (name: string | null) => {
      const v: unknown = name ? t.getChild(name)?.get(0) : null;
      return v === null || v === undefined ? null : String(v);
    };
    const text = value(props.textColumn);
    return { id: value(props.idColumn), text: text === null ? null : firstWords(text) };
  };

  const columnLabel = colourColumns.find((c) => c.name === column)?.label ?? column;

  return (
    <section className="similar-map-panel" aria-label="Map of the store">
      <div className="similar-map-head">
        <span className="similar-map-field">
          <label htmlFor={projectionId}>Projection</label>
          <select
            id={projectionId}
            value={projection}
            disabled={busy !== null}
            onChange={(e) => {
              const next = e.target.value as Projection;
              setProjection(next);
              setSelection(null);
              if (started) void draw(next);
            }}
          >
            <option value="pca">PCA (every memory)</option>
            <option value="umap">UMAP (a sample of up to {formatCount(UMAP_SAMPLE)})</option>
          </select>
        </span>
        {!started && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setStarted(true);
              void draw(projection);
            }}
          >
            Draw the map ({projection === 'pca' ? 'PCA' : 'UMAP'})
          </button>
        )}
        {shown && busy === null && (
          <button type="button" className="button" onClick={() => void draw(projection, true)}>
            Redraw
          </button>
        )}
        <span className="similar-map-field">
          <label htmlFor={colourId}>Colour by</label>
          <select
            id={colourId}
            value={column ?? ''}
            onChange={(e) => setPicked(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">(one colour)</option>
            {colourColumns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </select>
        </span>
        {colours.loading && <span className="similar-map-note">Reading {columnLabel}…</span>}
      </div>
      {busy && (
        <p className="similar-map-note" role="status">
          {busy}{' '}
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </p>
      )}
      {shown && (
        <>
          <p className="similar-map-note">{shown.note}</p>
          <div className="similar-map-body">
            <VectorMap
              points={shown.points}
              label={`Map of ${formatCountOf(shown.points.rows.length, 'memory', 'memories')} (${projection === 'pca' ? 'PCA' : 'UMAP'})`}
              codes={colours.codes}
              colours={colours.colours}
              highlight={props.highlight}
              queryRow={props.queryRow}
              selection={selection?.shape ?? null}
              describe={describe}
              onSelect={(rows, shape) => setSelection({ rows, shape })}
              onOpenRow={props.onOpenRow}
              onError={props.onError}
            />
            {column && colours.legend.length > 0 && (
              <MapLegend
                title={columnLabel ?? ''}
                entries={colours.legend}
                colourOf={colours.colourOf}
                hidden={hidden}
                onToggle={(code) => {
                  const next = new Set(hidden);
                  if (!next.delete(code)) next.add(code);
                  setHiddenFor({ column, codes: next });
                  setSelection(null);
                }}
                onShowAll={() => setHiddenFor({ column, codes: NONE_HIDDEN })}
              />
            )}
          </div>
        </>
      )}
      {selection && (
        <p className="similar-selection">
          {formatCountOf(selection.rows.length, 'memory', 'memories')} selected.{' '}
          <button
            type="button"
            className="button"
            disabled={selection.rows.length === 0}
            onClick={() => props.onUseAsQuery(selection.rows)}
          >
            Use as query
          </button>{' '}
          {props.onShowInExplore && (
            <button
              type="button"
              className="button"
              disabled={selection.rows.length === 0}
              onClick={() => props.onShowInExplore?.(selection.rows)}
            >
              Show in Explore
            </button>
          )}{' '}
          <button type="button" className="button" onClick={() => setSelection(null)}>
            Clear selection
          </button>
        </p>
      )}
    </section>
  );
}
