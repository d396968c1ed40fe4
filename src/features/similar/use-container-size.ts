import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Size } from '../../core/map/view';

/** The map canvas's size: its container's width (at least 240 px), and a height that follows it. */
export function useContainerSize(wrap: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 640, height: 400 });
  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.max(240, Math.floor(entries[0]?.contentRect.width ?? 640));
      const h = Math.round(Math.min(560, Math.max(280, w * 0.58)));
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [wrap]);
  return size;
}
