import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../../core/errors';
import { parseRemoteUrl } from '../../core/url/remote-url';
import {
  HttpRangeSource,
  downloadWhole,
  parseContentRange,
  probeRemote,
  type FetchFn,
  type RemoteFileRef,
} from './http-range-source';

const FILE = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
const remote = parseRemoteUrl('https://data.example.org/x.parquet');

interface ServerOptions {
  /** What a GET with a Range header gets: 'ranges' (206), 'ignore' (200, whole file), or a status. */
  ranges?: 'ranges' | 'ignore' | number;
  headStatus?: number;
  /** Send Content-Range on 206 answers. */
  contentRange?: boolean;
  /** Bytes cut from the end of each 206 body. */
  cut?: number;
  fail?: boolean;
}

/** A fake server over FILE that records each request as "METHOD range". */
function server(options: ServerOptions = {}): { fetch: FetchFn; log: string[] } {
  const log: string[] = [];
  const fetchFn: FetchFn = async (_url, init) => {
    const method = init?.method ?? 'GET';
    const range = new Headers(init?.headers).get('Range');
    log.push(`${method} ${range ?? '-'}`);
    if (options.fail) throw new TypeError('Failed to fetch');
    if (method === 'HEAD') {
      const status = options.headStatus ?? 200;
      return new Response(null, { status, headers: status === 200 ? { 'Content-Length': '1000' } : {} });
    }
    const mode = options.ranges ?? 'ranges';
    if (typeof mode === 'number') return new Response('no', { status: mode });
    if (!range || mode === 'ignore') {
      return new Response(FILE.slice(), { status: 200, headers: { 'Content-Length': '1000' } });
    }
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    if (!m) return new Response(null, { status: 416 });
    let start: number;
    let end: number;
    if (m[1] === '') {
      start = Math.max(0, FILE.length - Number(m[2]));
      end = FILE.length - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? FILE.length - 1 : Math.min(Number(m[2]), FILE.length - 1);
    }
    if (start >= FILE.length) return new Response(null, { status: 416 });
    const body = FILE.slice(start, end + 1 - (options.cut ?? 0));
    const headers: Record<string, string> = {};
    if (options.contentRange !== false) headers['Content-Range'] = `bytes ${start}-${end}/${FILE.length}`;
    return new Response(body, { status: 206, headers });
  };
  return { fetch: fetchFn, log };
}

async function failure(promise: Promise<unknown>): Promise<MemscopeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof MemscopeError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

async function probed(fetchFn: FetchFn, tail = 100): Promise<RemoteFileRef> {
  const result = await probeRemote(remote, fetchFn, tail);
  if (result.kind !== 'ranges') throw new Error('expected ranges');
  return result.ref;
}

describe('probeRemote', () => {
  it('asks for the size, then the end (the footer), then the first bytes', async () => {
    const s = server();
    const ref = await probed(s.fetch);
    expect(s.log).toEqual(['HEAD -', 'GET bytes=900-999', 'GET bytes=0-7']);
    expect(ref.size).toBe(1000);
    expect(ref.pieces.map((p) => [p.start, p.bytes.length])).toEqual([
      [900, 100],
      [0, 8],
    ]);
    expect([...(ref.pieces[0]?.bytes ?? [])]).toEqual([...FILE.slice(900)]);
  });

  it('reads the end with a suffix range when HEAD is refused', async () => {
    const s = server({ headStatus: 405 });
    const ref = await probed(s.fetch);
    expect(s.log).toEqual(['HEAD -', 'GET bytes=-100', 'GET bytes=0-7']);
    expect(ref.size).toBe(1000);
  });

  it('stops at a server that ignores ranges, with the size to ask about', async () => {
    const s = server({ ranges: 'ignore' });
    expect(await probeRemote(remote, s.fetch, 100)).toEqual({ kind: 'whole', size: 1000 });
    expect(s.log).toEqual(['HEAD -', 'GET bytes=900-999']);
  });

  const refusals: { name: string; options: ServerOptions; code: string; says: string }[] = [
    { name: '404 on HEAD', options: { headStatus: 404 }, code: 'network', says: 'answered 404' },
    { name: '404 on the range', options: { ranges: 404 }, code: 'network', says: 'answered 404' },
    { name: 'network or CORS', options: { fail: true }, code: 'network', says: 'could not be reached' },
    { name: '416', options: { ranges: 416 }, code: 'network', says: '416' },
    {
      name: 'no Content-Range and no size',
      options: { headStatus: 405, contentRange: false },
      code: 'network',
      says: 'Content-Range',
    },
    { name: 'a short body', options: { cut: 10 }, code: 'network', says: 'sent 90 bytes where 100' },
  ];
  it.each(refusals)('$name', async ({ options, code, says }) => {
    const err = await failure(probeRemote(remote, server(options).fetch, 100));
    expect(err.code).toBe(code);
    expect(err.message).toContain(says);
    expect(err.message).toContain('data.example.org');
    expect(err.file).toBe('x.parquet');
    expect(err.hint).toBeTruthy();
  });
});

describe('HttpRangeSource', () => {
  it('reads ranges the probe did not, and serves the probed ones from memory', async () => {
    const s = server();
    const source = new HttpRangeSource(await probed(s.fetch), s.fetch);
    s.log.length = 0;
    expect([...new Uint8Array(await source.slice(950, 1000).arrayBuffer())]).toEqual([...FILE.slice(950)]);
    expect([...new Uint8Array(await source.slice(2, 6).arrayBuffer())]).toEqual([...FILE.slice(2, 6)]);
    expect(s.log).toEqual([]);
    expect([...new Uint8Array(await source.slice(100, 300).arrayBuffer())]).toEqual([
      ...FILE.slice(100, 300),
    ]);
    // Clamped as Blob.slice is.
    expect(new Uint8Array(await source.slice(990, 5000).arrayBuffer()).length).toBe(10);
    expect(new Uint8Array(await source.slice(400, 400).arrayBuffer()).length).toBe(0);
    expect(s.log).toEqual(['GET bytes=100-299']);
  });

  const later: { name: string; options: ServerOptions; says: string }[] = [
    {
      name: 'a server that starts ignoring ranges',
      options: { ranges: 'ignore' },
      says: 'stopped answering',
    },
    { name: '416', options: { ranges: 416 }, says: 'refused the byte range 100-299' },
    { name: '404', options: { ranges: 404 }, says: 'answered 404' },
    { name: 'a short body', options: { cut: 1 }, says: 'sent 199 bytes where 200' },
  ];
  it.each(later)('refuses $name', async ({ options, says }) => {
    const ref = await probed(server().fetch);
    const err = await failure(new HttpRangeSource(ref, server(options).fetch).slice(100, 300).arrayBuffer());
    expect(err.code).toBe('network');
    expect(err.message).toContain(says);
  });
});

describe('downloadWhole', () => {
  it('returns the whole file', async () => {
    const blob = await downloadWhole(remote, server({ ranges: 'ignore' }).fetch, 10_000);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([...FILE]);
  });

  it('refuses a file over the budget', async () => {
    const err = await failure(downloadWhole(remote, server({ ranges: 'ignore' }).fetch, 999));
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('x.parquet');
  });
});

describe('parseContentRange', () => {
  const cases: { value: string | null; want: ReturnType<typeof parseContentRange> }[] = [
    { value: 'bytes 0-99/1000', want: { start: 0, end: 99, total: 1000 } },
    { value: 'bytes 5-9/*', want: { start: 5, end: 9, total: null } },
    { value: 'bytes */1000', want: null },
    { value: null, want: null },
    { value: 'items 0-1/2', want: null },
  ];
  it.each(cases)('$value', ({ value, want }) => {
    expect(parseContentRange(value)).toEqual(want);
  });
});
