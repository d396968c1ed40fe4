// (d) frame times while scrolling the grid with the mouse wheel: requestAnimationFrame intervals
// recorded in the page for a few seconds per run, at two wheel steps (a notch, and a fast flick).
// Each run starts from a different position in the middle of the table and scrolls down, so it
// never idles at an end; rows per second are reported beside the frame times, because a slower
// grid also receives fewer wheel events in the same time.
import { percentile, repeat } from '../lib.mjs';

const SECONDS = 2.5;
const STEPS = [240, 1000];

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
    // The highest aria-rowindex painted: how far the run got.
    const lastRow = () =>
      grid.evaluate((g) =>
        Math.max(
          0,
          ...[...g.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => Number(r.ariaRowIndex)),
        ),
      );
    // Jump to a fraction of the table through the grid's own scroll container.
    const jumpTo = (fraction) =>
      grid.evaluate((g, f) => {
        const scroller = [g, ...g.querySelectorAll('*')].find(
          (e) => e.scrollHeight > e.clientHeight + 10 && getComputedStyle(e).overflowY !== 'visible',
        );
        if (!scroller) throw new Error('no scroll container in the grid');
        scroller.scrollTop = f * (scroller.scrollHeight - scroller.clientHeight);
      }, fraction);

    const metrics = [];
    for (const step of STEPS) {
      const runs = await repeat(ctx.runs, async (i) => {
        await jumpTo(0.1 + (0.5 * i) / Math.max(1, ctx.runs));
        await page.waitForTimeout(300);
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
        while (Date.now() < end) await page.mouse.wheel(0, step);
        const frames = await page.evaluate(() => {
          const f = window.__benchFrames;
          window.__benchFrames = null;
          return f.slice(1);
        });
        const moved = (await lastRow()) - before;
        if (moved <= 0) throw new Error('the grid did not scroll (aria-rowindex unchanged)');
        // A frame "dropped" when the interval spans more than 1.5 vsyncs at 60 Hz.
        const dropped = (100 * frames.filter((f) => f > 25).length) / Math.max(1, frames.length);
        return {
          p50: percentile(frames, 50),
          p95: percentile(frames, 95),
          dropped,
          rowsPerS: moved / SECONDS,
        };
      });
      const label = `scroll ${step} px/event`;
      metrics.push(
        { metric: `${label}: frame p50`, unit: 'ms', samples: runs.map((r) => r.p50) },
        {
          metric: `${label}: frame p95`,
          unit: 'ms',
          samples: runs.map((r) => r.p95),
          target: ctx.size === '1m' ? 16.7 : undefined,
        },
        { metric: `${label}: dropped frames (> 25 ms)`, unit: '%', samples: runs.map((r) => r.dropped) },
        { metric: `${label}: rows per second`, unit: 'rows/s', samples: runs.map((r) => r.rowsPerS) },
      );
    }
    return metrics;
  },
};
