import type { ReactNode } from 'react';
import type { CellValue } from '../../core/format/cell-value';
import { Sparkline } from './sparkline';

/** How a grid cell shows a value: classes and a title for the cell element, and what goes inside. */
export interface CellLook {
  className: string;
  title?: string;
  /** A plain string for most kinds: the cell then holds one text node and no further elements. */
  content: ReactNode;
}

/**
 * The inside of a painted grid cell. Unlike `CellContent` (the full-value view), scalar kinds give
 * a bare string, so a cell is one element and one text node: style, layout and paint work while
 * scrolling grows with the number of elements, and most cells are scalars. Only lists (chips) and
 * vectors (sparkline) add elements.
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
