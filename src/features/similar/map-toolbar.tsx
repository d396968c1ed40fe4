import type { Ref } from 'react';

/** What a drag on the map does (Shift+drag does the other). */
export type DragMode = 'pan' | 'select' | 'lasso';

/** The map's tools: the drag mode, zoom in and out, "Reset view", and the zoom level. */
export function MapToolbar({
  mode,
  onMode,
  onZoom,
  onReset,
  zoomRef,
}: {
  mode: DragMode;
  onMode(mode: DragMode): void;
  onZoom(factor: number): void;
  onReset(): void;
  /** The zoom level's text is written by the map at every frame (no React render per frame). */
  zoomRef: Ref<HTMLSpanElement>;
}) {
  return (
    <div className="similar-map-tools" role="toolbar" aria-label="Map tools">
      <div role="group" aria-label="Drag on the map to" className="similar-map-mode">
        <button type="button" className="button" aria-pressed={mode === 'pan'} onClick={() => onMode('pan')}>
          Pan
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'select'}
          onClick={() => onMode('select')}
        >
          Select a box
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'lasso'}
          onClick={() => onMode('lasso')}
        >
          Lasso
        </button>
      </div>
      <button type="button" className="button" aria-label="Zoom in" onClick={() => onZoom(1.5)}>
        +
      </button>
      <button type="button" className="button" aria-label="Zoom out" onClick={() => onZoom(1 / 1.5)}>
        −
      </button>
      <button type="button" className="button" onClick={onReset}>
        Reset view
      </button>
      <span className="similar-map-zoom" aria-label="Zoom level" ref={zoomRef}>
        1×
      </span>
    </div>
  );
}
