import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { formatCountOf } from '../../core/format/quantities';
import { hexToPixel } from '../../components/theme/colour';
import { useThemeColours } from '../../components/theme/theme';

/**
 * The 2-D map of every indexed row (a PCA projection computed in the vector workers), drawn on a
 * plain canvas as one ImageData (a few ms for 1M points, no GPU needed), the query and its top k
 * highlighted, and a box selection (drag) that reports the rows inside it.
 */
export interface MapPoints {
  rows: Float64Array;
  xy: Float32Array;
}

const WIDTH = 640;
const HEIGHT = 420;

function bounds(xy: Float32Array): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i] as number;
    const y = xy[i + 1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x0, x1: x1 > x0 ? x1 : x0 + 1, y0, y1: y1 > y0 ? y1 : y0 + 1 };
}

export function VectorMap({
  points,
  highlight,
  onSelect,
}: {
  points: MapPoints;
  /** `__row`s to draw on top (the query and its results). */
  highlight: ReadonlySet<number>;
  onSelect(rows: Float64Array): void;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const theme = useThemeColours();
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const box = bounds(points.xy);
  const px = (x: number) => ((x - box.x0) / (box.x1 - box.x0)) * (WIDTH - 1);
  const py = (y: number) => (1 - (y - box.y0) / (box.y1 - box.y0)) * (HEIGHT - 1);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(WIDTH, HEIGHT);
    const pixels = new Uint32Array(image.data.buffer);
    // Transparent: the canvas's CSS background (the theme's panel) shows through.
    pixels.fill(0);
    const point = hexToPixel(theme.chartPoint, 0xffa77949);
    const { xy, rows } = points;
    const hits: [number, number][] = [];
    for (let i = 0; i < rows.length; i++) {
      const x = Math.round(px(xy[2 * i] as number));
      const y = Math.round(py(xy[2 * i + 1] as number));
      if (highlight.has(rows[i] as number)) hits.push([x, y]);
      else pixels[y * WIDTH + x] = point;
    }
    ctx.putImageData(image, 0, 0);
    ctx.fillStyle = theme.chartMark;
    for (const [x, y] of hits) ctx.fillRect(x - 2, y - 2, 5, 5);
    // px/py depend only on the points; highlight, points and the theme are the inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, highlight, theme]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * WIDTH, y: ((e.clientY - r.top) / r.height) * HEIGHT };
  };
  const finish = () => {
    if (!drag) return;
    const [xa, xb] = [Math.min(drag.x0, drag.x1), Math.max(drag.x0, drag.x1)];
    const [ya, yb] = [Math.min(drag.y0, drag.y1), Math.max(drag.y0, drag.y1)];
    const picked: number[] = [];
    for (let i = 0; i < points.rows.length; i++) {
      const x = px(points.xy[2 * i] as number);
      const y = py(points.xy[2 * i + 1] as number);
      if (x >= xa && x <= xb && y >= ya && y <= yb) picked.push(points.rows[i] as number);
    }
    setDrag(null);
    onSelect(Float64Array.from(picked));
  };

  return (
    <div className="similar-map">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`Map of ${formatCountOf(points.rows.length, 'memory', 'memories')} (PCA); drag to select a box`}
        onPointerDown={(e) => {
          const p = at(e);
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = at(e);
          setDrag({ ...drag, x1: p.x, y1: p.y });
        }}
        onPointerUp={finish}
      />
      {drag && (
        <div
          className="similar-map-box"
          style={{
            left: `${(Math.min(drag.x0, drag.x1) / WIDTH) * 100}%`,
            top: `${(Math.min(drag.y0, drag.y1) / HEIGHT) * 100}%`,
            width: `${(Math.abs(drag.x1 - drag.x0) / WIDTH) * 100}%`,
            height: `${(Math.abs(drag.y1 - drag.y0) / HEIGHT) * 100}%`,
          }}
        />
      )}
    </div>
  );
}
