import { useEffect, useState, type ReactNode } from 'react';

/** Chromium's Prioritized Task Scheduling API, where present. */
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking'; signal: AbortSignal }): Promise<void>;
}

/**
 * Runs `callback` in a new task ahead of the tasks already queued, where the browser can say so:
 * a `user-blocking` task (Chromium) runs before ordinary ones, such as React's scheduled renders and
 * message events. Elsewhere a MessageChannel message, not setTimeout (clamped after a few nested
 * calls). Returns a cancel function.
 */
export function postUrgentTask(callback: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const controller = new AbortController();
    scheduler
      .postTask(callback, { priority: 'user-blocking', signal: controller.signal })
      .catch(() => undefined); // rejects when cancelled
    return () => controller.abort();
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
  return () => {
    channel.port1.onmessage = null;
    channel.port1.close();
  };
}

/**
 * Calls `callback` once the next frame has been painted: a requestAnimationFrame callback runs
 * before that frame's style, layout and paint, and a task posted from it runs after them. That task
 * is urgent (`postUrgentTask`): it comes right after the frame, not after the tasks queued during
 * it (a React render a ResizeObserver scheduled took 2-8 ms there, docs/data-path.md, item 16).
 * Returns a cancel function. Frames do not run in a hidden tab: the callback then waits until it is
 * shown.
 */
export function onNextPaint(callback: () => void): () => void {
  let cancelTask: (() => void) | null = null;
  const frame = requestAnimationFrame(() => {
    cancelTask = postUrgentTask(callback);
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelTask?.();
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
