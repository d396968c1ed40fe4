import { relativeTransform, toScreen, type Bounds, type MapView, type Size } from '../../core/map/view';
import type { ThemeColours } from '../../components/theme/theme';

/**
 * One frame of the vector map: the last rendered picture moved and scaled to the current view, then
 * what is drawn on top in CSS pixels: the query and its results, the selected box or lasso, the box
 * or lasso being dragged, the hovered point. A few hundred canvas calls at most, whatever the number of points.
 */
/** What a selection on the map was made with, in data units, drawn until it is cleared. */
export type SelectionShape = { kind: 'box'; box: Bounds } | { kind: 'lasso'; polygon: Float64Array };

export interface MapFrame {
  canvas: HTMLCanvasElement;
  /** The worker's picture, rendered for `view` at `size`. */
  picture: { image: CanvasImageSource; view: MapView; size: Size } | null;
  view: MapView;
  size: Size;
  dpr: number;
  theme: ThemeColours;
  xy: Float32Array;
  /** Point indexes of the results, and of the query (-1: none on the map). */
  marks: { out: number[]; query: number };
  selection: SelectionShape | null;
  drag: { x0: number; y0: number; x: number; y: number } | null;
  /** The lasso being drawn: x, y pairs in CSS pixels. */
  lasso: readonly number[] | null;
  hover: { x: number; y: number } | null;
}

export function drawMap(ctx: CanvasRenderingContext2D, f: MapFrame): void {
  const { view: v, size: sz, dpr: d, theme: t } = f;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, f.canvas.width, f.canvas.height);
  const pic = f.picture;
  if (pic && pic.size.width === sz.width && pic.size.height === sz.height) {
    const rt = relativeTransform(pic.view, v, sz);
    ctx.imageSmoothingEnabled = rt.s < 1;
    ctx.setTransform(d * rt.s, 0, 0, d * rt.s, d * rt.tx, d * rt.ty);
    ctx.drawImage(pic.image, 0, 0, sz.width, sz.height);
  }
  ctx.setTransform(d, 0, 0, d, 0, 0);
  const at = (i: number) => toScreen(v, sz, f.xy[2 * i] as number, f.xy[2 * i + 1] as number);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = t.ink;
  ctx.fillStyle = t.chartMark;
  for (const i of f.marks.out) {
    const [x, y] = at(i);
    if (x < -4 || y < -4 || x > sz.width + 4 || y > sz.height + 4) continue;
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  if (f.marks.query >= 0) {
    const [x, y] = at(f.marks.query);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.lineWidth = 1;
  ctx.strokeStyle = t.chartMark;
  ctx.setLineDash([4, 3]);
  const sel = f.selection;
  if (sel?.kind === 'box') {
    const [x0, y0] = toScreen(v, sz, sel.box.x0, sel.box.y1);
    const [x1, y1] = toScreen(v, sz, sel.box.x1, sel.box.y0);
    ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
  } else if (sel) {
    const p = sel.polygon;
    ctx.beginPath();
    for (let i = 0; 2 * i + 1 < p.length; i++) {
      const [x, y] = toScreen(v, sz, p[2 * i] as number, p[2 * i + 1] as number);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.closePath();
    ctx.stroke();
  }
  if (f.lasso && f.lasso.length >= 4) {
    const p = f.lasso;
    ctx.beginPath();
    ctx.moveTo(p[0] as number, p[1] as number);
    for (let i = 2; i + 1 < p.length; i += 2) ctx.lineTo(p[i] as number, p[i + 1] as number);
    ctx.closePath();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = t.chartMark;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.stroke();
  }
  if (f.drag) {
    const g = f.drag;
    const bx = Math.min(g.x0, g.x);
    const by = Math.min(g.y0, g.y);
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = t.chartMark;
    ctx.fillRect(bx, by, Math.abs(g.x - g.x0), Math.abs(g.y - g.y0));
    ctx.globalAlpha = 1;
    ctx.strokeRect(bx, by, Math.abs(g.x - g.x0), Math.abs(g.y - g.y0));
  }
  ctx.setLineDash([]);
  if (f.hover) {
    const [x, y] = toScreen(v, sz, f.hover.x, f.hover.y);
    ctx.lineWidth = 2;
    ctx.strokeStyle = t.ink;
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
