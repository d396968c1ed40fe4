import { MemscopeError } from '../../core/errors';
import { formatBytesBinary } from '../../core/format/quantities';

/**
 * The errors of a file opened by URL (docs/data-path.md, "URL files"): each names the file and the
 * server, and says what to do; what the browser or the server said stays in `detail`.
 */
export type RemoteFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'status'; status: number; statusText: string }
  | { kind: 'no-content-range' }
  | { kind: 'range-refused'; range: string }
  | { kind: 'short'; got: number; wanted: number }
  | { kind: 'changed' }
  | { kind: 'csp'; origin: string }
  | { kind: 'too-large'; bytes: number | null; budget: number };

const DROP_INSTEAD = 'or download the file and drop it here';

export function remoteError(fileName: string, host: string, failure: RemoteFailure): MemscopeError {
  const make = (message: string, hint: string, detail?: string, code: 'network' | 'too-large' = 'network') =>
    new MemscopeError({ code, file: fileName, message, hint, ...(detail ? { detail } : {}) });
  switch (failure.kind) {
    case 'unreachable':
      return make(
        `${fileName}: ${host} could not be reached, or it does not let other sites read its files (CORS).`,
        `Check the address and your connection. The server must answer with Access-Control-Allow-Origin and expose Content-Range (Access-Control-Expose-Headers) for memscope to read it by ranges; ${DROP_INSTEAD}.`,
        failure.detail,
      );
    case 'status': {
      const said = `${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}`;
      const hint =
        failure.status === 401 || failure.status === 403
          ? `memscope sends no cookies or passwords: use a public or pre-signed link, ${DROP_INSTEAD}.`
          : failure.status === 404 || failure.status === 410
            ? 'Check the address: there is no file there.'
            : `Try again later, ${DROP_INSTEAD}.`;
      return make(`${fileName}: ${host} answered ${said}.`, hint);
    }
    case 'no-content-range':
      return make(
        `${fileName}: ${host} answers byte ranges but does not let memscope read their Content-Range header, so the file's size is unknown.`,
        `The server must send Access-Control-Expose-Headers: Content-Range; ${DROP_INSTEAD}.`,
      );
    case 'range-refused':
      return make(
        `${fileName}: ${host} refused the byte range ${failure.range} (416): the file may have changed since it was opened.`,
        'Close it and open the URL again.',
      );
    case 'short':
      return make(
        `${fileName}: ${host} sent ${failure.got} bytes where ${failure.wanted} were asked for.`,
        'The connection or the server cut the answer short: try again.',
      );
    case 'changed':
      return make(
        `${fileName}: ${host} stopped answering byte ranges (or the file changed size) while it was open.`,
        `Close it and open the URL again, ${DROP_INSTEAD}.`,
      );
    case 'csp':
      return make(
        `${fileName}: this copy of memscope may not connect to ${failure.origin}: the server it runs on sends a fixed Content-Security-Policy.`,
        `Run memscope with \`npm start\` (it lets each URL file's own worker connect to exactly the address you typed), ${DROP_INSTEAD}.`,
      );
    case 'too-large':
      return make(
        `${fileName} is ${failure.bytes === null ? 'larger than' : `${formatBytesBinary(failure.bytes)}, over`} the ${formatBytesBinary(failure.budget)} memscope reads whole from a server that does not answer byte ranges.`,
        'Download the file and drop it here: files on disk are read by parts.',
        undefined,
        'too-large',
      );
  }
}
