/**
 * memscope's own layered (Sugiyama-style) layout for graphs too big for elkjs within the time
 * budget (docs/plans.md, "Layout"): elk's layered algorithm took 1.6 s for 1,000 executors and
 * 20 s for 10,000 in Chromium here, this takes tens of milliseconds for 10,000.
 *
 * Steps: cycles broken by ignoring DFS back edges; layer = longest chain of dependencies (so a row
 * is a wave of the "steps" player); order within a layer by alternating barycenter sweeps; x by
 * pulling each node toward its neighbours' mean and then removing overlaps in order; edges drawn
 * orthogonally (down, across just above the target row, down). No dummy nodes: an edge that skips
 * rows may pass behind nodes, which is the price of speed. Pure and DOM-free (worker + Node tests).
 */
export interface LayeredLayout {
  x: Float64Array;
  y: Float64Array;
  width: number;
  height: number;
  edgeOffsets: Int32Array;
  edgePoints: Float64Array;
}

const GAP_X = 24;
const GAP_Y = 44;
const SWEEPS = 4;
const PLACEMENT_ROUNDS = 4;

export function fastLayeredLayout(
  n: number,
  edges: Int32Array,
  nodeWidth: number,
  nodeHeight: number,
): LayeredLayout {
  const m = edges.length >> 1;
  // CSR adjacency, forward edges only once back edges are known.
  const outStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) outStart[edges[2 * k]! + 1]!++;
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const outList = new Int32Array(m);
  {
    const fill = outStart.slice(0, n);
    for (let k = 0; k < m; k++) outList[fill[edges[2 * k]!]!++] = edges[2 * k + 1]!;
  }

  const back = findBackEdges(n, outStart, outList);
  const isBack = (k: number) => back.has(edges[2 * k]! * n + edges[2 * k + 1]!);

  // Longest-path layering from the sources (Kahn order over forward edges).
  const indeg = new Int32Array(n);
  for (let k = 0; k < m; k++) if (!isBack(k)) indeg[edges[2 * k + 1]!]!++;
  const layer = new Int32Array(n);
  const queue = new Int32Array(n);
  let qn = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue[qn++] = i;
  for (let q = 0; q < qn; q++) {
    const v = queue[q]!;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = outList[k]!;
      if (back.has(v * n + w)) continue;
      if (layer[v]! + 1 > layer[w]!) layer[w] = layer[v]! + 1;
      if (--indeg[w]! === 0) queue[qn++] = w;
    }
  }

  // Neighbours in both directions (forward edges), for the sweeps and the placement.
  const upStart = new Int32Array(n + 1);
  const downStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    if (isBack(k)) continue;
    upStart[edges[2 * k + 1]! + 1]!++;
    downStart[edges[2 * k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    upStart[i + 1]! += upStart[i]!;
    downStart[i + 1]! += downStart[i]!;
  }
  const upList = new Int32Array(upStart[n]!);
  const downList = new Int32Array(downStart[n]!);
  {
    const uf = upStart.slice(0, n);
    const df = downStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      if (isBack(k)) continue;
      const a = edges[2 * k]!;
      const b = edges[2 * k + 1]!;
      upList[uf[b]!++] = a;
      downList[df[a]!++] = b;
    }
  }

  let layerCount = 0;
  for (let i = 0; i < n; i++) if (layer[i]! + 1 > layerCount) layerCount = layer[i]! + 1;
  const rows: number[][] = Array.from({ length: layerCount }, () => []);
  for (let q = 0; q < qn; q++) rows[layer[queue[q]!]!]!.push(queue[q]!);
  // Nodes left out by Kahn (cannot happen once back edges are ignored, but stay safe).
  if (qn < n) {
    const seen = new Uint8Array(n);
    for (let q = 0; q < qn; q++) seen[queue[q]!] = 1;
    for (let i = 0; i < n; i++) if (!seen[i]) rows[layer[i]!]!.push(i);
  }

  // Crossing reduction: barycenter of the neighbours' positions, sweeping down then up.
  const pos = new Float64Array(n);
  for (const row of rows) row.forEach((v, i) => (pos[v] = i));
  const key = new Float64Array(n);
  const sortRow = (row: number[], start: Int32Array, list: Int32Array) => {
    for (const v of row) {
      const a = start[v]!;
      const b = start[v + 1]!;
      if (b === a) {
        key[v] = pos[v]!;
        continue;
      }
      let s = 0;
      for (let k = a; k < b; k++) s += pos[list[k]!]!;
      key[v] = s / (b - a);
    }
    row.sort((p, q) => key[p]! - key[q]! || pos[p]! - pos[q]!);
    row.forEach((v, i) => (pos[v] = i));
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) sortRow(rows[l]!, upStart, upList);
    else for (let l = layerCount - 2; l >= 0; l--) sortRow(rows[l]!, downStart, downList);
  }

  // Placement: start packed and centred, then pull toward neighbours and remove overlaps.
  const step = nodeWidth + GAP_X;
  const x = new Float64Array(n);
  let widest = 0;
  for (const row of rows) widest = Math.max(widest, row.length);
  for (const row of rows) {
    const left = ((widest - row.length) * step) / 2;
    row.forEach((v, i) => (x[v] = left + i * step));
  }
  const desired = new Float64Array(n);
  for (let round = 0; round < PLACEMENT_ROUNDS; round++) {
    const down = round % 2 === 0;
    const order = down ? rows.keys() : [...rows.keys()].reverse().values();
    for (const l of order) {
      const row = rows[l]!;
      const start = down ? upStart : downStart;
      const list = down ? upList : downList;
      for (const v of row) {
        const a = start[v]!;
        const b = start[v + 1]!;
        if (a === b) desired[v] = x[v]!;
        else {
          let s = 0;
          for (let k = a; k < b; k++) s += x[list[k]!]!;
          desired[v] = s / (b - a);
        }
      }
      // Left-to-right then right-to-left keeps order and spacing; the average of the two stays close to desired.
      let prev = -Infinity;
      const l2r = row.map((v) => (prev = Math.max(desired[v]!, prev + step)));
      let next = Infinity;
      const r2l = new Array<number>(row.length);
      for (let i = row.length - 1; i >= 0; i--) r2l[i] = next = Math.min(desired[row[i]!]!, next - step);
      row.forEach((v, i) => (x[v] = (l2r[i]! + r2l[i]!) / 2));
      // The average of two valid packings can still overlap by rounding: fix left to right.
      prev = -Infinity;
      for (const v of row) {
        if (x[v]! < prev + step) x[v] = prev + step;
        prev = x[v]!;
      }
    }
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i]! < minX) minX = x[i]!;
    if (x[i]! > maxX) maxX = x[i]!;
  }
  if (n === 0) minX = maxX = 0;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! - minX;
    y[i] = layer[i]! * (nodeHeight + GAP_Y);
  }

  // Orthogonal edges: down from the source, across just above the target's row, down into it.
  // Back edges (cycles) go straight from source to target.
  const edgeOffsets = new Int32Array(m + 1);
  const pts = new Float64Array(m * 8);
  let p = 0;
  for (let k = 0; k < m; k++) {
    const a = edges[2 * k]!;
    const b = edges[2 * k + 1]!;
    const sx = x[a]! + nodeWidth / 2;
    const sy = y[a]! + nodeHeight;
    const tx = x[b]! + nodeWidth / 2;
    const ty = y[b]!;
    pts[p++] = sx;
    pts[p++] = sy;
    if (!isBack(k) && Math.abs(sx - tx) > 0.5) {
      const midY = ty - GAP_Y / 2;
      pts[p++] = sx;
      pts[p++] = midY;
      pts[p++] = tx;
      pts[p++] = midY;
    }
    pts[p++] = tx;
    pts[p++] = ty;
    edgeOffsets[k + 1] = p >> 1;
  }
  return {
    x,
    y,
    width: n === 0 ? 0 : maxX - minX + nodeWidth,
    height: layerCount === 0 ? 0 : layerCount * (nodeHeight + GAP_Y) - GAP_Y,
    edgeOffsets,
    edgePoints: pts.slice(0, p),
  };
}

/** Edges that close a cycle in iterative DFS order, encoded as from * n + to. */
function findBackEdges(n: number, outStart: Int32Array, outList: Int32Array): Set<number> {
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const back = new Set<number>();
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    let top = 0;
    stack[top++] = s;
    state[s] = 1;
    cursor[s] = outStart[s]!;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (cursor[v]! < outStart[v + 1]!) {
        const w = outList[cursor[v]!++]!;
        if (state[w] === 1) back.add(v * n + w);
        else if (state[w] === 0) {
          state[w] = 1;
          cursor[w] = outStart[w]!;
          stack[top++] = w;
        }
      } else {
        state[v] = 2;
        top--;
      }
    }
  }
  return back;
}
