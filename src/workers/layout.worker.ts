/**
 * Layered DAG layout off the main thread. elkjs's layered algorithm (GWT-compiled Java) takes
 * seconds on 10,000 nodes; here it only blocks this worker, and the view terminates the worker
 * when a newer request supersedes a running one (elk cannot be interrupted otherwise).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { fallbackLayout } from '../components/dag/fallback-layout';
import type { LayoutRequest, LayoutResponse, LayoutResult } from '../components/dag/layout-protocol';

// elk.bundled.js installs its own `self.onmessage` when it sees a worker global (no `document`),
// which would answer our messages with elk's protocol. Remove it; we listen with addEventListener.
self.onmessage = null;

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Below this, elk's default thoroughness is affordable and gives fewer crossings. */
const FINE_LAYOUT_LIMIT = 400;

function post(message: LayoutResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function elkOptions(n: number): LayoutOptions {
  const base: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.spacing.nodeNode': '24',
    'elk.layered.spacing.nodeNodeBetweenLayers': '44',
    'elk.spacing.componentComponent': '48',
    'elk.edgeRouting': 'ORTHOGONAL',
  };
  if (n <= FINE_LAYOUT_LIMIT) return base;
  // Measured (docs/plans.md): thoroughness 1 halves the time of big layouts for a few more crossings.
  return { ...base, 'elk.layered.thoroughness': '1' };
}

async function layout(req: LayoutRequest): Promise<LayoutResult> {
  const started = performance.now();
  const n = req.nodeCount;
  const m = req.edges.length >> 1;
  const children: ElkNode[] = new Array<ElkNode>(n);
  for (let i = 0; i < n; i++) children[i] = { id: `n${i}`, width: req.nodeWidth, height: req.nodeHeight };
  const edges: ElkExtendedEdge[] = new Array<ElkExtendedEdge>(m);
  for (let k = 0; k < m; k++) {
    edges[k] = { id: `e${k}`, sources: [`n${req.edges[2 * k]!}`], targets: [`n${req.edges[2 * k + 1]!}`] };
  }
  post({
    type: 'progress',
    requestId: req.requestId,
    message: `laying out ${n.toLocaleString('en')} nodes…`,
  });
  try {
    const graph: ElkNode = { id: 'root', layoutOptions: elkOptions(n), children, edges };
    const root: ElkNode = await elk.layout(graph);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (const c of root.children ?? []) {
      const i = Number(c.id.slice(1));
      x[i] = c.x ?? 0;
      y[i] = c.y ?? 0;
    }
    const edgeOffsets = new Int32Array(m + 1);
    const points: number[] = [];
    const byId = new Map<string, ElkExtendedEdge>();
    for (const e of root.edges ?? []) byId.set(e.id, e);
    for (let k = 0; k < m; k++) {
      const section = byId.get(`e${k}`)?.sections?.[0];
      if (section) {
        points.push(section.startPoint.x, section.startPoint.y);
        for (const b of section.bendPoints ?? []) points.push(b.x, b.y);
        points.push(section.endPoint.x, section.endPoint.y);
      }
      edgeOffsets[k + 1] = points.length >> 1;
    }
    return {
      type: 'result',
      requestId: req.requestId,
      x,
      y,
      width: root.width ?? 0,
      height: root.height ?? 0,
      edgeOffsets,
      edgePoints: Float64Array.from(points),
      engine: 'elk-layered',
      note: null,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    const fb = fallbackLayout(n, req.edges, req.nodeWidth, req.nodeHeight);
    return {
      type: 'result',
      requestId: req.requestId,
      ...fb,
      engine: 'fallback-layered',
      note: `elkjs failed (${error instanceof Error ? error.message : String(error)}); a simpler layered layout is shown.`,
      elapsedMs: performance.now() - started,
    };
  }
}

scope.addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const req = event.data;
  if (req?.type !== 'layout') return;
  layout(req).then(
    (result) =>
      post(result, [result.x.buffer, result.y.buffer, result.edgeOffsets.buffer, result.edgePoints.buffer]),
    (error: unknown) =>
      post({
        type: 'error',
        requestId: req.requestId,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
