import { formatCount } from '../../core/format/quantities';
import type { LegendEntry } from '../../core/map/colours';

/**
 * The map's legend: each value's colour, its text (as text, never HTML) and how many points have
 * it. Each entry is a toggle: a hidden value's points are not drawn, hovered or selected.
 */
export function MapLegend({
  title,
  entries,
  colourOf,
  hidden,
  onToggle,
  onShowAll,
}: {
  title: string;
  entries: readonly LegendEntry[];
  colourOf(code: number): string;
  hidden: ReadonlySet<number>;
  onToggle(code: number): void;
  onShowAll(): void;
}) {
  return (
    <div className="similar-map-legend">
      <p className="similar-map-legend-title">{title}</p>
      <ul aria-label="Map legend">
        {entries.map((e) => (
          <li key={e.code}>
            <button
              type="button"
              className="similar-map-legend-entry"
              aria-pressed={!hidden.has(e.code)}
              title={hidden.has(e.code) ? 'Hidden: click to show' : 'Click to hide'}
              onClick={() => onToggle(e.code)}
            >
              <span
                className="similar-map-swatch"
                style={{
                  background: hidden.has(e.code) ? 'transparent' : colourOf(e.code),
                  borderColor: colourOf(e.code),
                }}
                aria-hidden="true"
              />
              <span className="similar-map-legend-label">{e.label ?? '(null)'}</span>
              <span className="similar-map-legend-count">{formatCount(e.count)}</span>
            </button>
          </li>
        ))}
      </ul>
      {hidden.size > 0 && (
        <button type="button" className="button similar-map-show-all" onClick={onShowAll}>
          Show all
        </button>
      )}
    </div>
  );
}
