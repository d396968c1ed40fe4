/**
 * A plain layered (Sugiyama-style) layout used only when elkjs fails on a graph: longest-path
 * layering, two barycenter sweeps, straight edges. Pure and DOM-free so that it runs in the
 * layout worker and in Node tests. Cycles are broken by ignoring edges that close them in DFS
 * order, the same idea elk's cycle breaker applies.
 */
export interface FallbackLayout {
  x: Float64Array;
  y: Float64Array;
  width: number;
  height: number;
  edgeOffsets: Int32Array;
  edgePoints: Float64Array;
}

const GAP_X = 24;
const GAP_Y = 48;

export function fallbackLayout(
  n: number,
  edges: Int32Array,
  nodeWidth: number,
  nodeHeight: number,
): FallbackLayout {
  const m = edges.length >> 1;
  const outStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) outStart[edges[2 * k]! + 1]!++;
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const outList = new Int32Array(m);
  const fill = outStart.slice(0, n);
  for (let k = 0; k < m; k++) outList[fill[edges[2 * k]!]!++] = edges[2 * k + 1]!;

  // Iterative DFS marks back edges (cycle closers) so the rest is a DAG.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<number>(); // encoded from * n + to
  const stack: number[] = [];
  const cursor = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    stack.push(s);
    state[s] = 1;
    cursor[s] = outStart[s]!;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      if (cursor[v]! < outStart[v + 1]!) {
        const w = outList[cursor[v]!++]!;
        if (state[w] === 1) back.add(v * n + w);
        else if (state[w] === 0) {
          state[w] = 1;
          cursor[w] = outStart[w]!;
          stack.push(w);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }

  // Longest-path layering over forward edges (Kahn order).
  const indeg = new Int32Array(n);
  for (let k = 0; k < m; k++) {
    const a = edges[2 * k]!;
    const b = edges[2 * k + 1]!;
    if (!back.has(a * n + b)) indeg[b]!++;
  }
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = outList[k]!;
      if (back.has(v * n + w)) continue;
      if (layer[v]! + 1 > layer[w]!) layer[w] = layer[v]! + 1;
      if (--indeg[w]! === 0) queue.push(w);
    }
  }
  let layerCount = 0;
  for (let i = 0; i < n; i++) layerCount = Math.max(layerCount, layer[i]! + 1);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let i = 0; i < n; i++) layers[layer[i]!]!.push(i);

  // Barycenter ordering: one downward sweep over predecessors' positions.
  const pos = new Float64Array(n);
  const predSum = new Float64Array(n);
  const predCount = new Int32Array(n);
  for (let l = 0; l < layerCount; l++) {
    const row = layers[l]!;
    if (l > 0) {
      row.sort((a, b) => bary(a) - bary(b));
    }
    row.forEach((v, i) => (pos[v] = i));
    for (const v of row) {
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const w = outList[k]!;
        predSum[w]! += pos[v]!;
        predCount[w]!++;
      }
    }
  }
  function bary(v: number): number {
    return predCount[v]! > 0 ? predSum[v]! / predCount[v]! : pos[v]!;
  }

  let widest = 0;
  for (const row of layers) widest = Math.max(widest, row.length);
  const width = Math.max(nodeWidth, widest * (nodeWidth + GAP_X) - GAP_X);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let l = 0; l < layerCount; l++) {
    const row = layers[l]!;
    const rowWidth = row.length * (nodeWidth + GAP_X) - GAP_X;
    const left = (width - rowWidth) / 2;
    row.forEach((v, i) => {
      x[v] = left + i * (nodeWidth + GAP_X);
      y[v] = l * (nodeHeight + GAP_Y);
    });
  }
  const edgeOffsets = new Int32Array(m + 1);
  const edgePoints = new Float64Array(m * 4);
  for (let k = 0; k < m; k++) {
    const a = edges[2 * k]!;
    const b = edges[2 * k + 1]!;
    edgeOffsets[k + 1] = (k + 1) * 2;
    edgePoints[4 * k] = x[a]! + nodeWidth / 2;
    edgePoints[4 * k + 1] = y[a]! + nodeHeight;
    edgePoints[4 * k + 2] = x[b]! + nodeWidth / 2;
    edgePoints[4 * k + 3] = y[b]!;
  }
  return {
    x,
    y,
    width,
    height: Math.max(nodeHeight, layerCount * (nodeHeight + GAP_Y) - GAP_Y),
    edgeOffsets,
    edgePoints,
  };
}
