import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { NodeColours } from './dag-colour';
import { NODE_H, NODE_W } from './dag-geometry';
import { useThemeColours } from '../theme/theme';

interface Props {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly visibleNodes: Int32Array;
  readonly width: number;
  readonly height: number;
  readonly colours: NodeColours;
  /** Graph node flags (bit 1 active, bit 2 critical); drawn on top so small sets stay visible. */
  readonly flags: Uint8Array;
  /** The viewport in layout units. */
  readonly viewport: { x: number; y: number; w: number; h: number };
  readonly onCentre: (worldX: number, worldY: number) => void;
}

const BOX_W = 200;
const BOX_H = 130;

/** An overview of the whole layout on a canvas (one fillRect per node) with the viewport frame. */
export function DagMinimap({ x, y, visibleNodes, width, height, colours, flags, viewport, onCentre }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useThemeColours();
  const scale = Math.min(BOX_W / Math.max(width, 1), BOX_H / Math.max(height, 1));
  const drawW = Math.max(1, width * scale);
  const drawH = Math.max(1, height * scale);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(drawW * dpr);
    canvas.height = Math.round(drawH * dpr);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
    ctx.clearRect(0, 0, width, height);
    // At minimap scale a node may be under a pixel: keep every node at least one pixel wide.
    const minSize = 1.2 / scale;
    const w = Math.max(NODE_W, minSize);
    const h = Math.max(NODE_H, minSize);
    for (let s = 0; s < visibleNodes.length; s++) {
      const i = visibleNodes[s]!;
      ctx.fillStyle = colours.palette[colours.bin[i]!] ?? theme.lineStrong;
      ctx.fillRect(x[s]!, y[s]!, w, h);
    }
    const mark = (bit: number, colour: string) => {
      ctx.fillStyle = colour;
      for (let s = 0; s < visibleNodes.length; s++) {
        if (flags[visibleNodes[s]!]! & bit)
          ctx.fillRect(x[s]! - minSize, y[s]! - minSize, w + 2 * minSize, h + 2 * minSize);
      }
    };
    mark(2, theme.orange);
    mark(1, theme.accent);
  }, [x, y, visibleNodes, width, height, colours, flags, scale, drawW, drawH, theme]);

  const centre = (event: ReactPointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    onCentre((event.clientX - rect.left) / scale, (event.clientY - rect.top) / scale);
  };

  return (
    <div
      className="dag-minimap"
      style={{ width: drawW, height: drawH }}
      aria-hidden="true"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        centre(e);
        e.stopPropagation();
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) centre(e);
      }}
    >
      <canvas ref={canvasRef} style={{ width: drawW, height: drawH }} />
      <div
        className="dag-minimap-viewport"
        style={{
          left: Math.max(0, viewport.x * scale),
          top: Math.max(0, viewport.y * scale),
          width: Math.min(drawW, viewport.w * scale),
          height: Math.min(drawH, viewport.h * scale),
        }}
      />
    </div>
  );
}
