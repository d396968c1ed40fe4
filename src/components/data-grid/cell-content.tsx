import type { ReactNode } from 'react';
import type { CellValue } from '../../core/format/cell-value';
import { Sparkline } from './sparkline';
import { matchRanges } from '../../core/format/highlight';

/**
 * How a value looks: the classes and title of the element that holds it, and what goes inside.
 * The one place that maps a `CellValue` kind to elements; the grid's cells (`GridCell`) and the
 * full-value view's short values (`CellContent`) both read it. Text is set as text, never parsed
 * as HTML.
 */
export interface CellLook {
  className: string;
  title?: string;
  /** A plain string for scalar kinds: the holder then has one text node and no child elements. */
  content: ReactNode;
}

/**
 * Scalar kinds give a bare string, so a grid cell is one element and one text node: the style,
 * layout and paint work of a scrolled frame grows with the number of elements, and most cells are
 * scalars. Only lists (chips) and vectors (a sparkline) add elements.
 */
export function cellLook(cell: CellValue): CellLook {
  switch (cell.kind) {
    case 'null':
      return { className: 'dg-null', content: 'NULL' };
    case 'string':
      return cell.empty
        ? { className: 'dg-empty', title: 'empty string', content: '""' }
        : { className: '', content: cell.text };
    case 'number':
      return { className: cell.special ? 'dg-number dg-special' : 'dg-number', content: cell.text };
    case 'boolean':
      return { className: cell.value ? 'dg-true' : 'dg-false', content: cell.text };
    case 'temporal':
      return { className: 'dg-temporal', title: cell.title, content: cell.text };
    case 'list':
      if (cell.length === 0) return { className: 'dg-empty', title: 'empty list', content: '[]' };
      return {
        className: 'dg-chips',
        content: (
          <>
            {cell.items.map((item, i) => (
              <span key={i} className={item.kind === 'null' ? 'dg-chip dg-chip-null' : 'dg-chip'}>
                {item.kind === 'string' && item.empty ? '""' : item.text}
              </span>
            ))}
            {cell.more > 0 ? <span className="dg-more">+{cell.more} more</span> : null}
          </>
        ),
      };
    case 'vector':
      return {
        className: 'dg-vector',
        content: (
          <>
            {cell.text}
            <Sparkline values={cell.values} />
          </>
        ),
      };
    case 'binary':
      return cell.byteLength === 0
        ? { className: 'dg-empty', title: 'empty binary', content: '0 B' }
        : { className: 'dg-binary', title: `${cell.byteLength} bytes`, content: cell.text };
    default:
      return { className: '', content: cell.text };
  }
}

/** Text with a search's matches in <mark> (as text nodes: never parsed as HTML). */
export function Highlighted({ text, query }: { text: string; query: string }) {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A value as an inline element outside the grid's cells (the full-value view's short values). */
export function CellContent({ cell }: { cell: CellValue }) {
  const look = cellLook(cell);
  return (
    <span className={look.className || undefined} title={look.title}>
      {look.content}
    </span>
  );
}
