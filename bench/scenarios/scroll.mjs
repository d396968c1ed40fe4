// (d) frame times while scrolling the grid with the mouse wheel: requestAnimationFrame intervals
// recorded in the page for a few seconds per run.
import { percentile, repeat } from '../lib.mjs';

const SECONDS = 2.5;

export default {
  name: 'scroll',
  order: 40,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const page = await ctx.loadedPage();
    const grid = page.getByRole('grid').first();
    const box = await grid.boundingBox();
    if (!box) throw new Error('the grid is not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
    // The highest aria-rowindex painted: it must change, or the frames measured nothing.
    const lastRow = () =>
      grid.evaluate((g) =>
        Math.max(
          0,
          ...[...g.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => Number(r.ariaRowIndex)),
        ),
      );
    const runs = await repeat(ctx.runs, async (i) => {
      const before = await lastRow();
      await page.evaluate(() => {
        const frames = [];
        window.__benchFrames = frames;
        let last = performance.now();
        const tick = (now) => {
          frames.push(now - last);
          last = now;
          if (window.__benchFrames === frames) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const end = Date.now() + SECONDS * 1000;
      // Alternate direction between runs so that every run scrolls through fresh rows.
      const dy = i % 2 === 0 ? 240 : -240;
      while (Date.now() < end) await page.mouse.wheel(0, dy);
      const frames = await page.evaluate(() => {
        const f = window.__benchFrames;
        window.__benchFrames = null;
        return f.slice(1);
      });
      if ((await lastRow()) === before) throw new Error('the grid did not scroll (aria-rowindex unchanged)');
      // A frame "dropped" when the interval spans more than 1.5 vsyncs at 60 Hz.
      const dropped = (100 * frames.filter((f) => f > 25).length) / Math.max(1, frames.length);
      return { p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(...frames), dropped };
    });
    return [
      { metric: 'scroll frame time p50', unit: 'ms', samples: runs.map((r) => r.p50) },
      {
        metric: 'scroll frame time p95',
        unit: 'ms',
        samples: runs.map((r) => r.p95),
        target: ctx.size === '1m' ? 16.7 : undefined,
      },
      { metric: 'scroll longest frame', unit: 'ms', samples: runs.map((r) => r.max) },
      { metric: 'scroll dropped frames (> 25 ms)', unit: '%', samples: runs.map((r) => r.dropped) },
    ];
  },
};
