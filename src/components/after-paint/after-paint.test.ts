import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onNextPaint } from './after-paint';

/** Frames run only when the test says so; MessageChannel is Node's own (a real task queue). */
let frames: Map<number, FrameRequestCallback>;
let nextId: number;

function runFrame(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const f of due) f(0);
}

/** Lets queued message tasks run. */
const tasks = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

beforeEach(() => {
  frames = new Map();
  nextId = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(++nextId, cb);
    return nextId;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('onNextPaint', () => {
  it.each([
    { name: 'not before any frame', frame: false, cancel: 'never', called: 0 },
    { name: 'in a task after the frame', frame: true, cancel: 'never', called: 1 },
    { name: 'cancelled before the frame', frame: true, cancel: 'before-frame', called: 0 },
    { name: 'cancelled after the frame, before its task', frame: true, cancel: 'after-frame', called: 0 },
  ])('$name', async ({ frame, cancel, called }) => {
    const callback = vi.fn();
    const stop = onNextPaint(callback);
    if (cancel === 'before-frame') stop();
    if (frame) runFrame();
    // Never inside the frame itself: the frame's style, layout and paint come first.
    expect(callback).not.toHaveBeenCalled();
    if (cancel === 'after-frame') stop();
    await tasks();
    expect(callback).toHaveBeenCalledTimes(called);
  });

  it('calls back once, however many frames follow', async () => {
    const callback = vi.fn();
    onNextPaint(callback);
    runFrame();
    await tasks();
    runFrame();
    await tasks();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  describe("with Chromium's task scheduler", () => {
    /** A fake `scheduler.postTask`: records each task's priority and runs it when the test says. */
    let posted: { priority: string; signal: AbortSignal; run(): void }[];
    beforeEach(() => {
      posted = [];
      vi.stubGlobal('scheduler', {
        postTask(callback: () => void, options: { priority: string; signal: AbortSignal }) {
          return new Promise<void>((resolve, reject) => {
            const task = {
              ...options,
              run() {
                if (options.signal.aborted) return;
                callback();
                resolve();
              },
            };
            options.signal.addEventListener('abort', () => reject(new DOMException('', 'AbortError')));
            posted.push(task);
          });
        },
      });
    });

    it.each([
      { name: 'runs after the frame, as a user-blocking task', cancel: false, called: 1 },
      { name: 'is aborted when cancelled after the frame', cancel: true, called: 0 },
    ])('$name', async ({ cancel, called }) => {
      const callback = vi.fn();
      const stop = onNextPaint(callback);
      expect(posted).toEqual([]);
      runFrame();
      expect(posted.map((t) => t.priority)).toEqual(['user-blocking']);
      expect(callback).not.toHaveBeenCalled();
      if (cancel) stop();
      expect(posted[0]?.signal.aborted).toBe(cancel);
      posted[0]?.run();
      await tasks();
      expect(callback).toHaveBeenCalledTimes(called);
    });
  });
});
