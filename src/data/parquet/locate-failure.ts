import { tableFromIPC } from 'apache-arrow';
import { MemscopeError, type ErrorCode } from '../../core/errors';
import { parquetError, type ParquetErrorExtra } from './parquet-errors';
import type { ParquetFooter, ReadRequest } from './parquet-reader';

/**
 * Says where a failed read failed. parquet-wasm reports a damaged page as a wasm trap
 * ("RuntimeError: unreachable") that names nothing; so the failing request is read again piece
 * by piece in a separate decoder (a fresh worker: the trap poisoned the old one, and probes that
 * trap again must not take the file's own workers down): each row group of the request, then each
 * column of the failing group on its own. The first piece that fails alone is named, with its own
 * error (often clearer than the trap: a single column read may fail with the library's message).
 */

/** Failures worth locating: the data is bad or unreadable, not slow, cancelled or too big. */
const LOCATABLE: ReadonlySet<ErrorCode> = new Set(['decoder-crash', 'corrupt', 'unsupported']);

export interface ProbeSource {
  read(request: ReadRequest): Promise<Uint8Array>;
  close(): void;
}

export function isLocatable(err: unknown): err is MemscopeError {
  return err instanceof MemscopeError && LOCATABLE.has(err.code);
}

function whereOf(footer: ParquetFooter, rowGroup: number, column?: string): ParquetErrorExtra {
  const info = footer.rowGroups[rowGroup];
  return {
    rowGroup,
    ...(info && info.rows > 0 ? { rowRange: [info.firstRow, info.firstRow + info.rows - 1] } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

function relabel(err: MemscopeError, fileName: string, where: ParquetErrorExtra): MemscopeError {
  return parquetError(err.code, fileName, { ...(err.detail ? { detail: err.detail } : {}), ...where });
}

/** Resolves to a probe's error, or null when the probe read fine. */
async function fails(probe: ProbeSource, request: ReadRequest): Promise<MemscopeError | null> {
  try {
    await probe.read(request);
    return null;
  } catch (err) {
    return err instanceof MemscopeError ? err : null;
  }
}

/**
 * @param err the failure of `request`
 * @param openProbe a separate decoder for the probes (closed at the end)
 * @param deadline Date.now() after which no further probe starts: the answer is what is known
 */
export async function locateFailure(
  err: MemscopeError,
  request: ReadRequest,
  footer: ParquetFooter,
  openProbe: () => ProbeSource,
  deadline: number,
): Promise<MemscopeError> {
  const groups = request.rowGroups.filter((g) => footer.rowGroups?.[g] !== undefined);
  if (!isLocatable(err) || groups.length === 0) return err;
  const names = request.columns ?? tableFromIPC(footer.arrowSchemaIpc).schema.fields.map((f) => f.name);
  const single = names.length === 1 ? names[0] : undefined;
  if (groups.length === 1 && (single !== undefined || names.length === 0)) {
    return relabel(err, footer.fileName, whereOf(footer, groups[0] as number, single));
  }
  const probe = openProbe();
  const vectorsOf = (columns: string[]) =>
    request.vectors
      ? Object.fromEntries(Object.entries(request.vectors).filter(([c]) => columns.includes(c)))
      : undefined;
  const read = (rowGroup: number, columns: string[]) => {
    const vectors = vectorsOf(columns);
    return fails(probe, { rowGroups: [rowGroup], columns, ...(vectors ? { vectors } : {}) });
  };
  try {
    let group: number | undefined = groups.length === 1 ? groups[0] : undefined;
    for (const g of groups.length > 1 ? groups : []) {
      if (Date.now() > deadline) break;
      if (await read(g, names)) {
        group = g;
        break;
      }
    }
    if (group === undefined) return err;
    for (const column of names.length > 1 ? names : []) {
      if (Date.now() > deadline) break;
      const failure = await read(group, [column]);
      if (failure && isLocatable(failure))
        return relabel(failure, footer.fileName, whereOf(footer, group, column));
    }
    return relabel(err, footer.fileName, whereOf(footer, group, single));
  } finally {
    probe.close();
  }
}
