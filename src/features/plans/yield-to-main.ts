import { onNextPaint } from '../../components/after-paint/after-paint';

/**
 * Ends the current task so the browser can paint and handle input, and resumes in a new one.
 * `scheduler.yield()` (Chromium) resumes ahead of other queued tasks; elsewhere a MessageChannel
 * message (not setTimeout, which is clamped to 4 ms after a few nested calls).
 */
interface Scheduler {
  yield?: () => Promise<void>;
}

export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Resolves after the next frame has been painted (one rAF, then a new task). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => onNextPaint(resolve));
}
