import { MemscopeError } from '../errors';

/**
 * Open by URL (issue 8 item 8, docs/data-path.md "URL files", docs/privacy.md "A URL file's
 * worker"). Pure: what the user typed becomes a checked URL; the origin it names is what one
 * parquet worker's CSP may connect to, and nothing else.
 */

export interface RemoteUrl {
  /** The URL as the URL parser serializes it (no credentials, no fragment). */
  url: string;
  /** `scheme://host[:port]`: the only place the file's workers may connect to. */
  origin: string;
  /** What the file list shows beside the name. */
  host: string;
  /** The last path segment (decoded), or the host when the path has none. */
  fileName: string;
}

/** The query parameter that asks the preview server for a worker allowed to connect to one origin. */
export const CONNECT_PARAM = 'connect';

const URL_HINT =
  'Type an http:// or https:// address of a Parquet file, e.g. https://example.org/data/memories.parquet.';

function invalid(message: string, detail?: string): MemscopeError {
  return new MemscopeError({
    code: 'invalid-input',
    message,
    hint: URL_HINT,
    ...(detail ? { detail } : {}),
  });
}

/**
 * An origin as a CSP source expression can hold it, or null: http or https, a host of letters,
 * digits, dots and dashes (punycode for other scripts: the URL parser converts) or a bracketed IPv6
 * address, an optional port; nothing else (no path, no trailing slash, no `;` or quote that would
 * end the directive).
 */
const ORIGIN_SHAPE = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:[0-9]{1,5})?$/;

/**
 * The `connect` parameter of a worker script request, checked strictly: it must be an origin and
 * exactly the origin the URL parser makes of it (so `HTTP://X`, `http://x/`, `http://x:80` and
 * `http://user@x` are refused: the caller sends what `new URL(u).origin` gives). Null: refused.
 */
export function connectOrigin(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) return null;
  if (!ORIGIN_SHAPE.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin === value ? value : null;
}

/**
 * The built scripts of the workers that read a URL file (Vite names them `parquet.worker-<hash>.js`
 * and `vector.worker-<hash>.js` under /assets/).
 */
const WORKER_SCRIPT = /^\/assets\/(parquet|vector)\.worker-[A-Za-z0-9_-]+\.js$/;

/**
 * The origin a request for a parquet or vector worker's script asks to connect to (`?connect=<origin>`),
 * for the preview server's CSP middleware (vite.config.ts), or null: not the worker script, no
 * parameter, the parameter twice, or a value that is not exactly an origin. Null means the request
 * gets the app's policy unchanged.
 */
export function workerConnectOrigin(requestUrl: string | undefined): string | null {
  if (!requestUrl?.startsWith('/') || requestUrl.startsWith('//')) return null;
  let parsed: URL;
  try {
    parsed = new URL(requestUrl, 'http://memscope.invalid');
  } catch {
    return null;
  }
  if (!WORKER_SCRIPT.test(parsed.pathname)) return null;
  const values = parsed.searchParams.getAll(CONNECT_PARAM);
  return values.length === 1 ? connectOrigin(values[0]) : null;
}

/**
 * Reads a URL the user typed.
 * @throws MemscopeError 'invalid-input' for an empty or malformed address, another scheme, or
 *   credentials in the URL (they would be sent to the server and kept in the file list)
 */
export function parseRemoteUrl(text: string): RemoteUrl {
  const trimmed = text.trim();
  if (trimmed === '') throw invalid('Type the address of a Parquet file to open it by URL.');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch (err) {
    throw invalid(`"${trimmed}" is not a URL.`, err instanceof Error ? err.message : String(err));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(`memscope opens files by http:// or https:// URLs only, not ${parsed.protocol}.`);
  }
  if (parsed.username || parsed.password) {
    throw invalid('The URL holds a user name or password: memscope does not send credentials.');
  }
  const origin = connectOrigin(parsed.origin);
  if (!origin) throw invalid(`"${parsed.host}" is not a host memscope can connect to.`);
  parsed.hash = '';
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  let fileName = parsed.host;
  const last = segments.at(-1);
  if (last !== undefined) {
    try {
      fileName = decodeURIComponent(last);
    } catch {
      fileName = last;
    }
  }
  return { url: parsed.href, origin, host: parsed.host, fileName };
}

/** The `connect-src` directive's sources in a policy, or null when the policy has none. */
function connectSources(policy: string): string[] | null {
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'connect-src') return sources;
  }
  return null;
}

/**
 * The policy with `origin` added to its `connect-src` (and only there). A policy without
 * `connect-src` is returned as it is (its `default-src` governs; the preview server's always has one).
 */
export function policyWithConnect(policy: string, origin: string): string {
  return policy
    .split(';')
    .map((directive) => {
      const trimmed = directive.trim();
      return /^connect-src(\s|$)/i.test(trimmed) ? `${trimmed} ${origin}` : trimmed;
    })
    .join('; ');
}

/**
 * Whether a worker whose script came with this CSP header may fetch from `origin`: no policy
 * allows it; `connect-src` (or else `default-src`) must list the origin itself or `*`. Only the
 * forms the app's own policies use are understood; anything else counts as a refusal (the read
 * would fail anyway, and the message says how to get a policy that allows it).
 */
export function policyAllowsConnect(policy: string | null, origin: string): boolean {
  if (policy === null || policy.trim() === '') return true;
  // Several policies (one header repeated) must each allow it.
  return policy.split(',').every((one) => {
    let sources = connectSources(one);
    if (sources === null) {
      for (const directive of one.split(';')) {
        const [name, ...rest] = directive.trim().split(/\s+/);
        if (name?.toLowerCase() === 'default-src') sources = rest;
      }
    }
    if (sources === null) return true;
    return sources.some((s) => s === '*' || s.replace(/\/$/, '').toLowerCase() === origin);
  });
}
