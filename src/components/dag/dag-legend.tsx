import type { LegendEntry } from './dag-colour';
import type { DagHighlight } from './dag-types';

interface Props {
  readonly title: string;
  readonly entries: readonly LegendEntry[];
  readonly highlights: readonly DagHighlight[];
}

/** Colour key and the highlight styles in use, as a list a screen reader can read. */
export function DagLegend({ title, entries, highlights }: Props) {
  return (
    <div className="dag-legend" aria-label="Legend" role="group">
      <div className="dag-legend-title">{title}</div>
      <ul>
        {entries.map((e) => (
          <li key={e.label}>
            <span className="dag-swatch" style={{ background: e.colour }} />
            <span>{e.label}</span>
            <span className="muted"> ({e.count.toLocaleString('en')})</span>
          </li>
        ))}
        {highlights
          .filter((h) => h.ids.size > 0)
          .map((h) => (
            <li key={h.key}>
              <span className={`dag-swatch dag-swatch-${h.style}`} />
              <span>{h.label}</span>
              <span className="muted"> ({h.ids.size.toLocaleString('en')})</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
