import { useMemo, useRef, useState } from 'react';
import { formatCount } from '../../core/format/quantities';
import { useVirtualizer } from '@tanstack/react-virtual';
import { hasLongRun, lineAt, lineStarts, previewText } from '../../core/format/long-text';

const LINE_HEIGHT = 18;

/**
 * A value's text, laid out only as far as a person can read it (core/format/long-text.ts): the
 * first few KB inline, in monospace that wraps anywhere when it holds long unbroken runs; beyond
 * that "Show all" opens a virtualized viewer (only the lines on screen exist in the DOM) and
 * "Download" saves the whole value as a file. Text only, never HTML.
 */
export function LongText({ text, name }: { text: string; name: string }) {
  const preview = useMemo(() => previewText(text), [text]);
  const longRun = useMemo(() => hasLongRun(preview.shown), [preview.shown]);
  const [all, setAll] = useState(false);
  const className = longRun ? 'dg-full-text dg-break-anywhere' : 'dg-full-text';
  if (preview.hidden === 0) return <pre className={className}>{text}</pre>;
  return (
    <div className="dg-long-text">
      {all ? (
        <VirtualText text={text} label={`${name}, all ${formatCount(text.length)} characters`} />
      ) : (
        <pre className={className}>
          {preview.shown}
          <span className="dg-muted">…</span>
        </pre>
      )}
      <div className="dg-long-text-bar">
        <span className="dg-muted">
          {all
            ? `${formatCount(text.length)} characters`
            : `Showing the first ${formatCount(preview.shown.length)} of ${formatCount(text.length)} characters`}
        </span>
        <button type="button" className="dg-link" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? 'Show less' : 'Show all'}
        </button>
        <button type="button" className="dg-link" onClick={() => download(text, name)}>
          Download
        </button>
      </div>
    </div>
  );
}

function VirtualText({ text, label }: { text: string; label: string }) {
  const starts = useMemo(() => lineStarts(text), [text]);
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer is read fresh on every render (VirtualText is not memoized), as in data-grid.tsx.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: starts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  return (
    <div ref={scroller} className="dg-virtual-text" role="document" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.index}
            className="dg-virtual-line"
            style={{ position: 'absolute', top: item.start, height: LINE_HEIGHT, left: 0, right: 0 }}
          >
            {lineAt(text, starts, item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Saves the whole value as a text file (a blob: URL; nothing leaves the machine). */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name.replace(/[^\w.-]+/g, '_') || 'value'}.txt`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
