import { MemscopeError } from '../../core/errors';
import { OFFLINE_PREFIX } from '../../core/sql/offline-guard';

/**
 * Maps what DuckDB-WASM throws to MemscopeErrors. DuckDB's errors arrive from its worker as plain
 * Errors whose message is DuckDB's own text, e.g. `Parser Error: syntax error at or near "selec"`
 * followed by a blank line and a `LINE 1: ...` caret block (which duckdb-wasm 1.32 repeats twice).
 * The first paragraph becomes the message; the caret block (once) becomes the detail.
 */
export function toDbError(err: unknown): MemscopeError {
  if (err instanceof MemscopeError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const text = fromJsonError(raw.trim());

  if (/query was cancel+ed|INTERRUPT Error|Interrupted/i.test(text)) {
    return cancelledError();
  }
  // The locked engine (lockdown.ts) refusing a file, a URL, an extension or a setting.
  if (
    /^Permission Error|disabled (through|by) configuration|configuration (has been|is) locked/i.test(text)
  ) {
    return offlineError(offlineReason(text), text);
  }
  // A wasm trap leaves the DuckDB instance unusable (docs/decisions/0001-duckdb-wasm-offline.md: an autoload attempt offline traps).
  if (
    /RuntimeError|unreachable|memory access out of bounds|worker (is not set|has been terminated)/i.test(text)
  ) {
    return new MemscopeError({
      code: 'internal',
      message: 'The SQL engine stopped working.',
      hint: 'memscope restarts the engine and reloads the open files from them; run the query again then.',
      detail: text,
    });
  }

  const [head = text, ...rest] = text.split(/\n\s*\n/);
  const message = head.trim();
  const detail = dedupeParagraphs(rest).join('\n\n') || undefined;

  if (/^Out of Memory Error/i.test(message) || /could not allocate|Out of memory/i.test(message)) {
    return new MemscopeError({
      code: 'out-of-memory',
      message,
      hint: 'The query needs more memory than the tab has. Add a LIMIT, select fewer columns, or filter first.',
      detail: text,
    });
  }

  return new MemscopeError({ code: 'sql', message, hint: hintFor(message), detail });
}

/**
 * Errors from DuckDB's pending-query path arrive as JSON, e.g.
 * `{"exception_type":"Parser","exception_message":"syntax error at or near ...","position":"0"}`,
 * while runQuery/prepared paths give `Parser Error: ...`. Normalise to the latter.
 */
function fromJsonError(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof parsed.exception_message !== 'string') return text;
    const type = typeof parsed.exception_type === 'string' ? parsed.exception_type : '';
    if (type === '' || /^INTERRUPT$/i.test(type)) return parsed.exception_message;
    const label = /error$/i.test(type) ? type : `${type} Error`;
    return `${label}: ${parsed.exception_message}`;
  } catch {
    return text;
  }
}

/** The answer to SQL that would take DuckDB online (core/sql/offline-guard.ts, lockdown.ts). */
export function offlineError(message: string, detail?: string): MemscopeError {
  return new MemscopeError({
    code: 'sql',
    message,
    hint: 'Open files with "Open files" (or drop them on the page) and query the tables they create; see docs/privacy.md.',
    ...(detail ? { detail } : {}),
  });
}

function offlineReason(text: string): string {
  if (/extension/i.test(text))
    return `${OFFLINE_PREFIX}: extensions cannot be installed or loaded here (memscope reads Parquet, CSV and Arrow itself).`;
  if (/configuration/i.test(text) && /locked|change/i.test(text))
    return `${OFFLINE_PREFIX}: its settings are locked, so external access and extension loading stay off.`;
  return `${OFFLINE_PREFIX}: SQL can read only the files you open in memscope, not other files or URLs.`;
}

export function cancelledError(reason = 'The query was cancelled.'): MemscopeError {
  return new MemscopeError({ code: 'cancelled', message: reason });
}

function hintFor(message: string): string {
  if (/parquet extension|read_parquet|parquet_scan/i.test(message)) {
    return 'memscope decodes Parquet itself: open the file with "Open files" and query the table it creates.';
  }
  if (/exists in the \w+ extension|extension/i.test(message)) {
    return 'DuckDB extensions are not available offline; this function cannot be used here.';
  }
  if (/^Parser Error/i.test(message)) return 'Check the SQL syntax near the position shown.';
  // A file's table over 50K rows carries memscope's row index (core/sql/row-index.ts), which DuckDB
  // will not let ALTER … RENAME or DROP COLUMN pass.
  if (/^Dependency Error: Cannot alter entry/i.test(message))
    return 'memscope keeps an index on "__row" of each large file table (<table>__row_index) for fast sorted pages: DROP INDEX it first; the table view still works without it.';
  if (/^Catalog Error/i.test(message))
    return 'Check the table and column names; the open tables are listed beside the editor.';
  if (/^Binder Error/i.test(message)) return 'Check the column names and their types.';
  if (/^Conversion Error|^Invalid Input Error/i.test(message))
    return 'A value could not be converted: check types and casts.';
  return 'Check the query and try again.';
}

function dedupeParagraphs(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paragraphs) {
    const key = p.trim();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(p.replace(/\s+$/, ''));
  }
  return out;
}
