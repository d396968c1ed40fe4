/**
 * A reusable DAG view over the core's generic PlanGraph: executor schedules today, DuckDB's
 * profiled plans later. It composes one part per job: collapse (use-collapsed), layout in a worker
 * (use-dag-layout), search (use-dag-search), pan and zoom (use-pan-zoom, math in pan-zoom.ts), the
 * view a new layout gets (use-layout-arrival), highlight flags (dag-flags), the drawing (dag-svg),
 * the toolbar, minimap, legend and export. docs/plans.md describes the rendering.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LayoutChoice } from '../../core/graph/layout-types';
import type { PlanGraph, PlanNode } from '../../core/plan/types';
import { computeNodeColours } from './dag-colour';
import { saveExport } from './dag-export';
import { nodeFlags } from './dag-flags';
import { NODE_H, NODE_W, type NodeText } from './dag-geometry';
import { buildGraphIndex, slotShowing } from './dag-graph';
import { DagLegend } from './dag-legend';
import { DagMinimap } from './dag-minimap';
import { DagSvg } from './dag-svg';
import { DagToolbar } from './dag-toolbar';
import type { DagColourOption, DagHighlight, DagPaintStats } from './dag-types';
import { centredOn } from './pan-zoom';
import { useCollapsed } from './use-collapsed';
import { useDagLayout } from './use-dag-layout';
import { useDagSearch, wrapCursor } from './use-dag-search';
import { useElementSize } from './use-element-size';
import { useLayoutArrival } from './use-layout-arrival';
import { usePanZoom } from './use-pan-zoom';
import './dag-view.css';

export interface DagViewProps {
  readonly graph: PlanGraph;
  /** Accessible name of the graph; also the export's title and file name stem. */
  readonly label: string;
  readonly colourOptions: readonly DagColourOption[];
  readonly colourBy: string;
  readonly onColourByChange: (key: string) => void;
  readonly selectedId: string | null;
  readonly onSelect: (id: string | null) => void;
  readonly highlights?: readonly DagHighlight[];
  /** Third line of a node (e.g. "1.2 KiB · 35 µs"). */
  readonly nodeSubtitle?: (node: PlanNode) => string;
  /** Called once per layout, after the first frame that shows it (bench hook). */
  readonly onPainted?: (stats: DagPaintStats) => void;
}

export function DagView(props: DagViewProps) {
  const { graph, label, colourOptions, colourBy, onColourByChange, selectedId, onSelect } = props;
  const { highlights, nodeSubtitle, onPainted } = props;
  const index = useMemo(() => buildGraphIndex(graph), [graph]);
  const collapse = useCollapsed(graph, index, selectedId);

  const [engine, setEngine] = useState<LayoutChoice>('auto');
  const { current, layoutStatus, layoutError, elapsed } = useDagLayout(collapse.visible, engine);
  const layout = current?.result ?? null;

  const containerRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(containerRef);
  const onTap = (slot: number) => {
    if (current) onSelect(graph.nodes[current.visible.nodes[slot]!]!.id);
  };
  const { view, setView, viewRef, worldView, initialView, zoomBy, fit, handlers } = usePanZoom(
    containerRef,
    size,
    layout,
    onTap,
  );
  useLayoutArrival({
    placed: current,
    graph,
    index,
    selectedId,
    size,
    viewRef,
    setView,
    initialView,
    onPainted,
  });

  const colourOption = colourOptions.find((o) => o.key === colourBy) ?? colourOptions[0];
  const colours = useMemo(() => computeNodeColours(graph.nodes, colourOption), [graph, colourOption]);

  const { query, setQuery, matches, matchCursor, setMatchCursor } = useDagSearch(graph);
  const flags = useMemo(
    () => nodeFlags(index, collapse.visible, highlights ?? [], matches),
    [highlights, index, matches, collapse.visible],
  );

  const centreOn = (nodeIndex: number, zoomIn: boolean) => {
    if (!current) return;
    const slot = slotShowing(current.visible, nodeIndex);
    const k = zoomIn ? Math.max(viewRef.current.k, 0.8) : viewRef.current.k;
    const { x, y } = current.result;
    setView(centredOn(x[slot]! + NODE_W / 2, y[slot]! + NODE_H / 2, k, size.width, size.height));
  };
  const goToMatch = (cursor: number) => {
    const c = wrapCursor(cursor, matches.length);
    if (c === null) return;
    setMatchCursor(c);
    const i = matches[c]!;
    centreOn(i, true);
    onSelect(graph.nodes[i]!.id);
  };

  const nodeText = useCallback(
    (i: number): NodeText => {
      const node = graph.nodes[i]!;
      const named = node.label !== '' && node.label !== node.kind && node.label !== `${node.kind} ${node.id}`;
      return {
        title: node.kind,
        idLine: named ? `id ${node.id} · ${node.label}` : `id ${node.id}`,
        subtitle: nodeSubtitle ? nodeSubtitle(node) : '',
      };
    },
    [graph, nodeSubtitle],
  );

  const exportAs = (format: 'svg' | 'png') => {
    if (!current) return;
    const r = current.result;
    saveExport(
      {
        graph,
        visibleNodes: current.visible.nodes,
        hiddenCount: current.visible.hiddenCount,
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
        edgeOffsets: r.edgeOffsets,
        edgePoints: r.edgePoints,
        colours,
        text: nodeText,
        title: label,
      },
      format,
    );
  };

  return (
    <div className="dag">
      <DagToolbar
        onZoom={zoomBy}
        onFit={fit}
        colourOptions={colourOptions}
        colourKey={colourOption?.key ?? ''}
        onColourByChange={onColourByChange}
        engine={engine}
        onEngineChange={setEngine}
        search={{
          query,
          matchCount: matches.length,
          onQueryChange: (q) => {
            setQuery(q);
            setMatchCursor(-1);
          },
          onNext: () => goToMatch(matchCursor + 1),
        }}
        collapse={{
          canCollapse: collapse.canCollapse,
          selectedCollapsed: collapse.selectedCollapsed,
          collapsedCount: collapse.collapsedCount,
          onToggleSelected: collapse.toggleSelected,
          onExpandAll: collapse.expandAll,
        }}
        canExport={current !== null}
        onExportPng={() => exportAs('png')}
        onExportSvg={() => exportAs('svg')}
      />
      <div className="dag-stage" ref={containerRef}>
        <DagSvg
          label={label}
          width={size.width}
          height={size.height}
          view={view}
          worldView={worldView}
          placed={current}
          graph={graph}
          colours={colours}
          flags={flags}
          selectedIndex={collapse.selectedIndex}
          nodeText={nodeText}
          onSelect={onSelect}
          handlers={handlers}
        />
        {(layoutStatus || layoutError || !current) && (
          <div className="dag-status" role="status">
            {layoutError
              ? `Layout failed: ${layoutError}`
              : layoutStatus
                ? `${layoutStatus.message} ${(elapsed / 1000).toFixed(1)} s`
                : 'laying out…'}
          </div>
        )}
        {current && (
          <DagMinimap
            x={current.result.x}
            y={current.result.y}
            visibleNodes={current.visible.nodes}
            width={current.result.width}
            height={current.result.height}
            colours={colours}
            flags={flags}
            viewport={worldView}
            onCentre={(wx, wy) => setView((v) => centredOn(wx, wy, v.k, size.width, size.height))}
          />
        )}
        <DagLegend title={colourOption?.label ?? ''} entries={colours.legend} highlights={highlights ?? []} />
      </div>
      {current && (
        <p className="dag-footnote muted">
          {current.visible.nodes.length.toLocaleString('en')} nodes,{' '}
          {(current.visible.edges.length / 2).toLocaleString('en')} edges · laid out in{' '}
          {Math.round(current.result.elapsedMs).toLocaleString('en')} ms (
          {current.result.engine === 'elk-layered' ? 'elkjs layered' : 'fast layered'}) · drag to pan, wheel
          to zoom
          {current.result.note ? ` · ${current.result.note}` : ''}
        </p>
      )}
    </div>
  );
}
