import { useRef, useState, type FormEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { RangeBound, RangeSelection } from '../../core/sql/facet-query';
import { formatCount } from '../../core/format/quantities';
import { binEdge, binOf, binWidthLabel, type Bins } from '../../core/sql/histogram-bins';
import type { HistogramSpec } from '../../core/sql/histogram-query';
import { formatRangeBound, rangeFromText } from '../../core/sql/range-bounds';
import './histogram-facet.css';

/** The chart's own coordinates; the SVG stretches to the panel's width. */
const W = 200;
const H = 44;

interface HistogramFacetProps {
  label: string;
  spec: HistogramSpec;
  bins: Bins;
  /** Rows per bin under every other selection (null until the first answer). */
  counts: readonly number[] | null;
  selection: RangeSelection | null;
  onChange(range: { lo: RangeBound | null; hi: RangeBound | null } | null): void;
}

/**
 * One histogram facet (docs/explore.md, "Histograms"): bars drawn as plain SVG (a brush is a
 * pointer drag over the bars, simpler over rects we place than inside a chart library's layout),
 * a shaded band for the brush, and two boxes "<column> from" / "<column> to" that reach the same
 * range by keyboard. The bars inside the brush are the highlighted part: the rows that pass every
 * selection, this brush included; the others are the background (everything but the brush).
 */
export function HistogramFacet({ label, spec, bins, counts, selection, onChange }: HistogramFacetProps) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number; moved: boolean } | null>(null);
  const shown = (b: RangeBound | null | undefined) => (b == null ? '' : formatRangeBound(spec.scale, b));
  const [fromText, setFromText] = useState(shown(selection?.lo));
  const [toText, setToText] = useState(shown(selection?.hi));
  const [error, setError] = useState<string | null>(null);
  // The boxes follow the brush (a drag, a chip removed, Clear all, a link): adjusted while
  // rendering, as React advises for state derived from a prop.
  const [syncedWith, setSyncedWith] = useState(selection);
  if (syncedWith !== selection) {
    setSyncedWith(selection);
    setFromText(shown(selection?.lo));
    setToText(shown(selection?.hi));
    setError(null);
  }

  const edge = (i: number) => binEdge(bins, i);
  // Where a value sits along the bins (fractional inside a bin), for the band.
  const position = (value: RangeBound) => {
    const b = binOf(bins, value);
    if (b < 0) return 0;
    if (b >= bins.count) return bins.count;
    const lo = Number(edge(b));
    const hi = Number(edge(b + 1));
    return b + (hi > lo ? (Number(value) - lo) / (hi - lo) : 0);
  };
  const band = drag
    ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) + 1 }
    : selection
      ? {
          from: selection.lo === null ? 0 : position(selection.lo),
          to: selection.hi === null ? bins.count : position(selection.hi),
        }
      : null;
  const inBand = (i: number) => band === null || (i + 1 > band.from && i < band.to);

  const binAt = (clientX: number) => {
    const rect = svg.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    const bin = Math.floor(((clientX - rect.left) / rect.width) * bins.count);
    return Math.min(bins.count - 1, Math.max(0, bin));
  };
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const bin = binAt(e.clientX);
    setDrag({ from: bin, to: bin, moved: false });
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const bin = binAt(e.clientX);
    if (bin !== drag.to) setDrag({ ...drag, to: bin, moved: true });
  };
  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    // A click clears the brush; with none, it picks the bin clicked. A drag picks whole bins.
    if (!drag.moved && selection) return onChange(null);
    const from = Math.min(drag.from, drag.to);
    const to = Math.max(drag.from, drag.to) + 1;
    onChange({ lo: edge(from), hi: edge(to) });
  };

  const commit = (e?: FormEvent) => {
    e?.preventDefault();
    const parsed = rangeFromText(label, spec.scale, fromText, toText);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    const same =
      (parsed.range?.lo ?? null) === (selection?.lo ?? null) &&
      (parsed.range?.hi ?? null) === (selection?.hi ?? null);
    if (!same) onChange(parsed.range);
  };

  const max = Math.max(1, ...(counts ?? []));
  const slot = W / bins.count;
  return (
    <div role="group" aria-label={label} className="ex-facet ex-hist">
      <div className="ex-hist-head">
        <div className="ex-facet-title" aria-hidden="true">
          {label} <span className="ex-muted ex-hist-step">per {binWidthLabel(bins)}</span>
        </div>
        {selection ? (
          <button
            type="button"
            className="ex-chip-clear"
            aria-label={`Clear ${label} range`}
            onClick={() => onChange(null)}
          >
            Clear
          </button>
        ) : null}
      </div>
      <svg
        ref={svg}
        className="ex-hist-chart"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
      >
        {band ? (
          <rect
            className="ex-hist-band"
            x={band.from * slot}
            y={0}
            width={(band.to - band.from) * slot}
            height={H}
          />
        ) : null}
        {(counts ?? []).map((n, i) => {
          if (n === 0) return null;
          // At least a sliver for a bin with rows, however tall the tallest.
          const h = Math.max(1.5, (n / max) * (H - 2));
          return (
            <rect
              key={i}
              className={inBand(i) ? 'ex-hist-bar ex-hist-in' : 'ex-hist-bar'}
              x={i * slot + slot * 0.08}
              y={H - h}
              width={slot * 0.84}
              height={h}
            >
              <title>{`${formatRangeBound(spec.scale, edge(i))} – ${formatRangeBound(spec.scale, edge(i + 1))}: ${formatCount(n)}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="ex-hist-axis" aria-hidden="true">
        <span>{formatRangeBound(spec.scale, edge(0))}</span>
        <span>{formatRangeBound(spec.scale, edge(bins.count))}</span>
      </div>
      <form className="ex-hist-range" onSubmit={commit}>
        {(
          [
            ['from', fromText, setFromText, 0],
            ['to', toText, setToText, bins.count],
          ] as const
        ).map(([side, text, setText, at]) => (
          <label key={side}>
            <span className="ex-muted">{side}</span>
            <input
              aria-label={`${label} ${side}`}
              value={text}
              title={text}
              placeholder={formatRangeBound(spec.scale, edge(at))}
              onChange={(e) => setText(e.target.value)}
              onBlur={() => commit()}
            />
          </label>
        ))}
        {/* Enter in either box applies both. */}
        <button type="submit" hidden />
      </form>
      {error ? (
        <p className="ex-error ex-hist-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
