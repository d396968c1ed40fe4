// (a) drop -> first rows painted, and (b) drop -> all queryable columns loaded. A fresh browser
// context per run, so every run starts cold (no decoded row groups, no DuckDB tables).
import { openApp, openFile, repeat } from '../lib.mjs';

export default {
  name: 'open',
  order: 10,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const runs = await repeat(ctx.runs, async () => {
      const page = await ctx.newPage();
      try {
        await openApp(page, ctx.baseURL);
        return await openFile(page, ctx.file, ctx.fileName, { timeout: ctx.timeoutMs });
      } finally {
        await page.context().close();
      }
    });
    const loadedError = runs.find((r) => r.loadedError)?.loadedError;
    return [
      {
        metric: 'drop -> first rows painted',
        unit: 'ms',
        samples: runs.map((r) => r.firstRows),
        target: ctx.size === '100k' ? 100 : undefined,
      },
      {
        metric: 'drop -> all queryable columns loaded',
        unit: 'ms',
        samples: runs.map((r) => r.loaded).filter(Number.isFinite),
        error: loadedError,
      },
    ];
  },
};
