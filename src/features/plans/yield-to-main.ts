import { onNextPaint, postUrgentTask } from '../../components/after-paint/after-paint';

/**
 * Ends the current task so the browser can paint and handle input, and resumes in a new one.
 * `scheduler.yield()` (Chromium) resumes ahead of other queued tasks; elsewhere an urgent task
 * (`postUrgentTask`: a user-blocking task or a MessageChannel message, never a clamped setTimeout).
 */
interface Scheduler {
  yield?: () => Promise<void>;
}

export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => postUrgentTask(resolve));
}

/** Resolves after the next frame has been painted (one rAF, then a new task). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => onNextPaint(resolve));
}
