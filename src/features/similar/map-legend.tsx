import { formatCount } from '../../core/format/quantities';
import type { LegendEntry } from '../../core/map/colours';

/** The map's legend: each value's colour, its text (as text, never HTML) and how many points have it. */
export function MapLegend({
  title,
  entries,
  colourOf,
}: {
  title: string;
  entries: readonly LegendEntry[];
  colourOf(code: number): string;
}) {
  return (
    <div className="similar-map-legend">
      <p className="similar-map-legend-title">{title}</p>
      <ul aria-label="Map legend">
        {entries.map((e) => (
          <li key={e.code}>
            <span
              className="similar-map-swatch"
              style={{ background: colourOf(e.code) }}
              aria-hidden="true"
            />
            <span className="similar-map-legend-label">{e.label ?? '(null)'}</span>
            <span className="similar-map-legend-count">{formatCount(e.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
