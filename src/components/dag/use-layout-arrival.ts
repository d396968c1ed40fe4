/**
 * What happens when a new layout arrives: a new graph gets its first view (pan-zoom.ts
 * initialView); a new layout of the same graph (after a collapse or an engine change) keeps the
 * selected node centred at the current zoom. Then, two frames after the commit that shows it, the
 * layout's paint is reported (the bench's hook, DagPaintStats).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { LayoutResult } from '../../core/graph/layout-types';
import type { PlanGraph } from '../../core/plan/types';
import { slotShowing, type GraphIndex } from './dag-graph';
import { NODE_H, NODE_W } from './dag-geometry';
import type { DagPaintStats } from './dag-types';
import { centredOn, type View } from './pan-zoom';
import type { Placed } from './use-dag-layout';

interface Args {
  readonly placed: Placed | null;
  readonly graph: PlanGraph;
  readonly index: GraphIndex;
  readonly selectedId: string | null;
  readonly size: { readonly width: number; readonly height: number };
  readonly viewRef: RefObject<View>;
  readonly setView: (view: View) => void;
  readonly initialView: () => View | null;
  readonly onPainted: ((stats: DagPaintStats) => void) | undefined;
}

export function useLayoutArrival(args: Args): void {
  const { placed, graph, index, selectedId, size, viewRef, setView, initialView, onPainted } = args;
  const fittedFor = useRef<{ graph: PlanGraph | null; layout: LayoutResult | null }>({
    graph: null,
    layout: null,
  });
  const [paintPending, setPaintPending] = useState<Placed | null>(null);

  useEffect(() => {
    if (!placed || size.width === 0) return;
    if (fittedFor.current.layout === placed.result) return;
    const sameGraph = fittedFor.current.graph === graph;
    fittedFor.current = { graph, layout: placed.result };
    let next: View | null = null;
    const sel = selectedId === null ? undefined : index.indexOf.get(selectedId);
    if (sameGraph && sel !== undefined) {
      const s = slotShowing(placed.visible, sel);
      next = centredOn(
        placed.result.x[s]! + NODE_W / 2,
        placed.result.y[s]! + NODE_H / 2,
        viewRef.current.k,
        size.width,
        size.height,
      );
    } else next = initialView();
    queueMicrotask(() => {
      if (next) setView(next);
      setPaintPending(placed);
    });
  }, [placed, graph, size.width, size.height, initialView, selectedId, index, viewRef, setView]);

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
}
