/**
 * Profiles one query through the DuckDB doorway: `EXPLAIN (ANALYZE, FORMAT JSON)` (or the
 * estimated plan for a plain EXPLAIN; see src/core/sql/profile-statement.ts) and hands back the
 * plan JSON for the Plans view. EXPLAIN ANALYZE runs the query, so only read-only queries are
 * profiled.
 */
import { MemscopeError } from '../../core/errors';
import type { ProfiledQuery } from '../../core/plan/duckdb-profile';
import { profileStatement } from '../../core/sql/profile-statement';
import type { DbClient } from '../../data/db/db-client';

export async function profileQuery(
  db: DbClient,
  sql: string,
  options: { signal?: AbortSignal; channel: string; show: boolean },
): Promise<ProfiledQuery> {
  const statement = profileStatement(sql);
  const result = await db.query(statement.sql, {
    ...(options.signal ? { signal: options.signal } : {}),
    channel: options.channel,
    // A profile is a measurement: a cached one would repeat the first run's timings.
    cache: false,
  });
  const value = result.table.getChild('explain_value')?.get(0);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MemscopeError({ code: 'sql', message: 'DuckDB returned no plan for this query.' });
  }
  return {
    sql: statement.query,
    planJson: value,
    analyzed: statement.analyzed,
    at: Date.now(),
    show: options.show,
  };
}

/** True when "profile every query" applies: one read-only query (profiling runs it again). */
export function canProfile(sql: string): boolean {
  try {
    profileStatement(sql);
    return true;
  } catch {
    return false;
  }
}
