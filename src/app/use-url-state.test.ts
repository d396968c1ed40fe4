import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as UrlState from './use-url-state';

/**
 * The held history write (use-url-state.ts), over a stand-in for window.location and history: the
 * module needs only those and addEventListener. What is checked: the view's params change at once,
 * history only when the hold ends, as one entry, and a move in history drops what was held.
 */
class FakeWindow {
  location = new URL('https://app.test/?tab=sql');
  entries: string[] = [this.location.href];
  private handlers = new Map<string, (() => void)[]>();
  history = {
    pushState: (_s: unknown, _t: string, url: URL) => {
      this.entries.push(url.href);
      this.location = new URL(url.href);
    },
    replaceState: (_s: unknown, _t: string, url: URL) => {
      this.entries[this.entries.length - 1] = url.href;
      this.location = new URL(url.href);
    },
  };
  addEventListener(type: string, handler: () => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  /** Back: the previous entry, then popstate. */
  back() {
    this.entries.pop();
    this.location = new URL(this.entries.at(-1)!);
    for (const h of this.handlers.get('popstate') ?? []) h();
  }
}

const fake = new FakeWindow();
let url: typeof UrlState;

beforeAll(async () => {
  vi.stubGlobal('window', fake);
  url = await import('./use-url-state');
});

describe('history writes', () => {
  it('writes at once when nothing holds them: a push per view, a replace within one', () => {
    url.setUrlParams({ table: 'a' }, 'push');
    url.setUrlParams({ view: '{}' }, 'replace');
    expect(fake.entries).toEqual([
      'https://app.test/?tab=sql',
      'https://app.test/?tab=sql&table=a&view=%7B%7D',
    ]);
  });

  it('holds them until the promise settles; the view reads the new params meanwhile', async () => {
    const before = [...fake.entries];
    let painted!: () => void;
    url.holdHistoryWrites(new Promise<void>((resolve) => (painted = resolve)));
    url.setUrlParams({ table: 'b', view: null }, 'push');
    url.setUrlParams({ view: 'sorted' }, 'replace');
    expect(url.currentSearch()).toBe('?tab=sql&table=b&view=sorted');
    expect(fake.entries).toEqual(before);
    painted();
    await Promise.resolve();
    // One push, with the last params: Back leads to the view before the hold.
    expect(fake.entries).toEqual([...before, 'https://app.test/?tab=sql&table=b&view=sorted']);
    expect(url.currentSearch()).toBe(fake.location.search);
  });

  it('ends a hold after maxMs even if the promise never settles', () => {
    vi.useFakeTimers();
    try {
      url.holdHistoryWrites(new Promise(() => undefined), 500);
      url.setUrlParams({ table: 'c' }, 'replace');
      expect(fake.location.searchParams.get('table')).toBe('b');
      vi.advanceTimersByTime(500);
      expect(fake.location.searchParams.get('table')).toBe('c');
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a held write when the user moves in history', async () => {
    let painted!: () => void;
    url.holdHistoryWrites(new Promise<void>((resolve) => (painted = resolve)));
    url.setUrlParams({ table: 'd' }, 'push');
    fake.back();
    expect(url.currentSearch()).toBe(fake.location.search);
    const after = [...fake.entries];
    painted();
    await Promise.resolve();
    expect(fake.entries).toEqual(after);
  });
});
