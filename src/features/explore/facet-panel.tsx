import { columnChoices } from '../../core/grid-source';
import { useEffect, useMemo, useState } from 'react';
import { describeError, toMemscopeError } from '../../core/errors';
import { formatCount } from '../../core/format/quantities';
import type { FacetSelection, FacetSpec, RangeBound, RangeSelection } from '../../core/sql/facet-query';
import { histogramSpecs } from '../../core/sql/histogram-query';
import { rangeSelectionParts } from '../../core/sql/range-bounds';
import type { Filter } from '../../core/sql/table-query';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { DbClient } from '../../data/db/db-client';
import { FacetCounter, type FacetUpdate } from '../../data/db/facet-counter';
import { pickFacets, type FacetCount } from '../../data/db/facets';
import { histogramBins, type Histogram } from '../../data/db/histograms';
import { HistogramFacet } from './histogram-facet';

interface FacetPanelProps {
  db: DbClient;
  table: string;
  fileName: string;
  columns: readonly ColumnPlan[];
  /** The filter bar's filters: every facet counts under them. */
  filters: readonly Filter[];
  selections: readonly FacetSelection[];
  onChange(selections: FacetSelection[]): void;
}

/**
 * Facets that filter each other, beside the table (docs/explore.md). Counts are recounted when a
 * filter or a selection changes, by the FacetCounter: from the facet cube once the pointer has
 * entered the panel and it is built, otherwise one facet after another on the doorway's 'facets'
 * channel, after the grid's own queries were issued: the grid pages never wait for them.
 */
export function FacetPanel({ db, table, fileName, columns, filters, selections, onChange }: FacetPanelProps) {
  // Keyed by the column list it was picked for: a reloaded file picks again.
  const [picked, setPicked] = useState<{
    for: readonly ColumnPlan[];
    facets: FacetSpec[];
    histograms: Histogram[];
  } | null>(null);
  const facets = picked?.for === columns ? picked.facets : null;
  const histograms = picked?.for === columns ? picked.histograms : null;
  const [counts, setCounts] = useState<Record<string, FacetCount[]>>({});
  const [binCounts, setBinCounts] = useState<Record<string, number[]>>({});
  const [searches, setSearches] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // One after the other: queries on the 'facets' channel supersede each other.
    pickFacets(db, table, columns, controller.signal)
      .then(async (f) => {
        // A column DuckDB cannot measure costs its histograms (with the message), not the facets.
        const h = await histogramBins(db, table, histogramSpecs(columns), controller.signal).catch(
          (err: unknown) => {
            const e = toMemscopeError(err, { code: 'sql', file: fileName });
            if (e.code === 'cancelled') throw e;
            if (!controller.signal.aborted) setError(describeError(e));
            return [];
          },
        );
        return { f, h };
      })
      .then(
        ({ f, h }) => {
          if (controller.signal.aborted) return;
          setPicked({ for: columns, facets: f, histograms: h });
        },
        (err: unknown) => {
          const e = toMemscopeError(err, { code: 'sql', file: fileName });
          if (!controller.signal.aborted && e.code !== 'cancelled') setError(describeError(e));
        },
      );
    return () => controller.abort();
  }, [db, table, fileName, columns]);

  // One counter per table and facet set: it owns the route (cube or DuckDB) and its caches.
  const counter = useMemo(
    () =>
      facets && histograms ? new FacetCounter(db, table, facets, histograms, { offThread: true }) : null,
    [db, table, facets, histograms],
  );
  useEffect(() => () => counter?.dispose(), [counter]);
  // The cube is built when the pointer or focus first enters the panel (mosaic builds its
  // pre-aggregates the same way): a table nobody filters costs nothing.
  const [cubeWanted, setCubeWanted] = useState(false);
  const [route, setRoute] = useState<'cube' | 'sql' | null>(null);
  useEffect(() => {
    if (!counter || !cubeWanted) return;
    const controller = new AbortController();
    void counter.buildCube(controller.signal);
    return () => controller.abort();
  }, [counter, cubeWanted]);

  useEffect(() => {
    if (!counter || counter.facets.length + counter.histograms.length === 0) return;
    const controller = new AbortController();
    const report = (u: FacetUpdate) => {
      if (controller.signal.aborted) return;
      if (u.kind === 'facet') setCounts((prev) => ({ ...prev, [u.column]: u.counts }));
      else setBinCounts((prev) => ({ ...prev, [u.column]: u.counts }));
      setError(null);
    };
    counter.count({ filters, selections, searches }, report, controller.signal).then(
      (r) => {
        if (!controller.signal.aborted) setRoute(r);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const e = toMemscopeError(err, { code: 'sql', file: fileName });
        if (e.code !== 'cancelled') setError(describeError(e));
      },
    );
    return () => controller.abort();
  }, [counter, fileName, filters, selections, searches]);

  // No panel (and no empty column) until there is something to show: a plain table has no facets.
  const none = facets === null || histograms === null || facets.length + histograms.length === 0;
  if (error === null && none && selections.length === 0) return null;

  const selectedOf = (column: string): readonly string[] => {
    const s = selections.find((x) => x.column === column);
    return s && s.kind !== 'range' ? s.values : [];
  };
  const toggle = (facet: FacetSpec, value: string) => {
    const current = selectedOf(facet.column);
    const has = current.includes(value);
    // A value facet holds one value (a row has one); a list facet narrows by every value picked.
    const values = has
      ? current.filter((v) => v !== value)
      : facet.kind === 'list'
        ? [...current, value]
        : [value];
    const others = selections.filter((s) => s.column !== facet.column);
    onChange(values.length > 0 ? [...others, { ...facet, values }] : others);
  };
  // A brush keeps its place among the chips while it is dragged again.
  const setRange = (
    column: string,
    scale: RangeSelection['scale'],
    range: { lo: RangeBound | null; hi: RangeBound | null } | null,
  ) => {
    const next: RangeSelection | null = range ? { column, kind: 'range', scale, ...range } : null;
    const at = selections.findIndex((s) => s.column === column);
    if (at < 0) return onChange(next ? [...selections, next] : [...selections]);
    onChange(next ? selections.map((s, i) => (i === at ? next : s)) : selections.filter((_, i) => i !== at));
  };
  const remove = (column: string, value: string) =>
    onChange(
      selections
        .map((s) =>
          s.column === column && s.kind !== 'range'
            ? { ...s, values: s.values.filter((v) => v !== value) }
            : s,
        )
        .filter((s) => s.kind === 'range' || s.values.length > 0),
    );
  // Facets go by column key; people read the file's names.
  const choices = columnChoices(columns);
  const labelOf = (column: string) => choices[columns.findIndex((c) => c.name === column)] ?? column;
  const chips = selections.flatMap((s) =>
    s.kind === 'range'
      ? [
          {
            column: s.column,
            parts: rangeSelectionParts(labelOf(s.column), s),
            remove: () => setRange(s.column, s.scale, null),
          },
        ]
      : s.values.map((value) => ({
          column: s.column,
          parts: [`${labelOf(s.column)}: ${value}`],
          remove: () => remove(s.column, value),
        })),
  );
  const rangeOf = (column: string) =>
    selections.find((s): s is RangeSelection => s.column === column && s.kind === 'range') ?? null;

  const renderFacet = (facet: FacetSpec) => {
    const selected = selectedOf(facet.column);
    const shown = counts[facet.column] ?? [];
    // A selected value stays in view (with 0) even when the other facets leave it no rows.
    const missing = selected.filter((v) => !shown.some((c) => c.value === v));
    const items = [...shown, ...missing.map((value) => ({ value, count: 0 }))];
    const max = Math.max(1, ...items.map((c) => c.count));
    return (
      <div key={facet.column} role="group" aria-label={labelOf(facet.column)} className="ex-facet">
        <div className="ex-facet-title" aria-hidden="true">
          {labelOf(facet.column)}
        </div>
        {facet.kind === 'list' ? (
          <input
            type="search"
            className="ex-facet-search"
            aria-label={`Search ${labelOf(facet.column)}`}
            placeholder={`Search ${labelOf(facet.column)}`}
            value={searches[facet.column] ?? ''}
            onChange={(e) => setSearches((prev) => ({ ...prev, [facet.column]: e.target.value }))}
          />
        ) : null}
        <ul className="ex-facet-values">
          {items.map((c) => (
            <li key={c.value}>
              <button
                type="button"
                className="ex-facet-value"
                aria-pressed={selected.includes(c.value)}
                onClick={() => toggle(facet, c.value)}
              >
                <span className="ex-facet-bar" style={{ width: `${(100 * c.count) / max}%` }} />
                <span className="ex-facet-label">{c.value}</span>{' '}
                <span className="ex-facet-count">{formatCount(c.count)}</span>
              </button>
            </li>
          ))}
          {items.length === 0 && counts[facet.column] ? <li className="ex-muted">No values</li> : null}
        </ul>
      </div>
    );
  };

  return (
    <aside
      className="ex-facets"
      aria-label="Facets"
      // Which route answered the counts on screen (docs/explore.md): tests and the curious read it.
      data-counted-by={route ?? undefined}
      onPointerEnter={() => setCubeWanted(true)}
      onFocus={() => setCubeWanted(true)}
    >
      {chips.length > 0 ? (
        <div className="ex-chips">
          <ul aria-label="Active facet filters">
            {chips.map((c) => (
              <li key={`${c.column}\u0000${c.parts.join(' ')}`}>
                <button
                  type="button"
                  className={c.parts.length > 1 ? 'ex-chip ex-chip-range' : 'ex-chip'}
                  aria-label={`Remove ${c.parts.join(' ')}`}
                  onClick={c.remove}
                >
                  {/* A brush's chip wraps between its bounds, never inside a date. */}
                  {c.parts.map((part, i) => (
                    <span key={i} className={c.parts.length > 1 ? 'ex-hist-nowrap' : undefined}>
                      {i > 0 ? ' ' : ''}
                      {part}
                    </span>
                  ))}{' '}
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="ex-chip-clear" onClick={() => onChange([])}>
            Clear all
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="ex-error" role="alert">
          {error}
        </p>
      ) : null}
      {(facets ?? []).filter((f) => f.kind === 'value').map(renderFacet)}
      {/* The histograms before the list facet, whose search box and long list come last. */}
      {(histograms ?? []).map(({ spec, bins }) =>
        bins ? (
          <HistogramFacet
            key={spec.column}
            label={labelOf(spec.column)}
            spec={spec}
            bins={bins}
            counts={binCounts[spec.column] ?? null}
            selection={rangeOf(spec.column)}
            onChange={(range) => setRange(spec.column, spec.scale, range)}
          />
        ) : null,
      )}
      {(facets ?? []).filter((f) => f.kind === 'list').map(renderFacet)}
    </aside>
  );
}
