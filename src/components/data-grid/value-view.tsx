import { useMemo, useState } from 'react';
import { formatCountOf } from '../../core/format/quantities';
import type { CellValue } from '../../core/format/cell-value';
import { decodeBytes, hexDump } from '../../core/format/hex-dump';
import { fullText } from '../../core/format/format-cell';
import { shortestFloat } from '../../core/format/numbers';
import { vectorStats } from '../../core/format/vector-stats';
import { CellContent } from './cell-content';
import { LongText } from './long-text';
import { Sparkline } from './sparkline';

/**
 * A value in full, for the full-value dialog and the row detail panel: long text wrapped, vectors
 * with their statistics and a larger sparkline, binary as a hex dump plus its UTF-8 / JSON reading.
 * `cell` should be formatted with FULL_FORMAT; `bytes` is the raw binary value when there is one.
 */
export function ValueView({
  cell,
  bytes,
  name = 'value',
}: {
  cell: CellValue;
  bytes?: Uint8Array | undefined;
  /** The column's name, for "Download" (long values). */
  name?: string;
}) {
  if (cell.kind === 'vector') return <VectorView values={cell.values} name={name} />;
  if (cell.kind === 'binary' && bytes) return <BinaryView bytes={bytes} name={name} />;
  // Never lay out a long value whole (LongText caps it): 1 MB of text froze the tab.
  if (cell.kind === 'string' && !cell.empty) return <LongText text={cell.text} name={name} />;
  if (cell.kind === 'list' || cell.kind === 'struct' || cell.kind === 'map')
    return <LongText text={fullText(cell)} name={name} />;
  return (
    <div className="dg-full-inline">
      <CellContent cell={cell} />
    </div>
  );
}

function VectorView({ values, name }: { values: ArrayLike<number>; name: string }) {
  const stats = useMemo(() => vectorStats(values), [values]);
  const [open, setOpen] = useState(false);
  const bits = values instanceof Float64Array ? 64 : 32;
  const f = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
  return (
    <div className="dg-vector-view">
      <div className="dg-vector-head">
        <strong>{stats.dim}-d</strong>
        <span>min {f(stats.min)}</span>
        <span>max {f(stats.max)}</span>
        <span>mean {f(stats.mean)}</span>
        <span>‖v‖ {f(stats.norm)}</span>
        {stats.nonFinite > 0 ? <span className="dg-warn">{stats.nonFinite} NaN/∞</span> : null}
      </div>
      <Sparkline values={values} width={280} height={40} buckets={Math.min(stats.dim, 140)} />
      <button type="button" className="dg-link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Hide values' : 'Show values'}
      </button>
      {open ? (
        <LongText
          text={Array.from({ length: values.length }, (_, i) => shortestFloat(values[i] ?? 0, bits)).join(
            ', ',
          )}
          name={name}
        />
      ) : null}
    </div>
  );
}

function BinaryView({ bytes, name }: { bytes: Uint8Array; name: string }) {
  const decoded = useMemo(() => decodeBytes(bytes), [bytes]);
  const [tab, setTab] = useState<'decoded' | 'hex'>(decoded.text !== null ? 'decoded' : 'hex');
  return (
    <div className="dg-binary-view">
      <div className="dg-tabs" role="group" aria-label="Binary view">
        <span className="dg-binary-size">{formatCountOf(bytes.length, 'byte')}</span>
        {decoded.text !== null ? (
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'decoded'}
            className={tab === 'decoded' ? 'dg-toggle dg-toggle-on' : 'dg-toggle'}
            onClick={() => setTab('decoded')}
          >
            {decoded.json !== null ? 'JSON' : 'UTF-8'}
          </button>
        ) : null}
        <button
          type="button"
          aria-pressed={tab === 'hex'}
          className={tab === 'hex' ? 'dg-toggle dg-toggle-on' : 'dg-toggle'}
          onClick={() => setTab('hex')}
        >
          Hex
        </button>
      </div>
      {tab === 'decoded' && decoded.text !== null ? (
        <LongText text={decoded.json ?? decoded.text} name={name} />
      ) : (
        // hexDump stops after its first 4 KB.
        <pre className="dg-full-text dg-mono">{hexDump(bytes)}</pre>
      )}
    </div>
  );
}
