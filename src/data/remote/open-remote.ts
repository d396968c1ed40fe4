import { MemscopeError, toMemscopeError } from '../../core/errors';
import { policyAllowsConnect, type RemoteUrl } from '../../core/url/remote-url';
import { RpcClient } from '../../workers/rpc';
import { DEFAULT_BUDGETS } from '../parquet/parquet-reader';
import type { ParquetWorkerApi } from '../parquet/worker-api';
import { parquetWorkerScriptUrl, remoteParquetWorkers } from '../parquet/worker-pool';
import type { RemoteFileRef } from './http-range-source';
import { remoteError } from './remote-errors';

/**
 * The main thread's part of Open by URL (docs/data-path.md, "URL files"). The page itself never
 * talks to the URL's origin (its CSP forbids it): every request is made by a parquet worker
 * started from `parquet.worker.js?connect=<origin>`, whose own CSP (sent by `npm start`, see
 * vite.config.ts) allows exactly that origin.
 */

export type UrlProbe =
  | { kind: 'ranges'; ref: RemoteFileRef }
  /** The server sent the whole file to a range request: ask the user before reading it whole. */
  | { kind: 'whole'; remote: RemoteUrl; size: number | null };

/**
 * Refuses early, with what to do, when the host memscope runs on sends the URL worker a policy
 * that does not allow its origin (a static host with the fixed `_headers`): the worker's request
 * would fail as a bare "Failed to fetch". The script's headers are read from the app's own origin.
 */
async function checkWorkerPolicy(remote: RemoteUrl): Promise<void> {
  let policy: string | null;
  try {
    const response = await fetch(parquetWorkerScriptUrl(remote.origin), {
      method: 'HEAD',
      cache: 'no-store',
    });
    policy = response.headers.get('Content-Security-Policy');
  } catch {
    // The app's own origin did not answer (offline?): the worker's request will say what failed.
    return;
  }
  if (!policyAllowsConnect(policy, remote.origin)) {
    throw remoteError(remote.fileName, remote.host, { kind: 'csp', origin: remote.origin });
  }
}

/** Runs one call in a fresh worker allowed to connect to the origin, then stops it. */
async function inUrlWorker<T>(
  remote: RemoteUrl,
  signal: AbortSignal | undefined,
  timeoutMs: number | null,
  run: (client: RpcClient<ParquetWorkerApi>) => Promise<T>,
): Promise<T> {
  await checkWorkerPolicy(remote);
  const client = new RpcClient<ParquetWorkerApi>(remoteParquetWorkers(remote.origin)(), () => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => client.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const work = run(client);
    if (timeoutMs === null) return await work;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new MemscopeError({
            code: 'timeout',
            file: remote.fileName,
            message: `${remote.fileName}: ${remote.host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
            hint: 'Try again later, or download the file and drop it here.',
          }),
        );
      }, timeoutMs);
    });
    return await Promise.race([work, late]);
  } catch (err) {
    if (signal?.aborted) {
      throw new MemscopeError({
        code: 'cancelled',
        file: remote.fileName,
        message: `${remote.fileName}: opening was cancelled.`,
      });
    }
    throw toMemscopeError(err, { code: 'network', file: remote.fileName });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
    client.terminate();
  }
}

/** The file's size, end (its footer) and first bytes; or that its server ignores byte ranges. */
export async function probeUrl(
  remote: RemoteUrl,
  signal?: AbortSignal,
  timeoutMs = DEFAULT_BUDGETS.timeoutMs,
): Promise<UrlProbe> {
  const result = await inUrlWorker(remote, signal, timeoutMs, (client) => client.call('probe', { remote }));
  return result.kind === 'ranges' ? result : { kind: 'whole', remote, size: result.size };
}

/**
 * The whole file (its server ignores ranges and the user said yes), as a File of the URL's name,
 * to open as a dropped file is: at most the budget of one decode.
 */
export async function downloadUrl(
  remote: RemoteUrl,
  signal?: AbortSignal,
  maxBytes = DEFAULT_BUDGETS.maxReadBytes,
): Promise<File> {
  const blob = await inUrlWorker(remote, signal, null, (client) =>
    client.call('download', { remote, maxBytes }),
  );
  return new File([blob], remote.fileName);
}
