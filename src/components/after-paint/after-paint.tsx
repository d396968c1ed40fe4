import { useEffect, useState, type ReactNode } from 'react';

/**
 * Calls `callback` once the next frame has been painted: a requestAnimationFrame callback runs
 * before that frame's style, layout and paint, and a task posted from it runs after them (a
 * MessageChannel message, not setTimeout, which is clamped after a few nested calls). Returns a
 * cancel function. Frames do not run in a hidden tab: the callback then waits until it is shown.
 */
export function onNextPaint(callback: () => void): () => void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
  return () => {
    cancelAnimationFrame(frame);
    channel.port1.onmessage = null;
    channel.port1.close();
  };
}

/**
 * Renders its children one frame after it mounts: after the frame that paints what mounted with
 * it. For secondary parts of a view that mount in the same commit as its primary content, so
 * their render and layout do not delay that content's first frame (docs/data-path.md, item 13:
 * the sidebar's schema panel and the first rows of a dropped file). Key it by what it shows to
 * defer it again when that changes.
 */
export function AfterPaint({ children }: { children: ReactNode }) {
  const [painted, setPainted] = useState(false);
  useEffect(() => (painted ? undefined : onNextPaint(() => setPainted(true))), [painted]);
  return painted ? children : null;
}
