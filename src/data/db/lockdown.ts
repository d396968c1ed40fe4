/**
 * How memscope keeps DuckDB offline, in the engine itself (docs/privacy.md). Run once per engine,
 * on its first connection, before any other SQL: the settings are global, and after
 * `lock_configuration` no SQL can change any setting again (not even these to the same value).
 * Checked against DuckDB-WASM 1.32 (engine 1.4.3) in test/db.test.ts:
 * - autoinstall/autoload off: an offline autoload attempt traps the wasm (docs/decisions/0001);
 * - allow_community_extensions off; `LOAD` fails with "Loading external extensions is disabled";
 * - enable_external_access off: DuckDB opens no URL and no file (read_csv, COPY ... TO, ATTACH);
 * - allowed_directories: the one exception, the files the app registers (under REGISTERED_DIR);
 * - lock_configuration on: `SET enable_external_access=true` (or any SET) is refused.
 * `INSTALL` still reports success when locked (it installs nothing): core/sql/offline-guard.ts
 * answers it before it reaches DuckDB.
 */

/** Files registered with DuckDB (registerFile) live under this prefix; SQL may read nothing else. */
export const REGISTERED_DIR = 'memscope/';

/** The path under which a file registered as `name` is read in SQL (a literal the app builds). */
export function registeredPath(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.'))
    throw new Error(`Invalid registered file name: ${name}`);
  return `${REGISTERED_DIR}${name}`;
}

export const LOCKDOWN_SQL = [
  'SET autoinstall_known_extensions=false',
  'SET autoload_known_extensions=false',
  'SET allow_community_extensions=false',
  `SET allowed_directories=['${REGISTERED_DIR}']`,
  'SET enable_external_access=false',
  'SET lock_configuration=true',
]
  .map((s) => `${s};`)
  .join(' ');
