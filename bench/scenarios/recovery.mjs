// Issue 10 item 1: how long from "the SQL engine is replaced" (db.restart(): what a crash or a
// stuck cancel triggers) until every open file's table is back and answers a query. Target:
// <= 10 s for the bundled sample store; measured at each size too (one file of that size open).
import { openApp, openFile, repeat } from '../lib.mjs';

/** In the page: restart, then wait until every file that was ready is ready again and queryable. */
async function timeRecovery(page, timeoutMs) {
  return page.evaluate(async (timeoutMs) => {
    const { db, workspace } = window.__memscope;
    const before = workspace.getSnapshot().filter((t) => t.status === 'ready');
    const t0 = performance.now();
    await db.restart();
    // The app reloads each file in place (same id; OpenedFile.reload) or as a new one: either way
    // its snapshot is a new object once the reload has started (restart() resolves after the
    // restart listeners ran), and it is back when that one is ready.
    for (;;) {
      const now = workspace.getSnapshot();
      const back = before.map((b) =>
        now.find((t) => (t.id === b.id || t.fileName === b.fileName) && t !== b),
      );
      if (back.some((t) => t?.status === 'failed')) throw new Error('a file failed to reload');
      if (back.every((t) => t?.status === 'ready')) {
        for (const t of back) await db.query(`SELECT count(*) FROM "${t.tableName}"`, { cache: false });
        return performance.now() - t0;
      }
      if (performance.now() - t0 > timeoutMs) throw new Error('the files were not reloaded in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }, timeoutMs);
}

export default {
  name: 'recovery',
  order: 90,
  sizes: ['10k', '100k', '1m'],
  async run(ctx) {
    const metrics = [];
    if (ctx.size === '10k') {
      // The bundled sample store, as `npm start` opens it.
      const page = await ctx.newPage();
      await page.goto(ctx.baseURL);
      await page.waitForFunction(() => Boolean(window.__memscope?.db), null, { timeout: 60_000 });
      await page.waitForFunction(
        () => {
          const tables = window.__memscope.workspace.getSnapshot();
          return tables.length >= 4 && tables.every((t) => t.status === 'ready');
        },
        null,
        { timeout: 120_000, polling: 100 },
      );
      const samples = await repeat(ctx.runs, () => timeRecovery(page, 60_000));
      metrics.push({ metric: 'restart -> sample store back', unit: 'ms', samples, target: 10_000 });
      await page.context().close();
    }
    const page = await ctx.newPage();
    await openApp(page, ctx.baseURL);
    const r = await openFile(page, ctx.file, ctx.fileName, { timeout: ctx.timeoutMs });
    if (r.loadedError) throw new Error(`not loaded: ${r.loadedError}`);
    const samples = await repeat(ctx.runs, () => timeRecovery(page, ctx.timeoutMs));
    metrics.push({ metric: `restart -> ${ctx.size} file back`, unit: 'ms', samples });
    await page.context().close();
    return metrics;
  },
};
