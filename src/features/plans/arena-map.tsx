import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { ArenaChunk, ArenaSimulation } from '../../core/plan/memory/memory-types';
import { formatBytesBinary, formatCount, formatCountOf } from '../../core/format/quantities';
import { useThemeColours } from '../../components/theme/theme';

interface Props {
  readonly arena: ArenaSimulation;
  readonly order: readonly string[];
  readonly sizes: Float64Array;
  readonly kindOf: (id: string) => string;
}

const ROW_W = 640;
const ROW_H = 22;
const FOOTER = 48;
/** Beyond this many allocations one rectangle per executor stops being readable: draw used spans. */
const MAX_ALLOCATION_RECTS = 4000;

/**
 * bumpalo's chunks as bars, each scaled to its own capacity (chunk sizes double, so a shared scale
 * would hide the first ones). Addresses grow to the right; allocation moves leftwards from the
 * footer. Executors are filled boxes, alignment padding is hatched, the free tail of an abandoned
 * chunk is red and hatched (lost until reset()), the current chunk's free space is plain.
 */
export function ArenaMap({ arena, order, sizes, kindOf }: Props) {
  const chunks = arena.chunks;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useThemeColours();
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const perAllocation = order.length <= MAX_ALLOCATION_RECTS;
  const height = chunks.length * (ROW_H + 18);
  const width = ROW_W + 190;

  // A canvas, not one SVG rect per executor: at 1,000 executors the SVG was ~3,000 elements with
  // titles, a 0.3-0.4 s task to create, style and lay out; the canvas is one element drawn in ~1 ms.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const pad = hatch(ctx, 4, theme.warnSoft, theme.chart3);
    const lost = hatch(ctx, 6, theme.dangerSoft, theme.danger);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    chunks.forEach((c, row) => {
      const scale = ROW_W / (c.usableBytes + FOOTER);
      const y = row * (ROW_H + 18) + 14;
      const tailLost = c.state === 'abandoned';
      ctx.fillStyle = theme.ink2;
      ctx.fillText(chunkLabel(c), 0, y - 3);
      ctx.fillText(c.state === 'current' ? 'current: kept by reset()' : 'abandoned', ROW_W + 8, y + 15);
      ctx.fillStyle = tailLost ? (lost ?? theme.dangerSoft) : theme.okSoft;
      ctx.fillRect(0, y, Math.max(0, c.tailBytes * scale), ROW_H);
      if (perAllocation) {
        ctx.strokeStyle = theme.arenaAllocLine;
        ctx.lineWidth = 0.5;
        for (let a = c.firstAllocation; a < c.firstAllocation + c.allocationCount; a++) {
          const off = arena.offsetOf[a]!;
          const size = sizes[a] ?? 0;
          const w = Math.max(0.5, size * scale);
          ctx.fillStyle = theme.arenaAlloc;
          ctx.fillRect(off * scale, y, w, ROW_H);
          ctx.strokeRect(off * scale, y, w, ROW_H);
          const p = arena.paddingOf[a]!;
          if (p > 0) {
            ctx.fillStyle = pad ?? theme.warnSoft;
            ctx.fillRect((off + size) * scale, y, Math.max(0.5, p * scale), ROW_H);
          }
        }
      } else {
        ctx.fillStyle = theme.arenaAlloc;
        ctx.fillRect(c.tailBytes * scale, y, (c.usableBytes - c.tailBytes) * scale, ROW_H);
      }
      ctx.fillStyle = theme.arenaFooter;
      ctx.fillRect(c.usableBytes * scale, y, FOOTER * scale, ROW_H);
      ctx.strokeStyle = theme.edge;
      ctx.lineWidth = 1;
      ctx.strokeRect(0.5, y + 0.5, ROW_W - 1, ROW_H - 1);
    });
  }, [arena, chunks, sizes, perAllocation, width, height, theme]);

  if (chunks.length === 0)
    return <p className="muted">The arena holds no chunk (Bump::new() with nothing allocated).</p>;

  /** What the pointer is over, as the SVG's titles said it. */
  const describe = (px: number, py: number): string | null => {
    const row = Math.floor(py / (ROW_H + 18));
    const c = chunks[row];
    const y = row * (ROW_H + 18) + 14;
    if (!c || py < y || py > y + ROW_H || px < 0 || px > ROW_W) return null;
    const scale = ROW_W / (c.usableBytes + FOOTER);
    const at = px / scale;
    if (at >= c.usableBytes) return 'Chunk footer: 48 B of bumpalo metadata';
    if (at < c.tailBytes)
      return c.state === 'abandoned'
        ? `Abandoned tail: ${formatCount(c.tailBytes)} B never used again until reset()`
        : `Free in the current chunk: ${formatCount(c.tailBytes)} B`;
    if (!perAllocation)
      return `${formatCountOf(c.allocationCount, 'executor')}, ${formatCount(c.usedBytes)} B used, ${formatCount(c.paddingBytes)} B padding`;
    // Allocations move down from the footer: offsets decrease with the allocation index.
    let lo = c.firstAllocation;
    let hi = c.firstAllocation + c.allocationCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arena.offsetOf[mid]! > at) lo = mid + 1;
      else hi = mid;
    }
    for (const a of [lo, lo - 1]) {
      if (a < c.firstAllocation || a >= c.firstAllocation + c.allocationCount) continue;
      const off = arena.offsetOf[a]!;
      const size = sizes[a] ?? 0;
      const padBytes = arena.paddingOf[a]!;
      const id = order[a] ?? '?';
      if (at >= off && at < off + size)
        return `Executor ${id} (${kindOf(id)}): ${formatCount(size)} B at offset ${formatCount(off)}, allocation #${a + 1}`;
      if (padBytes > 0 && at >= off + size && at < off + size + padBytes)
        return `Alignment padding: ${formatCount(padBytes)} B above executor ${id}`;
    }
    return null;
  };

  const onMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const text = describe(x, y);
    setHover(text ? { x, y, text } : null);
  };

  return (
    <figure className="plans-arena-map" aria-label="Arena memory map">
      <figcaption>
        Arena memory map: {formatCount(chunks.length)} chunk{chunks.length === 1 ? '' : 's'}, each bar scaled
        to its own capacity; hover a box for details.
      </figcaption>
      <div className="plans-arena-scroll">
        <div className="plans-arena-canvas-wrap" style={{ width, height }}>
          <canvas
            ref={canvasRef}
            style={{ width, height }}
            role="img"
            aria-label="Chunks filled by executors"
            onPointerMove={onMove}
            onPointerLeave={() => setHover(null)}
          />
          {hover && (
            <div className="plans-arena-tip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
              {hover.text}
            </div>
          )}
        </div>
      </div>
      <ol className="visually-hidden" aria-label="Arena chunks">
        {chunks.map((c) => (
          <li key={c.index}>
            {chunkLabel(c)}; {c.state === 'current' ? 'current: kept by reset()' : 'abandoned'}
          </li>
        ))}
      </ol>
      <ul className="plans-arena-key" aria-label="Memory map key">
        <li>
          <span className="arena-key arena-key-alloc" /> executor
        </li>
        <li>
          <span className="arena-key arena-key-pad" /> alignment padding
        </li>
        <li>
          <span className="arena-key arena-key-lost" /> abandoned tail (lost until reset())
        </li>
        <li>
          <span className="arena-key arena-key-free" /> free in the current chunk
        </li>
        <li>
          <span className="arena-key arena-key-footer" /> 48-byte footer
        </li>
      </ul>
    </figure>
  );
}

function chunkLabel(c: ArenaChunk): string {
  const tailLost = c.state === 'abandoned';
  return `chunk ${c.index + 1}: ${formatCount(c.usableBytes)} B usable (${formatBytesBinary(c.usableBytes)}), ${formatCountOf(c.allocationCount, 'executor')}, ${formatCount(c.paddingBytes)} B padding, ${formatCount(c.tailBytes)} B ${tailLost ? 'abandoned' : 'free'}`;
}

/** A diagonal hatch as a canvas pattern (background, then a stripe every `size` px). */
function hatch(ctx: CanvasRenderingContext2D, size: number, background: string, stripe: string) {
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.fillStyle = background;
  t.fillRect(0, 0, size, size);
  t.strokeStyle = stripe;
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, size);
  t.lineTo(size, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}
