/** Node box size in layout units; the layout worker and every renderer use the same numbers. */
export const NODE_W = 176;
export const NODE_H = 58;
/** Below this on-screen node width, nodes are drawn as coloured boxes without text. */
export const DETAIL_MIN_NODE_PX = 64;
/** Never render more individual node elements than this, whatever the zoom. */
export const DETAIL_MAX_NODES = 1500;

export interface NodeText {
  readonly title: string;
  readonly idLine: string;
  readonly subtitle: string;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Polyline of edge k as an SVG path fragment ("M x y L x y ..."). */
export function edgePathData(offsets: Int32Array, points: Float64Array, k: number): string {
  const a = offsets[k]!;
  const b = offsets[k + 1]!;
  if (b - a < 2) return '';
  let d = `M${r(points[2 * a]!)} ${r(points[2 * a + 1]!)}`;
  for (let p = a + 1; p < b; p++) d += `L${r(points[2 * p]!)} ${r(points[2 * p + 1]!)}`;
  return d;
}

/** A small arrowhead at the end of edge k, pointing along its last segment. */
export function arrowPathData(offsets: Int32Array, points: Float64Array, k: number): string {
  const a = offsets[k]!;
  const b = offsets[k + 1]!;
  if (b - a < 2) return '';
  const x1 = points[2 * (b - 2)]!;
  const y1 = points[2 * (b - 2) + 1]!;
  const x2 = points[2 * (b - 1)]!;
  const y2 = points[2 * (b - 1) + 1]!;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const s = 6;
  return `M${r(x2)} ${r(y2)}L${r(x2 - ux * s * 1.6 - uy * s)} ${r(y2 - uy * s * 1.6 + ux * s)}L${r(x2 - ux * s * 1.6 + uy * s)} ${r(y2 - uy * s * 1.6 - ux * s)}Z`;
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
