import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { toMemscopeError, type MemscopeError } from '../../core/errors';
import {
  boundsOf,
  fitView,
  keyStep,
  panBy,
  screenBoxToData,
  toData,
  toScreen,
  zoomAt,
  type MapView,
  type Size,
} from '../../core/map/view';
import { markedPoints } from '../../core/map/keyboard-points';
import { createMapClient, type MapClient } from '../../data/map/map-client';
import { useThemeColours } from '../../components/theme/theme';
import { drawMap, type SelectionShape } from './draw-map';
import { MapToolbar, type DragMode } from './map-toolbar';
import { MapTooltip } from './map-tooltip';
import { useMapHover } from './use-map-hover';
import { useContainerSize } from './use-container-size';
import { useMapKeyboard } from './use-map-keyboard';

/**
 * The 2-D map of every indexed row, on a plain 2-D canvas (the app's CSP forbids the `new Function`
 * that WebGL scatter libraries compile with). The picture is binned in the map worker
 * (data/map/map-engine.ts) for the current view; while a drag or a wheel is under way the last
 * picture is moved and scaled at once (drawImage), and the exact one replaces it when it comes back.
 * Hover finds the nearest point with the worker's grid index; a click opens the row; a box (Select
 * mode, or Shift+drag) or a lasso (Lasso mode) selects the rows inside it.
 */
export interface MapPoints {
  rows: Float64Array;
  xy: Float32Array;
}

export interface HoverInfo {
  id: string | null;
  text: string | null;
}

interface Gesture {
  kind: 'pan' | 'box' | 'lasso';
  x0: number;
  y0: number;
  x: number;
  y: number;
  moved: boolean;
  /** The lasso's path, x, y pairs in CSS pixels. */
  path: number[];
}

const HOVER_RADIUS = 8;
const MAX_HIGHLIGHTS = 1000;

export function VectorMap(props: {
  points: MapPoints;
  /** The canvas's accessible name (starts "Map of …"). */
  label: string;
  /** One colour code per point (null: one colour), and the colour of each code (0xAABBGGRR). */
  codes: Uint16Array | null;
  colours: Uint32Array;
  /**
   * `__row`s drawn on top (the query and its results), in rank order (the keyboard steps through
   * them in the set's order); `queryRow` is drawn larger.
   */
  highlight: ReadonlySet<number>;
  queryRow: number | null;
  /** The selection's box or lasso, in data units, drawn until the selection is cleared. */
  selection: SelectionShape | null;
  describe(row: number, signal: AbortSignal): Promise<HoverInfo>;
  onSelect(rows: Float64Array, shape: SelectionShape): void;
  onOpenRow?(row: number): void;
  onError(error: MemscopeError): void;
}) {
  const { points, codes, colours, highlight, queryRow, selection } = props;
  const theme = useThemeColours();
  const tipId = useId();
  const wrap = useRef<HTMLDivElement | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const cache = useRef<HTMLCanvasElement | null>(null);
  const client = useRef<MapClient | null>(null);
  const picture = useRef<{ view: MapView; size: Size } | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const raf = useRef(0);
  const zoomText = useRef<HTMLSpanElement | null>(null);
  const size = useContainerSize(wrap);
  const [mode, setMode] = useState<DragMode>('pan');
  const [loaded, setLoaded] = useState(0);
  const dpr = Math.min(2, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);

  const bounds = useMemo(() => boundsOf(points.xy), [points]);
  const fit = useMemo(() => fitView(bounds, size), [bounds, size]);
  const view = useRef<MapView>(fit);
  const lastFit = useRef<{ fit: MapView; points: MapPoints } | null>(null);
  // The highlighted rows' point indexes (one scan per change of highlight or points).
  const marks = useMemo(
    () => markedPoints(points.rows, highlight, queryRow, MAX_HIGHLIGHTS),
    [points, highlight, queryRow],
  );

  const pickAt = (x: number, y: number) => {
    const c = client.current;
    if (!c) return Promise.resolve(null);
    const v = view.current;
    const sz = latest.current.size;
    const [dx, dy] = toData(v, sz, x, y);
    return c.pick(dx, dy, HOVER_RADIUS / v.k).then((hit) => {
      if (!hit) return null;
      const [sx, sy] = toScreen(v, sz, hit.x, hit.y);
      return { row: hit.row, x: hit.x, y: hit.y, sx, sy };
    });
  };
  const { hover, setHover, hoverAt, hoverPoint } = useMapHover(props.describe);
  const results = useMemo(() => [...highlight], [highlight]);
  const visible = useMemo(() => {
    if (!codes || codes.length !== points.rows.length) return undefined;
    return (i: number) => (colours[codes[i] as number] ?? 0) >>> 24 !== 0;
  }, [codes, colours, points]);
  const keyboard = useMapKeyboard({
    rows: points.rows,
    xy: points.xy,
    results,
    queryRow,
    visible,
    hover,
    hoverPoint,
    clearHover: () => setHover(null),
    view: () => view.current,
    size,
    showView: (next) => {
      view.current = next;
      scheduleDraw();
      requestRender();
    },
    onOpenRow: props.onOpenRow,
  });

  // Everything draw() and the handlers read, current after every render.
  const latest = useRef({ size, dpr, theme, marks, selection, hover, points, fit });
  useLayoutEffect(() => {
    latest.current = { size, dpr, theme, marks, selection, hover, points, fit };
  });

  const draw = () => {
    raf.current = 0;
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const { size: sz, dpr: d, theme: t, marks: m, selection: sel, hover: h, points: p } = latest.current;
    const pic = picture.current;
    drawMap(ctx, {
      canvas: el,
      picture: pic && cache.current ? { image: cache.current, ...pic } : null,
      view: view.current,
      size: sz,
      dpr: d,
      theme: t,
      xy: p.xy,
      marks: m,
      selection: sel,
      drag: gesture.current?.kind === 'box' ? gesture.current : null,
      lasso: gesture.current?.kind === 'lasso' ? gesture.current.path : null,
      hover: h,
    });
    if (zoomText.current)
      zoomText.current.textContent = `${formatZoom(view.current.k / latest.current.fit.k)}×`;
  };
  const scheduleDraw = () => {
    if (!raf.current) raf.current = requestAnimationFrame(draw);
  };

  const requestRender = () => {
    const c = client.current;
    if (!c) return;
    const v = view.current;
    const sz = latest.current.size;
    const d = latest.current.dpr;
    const width = Math.round(sz.width * d);
    const height = Math.round(sz.height * d);
    void c.render({ view: { ...v, k: v.k * d }, width, height, scale: d }).then((r) => {
      if (!r || client.current !== c) return;
      cache.current ??= document.createElement('canvas');
      const cv = cache.current;
      cv.width = r.width;
      cv.height = r.height;
      const image = new ImageData(new Uint8ClampedArray(r.pixels.buffer as ArrayBuffer), r.width, r.height);
      cv.getContext('2d')?.putImageData(image, 0, 0);
      picture.current = { view: v, size: sz };
      scheduleDraw();
    });
  };

  const changed = (next: MapView) => {
    view.current = next;
    if (latest.current.hover) {
      setHover(null);
      keyboard.reset();
    }
    scheduleDraw();
    requestRender();
  };

  // New points: show them all. A new size: keep the centre and the zoom relative to the fit.
  useLayoutEffect(() => {
    const prev = lastFit.current;
    view.current =
      prev && prev.points === points ? { ...view.current, k: (view.current.k * fit.k) / prev.fit.k } : fit;
    lastFit.current = { fit, points };
    scheduleDraw();
    // scheduleDraw reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit, points]);

  // One map worker per set of points: it builds the hover index once, then renders views.
  useEffect(() => {
    const c = createMapClient((e) => props.onError(e));
    client.current = c;
    picture.current = null;
    let live = true;
    c.load(points.xy.slice(), points.rows.slice()).then(
      () => live && setLoaded((n) => n + 1),
      (err: unknown) => live && props.onError(toMemscopeError(err, { code: 'internal' })),
    );
    return () => {
      live = false;
      c.dispose();
      if (client.current === c) client.current = null;
    };
    // The error callback is not an input of the worker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points]);

  useEffect(() => {
    const c = client.current;
    if (!loaded || !c) return;
    const ok = codes && codes.length === points.rows.length ? codes : null;
    c.colour(ok, ok ? colours : colours.subarray(0, 1)).then(requestRender, (err: unknown) =>
      props.onError(toMemscopeError(err, { code: 'internal' })),
    );
    // requestRender reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, codes, colours, size, dpr]);

  useEffect(scheduleDraw);
  useEffect(() => () => cancelAnimationFrame(raf.current), []);

  // Wheel zoom needs a non-passive listener (React's onWheel cannot prevent the page's scroll).
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      changed(zoomAt(view.current, fit, latest.current.size, factor, e.clientX - r.left, e.clientY - r.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
    // changed reads refs only; fit is the one input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit]);

  const local = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = local(e);
    // Shift+drag does the other thing: a box in Pan mode, a pan in Select and Lasso modes.
    const kind = e.shiftKey
      ? mode === 'pan'
        ? 'box'
        : 'pan'
      : mode === 'pan'
        ? 'pan'
        : mode === 'select'
          ? 'box'
          : 'lasso';
    gesture.current = { kind, x0: p.x, y0: p.y, x: p.x, y: p.y, moved: false, path: [p.x, p.y] };
    if (hover) setHover(null);
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = local(e);
    const g = gesture.current;
    if (!g) {
      hoverAt(p.x, p.y, pickAt, () => !gesture.current);
      return;
    }
    if (Math.abs(p.x - g.x0) > 3 || Math.abs(p.y - g.y0) > 3) g.moved = true;
    if (g.kind === 'pan') {
      const next = panBy(view.current, p.x - g.x, p.y - g.y);
      g.x = p.x;
      g.y = p.y;
      changed(next);
    } else {
      // A lasso keeps a vertex every 3 px or so.
      if (g.kind === 'lasso' && Math.hypot(p.x - g.x, p.y - g.y) >= 3) g.path.push(p.x, p.y);
      else if (g.kind === 'lasso') return;
      g.x = p.x;
      g.y = p.y;
      scheduleDraw();
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g) return;
    const p = local(e);
    scheduleDraw();
    if (!g.moved) {
      void pickAt(p.x, p.y).then((hit) => {
        if (hit) props.onOpenRow?.(hit.row);
      });
      return;
    }
    const failed = (err: unknown) => props.onError(toMemscopeError(err, { code: 'internal' }));
    if (g.kind === 'box') {
      const box = screenBoxToData(view.current, size, g.x0, g.y0, p.x, p.y);
      client.current?.select(box).then((rows) => props.onSelect(rows, { kind: 'box', box }), failed);
    } else if (g.kind === 'lasso' && g.path.length >= 6) {
      const polygon = new Float64Array(g.path.length);
      for (let i = 0; i + 1 < g.path.length; i += 2)
        [polygon[i], polygon[i + 1]] = toData(
          view.current,
          size,
          g.path[i] as number,
          g.path[i + 1] as number,
        );
      client.current
        ?.selectPolygon(polygon.slice())
        .then((rows) => props.onSelect(rows, { kind: 'lasso', polygon }), failed);
    }
  };

  const zoomBy = (factor: number) =>
    changed(zoomAt(view.current, fit, size, factor, size.width / 2, size.height / 2));

  return (
    <div className="similar-map" ref={wrap}>
      <MapToolbar
        mode={mode}
        onMode={setMode}
        onZoom={zoomBy}
        onReset={() => changed(fit)}
        zoomRef={zoomText}
      />
      <div className="similar-map-stage">
        <canvas
          ref={canvas}
          width={Math.round(size.width * dpr)}
          height={Math.round(size.height * dpr)}
          style={{ width: size.width, height: size.height }}
          className={mode === 'pan' ? 'similar-map-canvas' : 'similar-map-canvas is-select'}
          role="img"
          tabIndex={0}
          aria-label={`${props.label}. Drag to ${mode === 'pan' ? 'pan' : mode === 'select' ? 'select a box' : 'draw a lasso'} (Shift+drag to ${mode === 'pan' ? 'select a box' : 'pan'}), wheel or + and − to zoom, arrow keys to move, 0 to reset; click a point to open it. N and P step through ${results.length > 0 || queryRow !== null ? 'the query and its results' : 'the points nearest the centre'}, Enter opens the point.`}
          aria-describedby={hover ? tipId : undefined}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            gesture.current = null;
            scheduleDraw();
          }}
          onPointerLeave={() => {
            if (!gesture.current && hover) setHover(null);
          }}
          onBlur={() => {
            if (hover) {
              setHover(null);
              keyboard.reset();
            }
          }}
          onKeyDown={(e) => {
            if (keyboard.onKey(e)) return;
            const next = keyStep(e.key, view.current, fit, size);
            if (!next) return;
            e.preventDefault();
            changed(next);
          }}
        />
        <p className="visually-hidden" aria-live="polite">
          {keyboard.announce}
        </p>
        {hover && <MapTooltip id={tipId} hover={hover} size={size} canOpen={Boolean(props.onOpenRow)} />}
      </div>
    </div>
  );
}

function formatZoom(z: number): string {
  return z >= 10 ? z.toFixed(0) : z.toFixed(1);
}
