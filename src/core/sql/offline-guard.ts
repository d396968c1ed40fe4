import { tokenizeSql } from './statement';

/**
 * memscope keeps DuckDB offline (docs/privacy.md). The engine itself is locked after start-up
 * (`enable_external_access=false`, `lock_configuration=true`, see data/db/duckdb-client.ts), which
 * is the real defence: whatever SQL is typed, DuckDB opens no URL and no file it was not given.
 * This check runs before a statement reaches DuckDB and answers the obvious attempts in words:
 * extension management (which DuckDB-WASM would otherwise report as a success) and URL reads or
 * writes. It looks at positions where a URL is opened (after FROM/JOIN/TO/ATTACH, or as an argument
 * of a reader function), so that a URL inside ordinary text (`WHERE content LIKE 'https://%'`) is
 * not refused; anything it misses still fails in the locked engine and gets the same message
 * (offlineErrorFor in data/db/duckdb-errors.ts).
 */

export const OFFLINE_PREFIX = 'memscope keeps DuckDB offline';

/** `scheme://` at the start of a string: http(s), s3, gcs/gs, r2, az/azure/abfss, hf, ... */
const URL_LITERAL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Keywords after which a literal is a path DuckDB opens. */
const PATH_KEYWORDS = new Set(['FROM', 'JOIN', 'TO', 'ATTACH', 'DATABASE']);
/** Functions whose string arguments are paths DuckDB opens. */
const READER_FUNCTION = /^(read_\w+|\w+_scan|sniff_csv|glob|parquet_\w+|iceberg_\w+|delta_\w+)$/i;
const EXTENSION_KEYWORDS = new Set(['INSTALL', 'LOAD']);

/** The text inside a literal token's quotes (string, E-string, quoted identifier or dollar quote). */
function literalText(token: string): string {
  const dollar = /^(\$[A-Za-z_0-9]*\$)([\s\S]*)\1$/.exec(token);
  if (dollar) return dollar[2] ?? '';
  return token.slice(1, -1);
}

/**
 * Why `sql` would make DuckDB reach the network or manage extensions, as the sentence shown to the
 * user, or null when it does not try to.
 */
export function offlineViolation(sql: string): string | null {
  const tokens = tokenizeSql(sql);
  let statementStart = true;
  /** The word before each open parenthesis (null when the parenthesis is not a call). */
  const calls: (string | null)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (t.kind === 'punct') {
      if (t.text === ';') {
        statementStart = true;
        calls.length = 0;
      } else if (t.text === '(') {
        calls.push(prev?.kind === 'word' ? prev.text : null);
      } else if (t.text === ')') calls.pop();
      continue;
    }
    if (t.kind === 'word' && statementStart) {
      statementStart = false;
      const word = t.text.toUpperCase();
      const next = tokens[i + 1]?.text.toUpperCase();
      if (
        EXTENSION_KEYWORDS.has(word) ||
        (word === 'FORCE' && next === 'INSTALL') ||
        (word === 'UPDATE' && next === 'EXTENSIONS')
      ) {
        return `${OFFLINE_PREFIX}: extensions cannot be installed or loaded here (memscope reads Parquet, CSV and Arrow itself; open the file with "Open files").`;
      }
      continue;
    }
    statementStart = false;
    if (t.kind !== 'literal') continue;
    const text = literalText(t.text);
    if (!URL_LITERAL.test(text)) continue;
    const afterKeyword = prev?.kind === 'word' && PATH_KEYWORDS.has(prev.text.toUpperCase());
    const inReader = calls.some((name) => name !== null && READER_FUNCTION.test(name));
    if (afterKeyword || inReader) {
      const scheme = text.slice(0, text.indexOf(':'));
      return `${OFFLINE_PREFIX}: SQL cannot read or write URLs (${scheme}://…). Download the file and open it with "Open files"; nothing you open leaves this machine.`;
    }
  }
  return null;
}
