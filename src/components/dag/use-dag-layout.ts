/**
 * The DAG view's layout: one layout worker per view (src/workers/layout.worker.ts through
 * LayoutClient), a request whenever the visible graph or the engine changes (a newer request
 * supersedes a running one), and the "laying out N nodes… t s" status with a ticking clock while
 * it works, so the page shows it is alive.
 */
import { useEffect, useRef, useState } from 'react';
import type { LayoutChoice, LayoutResult } from '../../core/graph/layout-types';
import type { buildVisibleGraph } from './dag-graph';
import { NODE_H, NODE_W } from './dag-geometry';
import { LayoutCancelled, LayoutClient } from './layout-client';

export interface Placed {
  readonly visible: ReturnType<typeof buildVisibleGraph>;
  readonly engine: LayoutChoice;
  readonly result: LayoutResult;
  readonly requestedAt: number;
}

export function useDagLayout(visible: Placed['visible'], engine: LayoutChoice) {
  const [placed, setPlaced] = useState<Placed | null>(null);
  const [layoutStatus, setLayoutStatus] = useState<{ message: string; since: number } | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const [now, setNow] = useState(0);
  const clientRef = useRef<LayoutClient | null>(null);

  useEffect(() => {
    const client = new LayoutClient();
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    const requestedAt = performance.now();
    let live = true;
    // Start the "laying out…" message from an async callback, not synchronously in the effect.
    queueMicrotask(() => {
      if (!live) return;
      setLayoutError(null);
      setLayoutStatus({
        message: `laying out ${visible.nodes.length.toLocaleString('en')} nodes…`,
        since: requestedAt,
      });
    });
    client
      .layout(
        {
          nodeCount: visible.nodes.length,
          nodeWidth: NODE_W,
          nodeHeight: NODE_H,
          edges: visible.edges,
          engine,
        },
        (message) => {
          if (live) setLayoutStatus({ message, since: requestedAt });
        },
      )
      .then(
        (result) => {
          if (!live) return;
          setPlaced({ visible, engine, result, requestedAt });
          setLayoutStatus(null);
        },
        (error: unknown) => {
          if (!live || error instanceof LayoutCancelled) return;
          setLayoutStatus(null);
          setLayoutError(error instanceof Error ? error.message : String(error));
        },
      );
    return () => {
      live = false;
    };
  }, [visible, engine]);

  // A ticking clock while elk works: shows the page is alive and how long it has taken so far.
  useEffect(() => {
    if (!layoutStatus) return;
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [layoutStatus]);

  const current = placed && placed.visible === visible && placed.engine === engine ? placed : null;
  const elapsed = layoutStatus ? Math.max(0, (now || layoutStatus.since) - layoutStatus.since) : 0;
  return { current, layoutStatus, layoutError, elapsed };
}
