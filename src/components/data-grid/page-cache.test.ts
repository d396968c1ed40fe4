import { describe, expect, it } from 'vitest';
import { tableFromArrays, type Table } from 'apache-arrow';
import { PageCache, pagesFor } from './page-cache';

function deferredFetcher() {
  const calls: {
    offset: number;
    signal: AbortSignal;
    resolve: (t: Table) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const fetchPage = (offset: number, _limit: number, signal: AbortSignal) =>
    new Promise<Table>((resolve, reject) => calls.push({ offset, signal, resolve, reject }));
  return { calls, fetchPage };
}

const page = (offset: number) => tableFromArrays({ x: Int32Array.of(offset) });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PageCache', () => {
  it('dedupes, runs one at a time, caches', async () => {
    const { calls, fetchPage } = deferredFetcher();
    const cache = new PageCache({ pageSize: 10, fetchPage, concurrency: 1 });
    cache.want([0, 1]);
    cache.want([0, 1]);
    expect(calls.map((c) => c.offset)).toEqual([0]);
    calls[0]?.resolve(page(0));
    await tick();
    expect(cache.has(0)).toBe(true);
    expect(calls.map((c) => c.offset)).toEqual([0, 10]);
    cache.want([0]);
    expect(calls[1]?.signal.aborted).toBe(true);
  });

  it('takes a seeded page without fetching it, and keeps a fetched one over a seed', async () => {
    const { calls, fetchPage } = deferredFetcher();
    const cache = new PageCache({ pageSize: 10, fetchPage });
    const seeded = page(0);
    cache.seed(0, seeded);
    cache.want([0, 1]);
    expect(calls.map((c) => c.offset)).toEqual([10]);
    expect(cache.get(0)).toBe(seeded);
    calls[0]?.resolve(page(10));
    await tick();
    const fetched = cache.get(1);
    cache.seed(1, page(99));
    expect(cache.get(1)).toBe(fetched);
  });

  it('aborts superseded fetches and ignores their late answers', async () => {
    const { calls, fetchPage } = deferredFetcher();
    const cache = new PageCache({ pageSize: 10, fetchPage });
    cache.want([5]);
    cache.want([9]);
    expect(calls[0]?.signal.aborted).toBe(true);
    calls[0]?.resolve(page(50));
    calls[1]?.resolve(page(90));
    await tick();
    expect(cache.has(5)).toBe(false);
    expect(cache.has(9)).toBe(true);
  });

  it('evicts least recently used pages, never wanted ones', async () => {
    const { calls, fetchPage } = deferredFetcher();
    const cache = new PageCache({ pageSize: 1, maxPages: 2, fetchPage });
    for (const p of [0, 1, 2]) {
      cache.want([p]);
      calls.at(-1)?.resolve(page(p));
      await tick();
      if (p === 1) cache.get(0); // 0 becomes most recent
    }
    expect([cache.has(0), cache.has(1), cache.has(2)]).toEqual([true, false, true]);
  });

  it('remembers failures until retry, and notifies', async () => {
    const { calls, fetchPage } = deferredFetcher();
    const cache = new PageCache({ pageSize: 10, fetchPage });
    let notified = 0;
    cache.subscribe(() => notified++);
    cache.want([0]);
    calls[0]?.reject(new Error('boom'));
    await tick();
    expect(cache.error(0)).toBeInstanceOf(Error);
    cache.want([0]);
    expect(calls.length).toBe(1);
    cache.retry();
    expect(calls.length).toBe(2);
    expect(notified).toBeGreaterThan(0);
  });
});

describe('pagesFor', () => {
  it('puts visible pages first', () => {
    expect(pagesFor(200, 800, 512, 600, 256)).toEqual([2, 0, 1, 3]);
    expect(pagesFor(0, 0, 0, 0, 256)).toEqual([]);
  });
});
