/**
 * The statement that profiles a query: `EXPLAIN (ANALYZE, FORMAT JSON) <query>` for a read-only
 * query, `EXPLAIN (FORMAT JSON) <query>` (the estimated plan) for a plain `EXPLAIN <query>`.
 * EXPLAIN ANALYZE runs its statement, so anything that may change data is refused rather than run
 * a second time; so are several statements (DuckDB profiles one).
 */
import { MemscopeError } from '../errors';
import { classifySql, tokenizeSql } from './statement';

export interface ProfileStatement {
  readonly sql: string;
  /** True for EXPLAIN ANALYZE (measured), false for the estimated plan. */
  readonly analyzed: boolean;
  /** The query being profiled, without any EXPLAIN the user typed. */
  readonly query: string;
}

export function profileStatement(sql: string): ProfileStatement {
  const info = classifySql(sql);
  if (info.kind === 'query') {
    return { sql: `EXPLAIN (ANALYZE, FORMAT JSON)\n${info.body}\n`, analyzed: true, query: info.body };
  }
  if (info.kind === 'inspect' && info.keyword === 'EXPLAIN') {
    // EXPLAIN [ANALYZE] [(options)] <query>: find where the query starts.
    const tokens = tokenizeSql(info.body);
    let k = 1;
    let analyze = false;
    if (tokens[k]?.kind === 'word' && tokens[k]!.text.toUpperCase() === 'ANALYZE') {
      analyze = true;
      k++;
    }
    if (tokens[k]?.text === '(') {
      let depth = 0;
      for (; k < tokens.length; k++) {
        const t = tokens[k]!;
        if (t.kind === 'word' && t.text.toUpperCase() === 'ANALYZE' && depth === 1) analyze = true;
        if (t.text === '(') depth++;
        else if (t.text === ')' && --depth === 0) {
          k++;
          break;
        }
      }
    }
    const start = tokens[k]?.start;
    const query = start === undefined ? '' : info.body.slice(start);
    if (classifySql(query).kind === 'query') {
      return {
        sql: `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON)\n${query}\n`,
        analyzed: analyze,
        query,
      };
    }
  }
  if (info.kind === 'empty') {
    throw new MemscopeError({ code: 'invalid-input', message: 'There is no query to profile.' });
  }
  throw new MemscopeError({
    code: 'invalid-input',
    message:
      info.statementCount > 1
        ? 'Only one query can be profiled at a time.'
        : 'Only a read-only query (SELECT, WITH, FROM, ...) can be profiled: profiling runs the statement again.',
    hint: 'Select a single SELECT query, or write EXPLAIN <query> for its estimated plan.',
  });
}
