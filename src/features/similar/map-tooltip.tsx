import type { Size } from '../../core/map/view';
import type { Hover } from './use-map-hover';

/**
 * The hovered point's tooltip (the mouse's or the keyboard's): its id (or row) and the first words
 * of its text, as text (never HTML), beside the point and inside the canvas.
 */
export function MapTooltip({
  id,
  hover,
  size,
  canOpen,
}: {
  id: string;
  hover: Hover;
  size: Size;
  canOpen: boolean;
}) {
  return (
    <div
      id={id}
      role="tooltip"
      className="similar-map-tooltip"
      style={{
        left: Math.max(0, Math.min(hover.sx + 12, size.width - 280)),
        top: hover.sy + 90 > size.height ? Math.max(0, hover.sy - 90) : hover.sy + 12,
      }}
    >
      <strong className="similar-map-tooltip-id">
        {hover.info ? (hover.info.id ?? `row ${hover.row}`) : '…'}
      </strong>
      {hover.info?.text ? <span>{hover.info.text}</span> : null}
      {canOpen ? <span className="similar-map-tooltip-hint">Click or Enter to open</span> : null}
    </div>
  );
}
