/**
 * The DAG view's pan and zoom: the viewport transform state and its inputs: the wheel (zoom about
 * the cursor), dragging the drawing, the keyboard (arrows pan, + / = and - zoom), the zoom buttons
 * and fit-to-view. The math is in pan-zoom.ts. The drawing applies the transform to one wrapper
 * element, so panning moves that element instead of re-laying out the nodes.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import {
  fitView as fitViewOf,
  initialView as initialViewOf,
  minZoom,
  wheelFactor,
  worldViewport,
  zoomAbout,
  type View,
} from './pan-zoom';

interface Content {
  readonly width: number;
  readonly height: number;
  /** Top-left corner of each node; its length is the node count. */
  readonly x: Float64Array;
}

interface Drag {
  readonly id: number;
  readonly sx: number;
  readonly sy: number;
  readonly vx: number;
  readonly vy: number;
  moved: boolean;
  readonly slot: number;
}

const KEY_STEP = 60;
const PAN_KEYS: Record<string, readonly [number, number]> = {
  ArrowLeft: [KEY_STEP, 0],
  ArrowRight: [-KEY_STEP, 0],
  ArrowUp: [0, KEY_STEP],
  ArrowDown: [0, -KEY_STEP],
};

/**
 * `content` is the laid-out graph (null while none); `size` the viewport's; `onTap(slot)` runs for a
 * click that did not drag, on an element carrying `data-slot` (a node).
 */
export function usePanZoom(
  containerRef: RefObject<HTMLElement | null>,
  size: { readonly width: number; readonly height: number },
  content: Content | null,
  onTap: (slot: number) => void,
) {
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  const fitView = useCallback(
    (): View | null => (content ? fitViewOf(content, size.width, size.height) : null),
    [content, size.width, size.height],
  );
  const initialView = useCallback(
    (): View | null => (content ? initialViewOf(content, content.x.length, size.width, size.height) : null),
    [content, size.width, size.height],
  );
  const minK = useMemo(() => minZoom(fitView()), [fitView]);

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => setView((v) => zoomAbout(v, factor, cx, cy, minK)),
    [minK],
  );
  /** Zoom about the middle of the viewport (buttons and keys). */
  const zoomBy = (factor: number) => zoomAt(factor, size.width / 2, size.height / 2);
  const fit = () => {
    const v = fitView();
    if (v) setView(v);
  };

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    // React's onWheel is passive: preventDefault (keep the page from scrolling) needs a native listener.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(wheelFactor(event.deltaY, event.deltaMode), event.clientX - rect.left, event.clientY - rect.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [containerRef, zoomAt]);

  const drag = useRef<Drag | null>(null);
  const handlers = {
    onPointerDown: (event: PointerEvent<SVGSVGElement>) => {
      if (event.button !== 0) return;
      const target = (event.target as Element).closest('[data-slot]');
      const slot = target ? Number(target.getAttribute('data-slot')) : -1;
      drag.current = {
        id: event.pointerId,
        sx: event.clientX,
        sy: event.clientY,
        vx: view.x,
        vy: view.y,
        moved: false,
        slot,
      };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent<SVGSVGElement>) => {
      const d = drag.current;
      if (!d || d.id !== event.pointerId) return;
      const dx = event.clientX - d.sx;
      const dy = event.clientY - d.sy;
      if (!d.moved && Math.hypot(dx, dy) < 4) return;
      d.moved = true;
      setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
    },
    onPointerUp: (event: PointerEvent<SVGSVGElement>) => {
      const d = drag.current;
      drag.current = null;
      if (!d || d.id !== event.pointerId || d.moved) return;
      if (d.slot >= 0) onTap(d.slot);
    },
    onPointerCancel: () => {
      drag.current = null;
    },
    onKeyDown: (event: KeyboardEvent<SVGSVGElement>) => {
      const p = PAN_KEYS[event.key];
      // Arrows pan only when the drawing itself has focus, not a node inside it.
      if (p && event.target === event.currentTarget) {
        event.preventDefault();
        setView((v) => ({ ...v, x: v.x + p[0], y: v.y + p[1] }));
      } else if (event.key === '+' || event.key === '=') zoomBy(1.25);
      else if (event.key === '-') zoomBy(0.8);
    },
  };

  return {
    view,
    setView,
    /** The latest view, for effects that must not re-run on every pan. */
    viewRef,
    /** The world rectangle in view (culling, the minimap frame). */
    worldView: worldViewport(view, size.width, size.height),
    initialView,
    zoomBy,
    fit,
    handlers,
  };
}
