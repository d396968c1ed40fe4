/**
 * Statement classification for SQL the user types. The grid pages over a single read-only query as
 * `SELECT * FROM (<sql>) LIMIT ? OFFSET ?` and counts it once; anything else (DDL, INSERT, SET,
 * several statements) runs once as it is. The DbClient also uses this to decide what it may cache
 * and when tables may have changed. A tokenizer that understands comments, string literals, quoted
 * identifiers and dollar quotes is enough: we never need the parse tree, only the leading keyword of
 * each top-level statement and whether a data-changing keyword appears outside parentheses.
 */

export type StatementKind =
  /** One read-only query (SELECT / WITH / FROM / VALUES / TABLE / PIVOT / UNPIVOT): pageable. */
  | 'query'
  /** One statement that reads but cannot be wrapped in a subquery (EXPLAIN, DESCRIBE, SHOW, SUMMARIZE). */
  | 'inspect'
  /** Anything else, or several statements: run as is; may change tables. */
  | 'other'
  /** Only whitespace and comments. */
  | 'empty';

export interface StatementInfo {
  kind: StatementKind;
  /** Number of non-empty statements separated by top-level semicolons. */
  statementCount: number;
  /** Upper-cased first keyword of the first statement, or null when empty. */
  keyword: string | null;
  /**
   * The SQL without trailing semicolons and whitespace. For kind 'query' it can be wrapped as a
   * subquery; put it on its own lines (`(\n${body}\n)`) because it may end in a line comment.
   */
  body: string;
}

const QUERY_KEYWORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT']);
const INSPECT_KEYWORDS = new Set(['EXPLAIN', 'DESCRIBE', 'SHOW', 'SUMMARIZE']);
/** Keywords that make a WITH statement (or anything) data-changing when they appear at top level. */
const WRITE_KEYWORDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'COPY',
  'ATTACH',
  'DETACH',
  'INSTALL',
  'LOAD',
  'SET',
  'RESET',
  'PRAGMA',
  'CALL',
  'TRUNCATE',
  'MERGE',
  'VACUUM',
  'CHECKPOINT',
  'EXPORT',
  'IMPORT',
  'USE',
]);

interface Token {
  /** 'word' for bare words, 'punct' for one character of punctuation; literals and comments are dropped. */
  kind: 'word' | 'punct' | 'literal';
  text: string;
  start: number;
  end: number;
}

/** Tokens outside comments; string literals and quoted identifiers become single 'literal' tokens. */
export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i + 2);
      i = nl === -1 ? n : nl + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      // Block comments nest in DuckDB's (PostgreSQL-derived) parser.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      // E'...' strings allow backslash escapes; plain ones only the doubled quote.
      const backslash = c === "'" && i > 0 && /[eE]/.test(sql[i - 1]!) && tokens.at(-1)?.end === i;
      if (backslash) tokens.pop();
      i++;
      while (i < n) {
        const d = sql[i]!;
        if (backslash && d === '\\') {
          i += 2;
          continue;
        }
        if (d === c) {
          if (sql[i + 1] === c) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      tokens.push({ kind: 'literal', text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const close = sql.indexOf(tag, i + tag.length);
        const end = close === -1 ? n : close + tag.length;
        tokens.push({ kind: 'literal', text: sql.slice(i, end), start: i, end });
        i = end;
        continue;
      }
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i), start, end: i });
      continue;
    }
    tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

export function classifySql(sql: string): StatementInfo {
  const tokens = tokenizeSql(sql);
  // Split into statements at top-level semicolons.
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) statements.push(current);

  const first = statements[0];
  const lastToken = statements.at(-1)?.at(-1);
  // Keep comments after the last token out of the body only if they follow a semicolon; a trailing
  // line comment without a semicolon stays, which is why callers wrap the body on its own lines.
  const body = lastToken ? sql.slice(0, endOfStatement(sql, lastToken.end)).trim() : '';
  if (!first) return { kind: 'empty', statementCount: 0, keyword: null, body: '' };

  const keyword = leadingKeyword(first);
  const statementCount = statements.length;
  if (statementCount > 1 || keyword === null) return { kind: 'other', statementCount, keyword, body };
  if (INSPECT_KEYWORDS.has(keyword)) return { kind: 'inspect', statementCount, keyword, body };
  if (QUERY_KEYWORDS.has(keyword) && !hasTopLevelWrite(first)) {
    return { kind: 'query', statementCount, keyword, body };
  }
  return { kind: 'other', statementCount, keyword, body };
}

/**
 * The statements of a script, each as its own text (without the separating semicolons and the
 * comments between statements), for running a script one statement at a time: DuckDB-WASM can
 * interrupt a single pending statement, not a script run in one call.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let first: Token | null = null;
  let last: Token | null = null;
  for (const t of tokenizeSql(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      if (first && last) out.push(sql.slice(first.start, last.end));
      first = last = null;
    } else {
      first ??= t;
      last = t;
    }
  }
  if (first && last) out.push(sql.slice(first.start, endOfStatement(sql, last.end)).trimEnd());
  return out;
}

/** True when `sql` is a single read-only query that can be wrapped as `SELECT * FROM (sql)`. */
export function isPageableQuery(sql: string): boolean {
  return classifySql(sql).kind === 'query';
}

function leadingKeyword(statement: Token[]): string | null {
  // `(SELECT 1) UNION (SELECT 2)` starts with parentheses: look through them.
  for (const t of statement) {
    if (t.kind === 'punct' && t.text === '(') continue;
    return t.kind === 'word' ? t.text.toUpperCase() : null;
  }
  return null;
}

/**
 * `WITH a AS (...) INSERT ...` changes data; `WITH a AS (...) SELECT ...` does not. The statement
 * proper is the first top-level word after a closing parenthesis (the end of a CTE body). Other
 * statements starting with SELECT/FROM/... cannot write in DuckDB, so their words are not inspected
 * (a column named `set` or `load` would otherwise look like a write).
 */
function hasTopLevelWrite(statement: Token[]): boolean {
  if (leadingKeyword(statement) !== 'WITH') return false;
  let depth = 0;
  let afterClose = false;
  for (const t of statement) {
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') {
        depth = Math.max(0, depth - 1);
        afterClose = depth === 0;
        continue;
      }
      afterClose = false;
      continue;
    }
    if (depth === 0 && afterClose && t.kind === 'word') {
      if (WRITE_KEYWORDS.has(t.text.toUpperCase())) return true;
    }
    afterClose = false;
  }
  return false;
}

/** End of the last statement, including a trailing comment on the same statement (not after `;`). */
function endOfStatement(sql: string, lastTokenEnd: number): number {
  const rest = sql.slice(lastTokenEnd);
  const semicolon = firstSemicolonOutsideComments(rest);
  return semicolon === -1 ? sql.length : lastTokenEnd + semicolon;
}

function firstSemicolonOutsideComments(rest: string): number {
  let i = 0;
  while (i < rest.length) {
    if (rest.startsWith('--', i)) {
      const nl = rest.indexOf('\n', i);
      if (nl === -1) return -1;
      i = nl + 1;
    } else if (rest.startsWith('/*', i)) {
      const close = rest.indexOf('*/', i + 2);
      if (close === -1) return -1;
      i = close + 2;
    } else if (rest[i] === ';') return i;
    else i++;
  }
  return -1;
}
