/**
 * The DAG view's viewport transform as plain math: screen = world × k + (x, y). Zoom about a point,
 * the zoom limits, fit-to-view, the first view of a graph and centring. Pure, DOM-free,
 * unit-tested; use-pan-zoom.ts holds the state and the input handlers.
 */
import { DETAIL_MAX_NODES, DETAIL_MIN_NODE_PX, NODE_W } from './dag-geometry';

export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** The viewport in layout (world) units. */
export interface WorldRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface Extent {
  readonly width: number;
  readonly height: number;
}

export const MAX_K = 3;
export const FIT_PAD = 24;

/** Zoom by `factor` keeping the screen point (cx, cy) still; k stays within [minK, MAX_K]. */
export function zoomAbout(v: View, factor: number, cx: number, cy: number, minK: number): View {
  const k = Math.min(MAX_K, Math.max(minK, v.k * factor));
  const f = k / v.k;
  return { k, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
}

/** The zoom factor of one wheel event (line-mode deltas count as 16 px). */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const delta = deltaMode === 1 ? deltaY * 16 : deltaY;
  return Math.exp(-delta * 0.0015);
}

/** The whole layout centred in the viewport, never magnified past 1; null before the viewport has a size. */
export function fitView(content: Extent, width: number, height: number): View | null {
  if (width === 0 || height === 0) return null;
  const k = Math.min(
    MAX_K,
    1,
    (width - 2 * FIT_PAD) / Math.max(content.width, 1),
    (height - 2 * FIT_PAD) / Math.max(content.height, 1),
  );
  return { k, x: (width - content.width * k) / 2, y: (height - content.height * k) / 2 };
}

/**
 * The first view of a new graph: the whole graph when its nodes stay readable that way; otherwise
 * (a long chain, a few hundred nodes) the zoom at which labels show, anchored at the top, with the
 * minimap for the overview. The Fit button still shows everything.
 */
export function initialView(content: Extent, nodeCount: number, width: number, height: number): View | null {
  const fit = fitView(content, width, height);
  if (!fit || fit.k * NODE_W >= DETAIL_MIN_NODE_PX || nodeCount > DETAIL_MAX_NODES) return fit;
  const k = Math.min(1, MAX_K, (DETAIL_MIN_NODE_PX + 8) / NODE_W);
  const x = content.width * k <= width ? (width - content.width * k) / 2 : FIT_PAD;
  return { k, x, y: FIT_PAD };
}

/** Zooming out stops at half the fitted zoom (and at 0.5 for graphs that fit at 1). */
export function minZoom(fit: View | null): number {
  return Math.min(0.5, (fit?.k ?? 1) * 0.5);
}

/** The view at zoom k with the world point (wx, wy) in the middle of a width × height viewport. */
export function centredOn(wx: number, wy: number, k: number, width: number, height: number): View {
  return { k, x: width / 2 - wx * k, y: height / 2 - wy * k };
}

/** What a width × height viewport shows of the world under view v. */
export function worldViewport(v: View, width: number, height: number): WorldRect {
  return { x: -v.x / v.k, y: -v.y / v.k, w: width / v.k, h: height / v.k };
}
