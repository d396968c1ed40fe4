import type { RemoteUrl } from '../../core/url/remote-url';
import type { ByteRange, ByteSource } from '../parquet/byte-source';
import { remoteError } from './remote-errors';

/**
 * A Parquet file at an http(s) URL, read by HTTP range requests (docs/data-path.md, "URL files").
 * Runs only in the file's own parquet workers: their CSP is the only one that may connect to the
 * URL's origin (docs/privacy.md). No cookies or credentials are sent, nor a referrer.
 */

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

/** A file by URL, as the main thread hands it to a parquet worker (structured-cloneable). */
export interface RemoteFileRef extends RemoteUrl {
  kind: 'url';
  size: number;
  /** Bytes the probe read already (the end, with the footer, and the first bytes), reused. */
  pieces: { start: number; bytes: Uint8Array }[];
}

export type ProbeResult =
  | { kind: 'ranges'; ref: RemoteFileRef }
  /** The server sent the whole file to a range request: read it whole only if the user says so. */
  | { kind: 'whole'; size: number | null };

/** How much of the end the probe reads: the footer of a memory store's file fits in it. */
export const PROBE_TAIL_BYTES = 64 * 1024;

export function isRemoteRef(value: unknown): value is RemoteFileRef {
  return typeof value === 'object' && value !== null && (value as RemoteFileRef).kind === 'url';
}

const REQUEST: RequestInit = { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' };

async function send(fetchFn: FetchFn, remote: RemoteUrl, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(remote.url, { ...REQUEST, ...init });
  } catch (err) {
    // The browser says only "Failed to fetch" for a refused connection, CORS and CSP alike.
    throw remoteError(remote.fileName, remote.host, {
      kind: 'unreachable',
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

function statusError(remote: RemoteUrl, response: Response) {
  return remoteError(remote.fileName, remote.host, {
    kind: 'status',
    status: response.status,
    statusText: response.statusText,
  });
}

/** `bytes a-b/total` → its numbers; null when absent or not of that form. */
export function parseContentRange(
  value: string | null,
): { start: number; end: number; total: number | null } | null {
  const m = value ? /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value) : null;
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

/**
 * One range request for bytes [start, end) (or the last `-start` bytes when `suffix`): the bytes and
 * the file's total size. @throws MemscopeError; a 200 answer throws 'changed' unless `onWhole` takes it.
 */
async function fetchRange(
  fetchFn: FetchFn,
  remote: RemoteUrl,
  range: { start: number; end: number } | { suffix: number },
  knownTotal: number | null,
  onWhole?: (response: Response) => ProbeResult,
): Promise<{ bytes: Uint8Array; start: number; total: number } | ProbeResult> {
  const header = 'suffix' in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end - 1}`;
  const response = await send(fetchFn, remote, { headers: { Range: header } });
  if (response.status === 200) {
    await response.body?.cancel().catch(() => undefined);
    if (onWhole) return onWhole(response);
    throw remoteError(remote.fileName, remote.host, { kind: 'changed' });
  }
  if (response.status === 416) {
    throw remoteError(remote.fileName, remote.host, { kind: 'range-refused', range: header.slice(6) });
  }
  if (response.status !== 206) throw statusError(remote, response);
  const contentRange = parseContentRange(response.headers.get('Content-Range'));
  const total = contentRange?.total ?? knownTotal;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (total === null) throw remoteError(remote.fileName, remote.host, { kind: 'no-content-range' });
  if (knownTotal !== null && total !== knownTotal) {
    throw remoteError(remote.fileName, remote.host, { kind: 'changed' });
  }
  const start = 'suffix' in range ? Math.max(0, total - range.suffix) : range.start;
  const wanted = 'suffix' in range ? total - start : Math.min(range.end, total) - start;
  if ((contentRange && contentRange.start !== start) || bytes.length < wanted) {
    throw remoteError(remote.fileName, remote.host, { kind: 'short', got: bytes.length, wanted });
  }
  return { bytes: bytes.length > wanted ? bytes.subarray(0, wanted) : bytes, start, total };
}

function contentLength(response: Response): number | null {
  const value = response.headers.get('Content-Length');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/**
 * The first requests for a URL file: its size (HEAD), then its end, where the footer is, and its
 * first bytes. Plain `bytes=a-b` ranges need no CORS preflight; the end is read by a suffix range
 * (which does) only when HEAD gives no size. A server that answers a range with the whole file
 * gets no further request: the caller asks the user first.
 */
export async function probeRemote(
  remote: RemoteUrl,
  fetchFn: FetchFn,
  tailBytes = PROBE_TAIL_BYTES,
): Promise<ProbeResult> {
  const head = await send(fetchFn, remote, { method: 'HEAD' });
  // 403/405/501: servers (and pre-signed links) that answer GET only; anything else that fails is the answer.
  if (!head.ok && ![403, 405, 501].includes(head.status)) throw statusError(remote, head);
  const size = head.ok ? contentLength(head) : null;
  if (size === 0) {
    return { kind: 'ranges', ref: { ...remote, kind: 'url', size: 0, pieces: [] } };
  }
  const whole = (response: Response): ProbeResult => ({
    kind: 'whole',
    size: contentLength(response) ?? size,
  });
  const tail = await fetchRange(
    fetchFn,
    remote,
    size === null ? { suffix: tailBytes } : { start: Math.max(0, size - tailBytes), end: size },
    size,
    whole,
  );
  if ('kind' in tail) return tail;
  const pieces = [{ start: tail.start, bytes: tail.bytes }];
  if (tail.start > 0) {
    const first = await fetchRange(fetchFn, remote, { start: 0, end: Math.min(8, tail.total) }, tail.total);
    if ('kind' in first) throw remoteError(remote.fileName, remote.host, { kind: 'changed' });
    pieces.push({ start: 0, bytes: first.bytes });
  }
  return { kind: 'ranges', ref: { ...remote, kind: 'url', size: tail.total, pieces } };
}

/** The file's bytes by range requests; what the probe read is served from memory. */
export class HttpRangeSource implements ByteSource {
  readonly size: number;
  /** Range requests made (for the tests). */
  requests = 0;

  constructor(
    private readonly ref: RemoteFileRef,
    private readonly fetchFn: FetchFn = (url, init) => fetch(url, init),
  ) {
    this.size = ref.size;
  }

  slice(start: number, end: number): ByteRange {
    const s = Math.max(0, Math.min(start, this.size));
    const e = Math.max(s, Math.min(end, this.size));
    return { arrayBuffer: () => this.read(s, e) };
  }

  private async read(start: number, end: number): Promise<ArrayBuffer> {
    if (end <= start) return new ArrayBuffer(0);
    for (const piece of this.ref.pieces) {
      if (piece.start <= start && end <= piece.start + piece.bytes.length) {
        return piece.bytes.slice(start - piece.start, end - piece.start).buffer;
      }
    }
    this.requests++;
    const got = await fetchRange(this.fetchFn, this.ref, { start, end }, this.size);
    if ('kind' in got) throw remoteError(this.ref.fileName, this.ref.host, { kind: 'changed' });
    return got.bytes.slice().buffer;
  }
}

/**
 * The whole file in one GET, for a server that does not answer ranges, after the user said yes;
 * at most `maxBytes` (the budget of one decode), checked as it arrives.
 */
export async function downloadWhole(
  remote: RemoteUrl,
  fetchFn: FetchFn,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Blob> {
  const response = await send(fetchFn, remote, signal ? { signal } : {});
  if (!response.ok) throw statusError(remote, response);
  const declared = contentLength(response);
  const tooLarge = (bytes: number | null) =>
    remoteError(remote.fileName, remote.host, { kind: 'too-large', bytes, budget: maxBytes });
  if (declared !== null && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Blob([await response.arrayBuffer()]);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(declared);
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]);
}
