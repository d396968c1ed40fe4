/**
 * Layered DAG layout off the main thread. elkjs's layered algorithm (GWT-compiled Java) takes
 * seconds on big graphs; here it only blocks this worker, and the view terminates the worker when
 * a newer request supersedes a running one (elk cannot be interrupted otherwise). Graphs above
 * ELK_AUTO_LIMIT nodes get memscope's fast layered layout unless elk is asked for explicitly.
 */
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { fastLayeredLayout } from '../core/graph/fast-layered-layout';
import { usesElk, type LayoutRequest, type LayoutResult } from '../core/graph/layout-types';
import { serveRpc, withTransfer } from './rpc';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Below this, elk's default thoroughness is affordable and gives fewer crossings. */
const FINE_LAYOUT_LIMIT = 150;

let elkPromise: Promise<ElkApi> | null = null;

/** elk.bundled.js is 1.5 MB: load it only when a layout needs it. */
function loadElk(): Promise<ElkApi> {
  elkPromise ??= import('elkjs/lib/elk.bundled.js').then((mod) => {
    // elk.bundled.js installs its own `self.onmessage` when it sees a worker global (no
    // `document`), which would answer our messages with elk's protocol. Remove it: we listen
    // with addEventListener.
    scope.onmessage = null;
    const ELK = mod.default;
    return new ELK();
  });
  return elkPromise;
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
  // Thoroughness 1 roughly halves elk's time on big graphs for a few more crossings.
  return { ...base, 'elk.layered.thoroughness': '1' };
}

async function elkLayout(req: LayoutRequest, started: number): Promise<LayoutResult> {
  const elk = await loadElk();
  const n = req.nodeCount;
  const m = req.edges.length >> 1;
  const children: ElkNode[] = new Array<ElkNode>(n);
  for (let i = 0; i < n; i++) children[i] = { id: `n${i}`, width: req.nodeWidth, height: req.nodeHeight };
  const edges: ElkExtendedEdge[] = new Array<ElkExtendedEdge>(m);
  for (let k = 0; k < m; k++) {
    edges[k] = { id: `e${k}`, sources: [`n${req.edges[2 * k]!}`], targets: [`n${req.edges[2 * k + 1]!}`] };
  }
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
}

async function layout(req: LayoutRequest): Promise<LayoutResult> {
  const started = performance.now();
  const n = req.nodeCount;
  const useElk = usesElk(req.engine, n);
  let note: string | null = null;
  if (useElk) {
    try {
      return await elkLayout(req, started);
    } catch (error) {
      note = `elkjs failed (${error instanceof Error ? error.message : String(error)}); the fast layered layout is shown.`;
    }
  }
  const fast = fastLayeredLayout(n, req.edges, req.nodeWidth, req.nodeHeight);
  return {
    ...fast,
    engine: 'fast-layered',
    note,
    elapsedMs: performance.now() - started,
  };
}

const api = {
  async layout(req: LayoutRequest): Promise<LayoutResult> {
    const result = await layout(req);
    return withTransfer(result, [
      result.x.buffer,
      result.y.buffer,
      result.edgeOffsets.buffer,
      result.edgePoints.buffer,
    ] as ArrayBuffer[]);
  },
};

export type LayoutWorkerApi = typeof api;

serveRpc(scope, api);
