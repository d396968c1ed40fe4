/**
 * Typed errors with user-facing messages. Every failure that can reach the user is a MemscopeError:
 * `message` says what went wrong in words a person can act on, `hint` says what to do, `file` names
 * the file involved. Errors cross worker boundaries as plain objects (see toErrorPayload), because
 * structured clone drops the class and its extra fields.
 */

export type ErrorCode =
  | 'not-parquet' // magic bytes are not PAR1 (and the extension does not say CSV/Arrow)
  | 'encrypted' // PARE magic: Parquet modular encryption
  | 'truncated' // file shorter than its footer says
  | 'corrupt' // decoder rejected the bytes
  | 'unsupported' // valid but uses a feature the decoder lacks (codec, type)
  | 'too-large' // decoded size past the budget (decompression bomb or simply too big for a tab)
  | 'timeout' // decoder did not answer within its time budget; the worker was replaced
  | 'decoder-crash' // the wasm decoder trapped (RuntimeError: unreachable); the worker was replaced
  | 'out-of-memory'
  | 'sql' // DuckDB rejected a query
  | 'cancelled' // the user (or a newer query) cancelled the work
  | 'invalid-input' // malformed user input that is not a file (schedule JSON, form values)
  | 'network' // a file opened by URL could not be read from its server (HTTP error, CORS, CSP)
  | 'internal';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  hint?: string;
  file?: string;
  detail?: string;
}

export class MemscopeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  /** The library's own message, kept for the "details" disclosure and for bug reports. */
  readonly detail: string | undefined;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'MemscopeError';
    this.code = payload.code;
    this.hint = payload.hint;
    this.file = payload.file;
    this.detail = payload.detail;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.hint !== undefined) p.hint = this.hint;
    if (this.file !== undefined) p.file = this.file;
    if (this.detail !== undefined) p.detail = this.detail;
    return p;
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}

/** Turns anything thrown into a MemscopeError, keeping typed errors as they are. */
export function toMemscopeError(
  err: unknown,
  fallback: Omit<ErrorPayload, 'message' | 'detail'> & { message?: string },
): MemscopeError {
  if (err instanceof MemscopeError) return err;
  if (isErrorPayload(err)) return new MemscopeError(err);
  const detail = err instanceof Error ? err.message : String(err);
  return new MemscopeError({ ...fallback, message: fallback.message ?? detail, detail });
}

/** Plain-object form for postMessage. */
export function toErrorPayload(err: unknown): ErrorPayload {
  return toMemscopeError(err, { code: 'internal' }).toPayload();
}

/** One line for an alert: "experiences.parquet: the file is encrypted. Decrypt it first ..." */
export function describeError(err: ErrorPayload): string {
  // Messages from the decoders usually name the file already; do not say it twice.
  const head = err.file && !err.message.includes(err.file) ? `${err.file}: ${err.message}` : err.message;
  return err.hint ? `${head} ${err.hint}` : head;
}
