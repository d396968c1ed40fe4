import type { CellValue } from '../../core/format/cell-value';
import { Sparkline } from './sparkline';

/**
 * The inside of one grid cell for a formatted value. Plain elements only: text is set as text,
 * never parsed as HTML.
 */
export function CellContent({ cell }: { cell: CellValue }) {
  switch (cell.kind) {
    case 'null':
      return <span className="dg-null">NULL</span>;
    case 'string':
      return cell.empty ? (
        <span className="dg-empty" title="empty string">
          ""
        </span>
      ) : (
        <span className="dg-text">{cell.text}</span>
      );
    case 'number':
      return <span className={cell.special ? 'dg-number dg-special' : 'dg-number'}>{cell.text}</span>;
    case 'boolean':
      return <span className={cell.value ? 'dg-bool dg-true' : 'dg-bool dg-false'}>{cell.text}</span>;
    case 'temporal':
      return (
        <span className="dg-temporal" title={cell.title}>
          {cell.text}
        </span>
      );
    case 'list':
      if (cell.length === 0)
        return (
          <span className="dg-empty" title="empty list">
            []
          </span>
        );
      return (
        <span className="dg-chips">
          {cell.items.map((item, i) => (
            <span key={i} className={item.kind === 'null' ? 'dg-chip dg-chip-null' : 'dg-chip'}>
              {item.kind === 'string' && item.empty ? '""' : item.text}
            </span>
          ))}
          {cell.more > 0 ? <span className="dg-more">+{cell.more} more</span> : null}
        </span>
      );
    case 'vector':
      return (
        <span className="dg-vector">
          <span className="dg-dim">{cell.text}</span>
          <Sparkline values={cell.values} />
        </span>
      );
    case 'binary':
      return cell.byteLength === 0 ? (
        <span className="dg-empty" title="empty binary">
          0 B
        </span>
      ) : (
        <span className="dg-binary" title={`${cell.byteLength} bytes`}>
          {cell.text}
        </span>
      );
    default:
      return <span className="dg-text">{cell.text}</span>;
  }
}
