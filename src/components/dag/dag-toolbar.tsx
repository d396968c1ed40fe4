/**
 * The DAG view's toolbar ("Graph controls"): zoom and fit, colour and layout choices, node search,
 * collapse and expand, export. Controlled: every value and action comes from DagView.
 */
import { ELK_AUTO_LIMIT, type LayoutChoice } from '../../core/graph/layout-types';
import type { DagColourOption } from './dag-types';

interface Props {
  readonly onZoom: (factor: number) => void;
  readonly onFit: () => void;
  readonly colourOptions: readonly DagColourOption[];
  readonly colourKey: string;
  readonly onColourByChange: (key: string) => void;
  readonly engine: LayoutChoice;
  readonly onEngineChange: (engine: LayoutChoice) => void;
  readonly search: {
    readonly query: string;
    readonly matchCount: number;
    readonly onQueryChange: (query: string) => void;
    /** Enter in the search box: go to the next match. */
    readonly onNext: () => void;
  };
  readonly collapse: {
    readonly canCollapse: boolean;
    readonly selectedCollapsed: boolean;
    readonly collapsedCount: number;
    readonly onToggleSelected: () => void;
    readonly onExpandAll: () => void;
  };
  /** False until a layout is on screen. */
  readonly canExport: boolean;
  readonly onExportPng: () => void;
  readonly onExportSvg: () => void;
}

export function DagToolbar(props: Props) {
  const { search, collapse, canExport } = props;
  return (
    <div className="dag-toolbar" role="toolbar" aria-label="Graph controls">
      <button type="button" className="button" onClick={() => props.onZoom(1.25)} aria-label="Zoom in">
        +
      </button>
      <button type="button" className="button" onClick={() => props.onZoom(0.8)} aria-label="Zoom out">
        −
      </button>
      <button type="button" className="button" onClick={props.onFit}>
        Fit
      </button>
      <label className="dag-field">
        Colour by
        <select value={props.colourKey} onChange={(e) => props.onColourByChange(e.target.value)}>
          {props.colourOptions.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="dag-field">
        Layout
        <select value={props.engine} onChange={(e) => props.onEngineChange(e.target.value as LayoutChoice)}>
          <option value="auto">Auto (elkjs up to {ELK_AUTO_LIMIT} nodes)</option>
          <option value="elk-layered">elkjs layered (slow on big graphs)</option>
          <option value="fast-layered">Fast layered</option>
        </select>
      </label>
      <form
        className="dag-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search.onNext();
        }}
      >
        <label className="dag-field">
          Search nodes
          <input
            type="search"
            value={search.query}
            placeholder="id or kind"
            onChange={(e) => search.onQueryChange(e.target.value)}
          />
        </label>
        <span className="muted" aria-live="polite">
          {search.query.trim() === ''
            ? ''
            : search.matchCount === 0
              ? 'no match'
              : `${search.matchCount.toLocaleString('en')} match${search.matchCount === 1 ? '' : 'es'}`}
        </span>
      </form>
      <button
        type="button"
        className="button"
        disabled={!collapse.canCollapse && !collapse.selectedCollapsed}
        onClick={collapse.onToggleSelected}
        title="Hide the executors that feed only into the selected one"
      >
        {collapse.selectedCollapsed ? 'Expand selected' : 'Collapse inputs of selected'}
      </button>
      {collapse.collapsedCount > 0 && (
        <button type="button" className="button" onClick={collapse.onExpandAll}>
          Expand all ({collapse.collapsedCount})
        </button>
      )}
      <button type="button" className="button" onClick={props.onExportPng} disabled={!canExport}>
        Export PNG
      </button>
      <button type="button" className="button" onClick={props.onExportSvg} disabled={!canExport}>
        Export SVG
      </button>
    </div>
  );
}
