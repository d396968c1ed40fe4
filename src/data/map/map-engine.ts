import {
  buildPointGrid,
  nearestPoint,
  pointsInBox,
  pointsInPolygon,
  type PointGrid,
} from '../../core/map/point-grid';
import { rasterize, type RasterScratch } from '../../core/map/raster';
import { boundsOf, type Bounds, type MapView } from '../../core/map/view';

/**
 * What the map worker does (src/workers/map.worker.ts; Node tests call it in-process): it holds the
 * projected points, their hit-test grid (built once per projection, on first use) and colour codes, renders a
 * view into a pixel buffer (a density raster, core/map/raster.ts), and answers hover and box
 * queries. The main thread keeps only the picture and draws it.
 */
export interface RenderRequest {
  view: MapView;
  width: number;
  height: number;
  scale: number;
}

export interface RenderResult extends RenderRequest {
  /** width × height pixels, 0xAABBGGRR (ImageData's byte order). */
  pixels: Uint32Array;
  inView: number;
  pointSize: number;
  /** Time spent rendering, in ms (for the bench and the status line). */
  ms: number;
}

export interface PickResult {
  index: number;
  row: number;
  x: number;
  y: number;
}

export function createMapEngine() {
  let xy: Float32Array = new Float32Array(0);
  let rows: Float64Array = new Float64Array(0);
  let grid: PointGrid | null = null;
  let bounds: Bounds = boundsOf(xy);
  // Points of a hidden value (transparent colour) are neither hovered nor selected.
  const visible = (i: number): boolean => (colours[codes ? (codes[i] as number) : 0] ?? 0) >>> 24 !== 0;
  // Built when first needed, so the first picture does not wait for it.
  const theGrid = (): PointGrid => (grid ??= buildPointGrid(xy, bounds));
  let codes: Uint16Array | null = null;
  let colours: Uint32Array = Uint32Array.from([0xff808080]);
  let scratch: RasterScratch | undefined;

  return {
    /** New points (a projection). The hover grid is built on the first pick or box, once. */
    async load(arg: { xy: Float32Array; rows: Float64Array }): Promise<{ bounds: Bounds; count: number }> {
      xy = arg.xy;
      rows = arg.rows;
      codes = null;
      scratch = undefined;
      grid = null;
      bounds = boundsOf(xy);
      return { bounds, count: rows.length };
    },

    /** Builds the hover grid now (the first pick would otherwise), and says how long it took. */
    async index(): Promise<{ ms: number }> {
      const started = performance.now();
      theGrid();
      return { ms: performance.now() - started };
    },

    /** One code per point (null: one colour) and the colour of each code. */
    async colour(arg: { codes: Uint16Array | null; colours: Uint32Array }): Promise<void> {
      if (arg.codes && arg.codes.length !== rows.length)
        throw new Error('one colour code per point is needed');
      codes = arg.codes;
      colours = arg.colours;
    },

    async render(arg: RenderRequest): Promise<RenderResult> {
      const started = performance.now();
      const r = rasterize(
        { xy, codes, colours, view: arg.view, width: arg.width, height: arg.height, scale: arg.scale },
        scratch,
      );
      scratch = r.scratch;
      return {
        ...arg,
        pixels: r.pixels,
        inView: r.inView,
        pointSize: r.pointSize,
        ms: performance.now() - started,
      };
    },

    /** The point nearest (x, y) within `radius` data units. */
    async pick(arg: { x: number; y: number; radius: number }): Promise<PickResult | null> {
      if (rows.length === 0) return null;
      const i = nearestPoint(theGrid(), arg.x, arg.y, arg.radius, visible);
      if (i < 0) return null;
      return { index: i, row: rows[i] as number, x: xy[2 * i] as number, y: xy[2 * i + 1] as number };
    },

    /** The `__row`s of the points inside a data box, ascending by point. */
    async select(arg: { box: Bounds }): Promise<Float64Array> {
      if (rows.length === 0) return new Float64Array(0);
      const picked = pointsInBox(theGrid(), arg.box, visible);
      return Float64Array.from(picked, (i) => rows[i] as number);
    },

    /** The `__row`s of the points inside a lasso (a polygon in data units, x, y pairs), ascending by point. */
    async selectPolygon(arg: { polygon: Float64Array }): Promise<Float64Array> {
      if (rows.length === 0) return new Float64Array(0);
      const picked = pointsInPolygon(theGrid(), arg.polygon, visible);
      return Float64Array.from(picked, (i) => rows[i] as number);
    },
  };
}

export type MapEngineApi = ReturnType<typeof createMapEngine>;
