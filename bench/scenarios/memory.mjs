// (e) JS heap of the page's main thread (CDP Performance.getMetrics) and the tab's resident memory
// (RSS of its renderer process, which also holds the workers and their wasm memories) after load.
import { rssMB } from '../lib.mjs';

export default {
  name: 'memory',
  order: 20,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const page = await ctx.loadedPage();
    // Let the decoders settle and give the GC a chance, so the figure is the steady state after load.
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const processes = await ctx.chromiumProcesses();
    const renderers = processes.filter((p) => p.type === 'renderer').map((p) => rssMB(p.id));
    const tab = Math.max(...renderers);
    const all = processes.reduce((sum, p) => sum + (rssMB(p.id) || 0), 0);
    return [
      { metric: 'JS heap (main thread) after load', unit: 'MB', samples: [heap / 2 ** 20] },
      {
        metric: 'tab memory (renderer RSS) after load',
        unit: 'MB',
        samples: renderers.length ? [tab] : [],
        error: renderers.length ? undefined : 'no renderer process found',
        target: ctx.size === '100k' ? 1024 : undefined,
      },
      { metric: 'all Chromium processes RSS after load', unit: 'MB', samples: [all] },
    ];
  },
};
