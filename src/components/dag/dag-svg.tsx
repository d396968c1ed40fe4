/**
 * The DAG drawing: one SVG whose single wrapper <g> carries the pan/zoom transform, with two levels
 * of detail (docs/plans.md, "Rendering"). Zoomed out, nodes are one <path> per colour and rings one
 * path per highlight, so 10,000 nodes are a dozen elements; zoomed in, only the nodes inside the
 * viewport become elements, each a focusable button named "<kind> <id>".
 */
import { useMemo, type KeyboardEvent, type PointerEvent } from 'react';
import type { PlanGraph } from '../../core/plan/types';
import type { NodeColours } from './dag-colour';
import { ALL_FLAGS, FLAG_ACTIVE, FLAG_CRITICAL, FLAG_PROBLEM, FLAG_SEARCH } from './dag-flags';
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
import type { View, WorldRect } from './pan-zoom';
import type { Placed } from './use-dag-layout';

interface Props {
  /** Accessible name of the drawing (a group). */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly view: View;
  readonly worldView: WorldRect;
  readonly placed: Placed | null;
  readonly graph: PlanGraph;
  readonly colours: NodeColours;
  readonly flags: Uint8Array;
  /** Graph index of the selected node, -1 for none. */
  readonly selectedIndex: number;
  readonly nodeText: (i: number) => NodeText;
  readonly onSelect: (id: string) => void;
  /** Pan/zoom input (use-pan-zoom.ts). */
  readonly handlers: {
    readonly onPointerDown: (event: PointerEvent<SVGSVGElement>) => void;
    readonly onPointerMove: (event: PointerEvent<SVGSVGElement>) => void;
    readonly onPointerUp: (event: PointerEvent<SVGSVGElement>) => void;
    readonly onPointerCancel: () => void;
    readonly onKeyDown: (event: KeyboardEvent<SVGSVGElement>) => void;
  };
}

export function DagSvg(props: Props) {
  const { label, width, height, view, worldView, placed, graph, colours, flags, selectedIndex } = props;
  const { nodeText, onSelect, handlers } = props;

  // All edges as two paths (plain, and critical-to-critical) plus one of arrowheads.
  const edgePaths = useMemo(() => {
    if (!placed) return null;
    const { edgeOffsets, edgePoints } = placed.result;
    const m = edgeOffsets.length - 1;
    const parts: string[] = [];
    const arrows: string[] = [];
    const hot: string[] = [];
    for (let k = 0; k < m; k++) {
      const d = edgePathData(edgeOffsets, edgePoints, k);
      const a = placed.visible.nodes[placed.visible.edges[2 * k]!]!;
      const b = placed.visible.nodes[placed.visible.edges[2 * k + 1]!]!;
      if (flags[a]! & FLAG_CRITICAL && flags[b]! & FLAG_CRITICAL) hot.push(d);
      else parts.push(d);
      arrows.push(arrowPathData(edgeOffsets, edgePoints, k));
    }
    return { plain: parts.join(''), hot: hot.join(''), arrows: arrows.join('') };
  }, [placed, flags]);

  // Slots of the nodes inside the viewport.
  const culled = useMemo(() => {
    if (!placed) return [];
    const { x, y } = placed.result;
    const out: number[] = [];
    const x0 = worldView.x - NODE_W;
    const y0 = worldView.y - NODE_H;
    const x1 = worldView.x + worldView.w;
    const y1 = worldView.y + worldView.h;
    for (let s = 0; s < placed.visible.nodes.length; s++) {
      const px = x[s]!;
      const py = y[s]!;
      if (px >= x0 && px <= x1 && py >= y0 && py <= y1) out.push(s);
    }
    return out;
  }, [placed, worldView.x, worldView.y, worldView.w, worldView.h]);

  const detail = NODE_W * view.k >= DETAIL_MIN_NODE_PX && culled.length <= DETAIL_MAX_NODES;

  // Zoomed out: one path per colour bin and one per highlight ring.
  const overview = useMemo(() => {
    if (!placed || detail) return null;
    const { x, y } = placed.result;
    const byBin = new Map<number, string[]>();
    const rings: Record<number, string[]> = {
      [FLAG_ACTIVE]: [],
      [FLAG_CRITICAL]: [],
      [FLAG_PROBLEM]: [],
      [FLAG_SEARCH]: [],
    };
    for (let s = 0; s < placed.visible.nodes.length; s++) {
      const i = placed.visible.nodes[s]!;
      const rect = `M${Math.round(x[s]!)} ${Math.round(y[s]!)}h${NODE_W}v${NODE_H}h${-NODE_W}z`;
      const b = colours.bin[i]!;
      let list = byBin.get(b);
      if (!list) byBin.set(b, (list = []));
      list.push(rect);
      const f = flags[i]!;
      for (const bit of ALL_FLAGS) if (f & bit) rings[bit]!.push(rect);
    }
    return {
      bins: [...byBin.entries()].map(([b, list]) => ({ bin: b, d: list.join('') })),
      rings: Object.entries(rings).map(([bit, list]) => ({ bit: Number(bit), d: list.join('') })),
    };
  }, [placed, detail, colours, flags]);

  return (
    <svg
      className="dag-svg"
      role="group"
      aria-label={label}
      tabIndex={0}
      width={width}
      height={height}
      onPointerDown={handlers.onPointerDown}
      onPointerMove={handlers.onPointerMove}
      onPointerUp={handlers.onPointerUp}
      onPointerCancel={handlers.onPointerCancel}
      onKeyDown={handlers.onKeyDown}
    >
      {placed && edgePaths && (
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
              const i = placed.visible.nodes[s]!;
              const node = graph.nodes[i]!;
              const t = nodeText(i);
              const bin = colours.bin[i]!;
              const ink = colours.ink[bin];
              const f = flags[i]!;
              const hidden = placed.visible.hiddenCount[s]!;
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
                  transform={`translate(${placed.result.x[s]} ${placed.result.y[s]})`}
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
  );
}
