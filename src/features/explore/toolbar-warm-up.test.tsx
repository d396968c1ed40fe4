import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DbClient } from '../../data/db/db-client';
import { ToolbarWarmUp } from './toolbar-warm-up';

/** A DuckDB client that records every use: the warm-up must not ask it anything. */
function recordingDb() {
  const used: string[] = [];
  const db = new Proxy({} as DbClient, {
    get(_target, key) {
      used.push(String(key));
      return () => Promise.reject(new Error(`the warm-up used db.${String(key)}`));
    },
  });
  return { db, used };
}

describe('ToolbarWarmUp', () => {
  const { db, used } = recordingDb();
  const html = renderToStaticMarkup(<ToolbarWarmUp db={db} />);

  it.each([
    {
      part: 'hidden from assistive technology and input',
      pattern: /^<div class="ex-warm-up" aria-hidden="true" inert=""/,
    },
    { part: 'the heading, in its own font size', pattern: /<h2 class="ex-title">warm-up.parquet/ },
    { part: 'the text search', pattern: /<input[^>]*type="search"/ },
    { part: "the filter bar's column choices", pattern: /<option value="created_at"/ },
    { part: 'the Export button', pattern: />Export</ },
    { part: 'the Go to memory box', pattern: /aria-label="Go to memory"/ },
  ])('renders $part', ({ pattern }) => {
    expect(html).toMatch(pattern);
  });

  it('asks DuckDB nothing', () => {
    expect(used).toEqual([]);
  });
});
