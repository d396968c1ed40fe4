// Over 450 lines for now, on purpose: layout and search are already hooks (use-dag-layout,
// use-dag-search); pan/zoom, hit-testing and the two drawing levels share one viewport transform
// that every pointer handler and paint reads and writes, so they stay together until that
// transform is its own hook (the next split, noted in issue 6).
/**
 * A reusable DAG view over the core's generic PlanGraph: executor schedules today, DuckDB's
 * profiled plans later. Layout comes from elkjs in a worker; drawing is SVG with two levels of
 * detail (docs/plans.md, "Rendering"): zoomed out, nodes are one <path> per colour, so 10,000
 * nodes are a dozen elements; zoomed in, only the nodes inside the viewport become elements.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { PlanGraph, PlanNode } from '../../core/plan/types';
import { computeNodeColours } from './dag-colour';
import { DagLegend } from './dag-legend';
import { buildGraphIndex, buildVisibleGraph, exclusiveInputs } from './dag-graph';
import {
  arrowPathData,
  DETAIL_MAX_NODES,
  DETAIL_MIN_NODE_PX,
  edgePathData,
  NODE_H,
  NODE_W,
  truncate,
  type NodeText,
} from './dag-geometry';
import { buildSvg, downloadBlob, drawPng, type ExportInput } from './dag-export';
import { DagMinimap } from './dag-minimap';
import type { DagColourOption, DagHighlight, DagPaintStats } from './dag-types';
import { useDagLayout, type Placed } from './use-dag-layout';
import { useDagSearch, wrapCursor } from './use-dag-search';
import { ELK_AUTO_LIMIT, type LayoutChoice, type LayoutResult } from '../../core/graph/layout-types';
import { useElementSize } from './use-element-size';
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

interface View {
  x: number;
  y: number;
  k: number;
}

const FLAG_ACTIVE = 1;
const FLAG_CRITICAL = 2;
const FLAG_PROBLEM = 4;
const FLAG_SEARCH = 8;
const MAX_K = 3;
const FIT_PAD = 24;
const NO_IDS: readonly string[] = [];

export function DagView(props: DagViewProps) {
  const {
    graph,
    label,
    colourOptions,
    colourBy,
    onColourByChange,
    selectedId,
    onSelect,
    highlights,
    nodeSubtitle,
    onPainted,
  } = props;
  const index = useMemo(() => buildGraphIndex(graph), [graph]);

  // Collapsed nodes belong to one graph: a new graph starts expanded.
  const [collapsedState, setCollapsedState] = useState<{ graph: PlanGraph; ids: readonly string[] }>({
    graph,
    ids: [],
  });
  const collapsedIds = collapsedState.graph === graph ? collapsedState.ids : NO_IDS;
  const setCollapsed = (ids: readonly string[]) => setCollapsedState({ graph, ids });
  const visible = useMemo(
    () =>
      buildVisibleGraph(
        index,
        collapsedIds.map((id) => index.indexOf.get(id)).filter((i): i is number => i !== undefined),
      ),
    [index, collapsedIds],
  );

  const [engine, setEngine] = useState<LayoutChoice>('auto');
  const { current, layoutStatus, layoutError, elapsed } = useDagLayout(visible, engine);
  const layout = current?.result ?? null;

  const containerRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(containerRef);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  const fitView = useCallback((): View | null => {
    if (!layout || size.width === 0 || size.height === 0) return null;
    const k = Math.min(
      MAX_K,
      1,
      (size.width - 2 * FIT_PAD) / Math.max(layout.width, 1),
      (size.height - 2 * FIT_PAD) / Math.max(layout.height, 1),
    );
    return { k, x: (size.width - layout.width * k) / 2, y: (size.height - layout.height * k) / 2 };
  }, [layout, size.width, size.height]);

  // The first view of a new graph: the whole graph when its nodes stay readable that way; otherwise
  // (a long chain, a few hundred nodes) the zoom at which labels show, anchored at the top, with the
  // minimap for the overview. The Fit button still shows everything.
  const initialView = useCallback((): View | null => {
    const fit = fitView();
    if (!fit || !layout || fit.k * NODE_W >= DETAIL_MIN_NODE_PX || layout.x.length > DETAIL_MAX_NODES)
      return fit;
    const k = Math.min(1, MAX_K, (DETAIL_MIN_NODE_PX + 8) / NODE_W);
    const x = layout.width * k <= size.width ? (size.width - layout.width * k) / 2 : FIT_PAD;
    return { k, x, y: FIT_PAD };
  }, [fitView, layout, size.width]);

  const minK = useMemo(() => Math.min(0.5, (fitView()?.k ?? 1) * 0.5), [fitView]);

  // Fit each new graph; after a collapse keep the selected node centred instead.
  const fittedFor = useRef<{ graph: PlanGraph | null; layout: LayoutResult | null }>({
    graph: null,
    layout: null,
  });
  const [paintPending, setPaintPending] = useState<Placed | null>(null);
  useEffect(() => {
    if (!current || size.width === 0) return;
    if (fittedFor.current.layout === current.result) return;
    const sameGraph = fittedFor.current.graph === graph;
    fittedFor.current = { graph, layout: current.result };
    let next: View | null = null;
    const sel = selectedId === null ? undefined : index.indexOf.get(selectedId);
    if (sameGraph && sel !== undefined) {
      const slot = current.visible.slotOf[sel] ?? -1;
      const s = slot === -1 ? current.visible.slotOf[current.visible.representative[sel]!]! : slot;
      const k = viewRef.current.k;
      next = {
        k,
        x: size.width / 2 - (current.result.x[s]! + NODE_W / 2) * k,
        y: size.height / 2 - (current.result.y[s]! + NODE_H / 2) * k,
      };
    } else next = initialView();
    queueMicrotask(() => {
      if (next) setView(next);
      setPaintPending(current);
    });
  }, [current, graph, size.width, size.height, initialView, selectedId, index]);

  useEffect(() => {
    if (!paintPending || !onPainted) return;
    let cancelled = false;
    // Two frames: the first runs before the paint of this commit, the second after it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (cancelled) return;
        onPainted({
          nodeCount: paintPending.visible.nodes.length,
          edgeCount: paintPending.visible.edges.length / 2,
          layoutMs: paintPending.result.elapsedMs,
          totalMs: performance.now() - paintPending.requestedAt,
          engine: paintPending.result.engine,
        });
      }),
    );
    return () => {
      cancelled = true;
    };
  }, [paintPending, onPainted]);

  const colourOption = colourOptions.find((o) => o.key === colourBy) ?? colourOptions[0];
  const colours = useMemo(() => computeNodeColours(graph.nodes, colourOption), [graph, colourOption]);

  // ---- search ------------------------------------------------------------------------------
  const { query, setQuery, matches, matchCursor, setMatchCursor } = useDagSearch(graph);

  const flags = useMemo(() => {
    const f = new Uint8Array(index.n);
    for (const h of highlights ?? []) {
      const bit = h.style === 'active' ? FLAG_ACTIVE : h.style === 'critical' ? FLAG_CRITICAL : FLAG_PROBLEM;
      for (const id of h.ids) {
        const i = index.indexOf.get(id);
        if (i !== undefined) f[i]! |= bit;
      }
    }
    for (const i of matches) f[i]! |= FLAG_SEARCH;
    // A hidden node's highlight shows on the collapsed node that stands for it.
    for (let i = 0; i < index.n; i++) {
      const r = visible.representative[i]!;
      if (r !== -1 && f[i]) f[r]! |= f[i]!;
    }
    return f;
  }, [highlights, index, matches, visible]);

  const centreOn = useCallback(
    (nodeIndex: number, zoomIn: boolean) => {
      if (!current) return;
      let slot = current.visible.slotOf[nodeIndex]!;
      if (slot === -1) slot = current.visible.slotOf[current.visible.representative[nodeIndex]!]!;
      const k = zoomIn ? Math.max(viewRef.current.k, 0.8) : viewRef.current.k;
      setView({
        k,
        x: size.width / 2 - (current.result.x[slot]! + NODE_W / 2) * k,
        y: size.height / 2 - (current.result.y[slot]! + NODE_H / 2) * k,
      });
    },
    [current, size.width, size.height],
  );

  const goToMatch = (cursor: number) => {
    const c = wrapCursor(cursor, matches.length);
    if (c === null) return;
    setMatchCursor(c);
    const i = matches[c]!;
    centreOn(i, true);
    onSelect(graph.nodes[i]!.id);
  };

  // ---- pan and zoom ------------------------------------------------------------------------
  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      setView((v) => {
        const k = Math.min(MAX_K, Math.max(minK, v.k * factor));
        const f = k / v.k;
        return { k, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
      });
    },
    [minK],
  );

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    // React's onWheel is passive: preventDefault (keep the page from scrolling) needs a native listener.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.exp(-delta * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const drag = useRef<{
    id: number;
    sx: number;
    sy: number;
    vx: number;
    vy: number;
    moved: boolean;
    slot: number;
  } | null>(null);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const target = (event.target as Element).closest('[data-slot]');
    const slot = target ? Number(target.getAttribute('data-slot')) : -1;
    drag.current = {
      id: event.pointerId,
      sx: event.clientX,
      sy: event.clientY,
      vx: view.x,
      vy: view.y,
      moved: false,
      slot,
    };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== event.pointerId) return;
    const dx = event.clientX - d.sx;
    const dy = event.clientY - d.sy;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    d.moved = true;
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.id !== event.pointerId || d.moved || !current) return;
    if (d.slot >= 0) onSelect(graph.nodes[current.visible.nodes[d.slot]!]!.id);
  };
  const onSvgKey = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = 60;
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const p = pan[event.key];
    if (p && event.target === event.currentTarget) {
      event.preventDefault();
      setView((v) => ({ ...v, x: v.x + p[0], y: v.y + p[1] }));
    } else if (event.key === '+' || event.key === '=') zoomAt(1.25, size.width / 2, size.height / 2);
    else if (event.key === '-') zoomAt(0.8, size.width / 2, size.height / 2);
  };

  // ---- node text ---------------------------------------------------------------------------
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

  // ---- drawing -----------------------------------------------------------------------------
  const edgePaths = useMemo(() => {
    if (!current) return null;
    const { edgeOffsets, edgePoints } = current.result;
    const m = edgeOffsets.length - 1;
    const parts: string[] = [];
    const arrows: string[] = [];
    const hot: string[] = [];
    for (let k = 0; k < m; k++) {
      const d = edgePathData(edgeOffsets, edgePoints, k);
      const a = current.visible.nodes[current.visible.edges[2 * k]!]!;
      const b = current.visible.nodes[current.visible.edges[2 * k + 1]!]!;
      if (flags[a]! & FLAG_CRITICAL && flags[b]! & FLAG_CRITICAL) hot.push(d);
      else parts.push(d);
      arrows.push(arrowPathData(edgeOffsets, edgePoints, k));
    }
    return { plain: parts.join(''), hot: hot.join(''), arrows: arrows.join('') };
  }, [current, flags]);

  const screenNodeW = NODE_W * view.k;
  const worldView = {
    x: -view.x / view.k,
    y: -view.y / view.k,
    w: size.width / view.k,
    h: size.height / view.k,
  };

  const culled = useMemo(() => {
    if (!current) return [];
    const { x, y } = current.result;
    const out: number[] = [];
    const x0 = worldView.x - NODE_W;
    const y0 = worldView.y - NODE_H;
    const x1 = worldView.x + worldView.w;
    const y1 = worldView.y + worldView.h;
    for (let s = 0; s < current.visible.nodes.length; s++) {
      const px = x[s]!;
      const py = y[s]!;
      if (px >= x0 && px <= x1 && py >= y0 && py <= y1) out.push(s);
    }
    return out;
  }, [current, worldView.x, worldView.y, worldView.w, worldView.h]);

  const detail = screenNodeW >= DETAIL_MIN_NODE_PX && culled.length <= DETAIL_MAX_NODES;

  const overview = useMemo(() => {
    if (!current || detail) return null;
    const { x, y } = current.result;
    const byBin = new Map<number, string[]>();
    const rings: Record<number, string[]> = {
      [FLAG_ACTIVE]: [],
      [FLAG_CRITICAL]: [],
      [FLAG_PROBLEM]: [],
      [FLAG_SEARCH]: [],
    };
    for (let s = 0; s < current.visible.nodes.length; s++) {
      const i = current.visible.nodes[s]!;
      const rect = `M${Math.round(x[s]!)} ${Math.round(y[s]!)}h${NODE_W}v${NODE_H}h${-NODE_W}z`;
      const b = colours.bin[i]!;
      let list = byBin.get(b);
      if (!list) byBin.set(b, (list = []));
      list.push(rect);
      const f = flags[i]!;
      for (const bit of [FLAG_ACTIVE, FLAG_CRITICAL, FLAG_PROBLEM, FLAG_SEARCH])
        if (f & bit) rings[bit]!.push(rect);
    }
    return {
      bins: [...byBin.entries()].map(([b, list]) => ({ bin: b, d: list.join('') })),
      rings: Object.entries(rings).map(([bit, list]) => ({ bit: Number(bit), d: list.join('') })),
    };
  }, [current, detail, colours, flags]);

  const selectedIndex = selectedId === null ? -1 : (index.indexOf.get(selectedId) ?? -1);
  const selectedCollapsed = selectedId !== null && collapsedIds.includes(selectedId);
  const canCollapse = useMemo(
    () => selectedIndex >= 0 && !selectedCollapsed && exclusiveInputs(index, selectedIndex).length > 0,
    [index, selectedIndex, selectedCollapsed],
  );

  const exportInput = (): ExportInput | null =>
    current
      ? {
          graph,
          visibleNodes: current.visible.nodes,
          hiddenCount: current.visible.hiddenCount,
          x: current.result.x,
          y: current.result.y,
          width: current.result.width,
          height: current.result.height,
          edgeOffsets: current.result.edgeOffsets,
          edgePoints: current.result.edgePoints,
          colours,
          text: nodeText,
          title: label,
        }
      : null;
  const fileStem = label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';

  const exportSvg = () => {
    const input = exportInput();
    if (input) downloadBlob(new Blob([buildSvg(input)], { type: 'image/svg+xml' }), `${fileStem}.svg`);
  };
  const exportPng = () => {
    const input = exportInput();
    if (!input) return;
    drawPng(input).toBlob((blob) => {
      if (blob) downloadBlob(blob, `${fileStem}.png`);
    }, 'image/png');
  };

  return (
    <div className="dag">
      <div className="dag-toolbar" role="toolbar" aria-label="Graph controls">
        <button
          type="button"
          className="button"
          onClick={() => zoomAt(1.25, size.width / 2, size.height / 2)}
          aria-label="Zoom in"
        >
          +
        </button>
        <button
          type="button"
          className="button"
          onClick={() => zoomAt(0.8, size.width / 2, size.height / 2)}
          aria-label="Zoom out"
        >
          −
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            const v = fitView();
            if (v) setView(v);
          }}
        >
          Fit
        </button>
        <label className="dag-field">
          Colour by
          <select value={colourOption?.key ?? ''} onChange={(e) => onColourByChange(e.target.value)}>
            {colourOptions.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="dag-field">
          Layout
          <select value={engine} onChange={(e) => setEngine(e.target.value as LayoutChoice)}>
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
            goToMatch(matchCursor + 1);
          }}
        >
          <label className="dag-field">
            Search nodes
            <input
              type="search"
              value={query}
              placeholder="id or kind"
              onChange={(e) => {
                setQuery(e.target.value);
                setMatchCursor(-1);
              }}
            />
          </label>
          <span className="muted" aria-live="polite">
            {query.trim() === ''
              ? ''
              : matches.length === 0
                ? 'no match'
                : `${matches.length.toLocaleString('en')} match${matches.length === 1 ? '' : 'es'}`}
          </span>
        </form>
        <button
          type="button"
          className="button"
          disabled={!canCollapse && !selectedCollapsed}
          onClick={() => {
            if (selectedId === null) return;
            setCollapsed(
              selectedCollapsed
                ? collapsedIds.filter((id) => id !== selectedId)
                : [...collapsedIds, selectedId],
            );
          }}
          title="Hide the executors that feed only into the selected one"
        >
          {selectedCollapsed ? 'Expand selected' : 'Collapse inputs of selected'}
        </button>
        {collapsedIds.length > 0 && (
          <button type="button" className="button" onClick={() => setCollapsed([])}>
            Expand all ({collapsedIds.length})
          </button>
        )}
        <button type="button" className="button" onClick={exportPng} disabled={!current}>
          Export PNG
        </button>
        <button type="button" className="button" onClick={exportSvg} disabled={!current}>
          Export SVG
        </button>
      </div>
      <div className="dag-stage" ref={containerRef}>
        <svg
          className="dag-svg"
          role="group"
          aria-label={label}
          tabIndex={0}
          width={size.width}
          height={size.height}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={onSvgKey}
        >
          {current && edgePaths && (
            <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
              <path className="dag-edges" d={edgePaths.plain} />
              <path className="dag-edges dag-edges-hot" d={edgePaths.hot} />
              {detail && <path className="dag-arrows" d={edgePaths.arrows} />}
              {overview &&
                overview.bins.map(({ bin, d }) => (
                  <path key={bin} d={d} fill={colours.palette[bin]} className="dag-overview-nodes" />
                ))}
              {overview &&
                overview.rings.map(({ bit, d }) =>
                  d ? <path key={bit} d={d} className={`dag-ring dag-ring-${bit}`} /> : null,
                )}
              {detail &&
                culled.map((s) => {
                  const i = current.visible.nodes[s]!;
                  const node = graph.nodes[i]!;
                  const t = nodeText(i);
                  const bin = colours.bin[i]!;
                  const ink = colours.ink[bin];
                  const f = flags[i]!;
                  const hidden = current.visible.hiddenCount[s]!;
                  const cls = [
                    'dag-node',
                    f & FLAG_ACTIVE ? 'is-active' : '',
                    f & FLAG_CRITICAL ? 'is-critical' : '',
                    f & FLAG_PROBLEM ? 'is-problem' : '',
                    f & FLAG_SEARCH ? 'is-match' : '',
                    i === selectedIndex ? 'is-selected' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <g
                      key={i}
                      className={cls}
                      transform={`translate(${current.result.x[s]} ${current.result.y[s]})`}
                      data-slot={s}
                      data-node-id={node.id}
                      role="button"
                      tabIndex={0}
                      aria-pressed={i === selectedIndex}
                      aria-label={`${node.kind} ${node.id}${hidden > 0 ? `, ${hidden} inputs collapsed` : ''}`}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onSelect(node.id);
                        }
                      }}
                    >
                      <rect
                        className="dag-node-halo"
                        x={-5}
                        y={-5}
                        width={NODE_W + 10}
                        height={NODE_H + 10}
                        rx={9}
                      />
                      <rect
                        className="dag-node-box"
                        width={NODE_W}
                        height={NODE_H}
                        rx={6}
                        fill={colours.palette[bin]}
                      />
                      <text x={8} y={17} className="dag-node-title" fill={ink}>
                        {truncate(t.title, hidden > 0 ? 18 : 24)}
                      </text>
                      <text x={8} y={33} fill={ink}>
                        {truncate(t.idLine, 28)}
                      </text>
                      <text x={8} y={49} fill={ink}>
                        {truncate(t.subtitle, 28)}
                      </text>
                      {hidden > 0 && (
                        <text x={NODE_W - 8} y={17} textAnchor="end" className="dag-node-badge" fill={ink}>
                          +{hidden}
                        </text>
                      )}
                    </g>
                  );
                })}
            </g>
          )}
        </svg>
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
            onCentre={(wx, wy) =>
              setView((v) => ({ ...v, x: size.width / 2 - wx * v.k, y: size.height / 2 - wy * v.k }))
            }
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
